package ui

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"commonplace/storage"
)

// annotateSelection marks the selected text and puts the cursor in the new
// annotation's note.
func (m *mainWindow) annotateSelection() {
	id, ok := m.pieceInView()
	start, end := m.reader.wordSelection()
	if !ok || end <= start {
		return // no piece in view, or nothing selected in it
	}
	a, err := m.store.Annotate(id, start, end, storage.AnnotationInput{Color: m.annEditor.colour()})
	if err != nil {
		m.showError(err)
		return
	}
	m.reader.clearSelection()
	m.focusNewNote = true
	m.annotations.preselect(a.ID)
	// The store's change notice may already have reloaded the piece (it
	// comes before Annotate returns); reload so the panel surely shows a,
	// selects it and calls onAnnotationsShown.
	m.reader.reload()
}

// deleteAnnotation deletes a, saying what went with it, and offers undo,
// which selects it again.
func (m *mainWindow) deleteAnnotation(a storage.Annotation) {
	m.deleteWithUndo(a.ID, "Annotation", func() { m.annotations.preselect(a.ID) }, nil)
}

// reanchor puts a flagged annotation on the selected text.
func (m *mainWindow) reanchor(a storage.Annotation) {
	start, end := m.reader.wordSelection()
	if end <= start {
		dialog.ShowInformation("Re-attach", "Select the words this passage now refers to, then press Re-attach.", m.win)
		return
	}
	if _, err := m.store.Reanchor(a.ID, start, end); err != nil {
		m.showError(err)
		return
	}
	m.reader.clearSelection()
}

// quickNote starts a note attached to what is in view: the selected
// passage, else the open piece.
func (m *mainWindow) quickNote() {
	attach := ""
	if r, ok := m.current(); ok && r.Kind != storage.KindNote {
		attach = r.ID
	}
	m.leaveTextEditor(func() {
		m.saver.flush()
		m.hist.visit(place{kind: placeNote}) // its id comes with its first words
		m.selectTab(1)
		m.notes.selectQuietly("")
		m.showPage(m.noteEditor)
		m.noteEditor.startNew(attach, m.win.Canvas())
		m.annotations.clear("Annotations belong to pieces; this is a note.")
		m.nav.update(m.hist, "New note")
	})
}

// editText switches the middle of the window to editing the open piece's text.
func (m *mainWindow) editText() {
	id, ok := m.pieceInView()
	if !ok {
		return
	}
	m.saver.flush()
	if err := m.textEditor.open(id); err != nil {
		m.showError(err)
		return
	}
	m.showPage(m.textEditor)
}

// onTextEdited returns from the text editor to the reader.
func (m *mainWindow) onTextEdited(bool) {
	m.showPage(m.reader)
	m.reader.reload()
}

// findInPiece opens the find bar over the piece being read.
func (m *mainWindow) findInPiece() {
	id := m.reader.openPiece()
	if id == "" {
		return
	}
	if !m.showing(m.reader) {
		m.goTo(place{kind: placePiece, id: id})
	}
	m.reader.openFind(m.win.Canvas())
}

// focusText puts the keyboard focus on the open piece's text, where the
// arrow keys move and Shift+arrows select: the way back from an editor
// for a researcher without a mouse.
func (m *mainWindow) focusText() {
	id := m.reader.openPiece()
	if id == "" {
		return
	}
	if !m.showing(m.reader) {
		m.goTo(place{kind: placePiece, id: id})
	}
	m.reader.text.Focus(m.win.Canvas())
}

// deletePiece deletes the open piece after saying what goes with it, with
// undo.
func (m *mainWindow) deletePiece() {
	p, ok := m.readPieceInView()
	if !ok {
		return
	}
	id := p.ID
	msg := fmt.Sprintf("Delete “%s”?", storage.Excerpt(p.Title, 80))
	if n := m.annotations.count(); n > 0 {
		msg += fmt.Sprintf("\n\nIts %s and their links go with it; notes attached to them are kept. You can undo this.", plural(n, "annotation", "annotations"))
	}
	dialog.ShowConfirm("Delete piece", msg, func(ok bool) {
		if !ok || !m.deleteWithUndo(id, "Piece", nil, func() { m.goTo(place{kind: placePiece, id: id}) }) {
			return
		}
		m.reader.close()
		m.showPage(m.reader)
	}, m.win)
}

// deleteNote deletes the note being edited, with undo.
func (m *mainWindow) deleteNote() {
	id := m.noteEditor.note()
	if id == "" || !m.deleteWithUndo(id, "Note", nil, func() { m.goTo(place{kind: placeNote, id: id}) }) {
		return
	}
	m.noteEditor.load(storage.Note{}, true)
	m.notes.preselect("")
}

// deleteWithUndo deletes an item (what names its kind for the message),
// says in the undo bar what went with it, and offers to bring it all back.
// Pending edits are written first. restoring runs just before an undo puts
// the item back, restored just after; either may be nil. It reports
// whether the item was deleted.
func (m *mainWindow) deleteWithUndo(id, what string, restoring, restored func()) bool {
	m.saver.flush()
	rep, err := m.store.Delete(id)
	if err != nil {
		m.showError(err)
		return false
	}
	msg := what + " deleted"
	if more := rep.Summary(); more != "" {
		msg += " " + more
	}
	removed := rep.Removed
	m.undo.offer(msg+".", func() {
		if restoring != nil {
			restoring()
		}
		if err := m.store.Restore(removed); err != nil {
			m.showError(err)
			return
		}
		if restored != nil {
			restored()
		}
	})
	return true
}
