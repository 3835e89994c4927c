package search

import (
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
)

var (
	smallOnce   sync.Once
	smallEngine *Engine
)

// smallGenerated is an engine over the small generated notebook, shared by
// tests that only read it.
func smallGenerated() *Engine {
	smallOnce.Do(func() {
		smallEngine = New()
		smallEngine.Add(generated(smallConfig)...)
	})
	return smallEngine
}

func sameResults(t *testing.T, what string, got, want Results) {
	t.Helper()
	got.Took, want.Took = 0, 0
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: session and fresh search differ:\n session %d %v\n fresh   %d %v", what, got.Total, ids(got), want.Total, ids(want))
	}
}

// TestSessionEqualsFresh types queries keystroke by keystroke, then edits
// them (backspace, a filter, a kind), and checks every answer against a
// fresh search.
func TestSessionEqualsFresh(t *testing.T) {
	e := smallGenerated()
	queries := append([]string{}, typedQueries...)
	queries = append(queries,
		`"security forces" checkpoint`,
		`china -security`,
		`kind:passage kind:note wakhan`,
		`tag:europe tag:china prison`,
		`author:sat china`,
		`-kind:piece afghan`,
		`before:2015 after:2010 rail`,
		`xyzzy china`,
		`china xyzzy security`,
	)
	for _, q := range queries {
		s := e.NewSession()
		steps := prefixes(q)
		// Then backspace all the way, and type it again.
		for i := len(q) - 1; i > 0; i-- {
			steps = append(steps, q[:i])
		}
		steps = append(steps, prefixes(q)...)
		for _, p := range steps {
			got, err1 := s.Search(p, 10)
			pq, err2 := Parse(p)
			want := e.Search(pq, 10)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("%q: hints differ: %v vs %v", p, err1, err2)
			}
			sameResults(t, p, got, want)
		}
	}
}

func TestSessionPickerKinds(t *testing.T) {
	e := smallGenerated()
	s := e.NewSession()
	for _, p := range prefixes("china security role") {
		q, _ := Parse(p)
		for _, kinds := range [][]Kind{{KindPassage}, {KindPassage, KindClaim}, nil, {KindPiece}} {
			got := s.SearchQuery(q.OnlyKinds(kinds...), 10)
			want := e.Search(q.OnlyKinds(kinds...), 10)
			sameResults(t, p, got, want)
			for _, h := range got.Hits {
				if kinds != nil && !containsKind(kinds, h.Kind) {
					t.Fatalf("%q: hit of kind %s, want %v", p, h.Kind, kinds)
				}
			}
		}
	}
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// TestSessionSeesChanges checks that a session never serves results from
// before an Add or Remove.
func TestSessionSeesChanges(t *testing.T) {
	e := New()
	e.Add(generated(smallConfig)[:2000]...)
	s := e.NewSession()
	s.Search("zorbl", 10)
	e.Add(Doc{ID: "new", Kind: KindNote, Title: "Zorblat wakhan"})
	r, _ := s.Search("zorbl", 10)
	if len(r.Hits) == 0 || r.Hits[0].ID != "new" {
		t.Fatalf("new item not found: %v", ids(r))
	}
	s.Search("zorbla", 10)
	e.Remove("new")
	r, _ = s.Search("zorblat", 10)
	for _, h := range r.Hits {
		if h.ID == "new" {
			t.Fatal("removed item found")
		}
	}
}

// TestSessionRandomEdits drives a session with random edits of random
// queries and compares with fresh searches.
func TestSessionRandomEdits(t *testing.T) {
	e := smallGenerated()
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"china ", "sec", "urity ", "afgh", "kind:passage ", "kind:note ", "-the ", "tag:europe ", `"the `, `security" `, "wak", "han ", "x", "ter", "ror", "ism ", "after:2015 ", "-kind:piece "}
	s := e.NewSession()
	q := ""
	for range 400 {
		if len(q) > 0 && r.IntN(4) == 0 {
			q = q[:r.IntN(len(q))]
		} else {
			q += pieces[r.IntN(len(pieces))]
		}
		got, _ := s.Search(q, 5)
		pq, _ := Parse(q)
		sameResults(t, q, got, e.Search(pq, 5))
	}
}

// TestSessionNarrows checks that typing on narrows the previous matches
// rather than searching the whole index each time.
func TestSessionNarrows(t *testing.T) {
	e := smallGenerated()
	s := e.NewSession()
	for _, p := range prefixes("afgh secrity chin kind:passage") {
		s.Search(p, 10)
	}
	if s.narrowed < s.searches*2/3 {
		t.Errorf("narrowed %d of %d keystrokes", s.narrowed, s.searches)
	}
}
