//go:build linux || darwin

package storage

import (
	"commonplace/storage/storagetest"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnlyChild is the child half of the tests below: it reads the
// notebook read-only, then tries to open it for writing, printing what
// each gave, under the file-size limit it is asked for.
func TestReadOnlyChild(t *testing.T) {
	dir := os.Getenv("COMMONPLACE_RO_DIR")
	if dir == "" {
		t.Skip("run by TestReadOnlyFolder and TestFileSizeLimit")
	}
	if os.Getenv("COMMONPLACE_RO_FSIZE") != "" {
		// Go ignores SIGXFSZ: a write past the limit fails with EFBIG.
		lim := &syscall.Rlimit{Cur: 1 << 20, Max: 1 << 20}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
			t.Fatal(err)
		}
	}
	r, err := OpenReadOnly(dir)
	if err != nil {
		fmt.Println("read:", err)
	} else {
		n := 0
		err := r.EachPiece(func(Piece, string) error { n++; return nil })
		fmt.Println("read:", n, "pieces", err)
		r.Close()
	}
	s, err := Open(dir)
	fmt.Println("write:", err)
	if err == nil {
		_, err := s.AddNote(Note{Body: "written"})
		fmt.Println("note:", err)
		s.Close()
	}
}

// runReadOnlyChild runs TestReadOnlyChild on dir from a copy of the test
// binary anyone may run: as root, it drops to nobody, for whom a folder
// without write permission is read-only (root writes anywhere).
func runReadOnlyChild(t *testing.T, dir string, env ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(bin, "storage.test")
	copyFile(t, os.Args[0], exe)
	cmd := exec.Command(exe, "-test.run=^TestReadOnlyChild$", "-test.v=false")
	cmd.Env = append(append(os.Environ(), "COMMONPLACE_RO_DIR="+dir), env...)
	cmd.Dir = bin
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}

// chmodAll sets the notebook folder's permissions, and its parents'
// search permission, so nobody may read it.
func chmodAll(t *testing.T, dir string, dirMode, fileMode os.FileMode) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			return os.Chmod(path, dirMode)
		}
		return os.Chmod(path, fileMode)
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o001 == 0 && strings.HasPrefix(p, os.TempDir()) {
			os.Chmod(p, info.Mode().Perm()|0o011)
		}
	}
}

// notebookFor writes a small notebook for the children to read.
func notebookFor(t *testing.T) string {
	t.Helper()
	s, dir := openTemp(t)
	addSample(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReadOnlyFolder reads a notebook in a folder its reader may not
// write (an archive, a DVD, a colleague's folder): reading works and
// changes nothing, and a write is refused in one sentence (issue 11,
// failure 5).
func TestReadOnlyFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := notebookFor(t)
	chmodAll(t, dir, 0o555, 0o444)
	t.Cleanup(func() { chmodAll(t, dir, 0o755, 0o644) })
	before := storagetest.FolderState(t, dir)
	out := runReadOnlyChild(t, dir)
	if !strings.Contains(out, "read: 1 pieces <nil>") {
		t.Errorf("reading a read-only notebook:\n%s", out)
	}
	if want := "write: " + ErrCannotWrite.Error() + ": its folder " + dir + " is read-only\n"; !strings.Contains(out, want) {
		t.Errorf("opening a read-only notebook to write:\n%s\nwant %q", out, want)
	}
	if after := storagetest.FolderState(t, dir); after != before {
		t.Errorf("the read-only folder changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// TestFileSizeLimit reads and writes a notebook from a process that may
// not write files over 1 MB (ulimit -f): reading works, and a write is
// refused in one sentence naming the limit (issue 11, failure 5).
func TestFileSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := notebookFor(t)
	chmodAll(t, dir, 0o777, 0o666)
	before := storagetest.FolderState(t, dir)
	out := runReadOnlyChild(t, dir, "COMMONPLACE_RO_FSIZE=1")
	if !strings.Contains(out, "read: 1 pieces <nil>") {
		t.Errorf("reading under a file-size limit:\n%s", out)
	}
	if !strings.Contains(out, "write: "+ErrCannotWrite.Error()+": this process may not write files as large as the notebook's (the file size limit, ulimit -f, is too low)\n") {
		t.Errorf("writing under a file-size limit:\n%s", out)
	}
	if strings.Count(out, "\n") > 3 {
		t.Errorf("more than one line per attempt:\n%s", out)
	}
	if after := storagetest.FolderState(t, dir); after != before {
		t.Errorf("the refused write changed the folder:\nbefore\n%s\nafter\n%s", before, after)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		t.Fatal(err)
	}
}
