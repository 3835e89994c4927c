package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// inline starts background work at once, on the calling goroutine.
func inline(work func()) { work() }

// newTestWindow is the window as tests drive it: background work runs
// inline, so a test sees its result at once, and saves happen when a test
// flushes them, never from a timer mid-test.
func newTestWindow(a fyne.App, s *storage.Store) *mainWindow {
	return newMainWindowTimed(a, s, inline, time.Hour)
}

// testNotebook is a store with two pieces, annotations and a note.
func testNotebook(t *testing.T) (*storage.Store, storage.Piece) {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	old, err := s.AddPiece(storage.Piece{Title: "Older piece", Outlet: "Wire", Published: "2024-01-02"}, "Old text.")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPiece(storage.Piece{Title: "China in Afghanistan", Authors: []string{"A. Writer"}, Outlet: "The Steppe Review",
		Published: "2025-03-14", Tags: []string{"china"}},
		"Beijing worries about militants in Badakhshan.\n\nThe Wakhan corridor must stay closed, officials say.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, storage.AnnotationInput{Note: "the door", Tags: []string{"wakhan"}, Color: "green"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnnotateQuote(p.ID, "militants", 1, storage.AnnotationInput{Note: "who?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(storage.Note{Title: "Termez", Body: "Trucks at the bridge.", Place: "Termez", Attached: old.ID}); err != nil {
		t.Fatal(err)
	}
	return s, p
}

func TestWindowShowsNewestPieceWithAnnotations(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()

	if got := len(m.library.pieces.items); got != 2 {
		t.Fatalf("library has %d pieces", got)
	}
	if m.library.pieces.items[0].ID != p.ID || m.library.pieces.selected != p.ID {
		t.Fatalf("newest piece not first and selected: %+v", m.library.pieces.items[0])
	}
	if m.reader.title.Text != p.Title || !strings.Contains(richText(m.reader.byline), "The Steppe Review, 2025-03-14") {
		t.Fatalf("reader header: %q / %q", m.reader.title.Text, richText(m.reader.byline))
	}
	if len(m.annotations.anns) != 2 || m.annotations.header.Text != "Annotations (2)" {
		t.Fatalf("annotations panel: %d, %q", len(m.annotations.anns), m.annotations.header.Text)
	}
	if m.annotations.anns[0].Selector.Exact != "militants" {
		t.Fatalf("annotations not in text order: %q first", m.annotations.anns[0].Selector.Exact)
	}
}

func TestSelectingPiecesAndNotes(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()

	m.library.pieces.list.Select(1)
	if m.reader.title.Text != "Older piece" || len(m.annotations.anns) != 0 || m.annotations.empty.Hidden {
		t.Fatalf("second piece: %q with %d annotations", m.reader.title.Text, len(m.annotations.anns))
	}
	if len(m.notes.items) != 1 {
		t.Fatalf("notes = %d", len(m.notes.items))
	}
	m.notes.list.Select(0)
	if m.center.Objects[0] != m.noteEditor.root || m.noteEditor.title.Text != "Termez" || m.noteEditor.body.Text != "Trucks at the bridge." {
		t.Fatalf("note not shown: %q", m.noteEditor.title.Text)
	}
	if m.noteEditor.attached.Text != "Attached to piece: Older piece" {
		t.Fatalf("attachment: %q", m.noteEditor.attached.Text)
	}
}

func TestChangesRefreshTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()

	if _, err := s.AnnotateQuote(p.ID, "officials say", 1, storage.AnnotationInput{}); err != nil {
		t.Fatal(err)
	}
	if len(m.annotations.anns) != 3 {
		t.Fatalf("panel not refreshed: %d annotations", len(m.annotations.anns))
	}
	if got := pieceMeta(m.library.pieces.items[0]); got != "A. Writer · The Steppe Review · 2025-03-14 · 3 passages" {
		t.Fatalf("library meta = %q", got)
	}
}

// TestNoBylineNoGap: a piece with no authors, outlet, date or tags has its
// byline hidden, leaving no blank line under the title; the next piece
// with a byline shows it again.
func TestNoBylineNoGap(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	bare, err := s.AddPiece(storage.Piece{Title: "Bare notes"}, "Nothing is known of these notes.")
	if err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.openByID(bare.ID)
	if m.reader.title.Text != "Bare notes" || m.reader.byline.Visible() {
		t.Fatalf("bare piece: %q, byline shown %q", m.reader.title.Text, richText(m.reader.byline))
	}
	m.openByID(p.ID)
	if !m.reader.byline.Visible() || !strings.Contains(richText(m.reader.byline), "A. Writer") {
		t.Fatalf("byline of the next piece hidden or wrong: %q", richText(m.reader.byline))
	}
}

// TestPieceMetaNeverBlank: the library's second line names the authors
// (the first, "et al." for more), and for a piece with no metadata says
// when it was added rather than staying empty.
func TestPieceMetaNeverBlank(t *testing.T) {
	added := time.Date(2026, 12, 8, 12, 0, 0, 0, time.Local)
	for _, c := range []struct {
		p    storage.PieceSummary
		want string
	}{
		{storage.PieceSummary{Piece: storage.Piece{Created: added}}, "added 2026-12-08"},
		{storage.PieceSummary{Piece: storage.Piece{Created: added}, Annotations: 1}, "added 2026-12-08 · 1 passage"},
		{storage.PieceSummary{Piece: storage.Piece{Created: added, Authors: []string{"Amina Rahimi", "Jonas Weber"}, Published: "2025"}}, "Amina Rahimi et al. · 2025"},
	} {
		if got := pieceMeta(c.p); got != c.want {
			t.Errorf("pieceMeta = %q, want %q", got, c.want)
		}
	}
}

func TestEmptyNotebookSaysHowToStart(t *testing.T) {
	a := test.NewTempApp(t)
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := newTestWindow(a, s)
	defer m.win.Close()
	if m.library.pieces.empty.Hidden || !strings.Contains(m.library.pieces.empty.Text, "drop files on the window") {
		t.Fatal("empty library gives no hint")
	}
	if m.reader.blank.Hidden {
		t.Fatal("reader shows no placeholder")
	}
}

func TestSidebarTabsSwitchTheCenter(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()

	m.sidebar.SelectIndex(1)
	m.notes.list.Select(0)
	if m.center.Objects[0] != m.noteEditor.root || len(m.annotations.anns) != 0 || m.annotations.empty.Hidden {
		t.Fatal("a note shows the previous piece's annotations")
	}
	m.sidebar.SelectIndex(0)
	if m.center.Objects[0] != m.reader.root || m.reader.pieceID != p.ID || len(m.annotations.anns) != 2 {
		t.Fatal("going back to the library does not show the open piece")
	}
	m.sidebar.SelectIndex(1)
	if m.center.Objects[0] != m.noteEditor.root {
		t.Fatal("going back to notes does not show the selected note")
	}
}
