package report

import (
	"io"
	"testing"

	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
)

// BenchmarkReport writes the report of 1,000 pieces with 10 passages each.
func BenchmarkReport(b *testing.B) {
	s := bundletest.BenchNotebook(b, 1000, 10)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	h := Header{App: "bench", Created: bundletest.At(0), Scope: sel.Scope.String()}
	var size countWriter
	if err := Write(&size, s, sel, h); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, s, sel, h); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MB/report")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
