package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// pressTab presses Tab (Shift+Tab with back) on the canvas as the desktop
// driver does: a focused field that accepts Tab gets it as a key, any
// other hands the focus on (fyne's glfw window, handleKey).
func pressTab(c fyne.Canvas, back bool) {
	if f, ok := c.Focused().(fyne.Tabbable); ok && f.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	if back {
		c.FocusPrevious()
	} else {
		c.FocusNext()
	}
}

// TestTabMovesThroughTheAnnotationEditor annotates with the keyboard
// alone: Ctrl+E puts the cursor in the note; Tab goes on to the tags (the
// note gets no tab character), then to the colours, where the arrow keys
// pick one, then to the buttons; Shift+Tab goes back.
func TestTabMovesThroughTheAnnotationEditor(t *testing.T) {
	a := test.NewTempApp(t)
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := "Beijing worries about militants in Badakhshan.\n\nThe Wakhan corridor must stay closed, officials say."
	p, err := s.AddPiece(storage.Piece{Title: "Wakhan"}, text)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(a, s)
	defer m.win.Close()
	start := runeIndex(text, "Wakhan corridor")
	m.reader.text.SetSelection(start, start+len("Wakhan corridor"))
	menuItem(t, m, "Annotate Selection").Action()
	c := m.win.Canvas()
	e := m.annEditor
	if c.Focused() != e.note {
		t.Fatal("the cursor is not in the note")
	}
	test.Type(e.note, "Core claim")
	pressTab(c, false)
	if c.Focused() != e.tags {
		t.Fatalf("Tab from the note went to %T, not the tags", c.Focused())
	}
	test.Type(e.tags, "china-security, afgh")
	pressTab(c, false)
	if c.Focused() != e.colors {
		t.Fatalf("Tab from the tags went to %T, not the colours", c.Focused())
	}
	before := e.colors.selected
	e.colors.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if e.colors.selected == before {
		t.Error("the arrow key picked no other colour")
	}
	pressTab(c, false)
	if b, ok := c.Focused().(*widget.Button); !ok || b.Text != "Delete" {
		t.Fatalf("Tab from the colours went to %T, not the Delete button", c.Focused())
	}
	pressTab(c, true)
	pressTab(c, true)
	if c.Focused() != e.tags {
		t.Fatalf("Shift+Tab twice from Delete went to %T, not the tags", c.Focused())
	}
	menuItem(t, m, "Back to the Text").Action()
	if f := fmt.Sprintf("%T", c.Focused()); f != "*widgets.textPage" {
		t.Errorf("Back to the Text put the focus on %s", f)
	}
	m.saver.flush()
	anns, _ := s.AnnotationsOf(p.ID)
	if len(anns) != 1 || anns[0].Note != "Core claim" || strings.Join(anns[0].Tags, ",") != "china-security,afgh" || anns[0].Color == before {
		t.Fatalf("saved %+v", anns)
	}
}

// TestLongPassageLeavesTheNoteInView marks a long paragraph: the quote is
// clamped to its start and end (the whole on demand), and the note, which
// has the cursor, is in view in the editor.
func TestLongPassageLeavesTheNoteInView(t *testing.T) {
	a := test.NewTempApp(t)
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	para := strings.TrimSpace(strings.Repeat("Trucks queue at the bridge at Termez for days while the fees double and the drivers wait. ", 14))
	text := "The bridge\n\n" + para + "\n\nThe end."
	if _, err := s.AddPiece(storage.Piece{Title: "Termez"}, text); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.win.Resize(fyne.NewSize(1280, 560)) // a low window: the editor is short
	start := runeIndex(text, para)
	m.reader.text.SetSelection(start, start+len([]rune(para)))
	menuItem(t, m, "Annotate Selection").Action()
	e := m.annEditor
	shown := []rune(e.quote.Text)
	if len(shown) > quoteClampRunes+4 || !strings.Contains(e.quote.Text, " … ") || e.wholeQuote.Hidden {
		t.Fatalf("the quote is not clamped: %d runes shown of %d", len(shown), len([]rune(para)))
	}
	inView := func(what string, o fyne.CanvasObject) {
		t.Helper()
		drv := fyne.CurrentApp().Driver()
		top := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(e.root).Y
		if top < 0 || top+o.Size().Height > e.root.Size().Height {
			t.Errorf("the %s is out of view: at %v–%v in an editor %v high", what, top, top+o.Size().Height, e.root.Size().Height)
		}
	}
	inView("note", e.note)
	// Tab on: each field, when it gets the focus, is scrolled into view.
	c := m.win.Canvas()
	pressTab(c, false)
	inView("tags field", e.tags)
	pressTab(c, false)
	inView("colour row", e.colors)
	test.Tap(e.wholeQuote)
	if e.quote.Text != "“"+para+"”" {
		t.Error("Show the whole passage did not show it")
	}
}

