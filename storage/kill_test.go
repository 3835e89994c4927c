package storage

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"commonplace/storage/storagetest"
)

// TestKillChild is the child half of TestWritesSurviveKill: it writes
// annotations, printing each id only after the call returned, and then
// waits to be killed.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("COMMONPLACE_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestWritesSurviveKill")
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPiece(Piece{Title: "field"}, sampleText)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(p.ID)
	for i := 0; ; i++ {
		a, err := s.AnnotateQuote(p.ID, "Beijing", 1, AnnotationInput{Note: fmt.Sprint("note ", i)})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(a.ID)
	}
}

// TestWritesSurviveKill kills a writing process with SIGKILL the instant
// it reported a save, and checks that everything it reported is there.
func TestWritesSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := filepath.Join(t.TempDir(), "nb")
	ids := killWriter(t, dir, 40)

	s, err := Open(dir)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	if _, err := s.Piece(ids[0]); err != nil {
		t.Fatalf("piece lost: %v", err)
	}
	for _, id := range ids[1:] {
		if _, err := s.Annotation(id); err != nil {
			t.Fatalf("annotation %s reported saved was lost: %v", id, err)
		}
	}
	mustCheck(t, s)
}

// killAfter starts cmd, reads the ids it prints until it printed n, and
// kills it with SIGKILL.
func killAfter(t *testing.T, cmd *exec.Cmd, n int) []string {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(ids) < n {
		if ValidID(sc.Text()) {
			ids = append(ids, sc.Text())
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(ids) < n {
		t.Fatalf("child reported only %d saves", len(ids))
	}
	return ids
}

// TestReopenChild is the child half of TestOpenAfterKillDuringOpen: it
// opens the notebook, writes a note and closes it, over and over, until
// it is killed.
func TestReopenChild(t *testing.T) {
	dir := os.Getenv("COMMONPLACE_REOPEN_DIR")
	if dir == "" {
		t.Skip("run by TestOpenAfterKillDuringOpen")
	}
	for i := 0; ; i++ {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(Note{Body: fmt.Sprint("note ", i)}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

// TestOpenAfterKillDuringOpen kills a process that keeps opening, writing
// and closing the notebook, at a random instant — often while Badger
// creates its files — and opens the notebook after each kill: a crash
// must never make the next open fail.
func TestOpenAfterKillDuringOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	for cycle := range 60 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReopenChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "COMMONPLACE_REOPEN_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it get through start-up and into its open-write-close loop.
		time.Sleep(20*time.Millisecond + time.Duration(rng.IntN(80))*time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		s, err := Open(dir)
		if err != nil {
			t.Fatalf("cycle %d: the open after a kill failed: %v", cycle, err)
		}
		if rep, err := s.Check(); err != nil || !rep.OK() {
			t.Fatalf("cycle %d: check after a kill: %v %v", cycle, rep.Problems, err)
		}
		s.Close()
	}
}

// TestOpenWithEmptyLogsACrashLeft opens a notebook holding the empty
// value-log and memtable files a kill leaves when it strikes while Badger
// creates them.
func TestOpenWithEmptyLogsACrashLeft(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	s.Close()
	for _, name := range []string{"000099.vlog", "00007.mem"} {
		if err := os.WriteFile(filepath.Join(dir, storeDir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("open with a crash's empty files: %v", err)
	}
	defer s.Close()
	if got, err := s.Piece(p.ID); err != nil || got.Title != p.Title {
		t.Fatalf("piece after the open: %+v %v", got, err)
	}
	mustCheck(t, s)
}

// TestNewNotebookOverAKilledFirstOpen makes a notebook in a folder that a
// first open killed before Badger wrote its manifest left behind (its lock
// file, a half-written manifest, a key header): the folder is the
// notebook's own, not "other files".
func TestNewNotebookOverAKilledFirstOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	store := filepath.Join(dir, storeDir)
	if err := os.MkdirAll(store, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"LOCK": "12345\n", "MANIFEST-REWRITE": "Bdg", keyFile: "{"} {
		if err := os.WriteFile(filepath.Join(store, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("open over a killed first open's files: %v", err)
	}
	addSample(t, s)
	s.Close()
	s, err = OpenExisting(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if s.Encrypted() {
		t.Error("the notebook took the leftover key header for its own")
	}
	mustCheck(t, s)
}

// TestEachAnnotationStopsAtTheFirstError: a caller that gives up is not
// handed the rest (an index build the window's close interrupted kept
// decoding every annotation while the close waited).
func TestEachAnnotationStopsAtTheFirstError(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	for i := range 3 {
		if _, err := s.Annotate(p.ID, i*10, i*10+5, AnnotationInput{}); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	stop := errors.New("stop")
	err := s.EachAnnotation(func(Annotation) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("err %v after %d calls, want stop after 1", err, calls)
	}
}

// TestNoWaitReadsNeverWait: while a read of the notebook is under way and
// Close waits for it, PieceTextNoWait and AnnotationNoWait say ErrBusy at
// once rather than queueing behind Close (a search holding its index's
// lock would otherwise wait on a build that waits on the search).
func TestNoWaitReadsNeverWait(t *testing.T) {
	for _, c := range []struct {
		name string
		read func(s *Store, p Piece, a Annotation) error
	}{
		{"PieceTextNoWait", func(s *Store, p Piece, _ Annotation) error { _, err := s.PieceTextNoWait(p.ID); return err }},
		{"AnnotationNoWait", func(s *Store, _ Piece, a Annotation) error { _, err := s.AnnotationNoWait(a.ID); return err }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _ := openTemp(t)
			p := addSample(t, s)
			a, err := s.Annotate(p.ID, 0, 5, AnnotationInput{Note: "a note"})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.read(s, p, a); err != nil {
				t.Fatalf("on an open notebook: %v", err)
			}
			reading, release := make(chan struct{}), make(chan struct{})
			go s.EachPiece(func(Piece, string) error {
				close(reading)
				<-release
				return nil
			})
			<-reading
			closed := make(chan error)
			go func() { closed <- s.Close() }()
			busy := false
			for range 10_000_000 {
				if err := c.read(s, p, a); errors.Is(err, ErrBusy) {
					busy = true
					break
				}
				runtime.Gosched()
			}
			close(release)
			if err := <-closed; err != nil {
				t.Fatal(err)
			}
			if !busy {
				t.Fatal("the read never said the notebook was busy while Close waited")
			}
			if err := c.read(s, p, a); !errors.Is(err, ErrClosed) {
				t.Errorf("after Close: %v", err)
			}
		})
	}
}

// TestLongEditChild is the child half of TestLongEditsSurviveKill: it adds
// a piece with a long text, then edits it again and again to texts of
// other lengths (in more chunks, in fewer, whole), printing the piece's id
// and then each new revision's number only after the edit returned, until
// it is killed.
func TestLongEditChild(t *testing.T) {
	dir := os.Getenv("COMMONPLACE_LONG_EDIT_DIR")
	if dir == "" {
		t.Skip("run by TestLongEditsSurviveKill")
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPiece(Piece{Title: "long"}, storagetest.LongText(3<<20, 0))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(p.ID)
	sizes := []int{5 << 20, 200 << 10, 2 << 20}
	for i := uint64(1); ; i++ {
		rep, err := s.EditPieceText(p.ID, storagetest.LongText(sizes[i%3], i))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(rep.Revision)
	}
}

// TestLongEditsSurviveKill kills a process editing a long text, the
// instant it reported an edit: after a reopen the text is the one of a
// whole edit, at least the last reported, its chunks all there and no
// chunk left over; every revision reads back whole.
func TestLongEditsSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := filepath.Join(t.TempDir(), "nb")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLongEditChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), "COMMONPLACE_LONG_EDIT_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var id string
	reported := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() && reported < 5 {
		if ValidID(sc.Text()) {
			id = sc.Text()
		} else if n, err := strconv.Atoi(sc.Text()); err == nil {
			reported = n
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if reported < 5 {
		t.Fatalf("the child reported revision %d only", reported)
	}

	s, err := Open(dir)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	p, err := s.Piece(id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Revision < reported {
		t.Fatalf("revision %d after the kill; %d was reported saved", p.Revision, reported)
	}
	text, err := s.PieceText(id)
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(text) != p.Hash {
		t.Fatal("the text is not the one the piece's record describes")
	}
	revs, err := s.Revisions(id)
	if err != nil || len(revs) != p.Revision-1 {
		t.Fatalf("%d revisions of revision %d, %v", len(revs), p.Revision, err)
	}
	for _, r := range revs {
		if hashOf(r.Text) != r.Hash {
			t.Fatalf("revision %d does not read back whole", r.Number)
		}
	}
	mustCheck(t, s)
}
