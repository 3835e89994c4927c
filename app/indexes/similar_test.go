package indexes

import (
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
)

func TestSuggestionsFollowTheNotebook(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	point := "The threat no longer needs a safe haven; it needs only a signal and a smartphone."
	p1, _ := s.AddPiece(storage.Piece{Title: "Op-ed"}, "Europe faces a new problem. "+point+" Prisons matter too.")
	a, _ := s.AnnotateQuote(p1.ID, point, 1, storage.AnnotationInput{})
	f := follow(t, s)
	x := f.Similar
	if sugs, err := x.For(a.ID, 5); err != nil || len(sugs) != 0 {
		t.Fatalf("suggested its own piece: %+v %v", sugs, err)
	}
	p2, _ := s.AddPiece(storage.Piece{Title: "Interview"}, "People in Brussels say the threat no longer needs a safe haven, it needs only a signal and a smartphone. I am not sure.")
	f.Settle()
	sugs, _ := x.For(a.ID, 5)
	if len(sugs) == 0 || sugs[0].PieceID != p2.ID || sugs[0].PieceTitle != "Interview" || !strings.Contains(sugs[0].Text, "safe haven") {
		t.Fatalf("the recycled line in a new piece was not suggested: %+v", sugs)
	}
	c, _ := s.AddClaim(storage.Claim{Statement: "Online recruitment needs no safe haven, only a smartphone"})
	if sugs, err := x.For(c.ID, 5); err != nil || len(sugs) == 0 {
		t.Fatalf("claim suggestions: %+v %v", sugs, err)
	}
	if _, err := x.For(p1.ID, 5); err == nil {
		t.Fatal("suggestions for a piece")
	}
}
