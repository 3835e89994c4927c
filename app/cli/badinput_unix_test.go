//go:build unix

package cli

import (
	"commonplace/storage/storagetest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// publicFolder makes a folder anyone may read and write, on a path anyone
// may walk: for the files a child running as nobody reads and writes.
func publicFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	letAnyoneIn(t, dir)
	return dir
}

// letAnyoneIn lets any user walk the temporary folders above path, which
// the test made private.
func letAnyoneIn(t *testing.T, path string) {
	t.Helper()
	for p := filepath.Dir(path); strings.HasPrefix(p, os.TempDir()+string(filepath.Separator)); p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil {
			os.Chmod(p, info.Mode().Perm()|0o011)
		}
	}
}

// chmodTree sets the modes of every folder and file under dir.
func chmodTree(t *testing.T, dir string, dirMode, fileMode os.FileMode) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		switch {
		case err != nil:
			return err
		case info.IsDir():
			return os.Chmod(path, dirMode)
		}
		return os.Chmod(path, fileMode)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// childRows runs each row in a child process made by command, on the
// notebook in dir, and holds it to the rules TestBadInput holds its rows
// to: the exit code, a one-line refusal in words, nothing printed as if
// done; the notebook's files untouched (not one byte, not one time), and
// the folder out, where commands write their files, as it was after a
// refusal — no partial file left behind.
func childRows(t *testing.T, dir, out string, rows []badInput, command func(args ...string) *exec.Cmd) {
	t.Helper()
	before := storagetest.FolderState(t, dir)
	dump := notebookDump(t, dir)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			outBefore := contents(t, out)
			code, stdout, stderr := runChild(t, command(row.args...))
			if code != row.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, row.code, stderr)
			}
			if row.code != ExitOK {
				checkRefusal(t, code, stderr)
				if !strings.Contains(stderr, row.want) {
					t.Fatalf("stderr %q does not say %q", stderr, row.want)
				}
				if stdout != "" {
					t.Fatalf("a refused command printed %q", stdout)
				}
				if after := contents(t, out); after != outBefore {
					t.Fatalf("the refused command changed %s:\nbefore\n%s\nafter\n%s", out, outBefore, after)
				}
			}
			if after := storagetest.FolderState(t, dir); after != before {
				t.Fatalf("the notebook's files changed:\nbefore\n%s\nafter\n%s", before, after)
			}
		})
	}
	if after := notebookDump(t, dir); after != dump {
		t.Fatal("the notebook's items changed")
	}
}

