package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/storagetest"
)

// TestTextAtTheBoundImports reads a Windows text file (CRLF line ends)
// whose text is exactly the longest a piece may have: the file is longer
// than the text, and both File and TextFile take it; the text is what
// the store's one check accepts. Under the race detector the text is
// 6 MB.
func TestTextAtTheBoundImports(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 64 MB file")
	}
	size := storage.MaxTextBytes
	if storagetest.RaceEnabled {
		size = 6 << 20
	}
	text := storagetest.LongText(size, 1)
	path := filepath.Join(t.TempDir(), "record.txt")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(text, "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := TextFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != text {
		t.Fatalf("the text read is %d bytes, not the %d written", len(got), len(text))
	}
	if err := storage.CheckTextSize(got); err != nil {
		t.Fatal(err)
	}
	got = ""
	doc, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.CheckTextSize(doc.Text); err != nil || len(doc.Text) < size/2 {
		t.Fatalf("an import of %d bytes: %v", len(doc.Text), err)
	}
}
