package bundle

import (
	"strings"
	"testing"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/storagetest"
)

// TestHugePieceRoundTrip exports a piece whose text is at the bound
// (storage.MaxTextBytes), and a piece of 3 MB with a passage
// orphaned by an edit (so the bundle holds the revision it was marked
// in), and imports them into an empty notebook: texts and revision come
// back byte for byte. The huge piece has no passage: an anchor index of
// 64 MB of text takes a gigabyte, and what is tested is the files' size.
// Under the race detector the huge text is 6 MB.
func TestHugePieceRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a 64 MB text")
	}
	size := storage.MaxTextBytes
	if storagetest.RaceEnabled {
		size = 6 << 20
	}
	s := bundletest.OpenStore(t)
	huge := storagetest.LongText(size, 1)
	hp, err := s.AddPiece(storage.Piece{Title: "Court record"}, huge)
	if err != nil {
		t.Fatal(err)
	}

	last := "\n\nThe last words of the record, marked."
	text := storagetest.LongText(3<<20, 2) + last
	p, err := s.AddPiece(storage.Piece{Title: "Transcript"}, text)
	if err != nil {
		t.Fatal(err)
	}
	at := utf8.RuneCountInString(text[:strings.LastIndex(text, "The last words")])
	a, err := s.Annotate(p.ID, at, at+len("The last words"), storage.AnnotationInput{Note: "the end"})
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.TrimSuffix(text, last)
	if _, err := s.EditPieceText(p.ID, edited); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Annotation(a.ID); got.Status != anchor.Orphaned || got.Rev != 1 {
		t.Fatalf("the passage is %s on revision %d; the test needs it orphaned on 1", got.Status, got.Rev)
	}

	data, m := exportBytes(t, s, scope.Scope{}, t0)
	if m.Counts.Pieces != 2 || m.Counts.Revisions != 1 {
		t.Fatalf("manifest counts %+v", m.Counts)
	}
	other := bundletest.OpenStore(t)
	if _, err := importBytes(t, other, data, merge.Options{Source: "huge.zip"}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{hp.ID: huge, p.ID: edited} {
		got, err := other.PieceText(id)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("a text came back as %d bytes, not the %d exported", len(got), len(want))
		}
	}
	revs, err := other.Revisions(p.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("%d revisions came back, %v", len(revs), err)
	}
	if revs[0].Text != text {
		t.Fatalf("revision 1 came back as %d bytes, not the %d exported", len(revs[0].Text), len(text))
	}
	if got, err := other.Annotation(a.ID); err != nil || got.Status != anchor.Orphaned {
		t.Fatalf("the passage came back as %+v, %v", got, err)
	}
	bundletest.MustCheck(t, other)
}
