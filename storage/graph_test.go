package storage

import "testing"

func TestArgumentGraphAndDisagreements(t *testing.T) {
	s, _ := openTemp(t)
	p1, _ := s.AddPiece(Piece{Title: "Security first", Authors: []string{"A"}}, "Beijing fears militants in Badakhshan. The door must stay shut.")
	p2, _ := s.AddPiece(Piece{Title: "Minerals first", Authors: []string{"B"}}, "The decisive variable is minerals. Rail matters more than militancy.")
	a1, _ := s.AnnotateQuote(p1.ID, "Beijing fears militants", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p2.ID, "The decisive variable is minerals", 1, AnnotationInput{})
	a3, _ := s.AnnotateQuote(p1.ID, "The door must stay shut", 1, AnnotationInput{})
	lonely, _ := s.AnnotateQuote(p2.ID, "Rail matters", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "Security drives Beijing", Evidence: []string{a1.ID}})
	s.AddLink(Link{From: a2.ID, To: c.ID, Rel: "contradicts"})  // minerals vs the claim backed by piece 1
	s.AddLink(Link{From: a3.ID, To: a1.ID, Rel: "contradicts"}) // same piece, same author: not a disagreement
	s.AddLink(Link{From: a3.ID, To: a1.ID, Rel: "supports"})

	g, err := s.ArgumentGraph()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		ids[n.ID] = true
	}
	if len(g.Nodes) != 4 || ids[lonely.ID] || !ids[c.ID] || !ids[a3.ID] {
		t.Fatalf("nodes: %+v", g.Nodes)
	}
	if len(g.Edges) != 4 {
		t.Fatalf("edges: %+v", g.Edges)
	}
	ds, err := s.Disagreements()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].From.ID != a2.ID || ds[0].To.ID != c.ID || ds[0].Why != "different pieces and authors" {
		t.Fatalf("disagreements: %+v", ds)
	}
}
