package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
)

// memory is what the process holds at one moment.
type memory struct {
	HeapMB    float64 // live heap (HeapAlloc after a full GC)
	RSSMB     float64 // resident set: anonymous + file-backed pages
	RSSAnonMB float64 // heap, stacks, Go runtime: what no file backs
	RSSFileMB float64 // mapped files (bleve's mmapped segments) in RAM now
	PeakRSSMB float64 // VmHWM: the most the process was ever resident
}

// measureMemory collects garbage and hands freed pages back to the OS
// first, so RSS is not inflated by heap the collector already released.
func measureMemory() memory {
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := memory{HeapMB: mb(ms.HeapAlloc)}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			continue
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil {
			continue
		}
		v := mb(kb << 10)
		switch key {
		case "VmRSS":
			m.RSSMB = v
		case "RssAnon":
			m.RSSAnonMB = v
		case "RssFile":
			m.RSSFileMB = v
		case "VmHWM":
			m.PeakRSSMB = v
		}
	}
	return m
}

// minus is m less a baseline taken before the engine existed (the store
// already open), so the figure is the engine's own. Peak RSS stays whole.
func (m memory) minus(base memory) memory {
	return memory{
		HeapMB:    m.HeapMB - base.HeapMB,
		RSSMB:     m.RSSMB - base.RSSMB,
		RSSAnonMB: m.RSSAnonMB - base.RSSAnonMB,
		RSSFileMB: m.RSSFileMB - base.RSSFileMB,
		PeakRSSMB: m.PeakRSSMB,
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// dirSize is the bytes of the regular files under dir, and how many of
// them end in suffix (bleve's segment files end in .zap).
func dirSize(dir, suffix string) (bytes int64, matching int) {
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			bytes += info.Size()
		}
		if strings.HasSuffix(path, suffix) {
			matching++
		}
		return nil
	})
	return bytes, matching
}

// percentile of latencies in milliseconds, nearest rank below, as
// app/search's benchmarks compute it.
func percentile(latencies []float64, p float64) float64 {
	if len(latencies) == 0 {
		return 0
	}
	s := slices.Clone(latencies)
	slices.Sort(s)
	return s[int(p*float64(len(s)-1))]
}

func median(xs []float64) float64 { return percentile(xs, 0.5) }

// typedQueries are app/search's BenchmarkKeystroke queries (bench_test.go),
// 1–4 words, some with filters, typed one letter at a time.
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

// prefixes returns every prefix of q that ends a keystroke, trailing
// spaces included as the user types them (as app/search's benchmark).
func prefixes(q string) []string {
	var out []string
	for i := range q {
		if i > 0 {
			out = append(out, q[:i])
		}
	}
	return append(out, q)
}

// typeAll feeds every prefix of every typed query to search, which runs
// one keystroke's query (top 20), and returns the wall time of each in
// milliseconds. newField is called once per query: a fresh search box.
func typeAll(newField func() func(prefix string)) []float64 {
	var lat []float64
	for _, q := range typedQueries {
		search := newField()
		for _, p := range prefixes(q) {
			start := time.Now()
			search(p)
			lat = append(lat, ms(time.Since(start)))
		}
	}
	return lat
}
