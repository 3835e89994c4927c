package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/widgets"
)

// newClaim starts an empty claim and opens it to type its statement.
func (m *mainWindow) newClaim() {
	m.askClaim(nil)
}

// claimFromSelection makes the selected passage — the text selected in the
// reader, or else the annotation selected in the panel — evidence for a new
// or an existing claim. Selected text is only marked once the claim is
// chosen: cancelling leaves nothing behind.
func (m *mainWindow) claimFromSelection() {
	piece, inView := m.pieceInView()
	if start, end := m.reader.wordSelection(); end > start && inView {
		colour := m.annEditor.colour()
		m.askClaim(func(b *storage.Batch) (string, error) {
			a, err := b.Annotate(piece, start, end, storage.AnnotationInput{Color: colour})
			return a.ID, err
		})
		return
	}
	if id := m.annEditor.annotation(); id != "" && inView {
		m.evidenceFor(id)
		return
	}
	dialog.ShowInformation("New claim from selection", "Select the words of a passage in the text, or a passage in the annotations list, first.", m.win)
}

// evidenceFor makes the passage with id evidence for a new or existing claim.
func (m *mainWindow) evidenceFor(id string) {
	m.askClaim(func(*storage.Batch) (string, error) { return id, nil })
}

// askClaim asks for a new claim's statement or an existing claim, then
// (in one transaction) gets the evidence from evidence — nil for a claim
// with none yet — adds it, and opens the claim.
func (m *mainWindow) askClaim(evidence func(b *storage.Batch) (string, error)) {
	statement := widgets.NewProseEntry()
	statement.SetMinRowsVisible(3)
	statement.SetPlaceHolder("The claim, in your words: e.g. “China’s security engagement in Afghanistan is driven by fear of Uighur militancy”")
	existing := m.claims.listed()
	chosen := ""
	content := fyne.CanvasObject(statement)
	if evidence != nil && len(existing) > 0 {
		options := make([]string, len(existing))
		for i, c := range existing {
			options[i] = fmt.Sprintf("%s (%s)", storage.Excerpt(c.Statement, 90), c.ID[len(c.ID)-4:])
		}
		pick := widget.NewSelect(options, func(s string) {
			if i := slices.Index(options, s); i >= 0 {
				chosen = existing[i].ID
			}
		})
		pick.PlaceHolder = "…or add it to an existing claim"
		content = container.NewVBox(widget.NewLabel("New claim:"), statement, widget.NewLabel("Or an existing claim:"), pick)
	}
	title := "New claim"
	if evidence != nil {
		title = "Evidence for a claim"
	}
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(title, "OK", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		id, err := m.saveClaimChoice(chosen, statement.Text, evidence)
		if err != nil {
			d.Show() // again, with what was typed, under the message
			m.showError(err)
			return
		}
		m.reader.clearSelection()
		m.goTo(place{kind: placeClaim, id: id})
	}, m.win)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
	m.win.Canvas().Focus(statement)
}

// saveClaimChoice adds the evidence to the chosen claim, or creates the
// claim the statement describes, in one transaction.
func (m *mainWindow) saveClaimChoice(chosen, statement string, evidence func(b *storage.Batch) (string, error)) (string, error) {
	if chosen != "" && strings.TrimSpace(statement) != "" {
		return "", fmt.Errorf("write a new claim or pick an existing one, not both")
	}
	if chosen == "" && strings.TrimSpace(statement) == "" {
		return "", fmt.Errorf("write the claim's statement, or pick an existing claim")
	}
	id := chosen
	err := m.store.Batch(func(b *storage.Batch) error {
		var ev []string
		if evidence != nil {
			eid, err := evidence(b)
			if err != nil {
				return err
			}
			ev = []string{eid}
		}
		if chosen != "" {
			c, err := b.Claim(chosen)
			if err != nil {
				return err
			}
			c.Evidence = append(c.Evidence, ev...)
			_, err = b.UpdateClaim(c)
			return err
		}
		c, err := b.AddClaim(storage.Claim{Statement: statement, Evidence: ev})
		id = c.ID
		return err
	})
	return id, err
}

// removeEvidence takes a passage out of a claim's evidence (the passage
// itself stays). Undo puts it back into the claim as it is then, keeping
// any edit made since.
func (m *mainWindow) removeEvidence(c storage.Claim, annotationID string) {
	m.saver.flushKey(c.ID)
	if _, err := m.store.SetEvidence(c.ID, annotationID, false); err != nil {
		m.showError(err)
		return
	}
	m.undo.offer("Passage removed from the claim's evidence.", func() {
		if _, err := m.store.SetEvidence(c.ID, annotationID, true); err != nil {
			m.showError(err)
		}
	})
}

// deleteClaim deletes a claim and its links, with undo, and returns to
// the piece being read.
func (m *mainWindow) deleteClaim(c storage.Claim) {
	if !m.deleteWithUndo(c.ID, "Claim", nil, func() { m.goTo(place{kind: placeClaim, id: c.ID}) }) {
		return
	}
	m.claimPage.forget()
	m.claims.preselect("")
	if id := m.reader.openPiece(); id != "" {
		m.goTo(place{kind: placePiece, id: id})
	} else {
		m.showPage(m.reader)
		m.nav.update(m.hist, "")
	}
}

// deleteLink deletes a link, with undo.
func (m *mainWindow) deleteLink(v storage.LinkView) {
	m.deleteWithUndo(v.ID, "Link", nil, nil)
}
