package storage

import (
	"encoding/json"
	"testing"
)

func TestConflictsAreKeptAndResolved(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	a, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{Note: "mine"})
	theirs := a
	theirs.Note = "theirs"
	raw, _ := json.Marshal(theirs)
	err := s.Batch(func(b *Batch) error {
		if err := b.SetSyncBase(a.ID, ContentHash(a)); err != nil {
			return err
		}
		return b.AddConflict(Conflict{ItemID: a.ID, Kind: KindAnnotation, Theirs: raw, Source: "colleague.zip"})
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	bases, _ := s.SyncBases([]string{a.ID, p.ID})
	if bases[a.ID] != ContentHash(a) || bases[p.ID] != "" {
		t.Fatalf("sync bases: %v", bases)
	}
	cs, _ := s.Conflicts()
	if len(cs) != 1 || cs[0].Source != "colleague.zip" || cs[0].Seq != 1 {
		t.Fatalf("conflicts: %+v", cs)
	}
	// Taking theirs keeps ours as the conflict now: nothing is lost.
	if err := s.ResolveConflict(a.ID, 1, true); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Annotation(a.ID)
	cs, _ = s.Conflicts()
	if got.Note != "theirs" || len(cs) != 1 || cs[0].Seq != 1 {
		t.Fatalf("after taking theirs: %q, %+v", got.Note, cs)
	}
	var kept Annotation
	json.Unmarshal(cs[0].Theirs, &kept)
	if kept.Note != "mine" {
		t.Fatalf("our version was not kept: %+v", kept)
	}
	if err := s.DropConflict(a.ID, 1); err != nil {
		t.Fatal(err)
	}
	if cs, _ := s.Conflicts(); len(cs) != 0 {
		t.Fatalf("conflict not dropped: %+v", cs)
	}
	if err := s.DropConflict(a.ID, 1); err == nil {
		t.Fatal("dropped a conflict twice")
	}
	mustCheck(t, s)
}

// A conflict dropped earlier must not make the next one take the number
// of one still kept (and overwrite it).
func TestConflictNumbersAreNotReused(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	add := func(note string) {
		theirs := a
		theirs.Note = note
		raw, _ := json.Marshal(theirs)
		if err := s.Batch(func(b *Batch) error {
			return b.AddConflict(Conflict{ItemID: a.ID, Kind: KindAnnotation, Theirs: raw, Source: note})
		}); err != nil {
			t.Fatal(err)
		}
	}
	add("first")
	add("second")
	if err := s.DropConflict(a.ID, 1); err != nil {
		t.Fatal(err)
	}
	add("third")
	cs, _ := s.Conflicts()
	if len(cs) != 2 || cs[0].Source != "second" || cs[1].Source != "third" || cs[1].Seq != 3 {
		t.Fatalf("conflicts: %+v", cs)
	}
}

// Taking the other version of a piece edits its details the usual way:
// the tag index follows, and the notebook stays sound.
func TestTakingTheirPieceKeepsTheTagIndex(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	theirs := p
	theirs.Title, theirs.Tags = "Their title", []string{"elsewhere"}
	raw, _ := json.Marshal(theirs)
	if err := s.Batch(func(b *Batch) error {
		return b.AddConflict(Conflict{ItemID: p.ID, Kind: KindPiece, Theirs: raw, Text: "Their text of the piece.", Source: "x.zip"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveConflict(p.ID, 1, true); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Piece(p.ID)
	text, _ := s.PieceText(p.ID)
	refs, _ := s.ItemsByTag("elsewhere")
	if got.Title != "Their title" || text != "Their text of the piece." || len(refs) != 1 {
		t.Fatalf("after taking theirs: %q %q, tagged %v", got.Title, text, refs)
	}
	mustCheck(t, s)
}
