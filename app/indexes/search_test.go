package indexes

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"commonplace/app/search"
	"commonplace/storage"
)

func openTemp(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// find searches and returns the hit with id, if any.
func find(e *search.Engine, query, id string) (search.Hit, bool) {
	q, _ := search.Parse(query)
	for _, h := range e.Search(q, 20).Hits {
		if h.ID == id {
			return h, true
		}
	}
	return search.Hit{}, false
}

// follow starts a follower of s and waits for its first builds.
func follow(t *testing.T, s *storage.Store) *Follower {
	t.Helper()
	f := Follow(s)
	t.Cleanup(f.Close)
	f.Settle()
	if err := f.Search.Err(); err != nil {
		t.Fatal(err)
	}
	return f
}

// holds checks what the index says once it has every change so far:
// changes are indexed off the committing goroutine.
func holds(t *testing.T, f *Follower, what string, check func() bool) {
	t.Helper()
	f.Settle()
	if !check() {
		t.Fatalf("not so: %s", what)
	}
}

func TestIndexFollowsTheNotebook(t *testing.T) {
	s := openTemp(t)
	p, _ := s.AddPiece(storage.Piece{Title: "Wakhan corridor", Authors: []string{"Sátbayeva"}}, "Beijing worries about militants in Badakhshan.")
	a, _ := s.AnnotateQuote(p.ID, "militants in Badakhshan", 1, storage.AnnotationInput{Note: "the mechanism"})
	f := follow(t, s)
	x := f.Search
	if h, ok := find(x.Engine(), "badakshan militnts", a.ID); !ok || h.PieceTitle != "Wakhan corridor" {
		t.Fatalf("passage not found after the build: %+v", h)
	}
	if _, ok := find(x.Engine(), "author:satbayeva", a.ID); !ok {
		t.Fatal("a passage does not carry its piece's authors")
	}

	c, _ := s.AddClaim(storage.Claim{Statement: "Security drives Beijing"})
	holds(t, f, "a new claim is searchable", func() bool { _, ok := find(x.Engine(), "security drives", c.ID); return ok })

	s.AddLink(storage.Link{From: a.ID, To: c.ID, Rel: "supports", Note: "strongest evidence"})
	holds(t, f, "a link's relation reaches both ends", func() bool {
		_, ok := find(x.Engine(), "rel:supports badakhshan", a.ID)
		_, ok2 := find(x.Engine(), "rel:supports security", c.ID)
		return ok && ok2
	})

	p.Title = "Renamed piece"
	s.UpdatePiece(p)
	holds(t, f, "a renamed piece renames its passages' piece", func() bool {
		h, ok := find(x.Engine(), "militants", a.ID)
		return ok && h.PieceTitle == "Renamed piece"
	})

	s.Delete(a.ID)
	holds(t, f, "a deleted passage is gone", func() bool { _, ok := find(x.Engine(), "militants", a.ID); return !ok })
}

func TestBuild(t *testing.T) {
	s := openTemp(t)
	p, _ := s.AddPiece(storage.Piece{Title: "One"}, "Rail freight through Termez.")
	s.AddNote(storage.Note{Title: "Termez", Body: "Trucks at the bridge", Attached: p.ID})
	e, err := BuildSearch(s)
	if err != nil || e.Len() != 2 {
		t.Fatalf("built %d, %v", e.Len(), err)
	}
}

func TestIndexRebuildsAfterAStagedChange(t *testing.T) {
	s := openTemp(t)
	f := follow(t, s)
	x := f.Search
	id := "0193a7c4-5b2e-7d41-9f3a-2c8e1b0d4f6a"
	err := s.Staged(func(b *storage.Batch) error {
		return b.ImportNote(storage.Note{ID: id, Title: "Customs at Hairatan", Body: "fees doubled", Created: time.Now(), Updated: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	holds(t, f, "an item brought in by a staged import is searchable", func() bool { _, ok := find(x.Engine(), "hairatan fees", id); return ok })
}

func TestDeletedLinkLeavesNoRelation(t *testing.T) {
	s := openTemp(t)
	p, _ := s.AddPiece(storage.Piece{Title: "P"}, "Militants in Badakhshan worry Beijing.")
	a, _ := s.AnnotateQuote(p.ID, "Militants in Badakhshan", 1, storage.AnnotationInput{})
	c, _ := s.AddClaim(storage.Claim{Statement: "Security first"})
	l, _ := s.AddLink(storage.Link{From: a.ID, To: c.ID, Rel: "supports"})
	f := follow(t, s)
	x := f.Search
	if _, ok := find(x.Engine(), "rel:supports security", c.ID); !ok {
		t.Fatal("rel filter before the delete")
	}
	s.Delete(l.ID)
	holds(t, f, "a deleted link's relation is gone from both ends", func() bool {
		_, ok := find(x.Engine(), "rel:supports security", c.ID)
		_, ok2 := find(x.Engine(), "rel:supports militants", a.ID)
		return !ok && !ok2
	})
}

// TestCloseStopsABuildUnderWay: a build under way gives up at the next
// piece once the follower is closed, so that closing the notebook — which
// waits for the build's read of it — never waits for a whole build (a
// quit waited seconds on a large notebook).
func TestCloseStopsABuildUnderWay(t *testing.T) {
	s := openTemp(t)
	for i := range 600 {
		if _, err := s.AddPiece(storage.Piece{Title: fmt.Sprintf("Piece %d", i)}, "Trucks wait at the bridge at Termez."); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	close(stop)
	for name, ix := range map[string]kept{"search": newSearch(s), "similar": newSimilar(s)} {
		if err := ix.rebuild(s, stop); !errors.Is(err, storage.ErrClosed) {
			t.Errorf("%s: a stopped build returned %v", name, err)
		}
	}
	x := newSearch(s)
	x.rebuild(s, stop)
	if n := x.Engine().Len(); n >= 300 {
		t.Errorf("a stopped build indexed %d documents of 600 pieces", n)
	}
}
