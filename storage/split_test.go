package storage

import (
	"errors"
	"strings"
	"testing"

	"commonplace/storage/anchor"
)

// threeArticles is an archive page: three made-up articles in one text.
const threeArticles = "Grain corridor reopens\n\nBy Ada Field\n\nThe railway through the steppe carried grain again on Monday.\n\n" +
	"Ports expect more ships\n\nBy Ben Holt\n\nHarbour masters on the Caspian said traffic would double.\n\n" +
	"Customs rules eased\n\nBy Cora Lind\n\nBorder posts will share one inspection from spring."

func TestSplitPieceMovesPassagesLinksAndClaims(t *testing.T) {
	s, dir := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "Archive", Authors: []string{"Desk"}, Outlet: "Wire", Published: "2025-03-01",
		URL: "https://example.org/archive", Tags: []string{"transit"}, Format: "txt"}, threeArticles)
	if err != nil {
		t.Fatal(err)
	}
	quotes := []string{"carried grain again", "traffic would double", "share one inspection"}
	var anns []Annotation
	for _, q := range quotes {
		a, err := s.AnnotateQuote(p.ID, q, 1, AnnotationInput{Note: q, Tags: []string{"x"}})
		if err != nil {
			t.Fatal(err)
		}
		anns = append(anns, a)
	}
	link, err := s.AddLink(Link{From: anns[0].ID, To: anns[2].ID, Rel: "supports"})
	if err != nil {
		t.Fatal(err)
	}
	claim, err := s.AddClaim(Claim{Statement: "Transit grows", Evidence: []string{anns[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	at := []int{runeIndex(threeArticles, "Ports expect"), runeIndex(threeArticles, "Customs rules")}
	parts, err := s.SplitPiece(p.ID, at, []string{"", "", "Customs"})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 3 || parts[0].ID != p.ID || parts[0].Title != "Archive" || parts[1].Title != "Ports expect more ships" || parts[2].Title != "Customs" {
		t.Fatalf("parts = %+v", parts)
	}
	for _, np := range parts[1:] {
		if np.Outlet != "Wire" || np.Published != "2025-03-01" || np.URL != p.URL || np.Format != "txt" ||
			len(np.Authors) != 1 || len(np.Tags) != 1 || np.Revision != 1 {
			t.Fatalf("new piece lost the metadata: %+v", np)
		}
	}
	s = reopen(t, s, dir)
	for i, a := range anns {
		got, err := s.Annotation(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := s.PieceText(parts[i].ID)
		if got.PieceID != parts[i].ID || got.Status != anchor.Anchored || got.Rev != mustPiece(t, s, parts[i].ID).Revision ||
			anchor.NewText(text).Slice(got.Selector.Start, got.Selector.End) != quotes[i] || got.Selector.Exact != quotes[i] {
			t.Fatalf("passage %d after the split: %+v", i, got)
		}
		ids, _ := s.AnnotationIDsOf(parts[i].ID)
		if len(ids) != 1 || ids[0] != a.ID {
			t.Fatalf("piece %d lists passages %v", i, ids)
		}
	}
	first, _ := s.PieceText(p.ID)
	if !strings.HasPrefix(first, "Grain corridor") || !strings.HasSuffix(first, "on Monday.") {
		t.Fatalf("first part = %q", first)
	}
	revs, _ := s.Revisions(p.ID)
	if len(revs) != 1 || revs[0].Text != threeArticles {
		t.Fatalf("the whole text is not kept as a revision: %+v", revs)
	}
	out, _, _ := s.Links(anns[0].ID)
	if len(out) != 1 || out[0].ID != link.ID || out[0].To != anns[2].ID {
		t.Fatalf("link = %+v", out)
	}
	c, _ := s.Claim(claim.ID)
	if len(c.Evidence) != 1 || c.Evidence[0] != anns[1].ID {
		t.Fatalf("claim = %+v", c)
	}
	mustCheck(t, s)
}

func mustPiece(t *testing.T, s *Store, id string) Piece {
	t.Helper()
	p, err := s.Piece(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSplitPieceRefusesBadCutsAndChangesNothing(t *testing.T) {
	s, _ := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "Archive"}, threeArticles)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnnotateQuote(p.ID, "Monday.\n\nPorts expect", 1, AnnotationInput{}); err != nil {
		t.Fatal(err)
	}
	second := runeIndex(threeArticles, "Ports expect")
	third := runeIndex(threeArticles, "Customs rules")
	for _, tc := range []struct {
		at   []int
		want string
	}{
		{[]int{second}, `would cut the passage "Monday.`},
		{[]int{third, second - 5}, "must ascend"},
		{[]int{0}, "outside the text"},
		{[]int{len([]rune(threeArticles)) + 3}, "outside the text"},
		{[]int{third + 2}, `inside the word "Customs"`},
		{nil, "no offset"},
	} {
		_, err := s.SplitPiece(p.ID, tc.at, nil)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("split at %v: %v, want %q", tc.at, err, tc.want)
		}
	}
	if got := mustPiece(t, s, p.ID); got.Revision != 1 || got.Runes != len([]rune(threeArticles)) {
		t.Fatalf("a refused split changed the piece: %+v", got)
	}
	if all, _ := s.Pieces(); len(all) != 1 {
		t.Fatalf("a refused split made pieces: %d", len(all))
	}
	mustCheck(t, s)
}

func TestSplitPieceMovesFlaggedPassagesAndRefusesOverAConflict(t *testing.T) {
	s, dir := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "t"}, "Earlier words here. The door must stay shut, officials say. Later words there.")
	if err != nil {
		t.Fatal(err)
	}
	review, _ := s.AnnotateQuote(p.ID, "The door must stay shut", 1, AnnotationInput{})
	orphan, _ := s.AnnotateQuote(p.ID, "Later words there", 1, AnnotationInput{})
	text := "The door must stay shut. Nothing else.\n\nThe door must stay shut. Nothing more."
	if _, err := s.EditPieceText(p.ID, text); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Annotation(review.ID)
	if before.Status != anchor.Review {
		t.Fatalf("the fixture needs a passage flagged for review: %+v", before)
	}

	err = s.Batch(func(b *Batch) error {
		return b.AddConflict(Conflict{ItemID: p.ID, Kind: KindPiece, Theirs: []byte(`{}`), Source: "x.zip"})
	})
	if err != nil {
		t.Fatal(err)
	}
	cut := runeIndex(text, "The door must stay shut. Nothing more")
	if _, err := s.SplitPiece(p.ID, []int{cut}, nil); err == nil || !strings.Contains(err.Error(), "conflicting version") {
		t.Fatalf("a split over a kept conflict: %v", err)
	}
	if err := s.DropConflict(p.ID, 1); err != nil {
		t.Fatal(err)
	}

	parts, err := s.SplitPiece(p.ID, []int{cut}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	got, _ := s.Annotation(review.ID)
	place, ok := got.Place()
	partText, _ := s.PieceText(got.PieceID)
	if !ok || got.Status != anchor.Review || got.Selector.Exact != "The door must stay shut" ||
		anchor.NewText(partText).Slice(place.Start, place.End) != "The door must stay shut" {
		t.Fatalf("the passage flagged for review after the split: %+v in %q", got, partText)
	}
	if got.PieceID == parts[1].ID && got.Rev != 1 {
		t.Fatalf("moved to the new piece on revision %d", got.Rev)
	}
	if o, _ := s.Annotation(orphan.ID); o.PieceID != p.ID || o.Status != anchor.Orphaned || o.Rev != 1 {
		t.Fatalf("the orphaned passage: %+v", o)
	}
	mustCheck(t, s)
}

// TestSplitKeepsPages: the parts of a piece with pages (a PDF) keep their
// pages' numbers — a passage on page 3 of the archive is on page 3 of its
// part — and each part's page starts fit its own text (a bundle refuses
// them otherwise).
func TestSplitKeepsPages(t *testing.T) {
	s, _ := openTemp(t)
	art2, art3 := runeIndex(threeArticles, "Ports expect"), runeIndex(threeArticles, "Customs rules")
	traffic := runeIndex(threeArticles, "traffic would double")
	pages := []int{0, runeIndex(threeArticles, "The railway"), traffic, art3 + 5}
	p, err := s.AddPiece(Piece{Title: "Archive", Pages: pages}, threeArticles)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := s.SplitPiece(p.ID, []int{art2, art3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, part := range parts {
		if err := CheckPages(part.Pages, part.Runes); err != nil {
			t.Errorf("part %d: pages %v do not fit its %d characters: %v", i+1, part.Pages, part.Runes, err)
		}
	}
	text, _ := s.PieceText(parts[1].ID)
	at := runeIndex(text, "traffic would double")
	if first, _ := parts[1].PagesOf(at, at+7); first != 3 {
		t.Errorf("the words on page 3 are on page %d of their part (pages %v)", first, parts[1].Pages)
	}
	if first, last := parts[2].PagesOf(0, 3); first != 3 || last != 3 {
		t.Errorf("the third part starts on page %d–%d, want 3 (pages %v)", first, last, parts[2].Pages)
	}
}
