package search

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"
)

// Benchmarks run on the paper-sized generated notebook (130,000 items, 14
// million words):
//
//	CGO_ENABLED=0 go test -run '^$' -bench . -benchtime 1x ./app/search/
//
// Keystroke and picker benchmarks replay typing: a Session is fed every
// prefix of each query, and the per-keystroke latencies are reported as
// percentiles (ms) with b.ReportMetric.

// typedQueries are 1–4 word queries typed letter by letter.
var typedQueries = []string{
	"afgh secrity chin",
	"china security afghanistan",
	"wakhan corridor",
	"iskp recruitment telegram",
	"prison release vienna attack",
	"lithium",
	"satbayeva",
	"termez freight bridge",
	"radicalisation online europe",
	"belt road infrastructure",
	"uzbek electricity kabul",
	"opium ban",
	"drone strikes kunar",
	"returnees syria",
	"customs revenue torkham",
	"mining copper investment loans",
	"taliban envoy beijing meeting",
	"border patrol tajikistan",
	"counter terrorism police raid",
	"kind:claim chinese investment",
	"tag:europe prison",
	"after:2020 security afghanistan",
}

// pickerQueries are typed into the "Link to…" picker, passages only.
var pickerQueries = []string{
	"afgh secrity chin",
	"china role",
	"wakhan",
	"freight termez",
	"prison release",
	"lithium deposits",
	"iskp telegram",
	"security forces checkpoint",
}

var (
	benchOnce   sync.Once
	benchEngine *Engine
)

func paperEngine(b testing.TB) *Engine {
	benchOnce.Do(func() {
		docs := generated(paperConfig)
		benchEngine = New()
		benchEngine.Add(docs...)
	})
	return benchEngine
}

// prefixes returns every prefix of q that ends a keystroke, trailing
// spaces included as the user types them.
func prefixes(q string) []string {
	var out []string
	for i := range q {
		if i > 0 {
			out = append(out, q[:i])
		}
	}
	return append(out, q)
}

