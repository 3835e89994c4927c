package storage

import (
	"commonplace/storage/storagetest"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReadOnlyChangesNothing reads a notebook opened read-only and checks
// that not one file was created, changed or removed, and that every kind
// of write is refused with ErrReadOnly (issue 11, failure 5: a read made
// a new value-log file).
func TestReadOnlyChangesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Badger opens read-write on Windows")
	}
	s, dir := openTemp(t)
	p := addSample(t, s)
	if _, err := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{Note: "kept"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before := storagetest.FolderState(t, dir)

	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !r.ReadOnly() {
		t.Error("ReadOnly() is false for a notebook opened read-only")
	}
	// A second reader at once, as two command-line reads would be.
	r2, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer while it is read: %v, want ErrLocked", err)
	}
	if text, err := r.PieceText(p.ID); err != nil || text != sampleText {
		t.Errorf("the text read back as %q, %v", text, err)
	}
	mustCheck(t, r)
	if _, err := r.AddNote(Note{Body: "field note"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a note on a read-only notebook: %v, want ErrReadOnly", err)
	}
	if err := r.Staged(func(b *Batch) error { return nil }); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a staged change on a read-only notebook: %v, want ErrReadOnly", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r2.Close(); err != nil {
		t.Fatal(err)
	}
	if after := storagetest.FolderState(t, dir); after != before {
		t.Errorf("reading changed the folder:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// TestReadOnlyAfterKill reads a notebook whose writer was killed: what
// Badger must replay is replayed by one read-write open, and every write
// the killed process reported is read back.
func TestReadOnlyAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := filepath.Join(t.TempDir(), "nb")
	ids := killWriter(t, dir, 10)
	s, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("reading after a kill: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Error("the notebook read after a kill takes writes")
	}
	for _, id := range ids[1:] {
		if _, err := s.Annotation(id); err != nil {
			t.Fatalf("annotation %s reported saved is not read back: %v", id, err)
		}
	}
	mustCheck(t, s)
}

// TestReadOnlyNoNotebook refuses a folder without a notebook, creating
// nothing.
func TestReadOnlyNoNotebook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrNoNotebook) {
		t.Errorf("OpenReadOnly of a missing folder: %v, want ErrNoNotebook", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenReadOnly created %s", dir)
	}
}

// killWriter runs TestKillChild on dir until it reported n saves, kills
// it and returns the ids it reported.
func killWriter(t *testing.T, dir string, n int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), "COMMONPLACE_KILL_DIR="+dir)
	return killAfter(t, cmd, n)
}

// TestTooLargeIsRefusedInWords stores a text over MaxTextBytes and a note
// over what one value may hold: each is refused in a sentence (Badger's
// own refusal dumps the bytes), and nothing is written.
func TestTooLargeIsRefusedInWords(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	big := strings.Repeat("Words of a very long report. ", MaxTextBytes/29+1)
	if _, err := s.AddPiece(Piece{Title: "Huge"}, big); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), fmt.Sprintf("a piece's text may be at most %d MB", MaxTextBytes>>20)) {
		t.Errorf("a %d MB piece: %v", len(big)>>20, err)
	}
	if _, err := s.EditPieceText(p.ID, big); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), fmt.Sprintf("at most %d MB", MaxTextBytes>>20)) {
		t.Errorf("editing to a %d MB text: %v", len(big)>>20, err)
	}
	huge := strings.Repeat("Field notes, again and again. ", maxValueBytes/30+1)
	if _, err := s.AddNote(Note{Body: huge}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "too large to store") {
		t.Errorf("a %d MB note: %v", len(huge)>>20, err)
	}
	n := 0
	if err := s.EachPiece(func(Piece, string) error { n++; return nil }); err != nil || n != 1 {
		t.Errorf("%d pieces after the refusals (%v), want 1", n, err)
	}
	if text, _ := s.PieceText(p.ID); text != sampleText {
		t.Error("the refused edit changed the text")
	}
	mustCheck(t, s)
}
