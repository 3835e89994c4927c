package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"testing"
)

// relevanceFile holds planted items (targets and decoys that share most of
// their words) and the queries that must find them, added to a generated
// notebook of China, Afghanistan, Central Asia and terrorism-in-Europe
// prose.
type relevanceFile struct {
	Docs []struct {
		ID, Kind, Title, Text, Outlet, Published, Updated, Piece string
		Authors, Tags, Rels                                      []string
		LinkNotes                                                []string `json:"link_notes"`
		Filler                                                   int
	}
	Queries []struct{ Q, Want, Why string }
}

func loadRelevance(t testing.TB) (relevanceFile, []Doc) {
	b, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var f relevanceFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	pieces := map[string]Doc{}
	var docs []Doc
	for _, r := range f.Docs {
		d := Doc{ID: r.ID, Kind: Kind(r.Kind), Title: r.Title, Text: r.Text, Tags: r.Tags, Authors: r.Authors,
			Outlet: r.Outlet, Published: r.Published, Rels: r.Rels, LinkNotes: r.LinkNotes}
		if r.Updated != "" {
			d.Updated = day(r.Updated)
		} else if r.Published != "" {
			d.Updated = day(r.Published)
		}
		if r.Filler > 0 {
			// Planted pieces are as long as the rest, their distinctive
			// sentences buried in generated prose.
			h := fnv.New64a()
			h.Write([]byte(r.ID))
			d.Text += "\n\n" + newGenerator(h.Sum64()).text(r.Filler)
		}
		if p, ok := pieces[r.Piece]; ok {
			d.PieceID, d.PieceTitle, d.Authors, d.Outlet, d.Published, d.Updated = p.ID, p.Title, p.Authors, p.Outlet, p.Published, p.Updated
		}
		if d.Kind == KindPiece {
			pieces[d.ID] = d
		}
		docs = append(docs, d)
	}
	return f, docs
}

// TestRelevance plants the items of testdata/relevance.json in the
// generated notebook (the paper-sized one; the small one with -short or
// under the race detector, which makes the big one take minutes)
// and checks that each query finds its item: in the top 3 for at least 95%
// of queries and first for at least 80%.
func TestRelevance(t *testing.T) {
	f, planted := loadRelevance(t)
	cfg := paperConfig
	if testing.Short() || raceEnabled {
		cfg = smallConfig
	}
	e := New()
	e.Add(generated(cfg)...)
	e.Add(planted...)
	top1, top3 := 0, 0
	for _, c := range f.Queries {
		q, err := Parse(c.Q)
		if err != nil {
			t.Errorf("%q: %v", c.Q, err)
		}
		r := e.Search(q, 10)
		rank := -1
		for i, h := range r.Hits {
			if h.ID == c.Want {
				rank = i
				break
			}
		}
		switch {
		case rank == 0:
			top1++
			top3++
		case rank > 0 && rank < 3:
			top3++
			t.Logf("%-42q %-13s rank %d: %v", c.Q, c.Why, rank+1, ids(r)[:3])
		default:
			t.Logf("%-42q %-13s rank %d: %v", c.Q, c.Why, rank+1, ids(r)[:min(3, len(r.Hits))])
		}
	}
	n := len(f.Queries)
	p1, p3 := 100*float64(top1)/float64(n), 100*float64(top3)/float64(n)
	fmt.Printf("relevance: %d queries over %d items: top-1 %.1f%%, top-3 %.1f%%\n", n, e.Len(), p1, p3)
	if n < 40 || p3 < 95 || p1 < 80 {
		t.Errorf("relevance below the bar: top-1 %.1f%% (want ≥ 80), top-3 %.1f%% (want ≥ 95)", p1, p3)
	}
}
