package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// TestUnlockWorkAndLock unlocks an encrypted notebook from the unlock
// screen (a wrong passphrase first), types a note, and locks: the note is
// saved, the store closed, the notebook's window gone and the unlock
// screen back.
func TestUnlockWorkAndLock(t *testing.T) {
	a := test.NewTempApp(t)
	dir := filepath.Join(t.TempDir(), "nb")
	pass := []byte("field notes 2026")
	s, err := storage.Open(dir, storage.EncryptNew(), storage.WithPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPiece(storage.Piece{Title: "Wakhan"}, "The Wakhan corridor must stay closed, officials say.")
	if err != nil {
		t.Fatal(err)
	}
	ann, err := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, storage.AnnotationInput{Note: "the door"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	l := &lockedNotebook{app: a, dir: dir, bg: &background{start: inline}}
	l.showUnlock()
	u := l.unlock
	test.Type(u.passphrase, "field notes 2025")
	test.Tap(u.unlockBtn)
	if l.main != nil || u.message.Text != "Wrong passphrase." || u.passphrase.Text != "" {
		t.Fatalf("a wrong passphrase: main %v, message %q", l.main != nil, u.message.Text)
	}
	test.Type(u.passphrase, string(pass))
	test.Tap(u.unlockBtn)
	m := l.main
	if m == nil || l.unlock != nil {
		t.Fatal("the right passphrase did not open the notebook's window")
	}
	if !strings.Contains(menuText(m), "Lock Now") {
		t.Error("no Lock Now in the menu of an encrypted notebook")
	}
	m.annotations.list.Select(0)
	m.annEditor.note.SetText("the door — typed before locking")

	m.lockNow()
	if l.main != nil || l.unlock == nil || l.store != nil {
		t.Fatal("locking did not close the notebook and bring back the unlock screen")
	}
	if _, err := m.store.Annotation(ann.ID); err == nil {
		t.Error("the locked window's store still reads")
	}
	s2, err := storage.Open(dir, storage.WithPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got, _ := s2.Annotation(ann.ID); got.Note != "the door — typed before locking" {
		t.Errorf("the note typed before locking was %q after", got.Note)
	}
}

// TestIdleLockWaitsForUnsavedText keeps a window open when locking would
// drop a text being edited, and never locks a plain notebook.
func TestIdleLockWaitsForUnsavedText(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	if strings.Contains(menuText(m), "Lock Now") {
		t.Error("a plain notebook offers to lock")
	}
	locked := 0
	m.onLock = func() { locked++ }
	m.idle = newIdleTimer(0, m.lockWhenIdle)
	m.goTo(place{kind: placePiece, id: p.ID})
	m.editText()
	m.textEditor.unsaved = true
	m.lockWhenIdle()
	if locked != 0 {
		t.Fatal("locked with the piece's text edited and unsaved")
	}
	m.textEditor.unsaved = false
	m.lockWhenIdle()
	if locked != 1 {
		t.Fatalf("locked %d times once nothing was pending, want 1", locked)
	}
}

// menuText is every item label of the window's main menu.
func menuText(m *mainWindow) string {
	var b strings.Builder
	for _, menu := range m.win.MainMenu().Items {
		for _, i := range menu.Items {
			b.WriteString(i.Label + "\n")
		}
	}
	return b.String()
}
