package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStagedImportIsAllOrNothing(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	var mu sync.Mutex
	var seen []Change
	s.Watch(func(ch []Change) { mu.Lock(); seen = append(seen, ch...); mu.Unlock() })

	// A failure part-way (after thousands of records were committed to
	// the copy) leaves the notebook as it was.
	boom := errors.New("boom")
	err := s.Staged(func(b *Batch) error {
		for i := 0; i < 2500; i++ {
			if err := b.ImportNote(Note{ID: newID(), Body: fmt.Sprint("note ", i), Created: time.Now(), Updated: time.Now()}); err != nil {
				return err
			}
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if notes, _ := s.Notes(); len(notes) != 0 {
		t.Fatalf("a failed staged import left %d notes", len(notes))
	}
	if _, err := os.Stat(filepath.Join(dir, stagingDir)); !os.IsNotExist(err) {
		t.Fatal("the copy was left behind")
	}

	// Success swaps it in; the store keeps working and watchers are told.
	err = s.Staged(func(b *Batch) error {
		for i := 0; i < 2500; i++ {
			if err := b.ImportNote(Note{ID: newID(), Body: fmt.Sprint("note ", i), Attached: p.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	notes, _ := s.Notes()
	if len(notes) != 2500 {
		t.Fatalf("%d notes after the swap", len(notes))
	}
	if _, err := s.AddNote(Note{Body: "after"}); err != nil {
		t.Fatalf("writing after the swap: %v", err)
	}
	reloaded := func() bool {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range seen {
			if c.Op == OpReload {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline) && !reloaded(); {
		time.Sleep(10 * time.Millisecond)
	}
	if !reloaded() {
		t.Fatal("watchers were not told to reload")
	}
	s = reopen(t, s, dir)
	if notes, _ := s.Notes(); len(notes) != 2501 {
		t.Fatalf("%d notes after reopening", len(notes))
	}
	mustCheck(t, s)
}

func TestInterruptedSwapIsUndone(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	s.Close()
	// The process died between renaming the notebook away and moving the
	// copy in: the copy is there, the notebook is under store.old.
	live := filepath.Join(dir, storeDir)
	os.Rename(live, filepath.Join(dir, oldDir))
	os.MkdirAll(filepath.Join(dir, stagingDir), 0o700)
	os.WriteFile(filepath.Join(dir, stagingDir, "MANIFEST"), []byte("half"), 0o600)
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Piece(p.ID); err != nil {
		t.Fatalf("the notebook was not restored: %v", err)
	}
	for _, d := range []string{stagingDir, oldDir} {
		if _, err := os.Stat(filepath.Join(dir, d)); !os.IsNotExist(err) {
			t.Fatalf("%s left behind", d)
		}
	}
}

// A staged import of many long texts commits by size, not only by count:
// a thousand 6 KB pieces are far more than one transaction holds.
func TestStagedImportOfLongTexts(t *testing.T) {
	s, dir := openTemp(t)
	text := strings.Repeat("The corridor through the Wakhan is narrow and watched. ", 110)
	err := s.Staged(func(b *Batch) error {
		for i := 0; i < 1000; i++ {
			p := Piece{ID: newID(), Title: fmt.Sprint("Piece ", i), Created: time.Now(), Updated: time.Now()}
			if err := b.ImportPiece(p, text, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	if pieces, _ := s.Pieces(); len(pieces) != 1000 {
		t.Fatalf("%d pieces after reopening", len(pieces))
	}
	mustCheck(t, s)
}

// Closing the store while a staged import runs (quitting the app) waits
// for the import to swap in, rather than closing the database under it.
func TestCloseWaitsForAStagedImport(t *testing.T) {
	s, dir := openTemp(t)
	started := make(chan struct{})
	closed := make(chan error, 1)
	err := s.Staged(func(b *Batch) error {
		close(started)
		go func() { closed <- s.Close() }()
		time.Sleep(100 * time.Millisecond) // Close is waiting meanwhile
		return b.ImportNote(Note{ID: newID(), Body: "imported", Created: time.Now(), Updated: time.Now()})
	})
	<-started
	if err != nil {
		t.Fatal(err)
	}
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if notes, _ := s2.Notes(); len(notes) != 1 {
		t.Fatalf("%d notes after the import and close", len(notes))
	}
}
