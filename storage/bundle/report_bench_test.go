package bundle

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// rptBenchNotebook fills a notebook with n pieces of about 600 words, each
// with per passages, a link from every piece's first passage to the
// previous piece's, and a claim for every ten pieces.
func rptBenchNotebook(b testing.TB, n, per int) *storage.Store {
	b.Helper()
	s, err := storage.Open(filepath.Join(b.TempDir(), "nb"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var paras []string
	for p := 0; p < 6; p++ {
		var w []string
		for i := 0; i < 100; i++ {
			w = append(w, fmt.Sprintf("word%d%d", p, i%37))
		}
		paras = append(paras, strings.Join(w, " ")+".")
	}
	text := strings.Join(paras, "\n\n")
	runes := len([]rune(text))
	const chunk = 100
	for from := 0; from < n; from += chunk {
		err := s.Batch(func(bt *storage.Batch) error {
			for i := from; i < min(n, from+chunk); i++ {
				pid := fixID(0x100, i)
				if err := bt.ImportPiece(storage.Piece{ID: pid, Title: fmt.Sprintf("Piece %d", i), Outlet: "Outlet",
					Published: "2024-05-01", Authors: []string{"A. Writer"}, Tags: []string{"bench"}, Created: fixAt(i), Updated: fixAt(i)}, text, nil); err != nil {
					return err
				}
				for k := 0; k < per; k++ {
					start := (k * runes / per) + 3
					sel, err := anchor.Describe(text, start, start+40+k)
					if err != nil {
						return err
					}
					a := storage.Annotation{ID: fixID(0x200, i*per+k), PieceID: pid, Selector: sel, Rev: 1, Status: anchor.Anchored,
						Note: "A note on this passage, long enough to wrap in the margin.", Tags: []string{"t" + fmt.Sprint(k)},
						Color: storage.Colors[k%len(storage.Colors)], Created: fixAt(i), Updated: fixAt(i)}
					if err := bt.ImportAnnotation(a); err != nil {
						return err
					}
				}
				if i > 0 {
					if err := bt.ImportLink(storage.Link{ID: fixID(0x300, i), From: fixID(0x200, i*per), To: fixID(0x200, (i-1)*per),
						Rel: "supports", Created: fixAt(i), Updated: fixAt(i)}); err != nil {
						return err
					}
				}
				if i%10 == 9 {
					if err := bt.ImportClaim(storage.Claim{ID: fixID(0x400, i), Statement: fmt.Sprintf("Claim %d", i),
						Evidence: []string{fixID(0x200, i*per+1), fixID(0x200, (i-1)*per+2)}, Created: fixAt(i), Updated: fixAt(i)}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkReport writes the report of 1,000 pieces with 10 passages each.
func BenchmarkReport(b *testing.B) {
	s := rptBenchNotebook(b, 1000, 10)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	m := &Manifest{App: "bench", Created: fixAt(0), Scope: sel.Scope.String()}
	var size rptCountWriter
	if err := WriteReport(&size, s, sel, m); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteReport(io.Discard, s, sel, m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MB/report")
}

type rptCountWriter int64

func (c *rptCountWriter) Write(p []byte) (int, error) {
	*c += rptCountWriter(len(p))
	return len(p), nil
}
