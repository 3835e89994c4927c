// Command blevecmp measures Commonplace's search engine (app/search) side
// by side with github.com/blevesearch/bleve/v2 on the same notebook: build
// time, memory, disk, keystroke latency and relevance. See README.md.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

func main() {
	notebook := flag.String("notebook", "", "a generated notebook folder (storage/gen), e.g. /tmp/commonplace-bench-1000-1000-10; it is copied, never opened in place")
	rounds := flag.Int("rounds", 2, "rounds of (Commonplace, bleve), each engine in a fresh process, interleaved")
	relevance := flag.Bool("relevance", false, "also score the relevance set on app/search's generated corpus")
	relevanceSet := flag.String("relevance-set", "../../app/search/testdata/relevance.json", "the relevance set")
	relevanceCorpus := flag.String("relevance-corpus", "paper", "app/search corpus to plant the set in: paper (130,000 items, as TestRelevance) or small (as -short)")
	flag.BoolVar(&catchAll, "bleve-all", false, "bleve: look free words up in one catch-all _all field instead of per field (cheaper, no field boosts)")
	child := flag.String("child", "", "internal: measure this engine on -notebook and print JSON")
	flag.Parse()

	if *child != "" {
		m, err := runChild(*child, *notebook)
		if err != nil {
			fmt.Fprintln(os.Stderr, "blevecmp:", err)
			os.Exit(1)
		}
		json.NewEncoder(os.Stdout).Encode(m)
		return
	}
	if *notebook == "" && !*relevance {
		flag.Usage()
		os.Exit(2)
	}
	fmt.Printf("go %s, GOMAXPROCS %d, %d CPUs\n\n", runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU())
	if *notebook != "" {
		if err := compareOnNotebook(*notebook, *rounds); err != nil {
			fmt.Fprintln(os.Stderr, "blevecmp:", err)
			os.Exit(1)
		}
	}
	if *relevance {
		cfg := paperConfig
		if *relevanceCorpus == "small" {
			cfg = smallConfig
		}
		scores, err := runRelevance(*relevanceSet, cfg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "blevecmp:", err)
			os.Exit(1)
		}
		printRelevance(scores, *relevanceCorpus)
	}
}

// compareOnNotebook copies the notebook (Badger writes on open, and the
// cached notebooks are shared), then measures the engines in alternation,
// each in a fresh process: A, B, A, B, so that a burst of load from other
// work on the machine falls on both rather than on one.
func compareOnNotebook(notebook string, rounds int) error {
	tmp, err := os.MkdirTemp("", "blevecmp-notebook-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "notebook")
	if err := copyDir(notebook, dir); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	byEngine := map[string][]measurement{}
	for r := range rounds {
		for _, engine := range []string{"commonplace", "bleve"} {
			fmt.Fprintf(os.Stderr, "round %d: %s…\n", r+1, engine)
			var out bytes.Buffer
			cmd := exec.Command(self, "-child", engine, "-notebook", dir, "-bleve-all="+strconv.FormatBool(catchAll))
			cmd.Stdout, cmd.Stderr = &out, os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s, round %d: %w", engine, r+1, err)
			}
			var m measurement
			if err := json.Unmarshal(out.Bytes(), &m); err != nil {
				return fmt.Errorf("%s, round %d: %w", engine, r+1, err)
			}
			byEngine[engine] = append(byEngine[engine], m)
		}
	}
	printComparison(notebook, byEngine["commonplace"], byEngine["bleve"])
	return nil
}

// summary pools an engine's rounds: medians of the one-off figures, and
// latency percentiles over every keystroke of every round.
type summary struct {
	items                                 int
	read, build, persist, open            float64
	heap, heapOpen, rss, rssAnon, rssFile float64
	rssOpen, rssOpenFile, peak, disk      float64
	segments, found                       int
	saved                                 bool
	keystrokes                            int
	p50, p99, max                         float64
	buildRounds                           []float64
}

