// Package indexes keeps what the app derives from a notebook in step with
// it: the search engine (app/search) and the near-duplicate index of
// passages (app/suggest). One follower watches the store, queues what each
// commit changed and, off the store's committing goroutine (saving never
// waits for indexing), feeds it to each index in turn. A change of the
// whole notebook (a staged import) builds each index afresh and swaps it
// in, so queries go on against the old one meanwhile. No Fyne: the window
// and the command line share it.
package indexes

import (
	"errors"
	"fmt"
	"sync"

	"commonplace/storage"
)

// kept is an index the follower keeps current.
type kept interface {
	// rebuild indexes the whole notebook afresh and swaps the result in;
	// the first rebuild makes the index ready.
	// It gives up with errStopped soon after stop is closed.
	rebuild(s *storage.Store, stop <-chan struct{}) error
	// apply brings the index up to date with committed changes.
	apply(s *storage.Store, changes []storage.Change) error
}

// Follower keeps the search and suggestion indexes of a notebook current.
type Follower struct {
	// Search answers queries; Similar finds passages that say nearly the
	// same. Both work at once on what is indexed so far: Search is built
	// first (the user waits for it), Similar after it.
	Search  *Search
	Similar *Similar

	s       *storage.Store
	unwatch func()

	mu      sync.Mutex
	pending []storage.Change
	settled []chan struct{} // closed once what came before them is applied
	wake    chan struct{}
	// stop is closed by Close: a build under way gives up at the next
	// item, so that closing the notebook (which waits for the build's
	// read of it) never waits for a whole build.
	stop   chan struct{}
	closed bool
}

// errStopped ends a build the follower's Close interrupted.
var errStopped = fmt.Errorf("%w: the indexes were closed", storage.ErrClosed)

// stopped is errStopped once stop is closed.
func stopped(stop <-chan struct{}) error {
	select {
	case <-stop:
		return errStopped
	default:
		return nil
	}
}

// Follow starts building the indexes of s in the background and follows
// its changes from now on.
func Follow(s *storage.Store) *Follower {
	f := &Follower{Search: newSearch(s), Similar: newSimilar(s), s: s, wake: make(chan struct{}, 1), stop: make(chan struct{})}
	f.unwatch = s.Watch(f.queue) // before the build, so no change is missed
	go f.run()
	return f
}

// Close stops following the store and ends the background loop.
func (f *Follower) Close() {
	f.unwatch()
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		close(f.stop)
		close(f.wake)
		for _, c := range f.settled {
			close(c)
		}
		f.settled = nil
	}
}

// Settle returns once the indexes are built and hold every change the
// store delivered before the call (or the follower is closed).
func (f *Follower) Settle() {
	done := make(chan struct{})
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.settled = append(f.settled, done)
	f.mu.Unlock()
	f.nudge()
	<-done
}

func (f *Follower) queue(changes []storage.Change) {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.pending = append(f.pending, changes...)
	f.mu.Unlock()
	f.nudge()
}

func (f *Follower) nudge() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// run builds each index, then applies queued changes as they come.
func (f *Follower) run() {
	indexes := []kept{f.Search, f.Similar}
	for _, ix := range indexes {
		if err := ix.rebuild(f.s, f.stop); errors.Is(err, storage.ErrClosed) {
			return
		}
	}
	for range f.wake {
		f.mu.Lock()
		changes, settled := f.pending, f.settled
		f.pending, f.settled = nil, nil
		f.mu.Unlock()
		err := f.feed(indexes, changes)
		for _, c := range settled {
			close(c)
		}
		if errors.Is(err, storage.ErrClosed) {
			return
		}
	}
}

// feed brings every index up to date with changes.
func (f *Follower) feed(indexes []kept, changes []storage.Change) error {
	if len(changes) == 0 {
		return nil
	}
	whole := wholeNotebook(changes)
	for _, ix := range indexes {
		var err error
		if whole {
			err = ix.rebuild(f.s, f.stop)
		} else {
			err = ix.apply(f.s, changes)
		}
		if errors.Is(err, storage.ErrClosed) {
			return err
		}
	}
	return nil
}

// wholeNotebook reports whether changes replaced the whole notebook.
func wholeNotebook(changes []storage.Change) bool {
	for _, c := range changes {
		if c.Op == storage.OpReload {
			return true
		}
	}
	return false
}
