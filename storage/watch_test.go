package storage

import (
	"testing"
	"time"
)

// A watcher may write: the open window saves a pending edit when a change
// it is told about replaces what it shows. Its write is delivered after it
// returns, in commit order, and nothing waits on itself.
func TestWatcherMayWrite(t *testing.T) {
	s, _ := openTemp(t)
	var seen []Op
	wrote := false
	stop := s.Watch(func(ch []Change) {
		for _, c := range ch {
			seen = append(seen, c.Op)
		}
		if !wrote {
			wrote = true
			if _, err := s.AddNote(Note{Body: "written by a watcher"}); err != nil {
				t.Error(err)
			}
		}
	})
	defer stop()
	done := make(chan error, 1)
	go func() {
		_, err := s.AddNote(Note{Body: "first"})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a watcher that writes deadlocked the store")
	}
	if len(seen) != 2 || seen[0] != OpCreate || seen[1] != OpCreate {
		t.Fatalf("changes seen: %v", seen)
	}
	notes, err := s.Notes()
	if err != nil || len(notes) != 2 {
		t.Fatalf("notes: %d %v", len(notes), err)
	}
}
