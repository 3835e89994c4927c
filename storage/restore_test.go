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

func TestRestoreKeepsLaterEdits(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "first words", Evidence: []string{a.ID}})
	n, _ := s.AddNote(Note{Body: "on it", Attached: a.ID})
	rep, _ := s.Delete(a.ID)
	// Written after the delete: must survive the undo.
	s.UpdateClaimText(c.ID, "better words", "a note", []string{"x"})
	s.UpdateNoteText(n.ID, "", "on it, revised", nil, "Termez")
	if err := s.Restore(rep.Removed); err != nil {
		t.Fatal(err)
	}
	cl, _ := s.Claim(c.ID)
	if cl.Statement != "better words" || cl.Note != "a note" || !slices.Equal(cl.Evidence, []string{a.ID}) {
		t.Fatalf("claim after undo: %+v", cl)
	}
	nt, _ := s.Note(n.ID)
	if nt.Body != "on it, revised" || nt.Place != "Termez" || nt.Attached != a.ID {
		t.Fatalf("note after undo: %+v", nt)
	}
	mustCheck(t, s)
}

func TestTextOnlyUpdates(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "s", Evidence: []string{a.ID}})
	// An empty statement keeps the stored one but saves the rest.
	got, err := s.UpdateClaimText(c.ID, "  ", "note", []string{"Tag"})
	if err != nil || got.Statement != "s" || got.Note != "note" || got.Tags[0] != "tag" || len(got.Evidence) != 1 {
		t.Fatalf("claim: %+v %v", got, err)
	}
	n, _ := s.AddNote(Note{Title: "t", Body: "b", Attached: p.ID})
	got2, err := s.UpdateNoteText(n.ID, "", "", []string{"x"}, "Khorog")
	if err != nil || got2.Title != "t" || got2.Body != "b" || got2.Place != "Khorog" || got2.Attached != p.ID {
		t.Fatalf("note: %+v %v", got2, err)
	}
}
