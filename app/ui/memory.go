package ui

import (
	"os"
	"runtime/debug"
	"runtime/metrics"

	"commonplace/app/indexes"
)

// The Go runtime lets the heap grow to twice what is live before it
// collects (GOGC=100). For a window whose live heap is mostly indexes —
// hundreds of MB on a notebook of years — that doubling is hundreds of MB
// the user's laptop gives to nothing. Once the indexes are ready, and
// allocation is down to what the user does, the window lets the heap grow
// by a headroom sized to the notebook instead: a quarter of the live heap,
// and never less than minHeadroom, so a small notebook keeps the default.
//
// A growth rate rather than a fixed limit (debug.SetMemoryLimit): measured
// on the 10,000-piece notebook, a limit near the live heap (GOMEMLIMIT)
// cost a fifth more CPU at start, and a limit must be moved by hand as the
// notebook grows — or when a staged import builds new indexes beside the
// old ones — lest the collector run without pause; a rate follows the
// live heap by itself. (docs/BENCHMARKS.md has the figures.) A GOGC the
// user set wins.

// minHeadroom is the least the heap may grow beyond what is live.
const minHeadroom = 64 << 20

// heapGrowthPercent is the GOGC for a live heap of live bytes: a headroom
// of a quarter of it, at least minHeadroom, at most the default doubling.
func heapGrowthPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	headroom := max(live/4, minHeadroom)
	return int(min(100, max(25, headroom*100/live)))
}

// sizeHeapWhenReady sets the heap's growth once the indexes are built,
// and again after each save of them, and each time hands back to the
// system at once what was left free: the runtime would return it only
// slowly (a build's garbage, a loaded index's file buffer, a save's), and
// meanwhile the window would look hundreds of MB bigger than it is.
func sizeHeapWhenReady(f *indexes.Follower) {
	<-f.Search.Ready()
	<-f.Similar.Ready()
	sizeHeap()
	for range f.Saved() {
		sizeHeap()
	}
}

func sizeHeap() {
	if os.Getenv("GOGC") == "" {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetGCPercent(heapGrowthPercent(sample[0].Value.Uint64()))
		}
	}
	debug.FreeOSMemory()
}