func TestElideMiddle(t *testing.T) {
	s := "one two three four five six seven eight nine ten"
	got := elideMiddle(s, 12, 8)
	if got != "one two … nine ten" {
		t.Errorf("elideMiddle = %q", got)
	}
	if elideMiddle("short", 12, 8) != "short" {
		t.Error("a short text was cut")
	}
}

// TestNavigationBarFollowsTheTitle: a quick note's header names it by the
// title given after its first words, at once, not once it is reopened.
func TestNavigationBarFollowsTheTitle(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.quickNote()
	test.Type(m.noteEditor.body, "I crossed at Termez at dawn.")
	m.saver.flush()
	test.Type(m.noteEditor.title, "Termez bridge")
	m.saver.flush()
	if got := m.nav.where.Text; !strings.Contains(got, "Termez bridge") {
		t.Fatalf("the header says %q", got)
	}
}

// holdBackgroundWork keeps the window's background work from starting
// until the returned finish runs it all, in order (work it starts
// included): what the window shows meanwhile can be looked at.
func holdBackgroundWork(m *mainWindow) (finish func()) {
	var held []func()
	m.bg.start = func(work func()) { held = append(held, work) }
	return func() {
		for len(held) > 0 {
			work := held[0]
			held = held[1:]
			work()
		}
	}
}

// otherPiece is a piece of s other than id.
func otherPiece(t *testing.T, s *storage.Store, id string) string {
	t.Helper()
	pieces, _ := s.Pieces()
	for _, q := range pieces {
		if q.ID != id {
			return q.ID
		}
	}
	t.Fatal("the notebook holds no other piece")
	return ""
}

// TestOpeningAPieceSaysSo: while a piece is read and laid out, the reader
// says it is opening it — not "select a piece", not the last piece's text
// — and shows it once loaded.
func TestOpeningAPieceSaysSo(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	finish := holdBackgroundWork(m)
	other := otherPiece(t, s, p.ID)
	m.goTo(place{kind: placePiece, id: other})
	r := m.reader
	if r.text.Visible() || !r.blank.Visible() || r.blank.Text != openingMessage {
		t.Fatalf("while loading: text shown %v, message %q", r.text.Visible(), r.blank.Text)
	}
	finish()
	if !r.text.Visible() || r.blank.Visible() || r.shownPiece() != other {
		t.Fatalf("after loading: text shown %v, message shown %v, piece %q", r.text.Visible(), r.blank.Visible(), r.shownPiece())
	}
}

// TestAPieceThatCannotBeReadClosesTheReader: a piece gone between the
// click and the read leaves no "Opening…" for good, and no other piece's
// passages in the panel beside it.
func TestAPieceThatCannotBeReadClosesTheReader(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	if len(m.annotations.anns) == 0 {
		t.Fatal("the piece's passages are not listed")
	}
	finish := holdBackgroundWork(m)
	other := otherPiece(t, s, p.ID)
	m.goTo(place{kind: placePiece, id: other})
	if _, err := s.Delete(other); err != nil {
		t.Fatal(err)
	}
	finish()
	r := m.reader
	if r.blank.Text != noPieceMessage || !r.blank.Visible() || r.text.Visible() {
		t.Errorf("after a failed read the reader says %q (shown %v), text shown %v", r.blank.Text, r.blank.Visible(), r.text.Visible())
	}
	if len(m.annotations.anns) != 0 {
		t.Errorf("the panel still lists %d passages of the piece shown before", len(m.annotations.anns))
	}
}
