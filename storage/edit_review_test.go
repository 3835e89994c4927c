package storage

import (
	"testing"

	"commonplace/storage/anchor"
)

func TestAmbiguousEditIsFlaggedWithAGuess(t *testing.T) {
	s, _ := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "t"}, "Earlier words here. The door must stay shut, officials say. Later words there.")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.AnnotateQuote(p.ID, "The door must stay shut", 1, AnnotationInput{})
	rep, err := s.EditPieceText(p.ID, "The door must stay shut. Nothing else.\n\nThe door must stay shut. Nothing more.")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outcomes[a.ID] != anchor.Review {
		t.Fatalf("two indistinguishable copies: %v", rep.Outcomes[a.ID])
	}
	got, _ := s.Annotation(a.ID)
	place, ok := got.Place()
	if !ok || got.Guess == nil || got.Selector != a.Selector || got.Rev != 1 {
		t.Fatalf("review annotation = %+v", got)
	}
	text, _ := s.PieceText(p.ID)
	if anchor.NewText(text).Slice(place.Start, place.End) != "The door must stay shut" {
		t.Fatalf("guess does not read the quote: %+v", place)
	}
	// Marking it by hand settles it.
	fixed, err := s.Reanchor(a.ID, place.Start, place.End)
	if err != nil || fixed.Status != anchor.Anchored || fixed.Guess != nil || fixed.Rev != 2 {
		t.Fatalf("reanchor: %+v %v", fixed, err)
	}
	mustCheck(t, s)
}
