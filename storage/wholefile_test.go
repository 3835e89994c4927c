package storage

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteWholeRemovesStalePartials: a write removes the temporary files
// a killed write to the same name left, and leaves alone one that may be
// another write's under way, and other names'.
func TestWriteWholeRemovesStalePartials(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "share.zip")
	stale := filepath.Join(dir, ".share.zip.123.partial")
	fresh := filepath.Join(dir, ".share.zip.456.partial")
	other := filepath.Join(dir, ".other.zip.789.partial")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("half a file"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * PartialAge)
	os.Chtimes(stale, old, old)
	os.Chtimes(other, old, old)
	if err := WriteWhole(path, "the bundle", 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "a whole bundle")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "a whole bundle" {
		t.Fatalf("the file holds %q (%v)", data, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("the file's mode is %v, want 0644", info.Mode().Perm())
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale partial file of this name is still there")
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

// TestWriteWholeFailureLeavesTheOldFile: a write that fails part-way
// leaves the file as it was and no temporary file; a missing folder is
// named in words, with the user's file rather than the temporary one.
func TestWriteWholeFailureLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.svg")
	os.WriteFile(path, []byte("the old map"), 0o644)
	failed := errors.New("the store went away")
	err := WriteWhole(path, "the map", 0o644, func(w io.Writer) error {
		io.WriteString(w, "half a new map")
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("err %v, want the write's own", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "the old map" {
		t.Errorf("the file holds %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the map alone", len(entries))
	}
	missing := filepath.Join(dir, "gone", "map.svg")
	err = WriteWhole(missing, "the map", 0o644, func(io.Writer) error { return nil })
	want := "cannot write the map to " + missing + ": the folder " + filepath.Join(dir, "gone") + " does not exist"
	if err == nil || err.Error() != want || strings.Contains(err.Error(), ".partial") {
		t.Fatalf("err %v, want %q", err, want)
	}
}