func summarize(ms []measurement) summary {
	pick := func(f func(m measurement) float64) float64 {
		var xs []float64
		for _, m := range ms {
			xs = append(xs, f(m))
		}
		return median(xs)
	}
	var lat []float64
	s := summary{items: ms[0].Items, segments: ms[0].Segments, found: ms[0].Found, saved: ms[0].Saved}
	for _, m := range ms {
		lat = append(lat, m.Latencies...)
		s.buildRounds = append(s.buildRounds, m.BuildMS/1000)
	}
	s.read = pick(func(m measurement) float64 { return m.ReadMS / 1000 })
	s.build = pick(func(m measurement) float64 { return m.BuildMS / 1000 })
	s.persist = pick(func(m measurement) float64 { return m.PersistMS / 1000 })
	s.open = pick(func(m measurement) float64 { return m.OpenMS / 1000 })
	s.heap = pick(func(m measurement) float64 { return m.AfterBuild.HeapMB })
	s.heapOpen = pick(func(m measurement) float64 { return m.AfterOpen.HeapMB })
	s.rss = pick(func(m measurement) float64 { return m.AfterBuild.RSSMB })
	s.rssAnon = pick(func(m measurement) float64 { return m.AfterBuild.RSSAnonMB })
	s.rssFile = pick(func(m measurement) float64 { return m.AfterBuild.RSSFileMB })
	s.rssOpen = pick(func(m measurement) float64 { return m.AfterOpen.RSSMB })
	s.rssOpenFile = pick(func(m measurement) float64 { return m.AfterOpen.RSSFileMB })
	s.peak = pick(func(m measurement) float64 { return m.AfterBuild.PeakRSSMB })
	s.disk = pick(func(m measurement) float64 { return m.DiskMB })
	s.keystrokes = len(lat) / len(ms)
	s.p50, s.p99, s.max = percentile(lat, 0.5), percentile(lat, 0.99), percentile(lat, 1)
	return s
}

func printComparison(notebook string, cp, bl []measurement) {
	c, b := summarize(cp), summarize(bl)
	variant := ""
	if catchAll {
		variant = ", bleve with -bleve-all (one _all field)"
	}
	fmt.Printf("### %s: %d items, %d rounds each%s (medians; latency percentiles over all keystrokes)\n\n", filepath.Base(notebook), c.items, len(cp), variant)
	fmt.Println("| | Commonplace | bleve | bleve / Commonplace |")
	fmt.Println("|---|---:|---:|---:|")
	row := func(name string, cv, bv float64, unit string) {
		ratio := "—"
		if cv > 0 {
			ratio = fmt.Sprintf("%.1f×", bv/cv)
		}
		fmt.Printf("| %s | %s | %s | %s |\n", name, num(cv, unit), num(bv, unit), ratio)
	}
	only := func(name string, bv float64, unit string, note string) {
		fmt.Printf("| %s | %s | %s | |\n", name, note, num(bv, unit))
	}
	row("build (index the items), s", c.build, b.build, "s")
	if c.saved {
		row("persist (Commonplace: Save to a file; bleve: Close), s", c.persist, b.persist, "s")
	} else {
		only("close (persist), s", b.persist, "s", "— (nothing persisted)")
	}
	only("open the persisted index, s", b.open, "s", fmt.Sprintf("— (rebuilt: %.2f s)", c.build))
	row("live heap after build, MB", c.heap, b.heap, "MB")
	row("RSS after build, MB", c.rss, b.rss, "MB")
	row("  of which anonymous, MB", c.rssAnon, b.rssAnon, "MB")
	row("  of which mapped files, MB", c.rssFile, b.rssFile, "MB")
	only("live heap after reopen, MB", b.heapOpen, "MB", "—")
	only("RSS after reopen, MB", b.rssOpen, "MB", "—")
	only("  of which mapped files, MB", b.rssOpenFile, "MB", "—")
	row("peak RSS of the process, MB", c.peak, b.peak, "MB")
	if c.saved {
		row("size on disk (Commonplace: its Save), MB", c.disk, b.disk, "MB")
	} else {
		only("size on disk, MB", b.disk, "MB", "0 (none)")
	}
	fmt.Printf("| segment files after close | — | %d | |\n", b.segments)
	row("keystroke p50, ms", c.p50, b.p50, "ms")
	row("keystroke p99, ms", c.p99, b.p99, "ms")
	row("keystroke max, ms", c.max, b.max, "ms")
	cpSplit, blSplit := byLastWord(cp), byLastWord(bl)
	fmt.Printf("\nkeystrokes whose last word has 1–2 letters (%d a round): p50 / p99 Commonplace %s / %s ms, bleve %s / %s ms\n",
		len(cpSplit[0])/len(cp), num(percentile(cpSplit[0], .5), "ms"), num(percentile(cpSplit[0], .99), "ms"), num(percentile(blSplit[0], .5), "ms"), num(percentile(blSplit[0], .99), "ms"))
	fmt.Printf("keystrokes whose last word has 3 letters or more, or is finished: p50 / p99 Commonplace %s / %s ms, bleve %s / %s ms\n",
		num(percentile(cpSplit[1], .5), "ms"), num(percentile(cpSplit[1], .99), "ms"), num(percentile(blSplit[1], .5), "ms"), num(percentile(blSplit[1], .99), "ms"))
	fmt.Printf("typed queries whose whole text finds something: Commonplace %d, bleve %d of %d\n", c.found, b.found, len(typedQueries))
	for _, ig := range cp[0].Ignored {
		fmt.Println("  Commonplace:", ig)
	}
	fmt.Printf("keystrokes per round: %d; reading the items from the store (not in build): Commonplace %.2f s, bleve %.2f s\n", c.keystrokes, c.read, b.read)
	fmt.Printf("build per round, s: Commonplace %v, bleve %v\n", fmtList(c.buildRounds), fmtList(b.buildRounds))
	fmt.Printf("memory figures are over the baseline of the process with the store open and before reading the items.\n\n")
}

