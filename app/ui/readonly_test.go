package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// TestReadOnlyWindow opens a notebook that cannot be written: the window
// says so in its title and a banner, shows everything, and quitting with
// words typed that could not be saved asks first instead of dropping them
// in silence.
func TestReadOnlyWindow(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := storage.OpenReadOnly(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := newTestWindow(a, r)
	defer m.win.Close()
	if !strings.HasSuffix(m.win.Title(), "(read only)") {
		t.Errorf("title %q does not say read only", m.win.Title())
	}
	if !strings.Contains(dialogText(m.win.Content()), "Read only: this notebook’s folder cannot be written here") {
		t.Error("no read-only banner")
	}
	if len(m.annotations.anns) != 2 {
		t.Fatalf("the read-only window shows %d annotations, want 2", len(m.annotations.anns))
	}
	m.annotations.list.Select(0)
	a0 := m.annEditor.current
	m.annEditor.note.SetText(a0.Note + " — typed")
	m.quit()
	top := m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(dialogText(top), "Quit without saving?") {
		t.Fatal("quitting with unsaved words did not ask first")
	}
	if got, _ := r.Annotation(a0.ID); got.Note != a0.Note {
		t.Errorf("the read-only notebook changed: %q", got.Note)
	}
}
