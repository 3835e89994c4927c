package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"commonplace/storage"
)

// annotateSelection marks the selected text and puts the cursor in the new
// annotation's note.
func (m *mainWindow) annotateSelection() {
	start, end := m.reader.wordSelection()
	if m.reader.pieceID == "" || end <= start || !m.showing(m.reader.root) {
		return // the selection belongs to a piece not in view
	}
	a, err := m.nb.Annotate(m.reader.pieceID, start, end, storage.AnnotationInput{Color: m.annEditor.colors.selected})
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

// deleteAnnotation deletes a, saying what went with it, and offers undo.
func (m *mainWindow) deleteAnnotation(a storage.Annotation) {
	m.saver.flushKey(a.ID)
	rep, err := m.nb.Delete(a.ID)
	if err != nil {
		m.showError(err)
		return
	}
	msg := "Annotation deleted"
	var with []string
	if rep.Links > 0 {
		with = append(with, plural(rep.Links, "link"))
	}
	if rep.Evidence > 0 {
		with = append(with, fmt.Sprintf("evidence for %s", plural(rep.Evidence, "claim")))
	}
	if len(with) > 0 {
		msg += " (with " + strings.Join(with, ", ") + ")"
	}
	if rep.Detached > 0 {
		msg += "; " + plural(rep.Detached, "note") + " attached to it kept, unattached"
	}
	removed := rep.Removed
	m.undo.offer(msg+".", func() {
		m.annotations.preselect(a.ID)
		if err := m.nb.Restore(removed); err != nil {
			m.showError(err)
		}
	})
}

// reanchor puts a flagged annotation on the selected text.
func (m *mainWindow) reanchor(a storage.Annotation) {
	start, end := m.reader.wordSelection()
	if end <= start {
		dialog.ShowInformation("Re-attach", "Select the words this passage now refers to, then press Re-attach.", m.win)
		return
	}
	if _, err := m.nb.Reanchor(a.ID, start, end); err != nil {
		m.showError(err)
		return
	}
	m.reader.clearSelection()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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
		m.showCenter(m.noteEditor.root)
		m.noteEditor.startNew(attach, m.win.Canvas())
		m.annotations.clear("Annotations belong to pieces; this is a note.")
		m.nav.update(m.hist, "New note")
	})
}

// editText switches the middle of the window to editing the open piece's text.
func (m *mainWindow) editText() {
	if m.reader.pieceID == "" || !m.showing(m.reader.root) {
		return
	}
	m.saver.flush()
	if err := m.textEditor.open(m.reader.pieceID); err != nil {
		m.showError(err)
		return
	}
	m.showCenter(m.textEditor.root)
}

// onTextEdited returns from the text editor to the reader.
func (m *mainWindow) onTextEdited(bool) {
	m.showCenter(m.reader.root)
	m.reader.reload()
}

// findInPiece opens the find bar over the piece being read.
func (m *mainWindow) findInPiece() {
	if m.reader.pieceID == "" {
		return
	}
	if !m.showing(m.reader.root) {
		m.goTo(place{kind: placePiece, id: m.reader.pieceID})
	}
	m.reader.find.open(m.win.Canvas())
}

// deletePiece deletes the open piece after saying what goes with it, with
// undo.
func (m *mainWindow) deletePiece() {
	id := m.reader.pieceID
	if id == "" || !m.showing(m.reader.root) {
		return
	}
	p, err := m.nb.Piece(id)
	if err != nil {
		m.showError(err)
		return
	}
	anns := len(m.annotations.anns)
	msg := fmt.Sprintf("Delete “%s”?", storage.Excerpt(p.Title, 80))
	if anns > 0 {
		msg += fmt.Sprintf("\n\nIts %s and their links go with it; notes attached to them are kept. You can undo this.", plural(anns, "annotation"))
	}
	dialog.ShowConfirm("Delete piece", msg, func(ok bool) {
		if !ok {
			return
		}
		m.saver.flush()
		rep, err := m.nb.Delete(id)
		if err != nil {
			m.showError(err)
			return
		}
		m.reader.pieceID = ""
		m.library.selected = ""
		m.showCenter(m.reader.root)
		m.reader.showBlank()
		m.annotations.clear("")
		text := "Piece deleted"
		var with []string
		if rep.Annotations > 0 {
			with = append(with, plural(rep.Annotations, "annotation"))
		}
		if rep.Links > 0 {
			with = append(with, plural(rep.Links, "link"))
		}
		if len(with) > 0 {
			text += " with " + strings.Join(with, " and ")
		}
		removed := rep.Removed
		m.undo.offer(text+".", func() {
			if err := m.nb.Restore(removed); err != nil {
				m.showError(err)
				return
			}
			m.goTo(place{kind: placePiece, id: id})
		})
	}, m.win)
}

// deleteNote deletes the note being edited, with undo.
func (m *mainWindow) deleteNote() {
	n := m.noteEditor.current
	if n.ID == "" {
		return
	}
	m.saver.flushKey(n.ID)
	rep, err := m.nb.Delete(n.ID)
	if err != nil {
		m.showError(err)
		return
	}
	m.noteEditor.load(storage.Note{}, true)
	m.notes.selected = ""
	text := "Note deleted"
	if rep.Links > 0 {
		text += " with " + plural(rep.Links, "link")
	}
	removed := rep.Removed
	m.undo.offer(text+".", func() {
		if err := m.nb.Restore(removed); err != nil {
			m.showError(err)
			return
		}
		m.goTo(place{kind: placeNote, id: n.ID})
	})
}