// byLastWord splits the keystroke latencies of all rounds in two: those
// whose prefix ends in a word of one or two letters (a prefix query then
// expands to many words) and the rest. Latencies come in typing order.
func byLastWord(rounds []measurement) [2][]float64 {
	var split [2][]float64
	for _, m := range rounds {
		i := 0
		for _, q := range typedQueries {
			for _, p := range prefixes(q) {
				if i >= len(m.Latencies) {
					return split
				}
				words := strings.Fields(p)
				last := ""
				if len(words) > 0 && !strings.HasSuffix(p, " ") {
					last = words[len(words)-1]
				}
				if n := len([]rune(last)); n > 0 && n <= 2 {
					split[0] = append(split[0], m.Latencies[i])
				} else {
					split[1] = append(split[1], m.Latencies[i])
				}
				i++
			}
		}
	}
	return split
}

func printRelevance(scores []relevanceScore, corpus string) {
	c, b := scores[0], scores[1]
	variant := ""
	if catchAll {
		variant = ", bleve with -bleve-all (one _all field)"
	}
	fmt.Printf("### relevance: app/search's testdata/relevance.json planted in its %s generated corpus (%d items), top 10 of each query%s\n\n", corpus, c.Items, variant)
	fmt.Println("| | Commonplace | bleve | bleve / Commonplace |")
	fmt.Println("|---|---:|---:|---:|")
	fmt.Printf("| top-1 | %.1f%% | %.1f%% | %.2f× |\n", c.Top1, b.Top1, b.Top1/c.Top1)
	fmt.Printf("| top-3 | %.1f%% | %.1f%% | %.2f× |\n\n", c.Top3, b.Top3, b.Top3/c.Top3)
	for _, s := range scores {
		fmt.Printf("%s missed the top 3 on %d queries:\n", s.Engine, len(s.Misses))
		for _, m := range s.Misses {
			fmt.Println("  ", m)
		}
	}
	fmt.Println()
}

func num(v float64, unit string) string {
	switch {
	case unit == "ms" && v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

func fmtList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(parts, ", ")
}

// copyDir copies the regular files of src into dst.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
