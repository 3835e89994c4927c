package merge_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// memSource is the smallest source: a piece, its passages and links held
// in memory, and what it says it left out.
type memSource struct {
	piece    merge.Piece
	text     string
	passages []storage.Annotation
	links    []storage.Link
	outside  map[string]scope.OutsideRef // nil: refuses every missing reference
}

func (m *memSource) Noun() string                  { return "the test source" }
func (m *memSource) Items() int                    { return 1 + len(m.passages) + len(m.links) }
func (m *memSource) Relations() []storage.Relation { return nil }
func (m *memSource) EachPiece(fn func(merge.Piece) error) error {
	return fn(m.piece)
}
func (m *memSource) PieceText(string) (string, error)             { return m.text, nil }
func (m *memSource) Revisions(string) ([]storage.Revision, error) { return nil, nil }
func (m *memSource) EachAnnotation(fn func(storage.Annotation) error) error {
	return merge.Each(m.passages, fn)
}
func (m *memSource) EachClaim(func(storage.Claim) error) error  { return nil }
func (m *memSource) EachNote(func(storage.Note) error) error    { return nil }
func (m *memSource) EachLink(fn func(storage.Link) error) error { return merge.Each(m.links, fn) }
func (m *memSource) Outside() []scope.OutsideRef                { return nil }

func (m *memSource) Kind(id string) storage.Kind {
	switch {
	case id == m.piece.ID:
		return storage.KindPiece
	case strings.HasPrefix(id, "0195a000-0000-7000-8000-0000000001"):
		return storage.KindAnnotation
	}
	return ""
}

func (m *memSource) LeftOut(id string) (scope.OutsideRef, bool) {
	o, ok := m.outside[id]
	return o, ok
}

// newMemSource is a piece whose text was edited after its one passage was
// placed on the text as it was, with a link from the passage to an item
// neither side holds.
func newMemSource() *memSource {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	placed := "The door must stay shut, officials say."
	text := "A new first line.\n\n" + placed
	sel, err := anchor.Describe(placed, 4, 23)
	if err != nil {
		panic(err)
	}
	pid, aid := "0195a000-0000-7000-8000-000000000001", "0195a000-0000-7000-8000-000000000101"
	return &memSource{
		piece: merge.Piece{Piece: storage.Piece{ID: pid, Title: "The door", Hash: merge.TextHash(text), Revision: 1,
			Created: at, Updated: at}, PlacedOn: merge.TextHash(placed), Size: int64(len(text))},
		text: text,
		passages: []storage.Annotation{{ID: aid, PieceID: pid, Selector: sel, Rev: 1, Status: anchor.Anchored,
			Color: storage.DefaultColor, Created: at, Updated: at}},
		links: []storage.Link{{ID: "0195a000-0000-7000-8000-000000000201", From: aid, To: "0195a000-0000-7000-8000-000000000301",
			Rel: "supports", Created: at, Updated: at}},
	}
}

// The engine needs nothing but a Source: a passage placed on another text
// than the one its piece brings is found again in it, a link whose far
// end neither side holds is left out when the source says it left it
// out, and refused (ErrRefused) when it does not.
func TestRunOnAnySource(t *testing.T) {
	src := newMemSource()
	s := bundletest.OpenStore(t)
	_, err := merge.Run(s, src, merge.Options{})
	if !errors.Is(err, merge.ErrRefused) || !strings.Contains(err.Error(), "neither in the test source nor in this notebook") {
		t.Fatalf("a reference to nothing: %v", err)
	}
	if ps, _ := s.Pieces(); len(ps) != 0 {
		t.Fatal("a refused source wrote pieces")
	}

	far := src.links[0].To
	src.outside = map[string]scope.OutsideRef{far: {ID: far, Title: "a claim left behind"}}
	rep, err := merge.Run(s, src, merge.Options{Source: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || rep.Skipped != 1 || rep.Reattached[anchor.Moved] != 1 || len(rep.Outside) != 1 ||
		rep.Outside[0].Via != src.links[0].ID || rep.Outside[0].Title != "a claim left behind" {
		t.Fatalf("report %+v", rep)
	}
	a, err := s.Annotation(src.passages[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != anchor.Moved || anchor.NewText(src.text).Slice(a.Selector.Start, a.Selector.End) != "door must stay shut" {
		t.Fatalf("the passage landed as %+v", a)
	}
	bundletest.MustCheck(t, s)
}

// A source naming two items by one id is refused before anything is
// written: applying writes an added passage without looking its id up
// again (Batch.ImportNewAnnotation), counting on the plan for that.
func TestOneIDTwoItemsIsRefused(t *testing.T) {
	for name, id := range map[string]string{"a piece's": newMemSource().piece.ID, "another passage's": newMemSource().passages[0].ID} {
		t.Run(name, func(t *testing.T) {
			src := newMemSource()
			src.links = nil
			twin := src.passages[0]
			twin.ID = id
			src.passages = append(src.passages, twin)
			s := bundletest.OpenStore(t)
			_, err := merge.Run(s, src, merge.Options{})
			if !errors.Is(err, merge.ErrRefused) || !strings.Contains(err.Error(), "two items with the id "+id) {
				t.Fatalf("one id, two items: %v", err)
			}
			if ps, _ := s.Pieces(); len(ps) != 0 {
				t.Fatal("a refused source wrote pieces")
			}
		})
	}
}
