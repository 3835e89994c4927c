package storage

import (
	"slices"
	"testing"
)

func TestRestoreUndoesDelete(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	other := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{Tags: []string{"x"}, Note: "mine"})
	a2, _ := s.AnnotateQuote(other.ID, "Wakhan corridor", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "claim", Evidence: []string{a1.ID, a2.ID}})
	l1, _ := s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "supports"})
	n, _ := s.AddNote(Note{Body: "on the passage", Attached: a1.ID})
	s.EditPieceText(p.ID, sampleText+"\n\nMore.")

	for _, id := range []string{a1.ID, p.ID} {
		rep, err := s.Delete(id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(rep.Removed); err != nil {
			t.Fatal(err)
		}
		mustCheck(t, s)
	}
	s = reopen(t, s, dir)
	got, err := s.Annotation(a1.ID)
	if err != nil || got.Note != "mine" || got.Selector != a1.Selector || !slices.Equal(got.Tags, []string{"x"}) {
		t.Fatalf("annotation not restored: %+v %v", got, err)
	}
	if revs, _ := s.Revisions(p.ID); len(revs) != 1 {
		t.Fatalf("revisions not restored: %d", len(revs))
	}
	if text, _ := s.PieceText(p.ID); text != sampleText+"\n\nMore." {
		t.Fatalf("text not restored: %q", text)
	}
	cl, _ := s.Claim(c.ID)
	if !slices.Equal(cl.Evidence, []string{a1.ID, a2.ID}) {
		t.Fatalf("evidence not restored: %v", cl.Evidence)
	}
	if out, _, _ := s.Links(a1.ID); len(out) != 1 || out[0].ID != l1.ID {
		t.Fatalf("link not restored: %v", out)
	}
	if note, _ := s.Note(n.ID); note.Attached != a1.ID {
		t.Fatalf("note not re-attached: %+v", note)
	}
	if items, _ := s.ItemsByTag("x"); len(items) != 1 {
		t.Fatalf("tag index not restored: %v", items)
	}
	mustCheck(t, s)
}

func TestRestoreLeavesOutWhatIsGone(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "supports"})
	rep, _ := s.Delete(a1.ID)
	s.Delete(a2.ID) // the link's other end goes too
	if err := s.Restore(rep.Removed); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := s.Links(a1.ID); len(out) != 0 {
		t.Fatalf("restored a dangling link: %v", out)
	}
	mustCheck(t, s)
}