// notebookRows are a write of every kind that opens the notebook, each of
// which must be refused with want, and a read of every kind, each of
// which must work; out is where they may write their files.
func notebookRows(t *testing.T, ids demoIDs, out, want string) []badInput {
	t.Helper()
	good := filepath.Join(out, "good.txt")
	if err := os.WriteFile(good, []byte("A perfectly good text.\n\nWith a second paragraph."), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(out, "other.zip")
	other := filepath.Join(t.TempDir(), "other")
	mustRun(t, other, "import", good)
	mustRun(t, other, "export", "--out", bundle)
	os.Chmod(bundle, 0o644)
	return []badInput{
		{name: "import/a file", args: []string{"import", good}, code: ExitError, want: want},
		{name: "import/a bundle", args: []string{"import", bundle}, code: ExitError, want: want},
		{name: "annotate", args: []string{"annotate", "--piece", ids.piece, "--quote", "Wakhan"}, code: ExitError, want: want},
		{name: "edit-text", args: []string{"edit-text", "--piece", ids.piece, "--file", good}, code: ExitError, want: want},
		{name: "note", args: []string{"note", "words"}, code: ExitError, want: want},
		{name: "claim", args: []string{"claim", "a statement"}, code: ExitError, want: want},
		{name: "link", args: []string{"link", "--rel", "supports", ids.ann, ids.claim}, code: ExitError, want: want},
		{name: "relation", args: []string{"relation", "undermines"}, code: ExitError, want: want},
		{name: "delete", args: []string{"delete", ids.note}, code: ExitError, want: want},
		{name: "delete/a missing id", args: []string{"delete", missingID}, code: ExitError, want: want},
		{name: "demo", args: []string{"demo"}, code: ExitError, want: want},

		{name: "pieces", args: []string{"pieces", "--json"}, code: ExitOK},
		{name: "show", args: []string{"show", ids.piece}, code: ExitOK},
		{name: "links", args: []string{"links", ids.ann}, code: ExitOK},
		{name: "search", args: []string{"search", "wakhan"}, code: ExitOK},
		{name: "suggest", args: []string{"suggest", ids.ann}, code: ExitOK},
		{name: "claims", args: []string{"claims"}, code: ExitOK},
		{name: "relations", args: []string{"relations"}, code: ExitOK},
		{name: "check", args: []string{"check"}, code: ExitOK},
		{name: "import --dry-run", args: []string{"import", "--dry-run", good}, code: ExitOK},
	}
}

// TestBadInputReadOnlyNotebook runs every command, as nobody, on a
// notebook in a folder nobody may write (an archive, a colleague's
// folder): each read works — an export and a map included, into a folder
// that can be written — and each write is refused in one sentence; not
// one file of the notebook changes.
func TestBadInputReadOnlyNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir, ids := demoNotebook(t)
	out := publicFolder(t)
	rows := notebookRows(t, ids, out, "cannot write to this notebook: its folder "+dir+" is read-only")
	rows = append(rows,
		badInput{name: "export", args: []string{"export", "--out", filepath.Join(out, "x.zip")}, code: ExitOK},
		badInput{name: "export --markdown", args: []string{"export", "--markdown", filepath.Join(out, "md")}, code: ExitOK},
		badInput{name: "map", args: []string{"map", "--out", filepath.Join(out, "map.svg")}, code: ExitOK},
	)
	chmodTree(t, dir, 0o555, 0o444)
	t.Cleanup(func() { chmodTree(t, dir, 0o755, 0o644) })
	letAnyoneIn(t, dir)
	exe := anyoneCanRun(t)
	childRows(t, dir, out, rows, func(args ...string) *exec.Cmd {
		cmd := cliCommand(exe, dir, args...)
		cmd.Dir = filepath.Dir(exe)
		if os.Geteuid() == 0 {
			// Root writes anywhere: nobody is who a read-only folder stops.
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		return cmd
	})
	checkPasses(t, dir)
}

// TestBadInputFileSizeLimit runs every command in a process that may not
// write a file over 4 KB (ulimit -f): reads work; writes to the notebook
// are refused in one sentence naming the limit, before anything is
// written; an export or a map, larger than that, is refused the same way
// and leaves no partial file (Go ignores SIGXFSZ: the write fails with
// EFBIG rather than killing the process).
func TestBadInputFileSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir, ids := demoNotebook(t)
	out := t.TempDir()
	rows := notebookRows(t, ids, out, "cannot write to this notebook: this process may not write files as large as the notebook's (the file size limit, ulimit -f, is too low)")
	const tooLarge = "the file would be larger than this process may write (the file size limit, ulimit -f, is too low)"
	rows = append(rows,
		badInput{name: "export", args: []string{"export", "--out", filepath.Join(out, "x.zip")}, code: ExitError,
			want: "cannot write the bundle to " + filepath.Join(out, "x.zip") + ": " + tooLarge},
		badInput{name: "export --markdown", args: []string{"export", "--markdown", filepath.Join(out, "md")}, code: ExitError,
			want: "cannot write the Markdown folder " + filepath.Join(out, "md") + ": " + tooLarge},
		badInput{name: "map", args: []string{"map", "--out", filepath.Join(out, "map.png")}, code: ExitError,
			want: "cannot write the map to " + filepath.Join(out, "map.png") + ": " + tooLarge},
		badInput{name: "backup", args: []string{"backup", "--out", filepath.Join(out, "b.cpbackup")}, code: ExitError,
			want: "cannot write the backup to " + filepath.Join(out, "b.cpbackup") + ": " + tooLarge},
	)
	childRows(t, dir, out, rows, func(args ...string) *exec.Cmd {
		cmd := cliCommand(os.Args[0], dir, args...)
		cmd.Env = append(cmd.Env, childFSizeEnv+"=4096")
		return cmd
	})
	checkPasses(t, dir)
}
