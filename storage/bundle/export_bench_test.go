package bundle

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// The bundle benchmarks run on the paper-size notebook (10,000 pieces of
// about 1,000 words, 100,000 annotations), generated once into a cached
// folder ($COMMONPLACE_BENCH_DIR or the temp folder) like storage's own;
// export records sync bases, so the folder is the bundle benchmarks' own.
//
//	go test -run '^$' -bench 'Paper' -benchtime 1x ./storage/bundle/
//
// Targets: export under 10 s, import into an empty notebook under 20 s,
// each under 500 MB of peak resident memory.

var benchMu sync.Mutex

func benchRoot() string {
	if root := os.Getenv("COMMONPLACE_BENCH_DIR"); root != "" {
		return root
	}
	return os.TempDir()
}

// paperNotebook returns the cached paper-size notebook's folder.
func paperNotebook(b testing.TB) string {
	cfg := gen.Paper
	dir := filepath.Join(benchRoot(), fmt.Sprintf("commonplace-bundle-bench-%d-%d-%d", cfg.Pieces, cfg.WordsPerPiece, cfg.AnnotsPerPiece))
	done := dir + ".generated"
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	start := time.Now()
	s, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := gen.Notebook(s, cfg); err != nil {
		b.Fatal(err)
	}
	s.Close()
	os.WriteFile(done, nil, 0o600)
	b.Logf("generated %d pieces in %s", cfg.Pieces, time.Since(start).Round(time.Second))
	return dir
}

// paperBundle returns a bundle of the whole paper notebook, exported once.
func paperBundle(b testing.TB) string {
	dir := paperNotebook(b)
	path := dir + ".zip"
	if _, err := os.Stat(path); err == nil {
		return path
	}
	s, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := ExportFile(s, scope.Scope{}, path, ExportOptions{App: "bench"}); err != nil {
		b.Fatal(err)
	}
	return path
}

func BenchmarkExportPaper(b *testing.B) {
	dir := paperNotebook(b)
	benchMu.Lock()
	defer benchMu.Unlock()
	s, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "paper.zip")
	var m *Manifest
	for b.Loop() {
		if m, err = ExportFile(s, scope.Scope{}, out, ExportOptions{App: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	if m.Counts.Pieces != gen.Paper.Pieces || m.Counts.Annotations != gen.Paper.Pieces*gen.Paper.AnnotsPerPiece {
		b.Fatalf("exported %+v", m.Counts)
	}
	s.Close()
	fi, _ := os.Stat(out)
	b.ReportMetric(float64(fi.Size())/(1<<20), "MB-bundle")
	b.ReportMetric(rssOf(b, "export", dir), "MB-peak-rss")
}

func BenchmarkImportPaper(b *testing.B) {
	path := paperBundle(b)
	benchMu.Lock()
	defer benchMu.Unlock()
	for b.Loop() {
		b.StopTimer()
		s, err := storage.Open(filepath.Join(b.TempDir(), "nb"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := ImportFile(s, path, merge.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if rep.Added != gen.Paper.Pieces*(1+gen.Paper.AnnotsPerPiece) {
			b.Fatalf("added %d", rep.Added)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(rssOf(b, "import", path), "MB-peak-rss")
}

// rssOf runs one export or import in a fresh process and returns its
// peak resident memory in MB.
func rssOf(b *testing.B, what, arg string) float64 {
	b.StopTimer()
	defer b.StartTimer()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBundleRSSChild$")
	cmd.Env = append(os.Environ(), "COMMONPLACE_BUNDLE_RSS="+what, "COMMONPLACE_BUNDLE_RSS_ARG="+arg,
		"COMMONPLACE_BUNDLE_RSS_OUT="+filepath.Join(b.TempDir(), "rss"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child: %v\n%s", err, out)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	b.Fatalf("child printed no VmHWM:\n%s", out)
	return 0
}

// TestBundleRSSChild is the child process of rssOf.
func TestBundleRSSChild(t *testing.T) {
	what, arg, out := os.Getenv("COMMONPLACE_BUNDLE_RSS"), os.Getenv("COMMONPLACE_BUNDLE_RSS_ARG"), os.Getenv("COMMONPLACE_BUNDLE_RSS_OUT")
	if what == "" {
		t.Skip("run by the bundle benchmarks")
	}
	start := time.Now()
	switch what {
	case "export":
		s, err := storage.Open(arg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ExportFile(s, scope.Scope{}, out+".zip", ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	case "import":
		s, err := storage.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ImportFile(s, arg, merge.Options{}); err != nil {
			t.Fatal(err)
		}
		// The swapped-in copy has many level-0 tables: the next write must
		// not wait for compaction.
		w := time.Now()
		if _, err := s.AddNote(storage.Note{Body: "written right after the import"}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("first write after the import took", time.Since(w).Round(time.Millisecond))
		s.Close()
	}
	fmt.Println("took", time.Since(start).Round(time.Millisecond))
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line)
		}
	}
}
