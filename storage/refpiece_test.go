package storage

import (
	"strings"
	"testing"
)

// TestBibliographicPiece: a piece from a reference library has no text
// until one is attached; it is stored, listed, read back empty, survives a
// reopen and a check, and its first text becomes revision 1 with no
// earlier revision kept. Any other piece still needs a text.
func TestBibliographicPiece(t *testing.T) {
	s, dir := openTemp(t)
	if _, err := s.AddPiece(Piece{Title: "No text"}, "  "); err == nil || !strings.Contains(err.Error(), "no text") {
		t.Fatalf("a plain piece with no text: %v", err)
	}
	if _, err := s.AddPiece(Piece{Format: FormatRef}, ""); err == nil || !strings.Contains(err.Error(), "needs a title") {
		t.Fatalf("a bibliographic piece with no title: %v", err)
	}
	p, err := s.AddPiece(Piece{Title: "Water and Power", Format: FormatRef, DOI: "https://doi.org/10.1234/ABC.5"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.HasText() || p.DOI != "10.1234/abc.5" || p.Revision != 1 {
		t.Fatalf("stored as %+v", p)
	}
	s = reopen(t, s, dir)
	mustCheck(t, s)
	if text, err := s.PieceText(p.ID); err != nil || text != "" {
		t.Fatalf("text %q, %v", text, err)
	}
	rep, err := s.EditPieceText(p.ID, "The river was dammed in 1961.")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Piece(p.ID)
	revs, _ := s.Revisions(p.ID)
	if rep.Revision != 1 || got.Revision != 1 || !got.HasText() || len(revs) != 0 || got.Format != FormatRef {
		t.Fatalf("after attaching a text: %+v, %d revisions", got, len(revs))
	}
	if _, err := s.EditPieceText(p.ID, ""); err == nil {
		t.Fatal("a text was emptied again")
	}
	mustCheck(t, s)
}

func TestCleanDOI(t *testing.T) {
	for in, want := range map[string]string{
		"10.1000/XYZ123":                      "10.1000/xyz123",
		" https://doi.org/10.1000/a(b)c ":     "10.1000/a(b)c",
		"doi:10.5555/12345678":                "10.5555/12345678",
		"https://dx.doi.org/10.1109/5.771073": "10.1109/5.771073",
	} {
		if got, ok := CleanDOI(in); !ok || got != want {
			t.Errorf("CleanDOI(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "11.1000/x", "10.1000/", "10.1/x", "10.1000/a b", "https://example.org/10.1000/x", "10.1000/" + strings.Repeat("x", 400)} {
		if got, ok := CleanDOI(bad); ok {
			t.Errorf("CleanDOI(%q) = %q, accepted", bad, got)
		}
	}
	s, _ := openTemp(t)
	if _, err := s.AddPiece(Piece{DOI: "not a doi"}, sampleText); err == nil || !strings.Contains(err.Error(), "is not a DOI") {
		t.Fatalf("a bad DOI: %v", err)
	}
}
