package storage

import "testing"

func TestLinksOfStaysCurrent(t *testing.T) {
	s, _ := openTemp(t)
	p1 := addSample(t, s)
	p2, _ := s.AddPiece(Piece{Title: "Other"}, "Rail matters more than militancy, analysts say.")
	a1, _ := s.AnnotateQuote(p1.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p2.ID, "Rail matters", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "Security first"})
	s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "contradicts", Strength: StrengthWeak})
	s.AddLink(Link{From: c.ID, To: a1.ID, Rel: "cites"})

	views, err := s.LinksOf(a1.ID)
	if err != nil || len(views) != 2 {
		t.Fatalf("views: %+v %v", views, err)
	}
	out, in := views[0], views[1]
	if !out.Outgoing || out.Other.ID != a2.ID || out.Other.Title != "Rail matters" || out.Other.PieceTitle != "Other" || out.Strength != StrengthWeak {
		t.Fatalf("outgoing: %+v", out)
	}
	if in.Outgoing || in.Other.Kind != KindClaim || in.Other.Title != "Security first" {
		t.Fatalf("backlink: %+v", in)
	}
	// A renamed piece and a re-marked passage show up at once: the cache
	// forgets what a commit changed.
	p2.Title = "Renamed"
	s.UpdatePiece(p2)
	s.Reanchor(a2.ID, 0, len("Rail matters more"))
	views, _ = s.LinksOf(a1.ID)
	if views[0].Other.PieceTitle != "Renamed" || views[0].Other.Title != "Rail matters more" {
		t.Fatalf("stale: %+v", views[0].Other)
	}
	l := views[0].Link
	l.Rel = "qualifies"
	s.UpdateLink(l)
	views, _ = s.LinksOf(a2.ID)
	if len(views) != 1 || views[0].Rel != "qualifies" || views[0].Outgoing {
		t.Fatalf("after updating the link: %+v", views)
	}
}
