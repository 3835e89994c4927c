package storage

import (
	"strings"
	"testing"
)

func TestCustomRelations(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	if _, err := s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "undermines"}); err == nil || !strings.Contains(err.Error(), "define it first") {
		t.Fatalf("undefined relation: %v", err)
	}
	r, err := s.AddRelation(Relation{Name: " Undermines ", Inverse: "undermined by"})
	if err != nil || r.Name != "undermines" || r.Label != "undermines" || !r.Custom {
		t.Fatalf("add relation: %+v %v", r, err)
	}
	if _, err := s.AddRelation(Relation{Name: "supports"}); err == nil {
		t.Fatal("redefined a built-in")
	}
	if _, err := s.AddRelation(Relation{Name: "a/b"}); err == nil {
		t.Fatal("accepted a name with a slash")
	}
	l, err := s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "Undermines", Strength: StrengthStrong})
	if err != nil || l.Rel != "undermines" || l.Strength != 3 {
		t.Fatalf("link with custom relation: %+v %v", l, err)
	}
	if _, err := s.AddLink(Link{From: a2.ID, To: a1.ID, Rel: "supports", Strength: 7}); err == nil {
		t.Fatal("strength 7 accepted")
	}
	s = reopen(t, s, dir)
	rels, _ := s.Relations()
	if len(rels) != len(Builtins)+1 || rels[len(rels)-1].Inverse != "undermined by" {
		t.Fatalf("relations after reopen: %+v", rels)
	}
	if err := s.DeleteRelation("undermines"); err == nil || !strings.Contains(err.Error(), "is used by 1 link") {
		t.Fatalf("deleted a relation in use: %v", err)
	}
	s.Delete(l.ID)
	if err := s.DeleteRelation("undermines"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRelation("supports"); err == nil {
		t.Fatal("deleted a built-in")
	}
	mustCheck(t, s)
}

// A relation arriving in a bundle without its words reads as its name,
// as one added in the window does.
func TestImportedRelationGetsItsWords(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Batch(func(b *Batch) error { return b.ImportRelation(Relation{Name: "Plays-Down"}) }); err != nil {
		t.Fatal(err)
	}
	r, err := s.Relation("plays-down")
	if err != nil || r.Label != "plays down" || r.Inverse != "← plays down" || !r.Custom {
		t.Fatalf("imported relation: %+v, %v", r, err)
	}
}

func TestRelationReadBackwards(t *testing.T) {
	for _, c := range []struct {
		rel       Relation
		backwards string
		symmetric bool
	}{
		{Builtins[0], "is supported by", false},
		{Builtins[1], "is contradicted by", false},
		{Relation{Label: "same as", Inverse: "same as"}, "same as", true},
		{Relation{Label: "undermines", Inverse: "is undermined by"}, "is undermined by", false},
		{Relation{Label: "predicts", Inverse: "← predicts"}, "← predicts", false},
	} {
		if got := c.rel.Backwards(); got != c.backwards || c.rel.Symmetric() != c.symmetric {
			t.Errorf("%q: backwards %q symmetric %v, want %q %v", c.rel.Label, got, c.rel.Symmetric(), c.backwards, c.symmetric)
		}
	}
}
