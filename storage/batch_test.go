package storage

import "testing"

func TestLinkToText(t *testing.T) {
	s, _ := openTemp(t)
	p1 := addSample(t, s)
	p2, _ := s.AddPiece(Piece{Title: "Copy"}, "As others put it, Beijing worries about militants in Badakhshan too.")
	a, _ := s.AnnotateQuote(p1.ID, "Beijing worries about militants", 1, AnnotationInput{})
	start := len([]rune("As others put it, "))
	end := start + len("Beijing worries about militants")
	l, target, created, err := s.LinkToText(a.ID, p2.ID, start, end, "same-as", "suggested")
	if err != nil || !created || l.To != target.ID || target.Selector.Exact != "Beijing worries about militants" {
		t.Fatalf("link to text: %+v %+v %v", l, target, err)
	}
	// The same span again reuses the passage (and refuses a duplicate link).
	if _, again, created, err := s.LinkToText(a.ID, p2.ID, start, end, "supports", ""); err != nil || again.ID != target.ID || created {
		t.Fatalf("second link: %+v %v", again, err)
	}
	if _, _, _, err := s.LinkToText(a.ID, p2.ID, start, end, "same-as", ""); err == nil {
		t.Fatal("duplicate link accepted")
	}
	if anns, _ := s.AnnotationsOf(p2.ID); len(anns) != 1 {
		t.Fatalf("annotations on the target piece: %d", len(anns))
	}
	mustCheck(t, s)
}
