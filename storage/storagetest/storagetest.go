// Package storagetest holds what tests of the notebook on disk share:
// FolderState, to see that an operation left a folder exactly as it was.
// It is used by tests only, and imports nothing of storage, so storage's
// own tests can use it too.
package storagetest

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// FolderState is every file under dir with its mode, size and
// modification time: what a read, or a refused command, must leave
// exactly as it was.
func FolderState(t testing.TB, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(&b, "%s %v %d %d\n", rel, info.Mode(), info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
