package suggest

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// store stands for the notebook's store: the keeper of the texts.
type store struct {
	mu    sync.Mutex
	texts map[string]string
	reads int
}

func newStore(docs []Doc) *store {
	s := &store{texts: make(map[string]string)}
	for _, d := range docs {
		s.texts[d.PieceID] = d.Text
	}
	return s
}

var errNoPiece = errors.New("no such piece")

func (s *store) text(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	t, ok := s.texts[id]
	if !ok {
		return "", errNoPiece
	}
	return t, nil
}

func (s *store) put(docs ...Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		s.texts[d.PieceID] = d.Text
	}
}

// similarQueries returns queries of every kind over the notebook g, each
// with what it excludes: its own piece, and for some a passage of the
// piece that answers it best in ref, so that tied passages are tested.
func similarQueries(ref *Index, g []genPiece, n int) []struct {
	text string
	skip Exclude
} {
	var out []struct {
		text string
		skip Exclude
	}
	for i, q := range benchQueries(g) {
		if len(out) == n {
			break
		}
		skip := Exclude{Piece: q.exclude}
		if i%3 == 0 {
			if ms := ref.Similar(q.text, skip, 1); len(ms) > 0 {
				m := ms[0]
				skip.Passages = []Span{{m.PieceID, m.Start, m.End}, {"unknown", 0, 5}}
			}
		}
		out = append(out, struct {
			text string
			skip Exclude
		}{q.text, skip})
	}
	return out
}

// sameResults checks that two indexes answer the same queries alike, and
// returns how many matches they gave.
func sameResults(t *testing.T, want, got *Index, g []genPiece, n int) int {
	t.Helper()
	matches := 0
	for _, q := range similarQueries(want, g, n) {
		w := want.Similar(q.text, q.skip, 8)
		h := got.Similar(q.text, q.skip, 8)
		if !reflect.DeepEqual(w, h) {
			t.Fatalf("query %q skipping %v:\nwant%s\ngot%s", q.text, q.skip, describe(w), describe(h))
		}
		matches += len(w)
	}
	return matches
}

// TestPieceTextsSameResults checks that an index reading its texts from a
// keeper answers exactly as one keeping them, through additions,
// replacements and removals, and keeps no text.
func TestPieceTextsSameResults(t *testing.T) {
	g := genNotebook(150, 400, 0.3, 21)
	docs := docsOf(g)
	kept := NewIndex()
	kept.Add(docs...)
	s := newStore(docs)
	read := NewIndex()
	read.SetPieceTexts(s.text)
	read.Add(docs...)
	if n := sameResults(t, kept, read, g, 120); n < 100 {
		t.Fatalf("only %d matches: the comparison says little", n)
	}
	if s.reads == 0 {
		t.Fatal("no text read from the keeper")
	}
	for _, p := range read.pieces {
		if p != nil && p.text != "" {
			t.Fatalf("piece %s keeps its text", p.id)
		}
	}

	// Replace a third, remove a few, change some back: the term counts
	// must be corrected without the old texts.
	var changed []Doc
	for i := 0; i < len(g); i += 3 {
		changed = append(changed, Doc{PieceID: g[i].PieceID, Text: g[(i+1)%len(g)].Text + "\n\n" + point})
	}
	var gone []string
	for i := 1; i < len(g); i += 10 {
		gone = append(gone, g[i].PieceID)
	}
	s.put(changed...)
	for _, x := range []*Index{kept, read} {
		x.Add(changed...)
		x.Remove(gone...)
		x.Add(docs[0], docs[3])
	}
	s.put(docs[0], docs[3])
	sameResults(t, kept, read, g, 120)
	if !reflect.DeepEqual(kept.terms.stats, read.terms.stats) {
		t.Fatal("term counts differ")
	}

	// An unchanged text is not indexed again.
	units := len(read.units)
	read.Add(docs[0], changed[2])
	if len(read.units) != units {
		t.Error("unchanged piece indexed again")
	}
}

// TestPieceTextsChanged checks that a piece whose text cannot be read, or
// reads back changed, is left out rather than answered with offsets into
// another text.
func TestPieceTextsChanged(t *testing.T) {
	docs := []Doc{
		{PieceID: "a", Text: "Background first. " + point},
		{PieceID: "b", Text: "Other news. " + point + " More after."},
		{PieceID: "c", Text: "Caf\xe9 owners said: " + point},
	}
	s := newStore(docs)
	x := NewIndex()
	x.SetPieceTexts(s.text)
	x.Add(docs...)
	ids := func() string {
		var out []string
		for _, m := range x.Similar(point, Exclude{}, 5) {
			out = append(out, m.PieceID)
		}
		return fmt.Sprint(out)
	}
	if got := ids(); got != "[a b c]" {
		t.Fatalf("before: %s", got)
	}
	ms := x.Similar(point, Exclude{Piece: "a", Passages: []Span{{"b", 15, 20}}}, 5)
	if len(ms) != 1 || ms[0].PieceID != "c" || string([]rune(docs[2].Text)[ms[0].Start:ms[0].End]) != ms[0].Text {
		t.Fatalf("invalid UTF-8 text read back: %s", describe(ms))
	}
	s.put(Doc{PieceID: "a", Text: "Background first! " + point}) // same length
	s.put(Doc{PieceID: "b", Text: "Other news. " + point})
	if got := ids(); got != "[c]" {
		t.Errorf("changed texts: %s", got)
	}
	s.mu.Lock()
	delete(s.texts, "c")
	s.mu.Unlock()
	if got := ids(); got != "[]" {
		t.Errorf("unreadable text: %s", got)
	}
	if _, ok := x.text("a"); ok {
		t.Error("text of a reported as indexed")
	}
	// Catching up brings them back.
	x.Add(Doc{PieceID: "a", Text: "Background first! " + point}, Doc{PieceID: "b", Text: "Other news. " + point})
	x.Remove("c")
	if got := ids(); got != "[a b]" {
		t.Errorf("after catching up: %s", got)
	}
}

func TestContribEncoding(t *testing.T) {
	cs := []termContrib{{0, 1, 1, 0}, {3, 1, 0, 0}, {7, 2, 2, 1}, {1 << 31, 1, 1, 0}} // summed by term, ascending, as insert gives them
	var buf []byte
	b := encodeContrib(cs, &buf)
	var got []termContrib
	if err := decodeContrib(b, func(c termContrib) error { got = append(got, c); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []termContrib{{0, 1, 1, 0}, {3, 1, 0, 0}, {7, 2, 2, 1}, {1 << 31, 1, 1, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, bad := range [][]byte{{0x80}, {0x03, 0x01}, {0x02, 0x01}, {0x02, 0x01, 0x01}} {
		if err := decodeContrib(bad, func(termContrib) error { return nil }); err == nil {
			t.Errorf("%x decoded", bad)
		}
	}
}
