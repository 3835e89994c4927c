package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"commonplace/storage"
	"commonplace/storage/textnorm"
)

// archiveNotebook is a notebook holding the seven-article archive the
// importer's tests use, with a passage in its third article.
func archiveNotebook(t *testing.T) (*storage.Store, storage.Piece, storage.Annotation) {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	data, err := os.ReadFile("../../storage/importer/testdata/archive/seven.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPiece(storage.Piece{Title: "Steppe Review archive", Outlet: "Steppe Review", Format: "txt"}, textnorm.Normalize(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AnnotateQuote(p.ID, "share a single watch list", 1, storage.AnnotationInput{Note: "one list"})
	if err != nil {
		t.Fatal(err)
	}
	return s, p, a
}

func TestSplitIntoArticles(t *testing.T) {
	a := test.NewTempApp(t)
	s, p, ann := archiveNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	menuItem(t, m, "Split into Articles…").Action()
	if len(m.splitRows) != 7 {
		t.Fatalf("%d proposals, want 7", len(m.splitRows))
	}
	m.splitRows[1].take.SetChecked(false) // the ferries stay with the railway
	m.splitRows[2].title.SetText("Shared watch list")
	confirmTopDialog(t, m.win)

	pieces, _ := s.Pieces()
	if len(pieces) != 7 || len(m.library.all) != 7 {
		t.Fatalf("%d pieces, library shows %d, want 7", len(pieces), len(m.library.all))
	}
	got, _ := s.Annotation(ann.ID)
	moved, _ := s.Piece(got.PieceID)
	if moved.Title != "Shared watch list" || moved.Authors[0] != "Marta Keller" {
		t.Fatalf("the passage went to %+v", moved)
	}
	if m.reader.pieceID != p.ID || !strings.Contains(m.undo.message.Text, "Split into 7 pieces") {
		t.Fatalf("reader on %s, bar says %q", m.reader.pieceID, m.undo.message.Text)
	}
	first, _ := s.PieceText(p.ID)
	if strings.Contains(first, "Rail freight") {
		t.Fatalf("the intro kept the first article: %q", first)
	}
}

func TestSplitHereSplitsBeforeTheWordAtTheCursor(t *testing.T) {
	a := test.NewTempApp(t)
	s, p, _ := archiveNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	text, _ := s.PieceText(p.ID)
	at := runeIndex(text, "Police in three")
	m.reader.text.SetSelection(at+2, at+2) // inside "Police"
	menuItem(t, m, "Split Here").Action()
	pieces, _ := s.Pieces()
	if len(pieces) != 2 {
		t.Fatalf("%d pieces after Split Here", len(pieces))
	}
	second, _ := s.PieceText(pieces[1].ID)
	if !strings.HasPrefix(second, "Police in three countries") || pieces[1].Title != "Police in three countries share a watch list" {
		t.Fatalf("second piece %q: %q", pieces[1].Title, second[:40])
	}
}
