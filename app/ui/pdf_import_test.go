package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// Dropping an encrypted PDF asks for its password, asks again after a
// wrong one, and imports it with the right one.
func TestDropEncryptedPDFAsksForThePassword(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetProtection(fpdf.CnProtectPrint, "opensesame", "owner")
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	pdf.CellFormat(0, 6, "A sealed report on the Wakhan corridor.", "", 1, "L", false, 0, "")
	path := filepath.Join(t.TempDir(), "sealed.pdf")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Pieces()
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.transfers.onDropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI(path)})
	answer := func(password string) string {
		t.Helper()
		top := m.win.Canvas().Overlays().Top()
		entry := findPasswordEntry(top)
		if entry == nil {
			t.Fatalf("no password asked for: %q", dialogText(top))
		}
		test.Type(entry, password)
		confirmTopDialog(t, m.win)
		return dialogText(m.win.Canvas().Overlays().Top())
	}
	if got := answer("wrong"); !strings.Contains(got, "Wrong password; try again.") {
		t.Fatalf("after a wrong password: %q", got)
	}
	answer("opensesame")
	after, _ := s.Pieces()
	if len(after) != len(before)+1 || m.reader.title.Text != "sealed" {
		t.Fatalf("after the right password: %d pieces (from %d), reading %q", len(after), len(before), m.reader.title.Text)
	}
}

// A passage in a PDF shows its page, or pages, beside it.
func TestAnnotationShowsItsPages(t *testing.T) {
	piece := storage.Piece{Revision: 2, Pages: []int{0, 100, 250}}
	at := func(start, end, rev int) storage.Annotation {
		return storage.Annotation{Rev: rev, Selector: anchor.Selector{Start: start, End: end}, Tags: []string{"water"}}
	}
	for _, c := range []struct {
		ann  storage.Annotation
		want string
	}{
		{at(10, 20, 2), "p. 1  ·  #water"},
		{at(90, 120, 2), "pp. 1–2  ·  #water"},
		{at(300, 310, 2), "p. 3  ·  #water"},
		{at(10, 20, 1), "#water"}, // on an earlier text: its offsets are not this text's
	} {
		if got := annotationMeta(piece, c.ann); got != c.want {
			t.Errorf("annotationMeta(%d–%d, rev %d) = %q; want %q", c.ann.Selector.Start, c.ann.Selector.End, c.ann.Rev, got, c.want)
		}
	}
	if got := annotationMeta(storage.Piece{Revision: 1}, at(10, 20, 1)); got != "#water" {
		t.Errorf("a piece without pages: %q", got)
	}
}
