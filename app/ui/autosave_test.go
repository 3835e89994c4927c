package ui

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestAutosaverFlushWaitsForASaveUnderWay(t *testing.T) {
	var shown []error
	a := newAutosaver(func(err error) { shown = append(shown, err) }, time.Millisecond)
	var written atomic.Int32
	started := make(chan struct{})
	a.schedule("k", func() error {
		close(started)
		time.Sleep(50 * time.Millisecond)
		written.Add(1)
		return nil
	})
	<-started
	a.flush() // the timer's save is under way: flush must wait for it
	if written.Load() != 1 {
		t.Fatal("flush returned before the save under way was written")
	}
	a.schedule("k", func() error { return errors.New("disk full") })
	a.delay = time.Hour
	a.schedule("k", func() error { return errors.New("disk full") })
	if errs := a.flush(); len(errs) != 1 || len(shown) != 1 {
		t.Fatalf("errors: %v shown %v", errs, shown)
	}
}
