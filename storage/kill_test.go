package storage

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), "COMMONPLACE_KILL_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(ids) < 40 {
		if ValidID(sc.Text()) {
			ids = append(ids, sc.Text())
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(ids) < 40 {
		t.Fatalf("child reported only %d saves", len(ids))
	}

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
