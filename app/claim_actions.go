package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// newClaim starts an empty claim and opens it to type its statement.
func (m *mainWindow) newClaim() {
	m.askClaim(nil)
}

// claimFromSelection makes the selected passage — the text selected in the
// reader (marked first), or the annotation selected in the panel — evidence
// for a new or an existing claim.
func (m *mainWindow) claimFromSelection() {
	var evidence string
	if start, end := m.reader.wordSelection(); end > start && m.showing(m.reader.root) {
		a, err := m.nb.Annotate(m.reader.pieceID, start, end, storage.AnnotationInput{Color: m.annEditor.colors.selected})
		if err != nil {
			m.showError(err)
			return
		}
		m.reader.clearSelection()
		m.annotations.preselect(a.ID)
		m.reader.reload()
		evidence = a.ID
	} else if m.annEditor.current.ID != "" {
		evidence = m.annEditor.current.ID
	} else {
		dialog.ShowInformation("New claim from selection", "Select the words of a passage in the text, or a passage in the annotations list, first.", m.win)
		return
	}
	m.askClaim(&evidence)
}

// askClaim asks for a new claim's statement, or (with evidence) lets the
// researcher pick an existing claim instead, then opens the claim.
func (m *mainWindow) askClaim(evidence *string) {
	statement := widget.NewMultiLineEntry()
	statement.Wrapping = fyne.TextWrapWord
	statement.SetMinRowsVisible(3)
	statement.SetPlaceHolder("The claim, in your words: e.g. “China’s security engagement in Afghanistan is driven by fear of Uighur militancy”")
	existing := m.claims.claims
	chosen := ""
	content := fyne.CanvasObject(statement)
	if evidence != nil && len(existing) > 0 {
		options := make([]string, len(existing))
		for i, c := range existing {
			options[i] = storage.Excerpt(c.Statement, 90)
		}
		pick := widget.NewSelect(options, func(s string) {
			for i, o := range options {
				if o == s {
					chosen = existing[i].ID
				}
			}
		})
		pick.PlaceHolder = "…or add it to an existing claim"
		content = container.NewVBox(widget.NewLabel("New claim:"), statement, widget.NewLabel("Or an existing claim:"), pick)
	}
	title := "New claim"
	if evidence != nil {
		title = "Evidence for a claim"
	}
	d := dialog.NewCustomConfirm(title, "OK", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		id, err := m.saveClaimChoice(chosen, statement.Text, evidence)
		if err != nil {
			m.showError(err)
			return
		}
		m.goTo(place{kind: placeClaim, id: id})
	}, m.win)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
	m.win.Canvas().Focus(statement)
}

// saveClaimChoice adds evidence to the chosen claim, or creates the claim
// the statement describes.
func (m *mainWindow) saveClaimChoice(chosen, statement string, evidence *string) (string, error) {
	var ev []string
	if evidence != nil {
		ev = []string{*evidence}
	}
	if chosen != "" {
		c, err := m.nb.Claim(chosen)
		if err != nil {
			return "", err
		}
		c.Evidence = append(c.Evidence, ev...)
		_, err = m.nb.UpdateClaim(c)
		return c.ID, err
	}
	if strings.TrimSpace(statement) == "" {
		return "", fmt.Errorf("write the claim's statement, or pick an existing claim")
	}
	c, err := m.nb.AddClaim(storage.Claim{Statement: statement, Evidence: ev})
	return c.ID, err
}

// removeEvidence takes a passage out of a claim's evidence (the passage
// itself stays).
func (m *mainWindow) removeEvidence(c storage.Claim, annotationID string) {
	m.saver.flushKey(c.ID)
	before := c
	c.Evidence = nil
	for _, id := range before.Evidence {
		if id != annotationID {
			c.Evidence = append(c.Evidence, id)
		}
	}
	if _, err := m.nb.UpdateClaim(c); err != nil {
		m.showError(err)
		return
	}
	m.undo.offer("Passage removed from the claim's evidence.", func() {
		if _, err := m.nb.UpdateClaim(before); err != nil {
			m.showError(err)
		}
	})
}

// deleteClaim deletes a claim and its links, with undo.
func (m *mainWindow) deleteClaim(c storage.Claim) {
	m.saver.flushKey(c.ID)
	rep, err := m.nb.Delete(c.ID)
	if err != nil {
		m.showError(err)
		return
	}
	msg := "Claim deleted"
	if rep.Links > 0 {
		msg += " (with " + plural(rep.Links, "link") + ")"
	}
	m.claimPage.current = storage.Claim{}
	m.showCenter(m.reader.root)
	removed := rep.Removed
	m.undo.offer(msg+".", func() {
		if err := m.nb.Restore(removed); err != nil {
			m.showError(err)
			return
		}
		m.goTo(place{kind: placeClaim, id: c.ID})
	})
}

// deleteLink deletes a link, with undo.
func (m *mainWindow) deleteLink(v storage.LinkView) {
	rep, err := m.nb.Delete(v.ID)
	if err != nil {
		m.showError(err)
		return
	}
	removed := rep.Removed
	m.undo.offer("Link deleted.", func() {
		if err := m.nb.Restore(removed); err != nil {
			m.showError(err)
		}
	})
}
