package storage_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/gen"
	"commonplace/storage/storagetest"
)

// paperNotebook is the 10,000-piece notebook of the benchmark targets,
// generated once (gen.Cached).
func paperNotebook(b *testing.B) string {
	b.Helper()
	dir, err := gen.Cached(gen.Paper)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

var openMu sync.Mutex

// BenchmarkOpenAndListPieces: open the 10,000-piece notebook and list every
// piece with its annotation count (target: under 1 s).
func BenchmarkOpenAndListPieces(b *testing.B) {
	dir := paperNotebook(b)
	openMu.Lock()
	defer openMu.Unlock()
	for b.Loop() {
		s, err := storage.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		pieces, err := s.Pieces()
		if err != nil || len(pieces) != gen.Paper.Pieces {
			b.Fatalf("%d pieces, %v", len(pieces), err)
		}
		s.Close()
	}
}

// BenchmarkAnnotateDurable: add one annotation, synced to disk, to a random
// piece of the 10,000-piece notebook (target: median under 5 ms).
func BenchmarkAnnotateDurable(b *testing.B) { annotateDurable(b, paperNotebook(b)) }

func annotateDurable(b *testing.B, dir string, opts ...storage.Option) {
	openMu.Lock()
	defer openMu.Unlock()
	s, err := storage.Open(dir, opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	pieces, _ := s.Pieces()
	r := rand.New(rand.NewPCG(7, 7))
	var created []string
	var times []time.Duration
	for b.Loop() {
		p := pieces[r.IntN(len(pieces))]
		start := time.Now()
		a, err := s.Annotate(p.ID, 10, 60, storage.AnnotationInput{Note: "benchmark", Tags: []string{"bench"}})
		times = append(times, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		created = append(created, a.ID)
	}
	b.StopTimer()
	reportPercentiles(b, times)
	for _, id := range created { // leave the cached notebook as generated
		s.Delete(id)
	}
}

// BenchmarkReattach500: edit the text of a 1,000-word piece with 500
// annotations, re-attaching all of them in the same durable transaction
// (target: under 50 ms). Edits alternate between inserting and removing a
// paragraph at the top, so every annotation moves each time.
func BenchmarkReattach500(b *testing.B) {
	for _, words := range []int{1_000, 20_000} {
		b.Run(fmt.Sprintf("words=%d", words), func(b *testing.B) {
			s, err := storage.Open(filepath.Join(b.TempDir(), "nb"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			r := rand.New(rand.NewPCG(3, 3))
			text := gen.Text(r, words)
			p, err := s.AddPiece(storage.Piece{Title: "bench"}, text)
			if err != nil {
				b.Fatal(err)
			}
			err = s.Batch(func(bt *storage.Batch) error {
				for _, sp := range gen.Spans(r, text, 500) {
					if _, err := bt.Annotate(p.ID, sp[0], sp[1], storage.AnnotationInput{}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			texts := []string{"A paragraph inserted at the top moves every passage below it.\n\n" + text, text}
			i := 0
			for b.Loop() {
				rep, err := s.EditPieceText(p.ID, texts[i%2])
				if err != nil {
					b.Fatal(err)
				}
				if rep.Counts["moved"] != 500 {
					b.Fatalf("re-attached %v", rep.Counts)
				}
				i++
			}
		})
	}
}

// BenchmarkOpenRSS measures, in a fresh process, the peak resident memory
// after opening the 10,000-piece notebook and listing it (target: under
// 300 MB). It reports it as MB-peak-rss.
func BenchmarkOpenRSS(b *testing.B) {
	dir := paperNotebook(b)
	openMu.Lock()
	defer openMu.Unlock()
	var mb float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRSSChild$")
		cmd.Env = append(os.Environ(), "COMMONPLACE_RSS_DIR="+dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				mb = float64(kb) / 1024
			}
		}
	}
	b.ReportMetric(mb, "MB-peak-rss")
}

// TestRSSChild is BenchmarkOpenRSS's child process.
func TestRSSChild(t *testing.T) {
	dir := os.Getenv("COMMONPLACE_RSS_DIR")
	if dir == "" {
		t.Skip("run by BenchmarkOpenRSS")
	}
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pieces(); err != nil {
		t.Fatal(err)
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line)
		}
	}
	s.Close()
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
	b.ReportMetric(ms(times[len(times)*99/100]), "ms-p99")
}

// BenchmarkBacklinks1000: an annotation with 1,000 links (500 each way) to
// passages of other pieces; list them with the other ends (target < 5 ms).
func BenchmarkBacklinks1000(b *testing.B) {
	s, err := storage.Open(filepath.Join(b.TempDir(), "nb"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(5, 5))
	var hub string
	err = s.Batch(func(bt *storage.Batch) error {
		var anns []string
		for i := 0; i < 100; i++ {
			text := gen.Text(r, 300)
			p, err := bt.AddPiece(storage.Piece{Title: fmt.Sprint("piece ", i)}, text)
			if err != nil {
				return err
			}
			for _, sp := range gen.Spans(r, text, 10) {
				a, err := bt.Annotate(p.ID, sp[0], sp[1], storage.AnnotationInput{})
				if err != nil {
					return err
				}
				anns = append(anns, a.ID)
			}
		}
		hub = anns[0]
		for i, other := range anns[1:] {
			l := storage.Link{From: hub, To: other, Rel: "supports"}
			if i%2 == 1 {
				l = storage.Link{From: other, To: hub, Rel: "contradicts"}
			}
			if _, err := bt.AddLink(l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, cold := range []bool{false, true} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if cold {
					s.DropCaches()
				}
				views, err := s.LinksOf(hub)
				if err != nil || len(views) != 999 {
					b.Fatalf("%d links, %v", len(views), err)
				}
			}
		})
	}
}

var benchPassphrase = []byte("benchmark passphrase")

// encryptedPaperNotebook is the 10,000-piece notebook, encrypted: restored
// from a backup of paperNotebook and converted, once, into a cached
// folder beside it.
func encryptedPaperNotebook(b *testing.B) string {
	b.Helper()
	plain := paperNotebook(b)
	dir := plain + "-encrypted"
	done := dir + ".generated"
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	backup := filepath.Join(b.TempDir(), "paper.backup")
	s, err := storage.OpenReadOnly(plain)
	if err != nil {
		b.Fatal(err)
	}
	writeBackupFile(b, s, backup)
	s.Close()
	f, err := os.Open(backup)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r, err := storage.RestoreBackup(dir, f)
	if err != nil {
		b.Fatal(err)
	}
	if err := r.Encrypt(benchPassphrase); err != nil {
		b.Fatal(err)
	}
	r.Close()
	os.WriteFile(done, nil, 0o600)
	return dir
}

func writeBackupFile(b *testing.B, s *storage.Store, path string) {
	b.Helper()
	os.Remove(path)
	if err := s.BackupFile(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEncryptedOpenAndListPieces is BenchmarkOpenAndListPieces on the
// encrypted notebook: the unlock (Argon2id) and decrypting what is read.
func BenchmarkEncryptedOpenAndListPieces(b *testing.B) {
	dir := encryptedPaperNotebook(b)
	openMu.Lock()
	defer openMu.Unlock()
	for b.Loop() {
		s, err := storage.Open(dir, storage.WithPassphrase(benchPassphrase))
		if err != nil {
			b.Fatal(err)
		}
		pieces, err := s.Pieces()
		if err != nil || len(pieces) != gen.Paper.Pieces {
			b.Fatalf("%d pieces, %v", len(pieces), err)
		}
		s.Close()
	}
}

// BenchmarkEncryptedAnnotateDurable is BenchmarkAnnotateDurable on the
// encrypted notebook.
func BenchmarkEncryptedAnnotateDurable(b *testing.B) {
	annotateDurable(b, encryptedPaperNotebook(b), storage.WithPassphrase(benchPassphrase))
}

// BenchmarkBackupRestore: back up the 10,000-piece notebook to a file and
// restore it into a new folder, plain and encrypted.
func BenchmarkBackupRestore(b *testing.B) {
	for _, enc := range []bool{false, true} {
		name, dir, opts := "plain", paperNotebook(b), []storage.Option(nil)
		if enc {
			name, dir, opts = "encrypted", encryptedPaperNotebook(b), []storage.Option{storage.WithPassphrase(benchPassphrase)}
		}
		b.Run(name+"/backup", func(b *testing.B) {
			openMu.Lock()
			defer openMu.Unlock()
			s, err := storage.OpenReadOnly(dir, opts...)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			path := filepath.Join(b.TempDir(), "nb.backup")
			for b.Loop() {
				writeBackupFile(b, s, path)
			}
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/(1<<20), "MB")
			}
		})
		b.Run(name+"/restore", func(b *testing.B) {
			openMu.Lock()
			s, err := storage.OpenReadOnly(dir, opts...)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "nb.backup")
			writeBackupFile(b, s, path)
			s.Close()
			openMu.Unlock()
			for i := 0; b.Loop(); i++ {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				r, err := storage.RestoreBackup(filepath.Join(b.TempDir(), strconv.Itoa(i)), f, opts...)
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				r.Close()
			}
		})
	}
}

// BenchmarkHugePieceStore: add a piece of a 50 MB text to a notebook,
// durably (normalising, hashing and counting the text, then writing it in
// 1 MiB chunks in one transaction); read it back whole, as the reader
// does when it opens the piece (issue 13); and edit it, alternately adding
// and removing a last paragraph, which writes the new text and the old
// one as a revision in one transaction.
//
//	go test -run '^$' -bench HugePieceStore -benchtime 3x -benchmem ./storage/
func BenchmarkHugePieceStore(b *testing.B) {
	text := storagetest.LongText(50<<20, 1)
	s, err := storage.Open(filepath.Join(b.TempDir(), "nb"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := s.AddPiece(storage.Piece{Title: "Court record"}, text)
	if err != nil {
		b.Fatal(err)
	}
	id := p.ID
	b.Run("add", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := s.AddPiece(storage.Piece{Title: "Court record"}, text); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			got, err := s.PieceText(id)
			if err != nil || len(got) != len(text) {
				b.Fatalf("read %d bytes, %v", len(got), err)
			}
		}
	})
	b.Run("edit", func(b *testing.B) {
		texts := []string{text + "\n\nAn appendix.", text}
		b.SetBytes(int64(len(text)))
		i := 0
		for b.Loop() {
			if _, err := s.EditPieceText(id, texts[i%2]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkReadEveryPiece: read every piece of the 10,000-piece notebook
// with its text and passages, in one read transaction, as an export does:
// a Get per record, or walked in key order by a PieceStream.
func BenchmarkReadEveryPiece(b *testing.B) {
	dir := paperNotebook(b)
	openMu.Lock()
	defer openMu.Unlock()
	s, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	pieces, err := s.Pieces()
	if err != nil {
		b.Fatal(err)
	}
	type reader struct {
		piece func(id string) (storage.Piece, string, error)
		anns  func(id string) ([]storage.Annotation, error)
		close func()
	}
	for _, c := range []struct {
		name string
		open func(bt *storage.Batch) reader
	}{
		{"Get", func(bt *storage.Batch) reader {
			return reader{bt.PieceOf, bt.AnnotationsOf, func() {}}
		}},
		{"PieceStream", func(bt *storage.Batch) reader {
			st := bt.PieceStream(func(string) bool { return true })
			piece := func(id string) (storage.Piece, string, error) {
				p, err := st.Piece(id)
				if err != nil {
					return p, "", err
				}
				text, err := st.Text(id)
				return p, text, err
			}
			return reader{piece, st.Annotations, st.Close}
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				passages := 0
				err := s.Peek(func(bt *storage.Batch) error {
					r := c.open(bt)
					defer r.close()
					for _, p := range pieces {
						if _, _, err := r.piece(p.ID); err != nil {
							return err
						}
						anns, err := r.anns(p.ID)
						if err != nil {
							return err
						}
						passages += len(anns)
					}
					return nil
				})
				if err != nil || passages != gen.Paper.Pieces*gen.Paper.AnnotsPerPiece {
					b.Fatalf("%d passages, %v", passages, err)
				}
			}
		})
	}
}
