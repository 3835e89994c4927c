package suggest

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// Benchmarks of what a 10,000-piece index costs to hold, save and load,
// as the app uses it (with a keeper of texts):
//
//	CGO_ENABLED=0 go test -tags migrated_fynedo -run '^$' -bench 'Heap10k|Save10k|Load10k|SimilarKeeper' -benchtime 1x ./app/suggest/

var (
	keeperIndex *Index
	keeperStore *store
)

// keeperIndex10k returns the 10,000-piece notebook indexed with a keeper
// of texts, building it once.
func keeperIndex10k() (*Index, *store) {
	if keeperIndex == nil {
		docs := docsOf(notebook(10000))
		keeperStore = newStore(docs)
		keeperIndex = NewIndex()
		keeperIndex.SetPieceTexts(keeperStore.text)
		keeperIndex.Add(docs...)
	}
	return keeperIndex, keeperStore
}

// BenchmarkHeap10k reports the live heap of a 10,000-piece index (index-MB,
// HeapInuse after GC): with its own copy of the texts (kept: the texts
// given to Add are copies, as the store's reads are, and dropped after),
// with a keeper of texts, and loaded from a save with a keeper.
func BenchmarkHeap10k(b *testing.B) {
	g := notebook(10000)
	b.Run("texts=kept", func(b *testing.B) {
		var x *Index
		var mb float64
		for b.Loop() {
			x = nil
			before := heapInuse()
			docs := docsOf(g)
			for i := range docs {
				docs[i].Text = strings.Clone(docs[i].Text)
			}
			x = NewIndex()
			x.Add(docs...)
			docs = nil
			mb = float64(heapInuse()-before) / (1 << 20)
		}
		b.ReportMetric(mb, "index-MB")
		runtime.KeepAlive(x)
	})
	b.Run("texts=keeper", func(b *testing.B) {
		s := newStore(docsOf(g))
		var x *Index
		var mb float64
		for b.Loop() {
			x = nil
			before := heapInuse()
			x = NewIndex()
			x.SetPieceTexts(s.text)
			x.Add(docsOf(g)...)
			mb = float64(heapInuse()-before) / (1 << 20)
		}
		b.ReportMetric(mb, "index-MB")
		runtime.KeepAlive(x)
	})
	b.Run("texts=keeper,loaded", func(b *testing.B) {
		x, _ := keeperIndex10k()
		var file bytes.Buffer
		if err := x.Save(&file); err != nil {
			b.Fatal(err)
		}
		var y *Index
		var mb float64
		for b.Loop() {
			y = nil
			before := heapInuse()
			var err error
			if y, err = Load(bytes.NewReader(file.Bytes())); err != nil {
				b.Fatal(err)
			}
			mb = float64(heapInuse()-before) / (1 << 20)
		}
		b.ReportMetric(mb, "index-MB")
		runtime.KeepAlive(y)
	})
}

func BenchmarkSave10k(b *testing.B) {
	x, _ := keeperIndex10k()
	var file bytes.Buffer
	var cpu time.Duration
	for b.Loop() {
		file.Reset()
		c0 := cpuTime()
		if err := x.Save(&file); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(file.Len())/(1<<20), "file-MB")
}

func BenchmarkLoad10k(b *testing.B) {
	x, _ := keeperIndex10k()
	var file bytes.Buffer
	if err := x.Save(&file); err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		if _, err := Load(bytes.NewReader(file.Bytes())); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(file.Len())/(1<<20), "file-MB")
}

// BenchmarkSimilarKeeper is BenchmarkSimilar's queries on an index reading
// its texts from a keeper (a map here); texts/op is how many texts a query
// reads, which the app's store must serve.
func BenchmarkSimilarKeeper(b *testing.B) {
	x, s := keeperIndex10k()
	qs := benchQueries(notebook(10000))
	s.mu.Lock()
	s.reads = 0
	s.mu.Unlock()
	var times []time.Duration
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		t0 := time.Now()
		x.Similar(q.text, Exclude{Piece: q.exclude}, 10)
		times = append(times, time.Since(t0))
		i++
	}
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*99/100]), "p99-ms")
	s.mu.Lock()
	b.ReportMetric(float64(s.reads)/float64(b.N), "texts/op")
	s.mu.Unlock()
}
