package search

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentSearchWhileAdding builds an index in the background, as the
// app does at start-up, while sessions and plain searches run; then
// replaces and removes items under the same load. Run with -race.
func TestConcurrentSearchWhileAdding(t *testing.T) {
	docs := generated(smallConfig)
	e := New()
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer done.Store(true)
		for i := 0; i < len(docs); i += 500 {
			e.Add(docs[i:min(i+500, len(docs))]...)
		}
		for i := 0; i < 300; i++ {
			d := docs[i*7%len(docs)]
			d.Title += " revised"
			e.Add(d)
			e.Remove(docs[i*11%len(docs)].ID)
		}
	}()
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := e.NewSession()
			for i := 0; !done.Load(); i++ {
				q := typedQueries[(i+w)%len(typedQueries)]
				for _, p := range prefixes(q) {
					r, _ := s.Search(p, 10)
					for _, h := range r.Hits {
						checkRanges(t, h)
					}
				}
				pq, _ := Parse(q)
				e.Search(pq, 10)
				_ = e.Len()
			}
		}()
	}
	wg.Wait()
	if e.Len() == 0 {
		t.Fatal("empty index")
	}
}
