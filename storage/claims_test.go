package storage

import (
	"slices"
	"testing"
)

// Taking a passage out of a claim's evidence and putting it back keeps
// the rest of the claim as it stands, an edit of its words included.
func TestSetEvidenceKeepsTheRest(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	c, err := s.AddClaim(Claim{Statement: "Security first", Evidence: []string{a1.ID, a2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = s.SetEvidence(c.ID, a1.ID, false); err != nil || !slices.Equal(c.Evidence, []string{a2.ID}) {
		t.Fatalf("out: %v %v", c.Evidence, err)
	}
	if _, err := s.UpdateClaimText(c.ID, "Security first, trade second", "", nil); err != nil {
		t.Fatal(err)
	}
	c, err = s.SetEvidence(c.ID, a1.ID, true)
	if err != nil || !slices.Equal(c.Evidence, []string{a2.ID, a1.ID}) || c.Statement != "Security first, trade second" {
		t.Fatalf("back: %+v %v", c, err)
	}
	if ev, _ := s.ClaimsCiting(a1.ID); len(ev) != 1 {
		t.Fatalf("the evidence index lost the passage: %v", ev)
	}
	mustCheck(t, s)
}

// A link's meaning for a claim's tally does not depend on which end the
// claim is: a contradiction is mutual, so one drawn from the claim to a
// piece counts against the claim as one drawn from the piece does. A
// claim that supports something gains nothing by it.
func TestClaimTallyCountsContradictionsEitherWay(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	c, err := s.AddClaim(Claim{Statement: "Security first", Evidence: []string{a1.ID}})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.AddClaim(Claim{Statement: "Trade first"})
	for _, l := range []Link{
		{From: c.ID, To: p.ID, Rel: "contradicts"},   // the claim at the start
		{From: a2.ID, To: c.ID, Rel: "contradicts"},  // the claim at the end
		{From: other.ID, To: c.ID, Rel: "supports"},  // for it
		{From: c.ID, To: a2.ID, Rel: "supports"},     // the claim supports a passage: not for the claim
		{From: c.ID, To: other.ID, Rel: "qualifies"}, // neither
	} {
		if _, err := s.AddLink(l); err != nil {
			t.Fatal(err)
		}
	}
	s = reopen(t, s, dir)
	sums, err := s.ClaimSummaries()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int{}
	for _, sum := range sums {
		got[sum.ID] = [2]int{sum.Supporting, sum.Contradicting}
	}
	if want := [2]int{2, 2}; got[c.ID] != want {
		t.Fatalf("claim tally (for, against) = %v, want %v", got[c.ID], want)
	}
	if want := [2]int{0, 0}; got[other.ID] != want {
		t.Fatalf("the other claim's tally = %v, want %v", got[other.ID], want)
	}
	mustCheck(t, s)
}
