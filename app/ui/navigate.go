package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// goTo goes somewhere new, remembering it for Back.
func (m *mainWindow) goTo(p place) {
	m.idle.touch()
	m.hist.visit(p)
	m.show(p)
}

// openItem goes to any item: a passage opens its piece scrolled to it.
func (m *mainWindow) openItem(r storage.ItemRef) {
	switch r.Kind {
	case storage.KindAnnotation:
		m.goTo(place{kind: placePiece, id: r.PieceID, focus: r.ID})
	case storage.KindPiece:
		m.goTo(place{kind: placePiece, id: r.ID})
	case storage.KindClaim:
		m.goTo(place{kind: placeClaim, id: r.ID})
	case storage.KindNote:
		m.goTo(place{kind: placeNote, id: r.ID})
	}
}

func (m *mainWindow) goBack() {
	if p, ok := m.hist.goBack(); ok {
		m.show(p)
	}
}

func (m *mainWindow) goForward() {
	if p, ok := m.hist.goForward(); ok {
		m.show(p)
	}
}

// show puts p in the middle of the window, once the text editor (if it is
// in view) is left.
func (m *mainWindow) show(p place) {
	m.leaveTextEditor(func() { m.display(p) })
}

// leaveTextEditor runs then at once or, when the text editor is in view
// with unsaved edits, once the researcher has said what becomes of them.
func (m *mainWindow) leaveTextEditor(then func()) {
	if m.showing(m.textEditor) {
		m.textEditor.leave(then)
		return
	}
	then()
}

// display puts p in the middle of the window and brings the sidebar in
// line, quietly: lists are selected without calling back into navigation.
func (m *mainWindow) display(p place) {
	m.saver.flush()
	switch p.kind {
	case placePiece:
		m.selectTab(0)
		m.library.selectQuietly(p.id)
		m.showPage(m.reader)
		m.app.Preferences().SetString(prefLastPiece, p.id)
		if p.focus != "" {
			m.pendingFocus = pendingSpot{piece: p.id, annotation: p.focus}
		}
		if m.reader.openPiece() == p.id {
			// Already open: keep the place in the text, but list its
			// annotations again (another view may have cleared the panel).
			m.reader.reload()
		} else {
			m.reader.open(p.id)
		}
		m.pieceLinks.show(p.id)
	case placeNote:
		m.selectTab(1)
		n := storage.Note{} // a quick note that was never written
		if p.id != "" {
			var err error
			if n, err = m.store.Note(p.id); err != nil {
				m.showError(err)
				return
			}
		}
		m.notes.selectQuietly(p.id)
		m.noteEditor.load(n, true)
		m.showPage(m.noteEditor)
		m.annotations.clear("Annotations belong to pieces; this is a note.")
	case placeClaim:
		m.selectTab(2)
		m.claims.selectQuietly(p.id)
		m.claimPage.load(p.id, true)
		m.showPage(m.claimPage)
		m.annotations.clear("Annotations belong to pieces; this is a claim.")
	case placeDisagreements:
		m.disagreements.load()
		m.showPage(m.disagreements)
		m.annotations.clear("Annotations belong to pieces; this is the list of disagreements.")
	case placeConflicts:
		m.conflicts.load()
		m.showPage(m.conflicts)
		m.annotations.clear("Annotations belong to pieces; open an item to see it.")
	case placeResults:
		m.results.show(p.query)
		m.showPage(m.results)
		m.annotations.clear("Annotations belong to pieces; open a result to read it.")
	case placeMap:
		m.mapScreen.load(p.id)
		m.showPage(m.mapScreen)
		m.annotations.clear("Annotations belong to pieces. Click a passage or claim on the map to focus on it; click it again to open it.")
	}
	m.nav.update(m.hist, m.placeTitle(p))
}

// showResults opens the results screen for a query.
func (m *mainWindow) showResults(query string) {
	m.goTo(place{kind: placeResults, query: query})
}

// showMap opens the argument map, focused on the item in view if any.
func (m *mainWindow) showMap() {
	focus := ""
	if r, ok := m.current(); ok && r.Kind != storage.KindPiece {
		focus = r.ID
	}
	m.goTo(place{kind: placeMap, id: focus})
}

// placeTitle names a place for the navigation bar.
func (m *mainWindow) placeTitle(p place) string {
	switch p.kind {
	case placeDisagreements:
		return "Disagreements"
	case placeMap:
		return "Argument map"
	case placeResults:
		return "Search: " + p.query
	case placeConflicts:
		return "Conflicts"
	}
	if p.id == "" {
		return ""
	}
	r, err := m.store.Ref(p.id)
	if err != nil {
		return ""
	}
	return itemLine(r)
}

// showTab brings a sidebar tab forward as if the user clicked it, even
// when it is already the selected one (View → Library after the map).
func (m *mainWindow) showTab(i int) {
	if m.sidebar.SelectedIndex() == i {
		m.onSidebarTab(m.sidebar.Items[i])
		return
	}
	m.sidebar.SelectIndex(i)
}

// selectTab switches the sidebar without treating it as the user's choice.
func (m *mainWindow) selectTab(i int) {
	if m.sidebar.SelectedIndex() == i {
		return
	}
	m.switchingTab = true
	m.sidebar.SelectIndex(i)
	m.switchingTab = false
}

// onSidebarTab brings back what a tab was showing when the user picks it:
// the open piece, the selected note or claim.
func (m *mainWindow) onSidebarTab(tab *container.TabItem) {
	if m.switchingTab {
		return
	}
	switch tab.Text {
	case tabLibrary:
		if id := m.reader.openPiece(); id != "" {
			m.goTo(place{kind: placePiece, id: id})
		}
	case tabNotes:
		if n, ok := m.notes.current(); ok {
			m.goTo(place{kind: placeNote, id: n.ID})
		}
	case tabClaims:
		if id := m.claims.selection(); id != "" {
			m.goTo(place{kind: placeClaim, id: id})
		}
	}
}

// navBar is the strip above the middle of the window: Back, Forward and
// where you are.
type navBar struct {
	root          *fyne.Container
	back, forward *widget.Button
	where         *widget.Label
}

func newNavBar(back, forward func()) *navBar {
	n := &navBar{where: widget.NewLabel("")}
	n.back = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), back)
	n.forward = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), forward)
	n.back.Importance, n.forward.Importance = widget.LowImportance, widget.LowImportance
	n.where.Truncation = fyne.TextTruncateEllipsis
	n.where.SizeName = theme.SizeNameCaptionText
	n.back.Disable()
	n.forward.Disable()
	n.root = container.NewBorder(nil, nil, container.NewHBox(n.back, n.forward), nil, n.where)
	return n
}

func (n *navBar) update(h history, where string) {
	n.where.SetText(where)
	if len(h.back) > 0 {
		n.back.Enable()
	} else {
		n.back.Disable()
	}
	if len(h.forward) > 0 {
		n.forward.Enable()
	} else {
		n.forward.Disable()
	}
}
