package suggest

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Benchmarks on generated notebooks of 1,000 and 10,000 pieces of about
// 1,000 words (gen_test.go):
//
//	CGO_ENABLED=0 go test -run '^$' -bench . -benchtime 3x ./app/suggest/
//
// -short skips the 10,000-piece build and queries a 1,000-piece index.

var (
	notebooks   = map[int][]genPiece{}
	notebooksMu sync.Mutex
	bigIndex    *Index
	bigIndexN   int
)

// notebook returns the generated notebook of n pieces, generating it once.
func notebook(n int) []genPiece {
	notebooksMu.Lock()
	defer notebooksMu.Unlock()
	if g, ok := notebooks[n]; ok {
		return g
	}
	g := genNotebook(n, 1000, 0.05, 1)
	notebooks[n] = g
	return g
}

func docsOf(g []genPiece) []Doc {
	docs := make([]Doc, len(g))
	for i := range g {
		docs[i] = g[i].Doc
	}
	return docs
}

func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func benchBuild(b *testing.B, n int) {
	docs := docsOf(notebook(n))
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		x := NewIndex()
		x.Add(docs...)
		cpu += cpuTime() - c0
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	// Memory of one more build, outside the timing: HeapInuse after GC,
	// with and without the pieces' texts (which the caller holds anyway).
	before := heapInuse()
	x := NewIndex()
	x.Add(docs...)
	after := heapInuse()
	b.ReportMetric(float64(after-before)/(1<<20), "index-MB")
	b.ReportMetric(float64(after)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(x.units)), "sentences")
	runtime.KeepAlive(x)
}

func BenchmarkBuild1k(b *testing.B) { benchBuild(b, 1000) }

func BenchmarkBuild10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 pieces: skipped with -short")
	}
	benchBuild(b, 10000)
}

// benchQuery is one query of BenchmarkSimilar and what it should find.
type benchQuery struct {
	text    string
	exclude string
	point   int // talking point it states, or -1
}

// benchQueries returns a deterministic mix of queries: talking points
// (as planted and paraphrased), whole sentences and fragments of pieces,
// and short claims.
func benchQueries(g []genPiece) []benchQuery {
	r := rand.New(rand.NewPCG(3, 3))
	var qs []benchQuery
	for i, tp := range talkingPoints {
		qs = append(qs, benchQuery{tp.text, "", i}, benchQuery{tp.para, "", -1})
	}
	for len(qs) < 400 {
		p := g[r.IntN(len(g))]
		ss := sentences(p.Text, nil)
		s := ss[r.IntN(len(ss))]
		text := p.Text[s.start:s.end]
		switch r.IntN(4) {
		case 0: // a fragment
			ws := strings.Fields(text)
			a := r.IntN(max(1, len(ws)-5))
			text = strings.Join(ws[a:min(len(ws), a+5+r.IntN(10))], " ")
		case 1: // two sentences
			if i := slices.Index(ss, s); i+1 < len(ss) {
				text = p.Text[s.start:ss[i+1].end]
			}
		case 2: // a claim
			text = pick(r, subjects) + " " + pick(r, verbs) + " " + pick(r, objects)
		}
		qs = append(qs, benchQuery{text, p.PieceID, -1})
	}
	return qs
}

func BenchmarkSimilar(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	g := notebook(n)
	if bigIndex == nil || bigIndexN != n {
		bigIndex, bigIndexN = NewIndex(), n
		bigIndex.Add(docsOf(g)...)
	}
	x := bigIndex
	qs := benchQueries(g)
	var times []time.Duration
	hits, points := 0, 0
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		t0 := time.Now()
		ms := x.Similar(q.text, Exclude{Piece: q.exclude}, 10)
		times = append(times, time.Since(t0))
		if q.point >= 0 && i < len(qs) {
			points++
			if len(ms) > 0 && plantedIn(g, ms[0].PieceID, q.point) {
				hits++
			}
		}
		i++
	}
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*99/100]), "p99-ms")
	if points > 0 {
		b.ReportMetric(float64(hits)/float64(points), "top1-planted")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// plantedIn reports whether talking point i was planted in piece id.
func plantedIn(g []genPiece, id string, point int) bool {
	for _, p := range g {
		if p.PieceID == id {
			for _, pl := range p.planted {
				if pl.point == point {
					return true
				}
			}
		}
	}
	return false
}
