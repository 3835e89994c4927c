package indexes

import (
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"commonplace/app/search"
	"commonplace/storage"
	"commonplace/storage/gen"
)

// benchNotebook is the 10,000-piece notebook of the benchmark targets
// (gen.Cached), open for reading; COMMONPLACE_BENCH_PIECES=50000 asks for
// one of that many pieces, to see what grows how.
func benchNotebook(b *testing.B) *storage.Store {
	b.Helper()
	cfg := gen.Paper
	if n, err := strconv.Atoi(os.Getenv("COMMONPLACE_BENCH_PIECES")); err == nil && n > 0 {
		cfg.Pieces = n
	}
	dir, err := gen.Cached(cfg)
	if err != nil {
		b.Fatal(err)
	}
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkKeystrokeOnStore types queries a letter at a time into the
// engine the window builds — pieces' texts left in the store and read
// back for the excerpts of the hits shown — and reports the time per
// keystroke.
func BenchmarkKeystrokeOnStore(b *testing.B) {
	s := benchNotebook(b)
	e, err := BuildSearch(s)
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"afgh secrity chin", "china security afghanistan", "wakhan corridor", "iskp recruitment telegram",
		"termez freight bridge", "radicalisation online europe", "belt road infrastructure", "opium ban"}
	var took []time.Duration
	b.ResetTimer()
	for range b.N {
		for _, q := range queries {
			for i := 1; i <= len(q); i++ {
				start := time.Now()
				if pq, err := search.Parse(q[:i]); err == nil {
					e.Search(pq, 20)
				}
				took = append(took, time.Since(start))
			}
		}
	}
	b.StopTimer()
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// heapMB is the live heap after a collection, in MB.
func heapMB() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkIndexMemory builds both indexes of the 10,000-piece notebook
// as the window does and reports the live heap each adds (issue 13).
func BenchmarkIndexMemory(b *testing.B) {
	s := benchNotebook(b)
	for range b.N {
		base := heapMB()
		e, err := BuildSearch(s)
		if err != nil {
			b.Fatal(err)
		}
		withSearch := heapMB()
		x, err := BuildSimilar(s)
		if err != nil {
			b.Fatal(err)
		}
		withBoth := heapMB()
		b.ReportMetric(withSearch-base, "search-MB")
		b.ReportMetric(withBoth-withSearch, "similar-MB")
		runtime.KeepAlive(e)
		runtime.KeepAlive(x)
	}
}
