package markdown

import (
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkMarkdownExport writes 1,000 pieces with 10 passages each as a
// Markdown folder.
func BenchmarkMarkdownExport(b *testing.B) {
	s := bundletest.BenchNotebook(b, 1000, 10)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := Export(s, sel, filepath.Join(dir, fmt.Sprint(i))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdownImport reads such a folder into a new notebook: too
// large for one transaction, so it goes through a staged change.
func BenchmarkMarkdownImport(b *testing.B) {
	s := bundletest.BenchNotebook(b, 1000, 10)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "vault")
	if _, err := Export(s, sel, dir); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s2 := bundletest.OpenStore(b)
		b.StartTimer()
		rep, err := Import(s2, dir, merge.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Added < 11000 {
			b.Fatalf("imported %+v", rep.Added)
		}
	}
}
