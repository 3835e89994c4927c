package cli

import (
	"commonplace/storage/storagetest"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCommandsChangeNothing runs every command that only reads and
// checks that the notebook folder is exactly as it was: reading opens the
// notebook read-only, so it works on an archive or a folder the user may
// not write, and gives a sync tool nothing to copy (issue 11, failure 5).
func TestReadCommandsChangeNothing(t *testing.T) {
	dir, id := setup(t)
	ann := strings.TrimSpace(mustRun(t, dir, "annotate", "--piece", id, "--quote", "the Wakhan", "--note", "door"))
	mustRun(t, dir, "claim", "Beijing wants the door shut")
	out := t.TempDir()
	before := storagetest.FolderState(t, dir)
	for _, args := range [][]string{
		{"pieces"}, {"pieces", "--json"}, {"show", id}, {"links", id}, {"search", "wakhan"},
		{"claims"}, {"relations"}, {"check"}, {"suggest", ann}, {"show", ann},
		{"map", "--out", filepath.Join(out, "map.svg")},
		{"import", "--dry-run", writeFile(t, "other.md", "# Other\n\nA second text.\n")},
	} {
		if code, _, errOut := run(t, dir, args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		if after := storagetest.FolderState(t, dir); after != before {
			t.Fatalf("%v changed the notebook folder:\nbefore\n%s\nafter\n%s", args, before, after)
		}
	}
}
