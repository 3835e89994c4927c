package ui

import (
	"fyne.io/fyne/v2/dialog"

	"commonplace/app/indexes"
	"commonplace/storage"
)

// current is the item in view that "Link to…" starts from: the selected
// passage, else the claim or note open, else the piece being read.
func (m *mainWindow) current() (storage.ItemRef, bool) {
	id := ""
	switch m.shown {
	case m.reader:
		if id = m.annEditor.annotation(); id == "" {
			id = m.reader.openPiece()
		}
	case m.claimPage:
		id = m.claimPage.claim()
	case m.noteEditor:
		id = m.noteEditor.note()
	}
	if id == "" {
		return storage.ItemRef{}, false
	}
	r, err := m.store.Ref(id)
	return r, err == nil
}

// linkFromCurrent opens the link picker for the item in view (Ctrl+L).
func (m *mainWindow) linkFromCurrent() {
	src, ok := m.current()
	if !ok {
		dialog.ShowInformation("Link to…", "Open a piece, passage, claim or note first: the link starts from it.", m.win)
		return
	}
	m.saver.flush()
	picker := newLinkPicker(m.store, m.indexes.Search.Engine(), src, m.showError, m.linked)
	picker.show(m.win.Canvas())
}

// linked confirms a link the picker made, in words, and offers to take
// it back.
func (m *mainWindow) linked(l storage.Link, sentence string) {
	m.undo.offer("Linked: "+sentence+".", func() {
		if _, err := m.store.Delete(l.ID); err != nil {
			m.showError(err)
		}
	})
}

// openText opens a piece with runes [start,end) selected and in view: a
// suggested passage that is not marked yet.
func (m *mainWindow) openText(pieceID string, start, end int) {
	m.reader.selectWhenShown(pieceID, storage.Span{Start: start, End: end})
	m.goTo(place{kind: placePiece, id: pieceID})
}

// linkSuggestion marks the suggested passage (if it is not marked already)
// and links the item to it as saying the same; undo takes back both.
func (m *mainWindow) linkSuggestion(from string, s indexes.Suggestion) {
	l, target, created, err := m.store.LinkToText(from, s.PieceID, s.Start, s.End, "same-as", "Suggested: "+s.Reason)
	if err != nil {
		m.showError(err)
		return
	}
	m.undo.offer("Linked as saying the same.", func() {
		id := l.ID
		if created {
			id = target.ID // deleting the new passage takes its link with it
		}
		if _, err := m.store.Delete(id); err != nil {
			m.showError(err)
		}
	})
}
