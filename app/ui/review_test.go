package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// These tests pin down faults a review found: each failed before its fix.

func TestEditedTextIsWhatTheReaderShows(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	m.editText()
	m.textEditor.paras[0] = "Kabul worries about militants in Badakhshan."
	m.textEditor.save()
	if got := m.reader.loadedText; !strings.HasPrefix(got, "Kabul worries") {
		t.Fatalf("the reader still shows the old text: %q", got)
	}
	m.reader.text.SelectAll()
	if m.reader.text.SelectedText() != m.reader.loadedText {
		t.Fatal("the text widget and the reader disagree")
	}
}

func TestNoteDetachedWhileOpenKeepsItsWords(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	n, err := s.AddNote(storage.Note{Body: "On the corridor", Attached: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	m.goTo(place{kind: placeNote, id: n.ID})
	body := m.noteEditor.body
	body.SetText(body.Text + " and its guards") // typed at the end
	// The piece goes while the note is open: the note is detached.
	if _, err := s.Delete(p.ID); err != nil {
		t.Fatal(err)
	}
	if m.noteEditor.current.Attached != "" || !strings.Contains(m.noteEditor.attached.Text, "Not attached") {
		t.Fatalf("the editor still shows the note attached: %q", m.noteEditor.attached.Text)
	}
	body.SetText(body.Text + ".")
	m.saver.flush()
	got, _ := s.Note(n.ID)
	if got.Attached != "" || got.Body != "On the corridor and its guards." {
		t.Fatalf("saved note: %+v", got)
	}
	if rep, _ := s.Check(); !rep.OK() {
		t.Fatal(rep.Problems)
	}
}

func TestUndoRemovedEvidenceKeepsNewStatement(t *testing.T) {
	m, s := demoWindow(t)
	wakhan := annotationWith(t, s, "less a trade route than a door")
	id, err := m.saveClaimChoice("", "Beijing wants the Wakhan shut", func(*storage.Batch) (string, error) { return wakhan.ID, nil })
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Claim(id)
	m.goTo(place{kind: placeClaim, id: id})
	m.removeEvidence(c, wakhan.ID)
	m.claimPage.statement.SetText("Beijing wants the Wakhan sealed")
	m.saver.flush()
	m.undo.run()
	got, _ := s.Claim(id)
	if got.Statement != "Beijing wants the Wakhan sealed" || len(got.Evidence) != 1 {
		t.Fatalf("after undo: %q with %d evidence", got.Statement, len(got.Evidence))
	}
}

func TestAnnotateDoesNothingWhenThePieceIsNotInView(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	m.reader.text.SetSelection(0, 7) // "Beijing"
	notes, _ := s.Notes()
	m.goTo(place{kind: placeNote, id: notes[0].ID})
	menuItem(t, m, "Annotate Selection").Action()
	if anns, _ := s.AnnotationsOf(p.ID); len(anns) != 2 {
		t.Fatalf("a piece out of view was annotated: %d annotations", len(anns))
	}
}

func TestQuickNoteIsAPlaceInHistory(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	m.quickNote()
	test.Type(m.noteEditor.body, "Customs at Ishkashim")
	id := m.noteEditor.current.ID
	m.goBack()
	if !m.showing(m.reader) || m.reader.pieceID != p.ID {
		t.Fatal("Back did not return to the piece")
	}
	m.goForward()
	if !m.showing(m.noteEditor) || m.noteEditor.current.ID != id || m.noteEditor.body.Text != "Customs at Ishkashim" {
		t.Fatalf("Forward did not return to the quick note: %q", m.noteEditor.current.ID)
	}
}

func TestChangesWhileANoteIsShownLeaveThePanelAlone(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	notes, _ := s.Notes()
	m.goTo(place{kind: placeNote, id: notes[0].ID})
	if _, err := s.AnnotateQuote(p.ID, "officials", 1, storage.AnnotationInput{Note: "which?"}); err != nil {
		t.Fatal(err)
	}
	if len(m.annotations.anns) != 0 {
		t.Fatalf("the annotations panel was filled behind a note: %d", len(m.annotations.anns))
	}
}
