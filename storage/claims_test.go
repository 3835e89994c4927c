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