func percentile(d []time.Duration, p float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(p * float64(len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

// typing holds per-keystroke measurements.
type typing struct {
	wall, cpu          []time.Duration
	narrowed, searches int
}

func (ty *typing) typeQueries(e *Engine, queries []string, kinds []Kind) {
	for _, q := range queries {
		s := e.NewSession()
		for _, p := range prefixes(q) {
			c := cpuTime()
			start := time.Now()
			pq, _ := Parse(p)
			if kinds != nil {
				pq = pq.OnlyKinds(kinds...)
			}
			s.SearchQuery(pq, 20)
			ty.wall = append(ty.wall, time.Since(start))
			ty.cpu = append(ty.cpu, cpuTime()-c)
		}
		ty.narrowed += s.narrowed
		ty.searches += s.searches
	}
}

func (ty *typing) report(b *testing.B) {
	b.ReportMetric(percentile(ty.wall, 0.5), "p50-ms")
	b.ReportMetric(percentile(ty.wall, 0.99), "p99-ms")
	b.ReportMetric(percentile(ty.wall, 1), "max-ms")
	b.ReportMetric(percentile(ty.cpu, 0.5), "p50-cpu-ms")
	b.ReportMetric(percentile(ty.cpu, 0.99), "p99-cpu-ms")
	b.ReportMetric(float64(len(ty.wall)/b.N), "keystrokes")
	b.ReportMetric(100*float64(ty.narrowed)/float64(ty.searches), "narrowed-%")
}

func BenchmarkKeystroke(b *testing.B) {
	e := paperEngine(b)
	b.ResetTimer()
	var ty typing
	for range b.N {
		ty.typeQueries(e, typedQueries, nil)
	}
	ty.report(b)
}

func BenchmarkPicker(b *testing.B) {
	e := paperEngine(b)
	b.ResetTimer()
	var ty typing
	for range b.N {
		ty.typeQueries(e, pickerQueries, []Kind{KindPassage})
	}
	ty.report(b)
}

// BenchmarkFullQuery times whole queries without a session, each from
// scratch: the worst case of a pasted query.
func BenchmarkFullQuery(b *testing.B) {
	e := paperEngine(b)
	b.ResetTimer()
	var lat []time.Duration
	for range b.N {
		for _, qs := range typedQueries {
			q, _ := Parse(qs)
			start := time.Now()
			e.Search(q, 20)
			lat = append(lat, time.Since(start))
		}
	}
	b.ReportMetric(percentile(lat, 0.5), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
}

// BenchmarkVsPlainFuzzy compares whole-query search with sahilm/fuzzy.Find
// over Title+Text of every item, the approach this package replaces, on
// the first six typed queries (fuzzy.Find takes most of a second each).
func BenchmarkVsPlainFuzzy(b *testing.B) {
	e := paperEngine(b)
	docs := generated(paperConfig)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Title + " " + d.Text
	}
	queries := typedQueries[:6]
	b.ResetTimer()
	var engineT, fuzzyT time.Duration
	matched := 0
	for range b.N {
		for _, qs := range queries {
			q, _ := Parse(qs)
			start := time.Now()
			e.Search(q, 20)
			engineT += time.Since(start)
			start = time.Now()
			m := fuzzy.Find(qs, texts)
			fuzzyT += time.Since(start)
			matched += len(m)
		}
	}
	n := float64(b.N * len(queries))
	b.ReportMetric(float64(engineT.Microseconds())/1000/n, "engine-ms/query")
	b.ReportMetric(float64(fuzzyT.Microseconds())/1000/n, "fuzzy-ms/query")
	b.ReportMetric(float64(fuzzyT)/float64(engineT), "speedup")
	b.ReportMetric(100*float64(matched)/n/float64(len(texts)), "fuzzy-matched-%")
}

// BenchmarkBuild indexes the paper notebook from scratch and reports the
// heap the index holds: HeapInuse after GC with the docs alive, before and
// after the build. Doc strings are shared with the caller, so the figure
// is the index's own memory; retained-text-MB is the text it keeps alive.
// The first build of the process also pays for page faults: it is
// reported apart as first-build-ms.
func BenchmarkBuild(b *testing.B) {
	docs := generated(paperConfig)
	textBytes := 0
	for _, d := range docs {
		textBytes += len(d.Title) + len(d.Text)
	}
	var ms runtime.MemStats
	b.ResetTimer()
	var took, cpu, first time.Duration
	var mem uint64
	for i := range b.N {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapInuse
		c := cpuTime()
		start := time.Now()
		e := New()
		e.Add(docs...)
		t := time.Since(start)
		if i == 0 {
			first = t
		}
		took += t
		cpu += cpuTime() - c
		runtime.GC()
		runtime.ReadMemStats(&ms)
		mem = ms.HeapInuse - before
		runtime.KeepAlive(e)
	}
	b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "build-ms")
	b.ReportMetric(float64(first.Milliseconds()), "first-build-ms")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "build-cpu-ms")
	b.ReportMetric(float64(mem)/(1<<20), "index-MB")
	b.ReportMetric(float64(textBytes)/(1<<20), "retained-text-MB")
	b.ReportMetric(float64(len(docs)), "docs")
}

// cpuTime is the process's CPU time so far. Per-keystroke CPU time
// counts both evaluation workers, so it bounds the latency on an idle
// machine from above; wall time on a shared machine includes waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAddOne times incremental updates of the paper index: replacing
// a passage, and a piece grown to 20,000 words, as when the user edits
// them. Each iteration edits different items from the middle of the index,
// whose postings sit mid-list.
func BenchmarkAddOne(b *testing.B) {
	e := paperEngine(b)
	docs := generated(paperConfig)
	g := newGenerator(9)
	// The first change after a bulk load pays once for growing the
	// exactly-sized lists and tables it appends to.
	warm := docs[len(docs)/3]
	warm.Text = g.phrase(20)
	start := time.Now()
	e.Add(warm)
	first := time.Since(start)
	b.ResetTimer()
	var tp, tq time.Duration
	for i := range b.N {
		k := 11 * (i%2000 + 1) // pieces are every 11th doc, passages between
		passage, piece := docs[55_000+k+1], docs[55_000-k]
		passage.Text = g.phrase(20)
		piece.Text = g.text(20_000)
		start := time.Now()
		e.Add(passage)
		tp += time.Since(start)
		start = time.Now()
		e.Add(piece)
		tq += time.Since(start)
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-change-ms")
	b.ReportMetric(float64(tp.Microseconds())/1000/float64(b.N), "passage-ms")
	b.ReportMetric(float64(tq.Microseconds())/1000/float64(b.N), "piece20k-ms")
}

// BenchmarkTokenize measures the tokenizer alone on generated prose.
func BenchmarkTokenize(b *testing.B) {
	text := newGenerator(5).text(100_000)
	var t tokenizer
	words := 0
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		t.reset(text)
		for t.next() {
			words++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(words), "ns/word")
}

// savedEngine is the paper notebook indexed the way the app indexes it:
// pieces' texts and passages' strings left to the store (SetTexts), and the docs decoded
// for the build dropped afterwards, so the engine holds only the strings
// it keeps. builtMB is its heap: HeapInuse after GC with it alive, less
// the same before the build.
var savedEngine = sync.OnceValues(func() (e *Engine, builtMB float64) {
	docs := generated(paperConfig)
	texts := textsOf(docs)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapInuse
	e = New()
	e.SetTexts(texts)
	e.Add(cloneDocs(docs)...) // as if decoded from the store
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return e, float64(ms.HeapInuse-before) / (1 << 20)
})

// cloneDocs copies docs and their strings, so that the engine built from
// them holds strings of its own, as one built from the store does. A
// passage shares its piece's title, authors and outlet, as the app's
// docs do (it fills them from the piece).
func cloneDocs(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	shared := map[string]string{}
	share := func(s string) string {
		c, ok := shared[s]
		if !ok {
			c = strings.Clone(s)
			shared[s] = c
		}
		return c
	}
	list := func(l []string) []string {
		if l == nil {
			return nil
		}
		c := make([]string, len(l))
		for i, s := range l {
			c[i] = share(s)
		}
		return c
	}
	for i, d := range docs {
		title := strings.Clone(d.Title)
		if d.Kind == KindPiece {
			title = share(d.Title)
		}
		out[i] = Doc{ID: strings.Clone(d.ID), Kind: d.Kind, Title: title, Text: strings.Clone(d.Text),
			Tags: list(d.Tags), PieceID: share(d.PieceID), PieceTitle: share(d.PieceTitle),
			Authors: list(d.Authors), Outlet: share(d.Outlet), Published: strings.Clone(d.Published),
			Rels: list(d.Rels), LinkNotes: list(d.LinkNotes), Updated: d.Updated}
	}
	return out
}

// BenchmarkSave writes the paper notebook's engine (built as the app
// builds it) to memory and reports the CPU time and the file's size:
//
//	go test -tags migrated_fynedo -run '^$' -bench 'Save|Load' -benchtime 3x -count 3 ./app/search/
func BenchmarkSave(b *testing.B) {
	e, _ := savedEngine()
	var buf bytes.Buffer
	b.ResetTimer()
	c := cpuTime()
	for range b.N {
		buf.Reset()
		if err := e.Save(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c).Milliseconds())/float64(b.N), "save-cpu-ms")
	b.ReportMetric(float64(buf.Len()), "B/file")
}

// BenchmarkLoad reads the paper notebook's saved engine back and reports
// the CPU time a load takes, the file's size, and the heap the loaded
// engine holds next to the heap of the engine built from the docs.
func BenchmarkLoad(b *testing.B) {
	e, builtMB := savedEngine()
	var buf bytes.Buffer
	if err := e.Save(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	var ms runtime.MemStats
	var cpu time.Duration
	var heap uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapInuse
		b.StartTimer()
		c := cpuTime()
		got, err := Load(bytes.NewReader(data))
		cpu += cpuTime() - c
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		heap = ms.HeapInuse - before
		runtime.KeepAlive(got)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(data)), "B/file")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "load-cpu-ms")
	b.ReportMetric(float64(heap)/(1<<20), "loaded-MB")
	b.ReportMetric(builtMB, "built-MB")
}
