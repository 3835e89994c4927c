package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"time"

	"commonplace/app/search"
)

// relevanceFile is app/search/testdata/relevance.json: planted items
// (targets and decoys sharing most of their words) and the queries that
// must find them.
type relevanceFile struct {
	Docs []struct {
		ID, Kind, Title, Text, Outlet, Published, Updated, Piece string
		Authors, Tags, Rels                                      []string
		LinkNotes                                                []string `json:"link_notes"`
		Filler                                                   int
	}
	Queries []struct{ Q, Want, Why string }
}

// loadRelevance reads the set and builds its planted items exactly as
// app/search's loadRelevance (relevance_test.go) does.
func loadRelevance(path string) (relevanceFile, []search.Doc, error) {
	var f relevanceFile
	b, err := os.ReadFile(path)
	if err != nil {
		return f, nil, err
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, nil, err
	}
	day := func(s string) time.Time {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	pieces := map[string]search.Doc{}
	var docs []search.Doc
	for _, r := range f.Docs {
		d := search.Doc{ID: r.ID, Kind: search.Kind(r.Kind), Title: r.Title, Text: r.Text, Tags: r.Tags, Authors: r.Authors,
			Outlet: r.Outlet, Published: r.Published, Rels: r.Rels, LinkNotes: r.LinkNotes}
		if r.Updated != "" {
			d.Updated = day(r.Updated)
		} else if r.Published != "" {
			d.Updated = day(r.Published)
		}
		if r.Filler > 0 {
			h := fnv.New64a()
			h.Write([]byte(r.ID))
			d.Text += "\n\n" + newGenerator(h.Sum64()).text(r.Filler)
		}
		if p, ok := pieces[r.Piece]; ok {
			d.PieceID, d.PieceTitle, d.Authors, d.Outlet, d.Published, d.Updated = p.ID, p.Title, p.Authors, p.Outlet, p.Published, p.Updated
		}
		if d.Kind == search.KindPiece {
			pieces[d.ID] = d
		}
		docs = append(docs, d)
	}
	return f, docs, nil
}

// relevanceScore is how often each query's item came first, or in the
// first three, and the queries that missed the first three.
type relevanceScore struct {
	Engine     string
	Items      int
	Top1, Top3 float64 // percent of queries
	Misses     []string
}

func scoreRanks(engine string, items int, f relevanceFile, ranked func(q search.Query) ([]string, error)) (relevanceScore, error) {
	sc := relevanceScore{Engine: engine, Items: items}
	top1, top3 := 0, 0
	for _, c := range f.Queries {
		q, _ := search.Parse(c.Q)
		ids, err := ranked(q)
		if err != nil {
			return sc, fmt.Errorf("%q: %w", c.Q, err)
		}
		rank := -1
		for i, id := range ids {
			if id == c.Want {
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
		case rank < 0:
			sc.Misses = append(sc.Misses, fmt.Sprintf("%q (%s): not in the top 10", c.Q, c.Why))
		default:
			sc.Misses = append(sc.Misses, fmt.Sprintf("%q (%s): rank %d", c.Q, c.Why, rank+1))
		}
	}
	n := float64(len(f.Queries))
	sc.Top1, sc.Top3 = 100*float64(top1)/n, 100*float64(top3)/n
	return sc, nil
}

// runRelevance plants the set in app/search's generated corpus (cfg) and
// scores both engines on it with the top 10 of each query, as
// TestRelevance does.
func runRelevance(path string, cfg genConfig) ([]relevanceScore, error) {
	f, planted, err := loadRelevance(path)
	if err != nil {
		return nil, err
	}
	docs := append(generate(cfg), planted...)

	e := search.New()
	e.Add(docs...)
	cp, err := scoreRanks("commonplace", e.Len(), f, func(q search.Query) ([]string, error) {
		var ids []string
		for _, h := range e.Search(q, 10).Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	if err != nil {
		return nil, err
	}
	e = nil

	tmp, err := os.MkdirTemp("", "blevecmp-relevance-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	idx, err := buildBleve(tmp+"/index", docs)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	bl, err := scoreRanks("bleve", len(docs), f, func(q search.Query) ([]string, error) {
		res, err := idx.Search(bleveRequest(q, 10))
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	return []relevanceScore{cp, bl}, err
}
