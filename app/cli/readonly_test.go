package cli

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// folderState is every file of a notebook folder with its size and
// modification time.
func folderState(t *testing.T, dir string) string {
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
		fmt.Fprintf(&b, "%s %d %d\n", rel, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReadCommandsChangeNothing runs every command that only reads and
// checks that the notebook folder is exactly as it was: reading opens the
// notebook read-only, so it works on an archive or a folder the user may
// not write, and gives a sync tool nothing to copy (issue 11, failure 5).
func TestReadCommandsChangeNothing(t *testing.T) {
	dir, id := setup(t)
	ann := strings.TrimSpace(mustRun(t, dir, "annotate", "--piece", id, "--quote", "the Wakhan", "--note", "door"))
	mustRun(t, dir, "claim", "Beijing wants the door shut")
	out := t.TempDir()
	before := folderState(t, dir)
	for _, args := range [][]string{
		{"pieces"}, {"pieces", "--json"}, {"show", id}, {"links", id}, {"search", "wakhan"},
		{"claims"}, {"relations"}, {"check"}, {"suggest", ann}, {"show", ann},
		{"map", "--out", filepath.Join(out, "map.svg")},
		{"import", "--dry-run", writeFile(t, "other.md", "# Other\n\nA second text.\n")},
	} {
		if code, _, errOut := run(t, dir, args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		if after := folderState(t, dir); after != before {
			t.Fatalf("%v changed the notebook folder:\nbefore\n%s\nafter\n%s", args, before, after)
		}
	}
}
