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
	"time"

	"commonplace/storage"
)

// kept is an index the follower keeps current.
type kept interface {
	// resume loads the index saved in the notebook and brings it up to
	// date, making it ready; on any error the index is left as it was.
	resume(s *storage.Store, stop <-chan struct{}) error
	// rebuild indexes the whole notebook afresh and swaps the result in;
	// the first rebuild makes the index ready.
	// It gives up with errStopped soon after stop is closed.
	rebuild(s *storage.Store, stop <-chan struct{}) error
	// apply brings the index up to date with committed changes.
	apply(s *storage.Store, changes []storage.Change) error
	// save writes the index into the notebook, as of the stamp at.
	save(s *storage.Store, at storage.Stamp, stop <-chan struct{}) error
	// changedBy reports whether changes change the index.
	changedBy(changes []storage.Change) bool
}

// When to save an index again: once the notebook has been left unchanged
// for saveQuiet, if enough changed since the last save that the next
// start would spend noticeably longer applying them (saveAfterChanges),
// or a while has passed (saveAfterTime). An index of a notebook of years
// is hundreds of MB: rewritten at every pause after a one-word edit, it
// would cost the disk gigabytes a day and the battery seconds each time,
// for a next start that applies a handful of changes in milliseconds.
const (
	saveQuiet        = 20 * time.Second
	saveAfterChanges = 500
	saveAfterTime    = 15 * time.Minute
)

// worthSaving reports whether an index with changes applied since it was
// last saved, since ago, is saved now.
func worthSaving(changes int, since time.Duration) bool {
	return changes >= saveAfterChanges || since >= saveAfterTime
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

	// quiet is saveQuiet but in tests.
	quiet time.Duration
	// saveNow asks the loop to save every index at once (Save).
	saveNow chan chan struct{}
	// saved tells Saved's reader that a save happened.
	saved chan struct{}
}

// Saved is told after each save of the indexes (the follower does not
// wait for it to be read, and closes it when it stops): a save leaves
// behind buffers the size of the files, which the window hands back to
// the system then.
func (f *Follower) Saved() <-chan struct{} { return f.saved }

// Save saves every index into the notebook now, once the first builds are
// done, and returns when it is written (or the follower is closed). The
// follower saves by itself a while after changes; Save is for a caller
// that must know the next start will load them: the command line after an
// import, tests.
func (f *Follower) Save() {
	done := make(chan struct{})
	select {
	case f.saveNow <- done:
		<-done
	case <-f.stop:
	}
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
	return startFollowing(s, saveQuiet)
}

func startFollowing(s *storage.Store, quiet time.Duration) *Follower {
	f := &Follower{Search: newSearch(s), Similar: newSimilar(s), s: s, wake: make(chan struct{}, 1), stop: make(chan struct{}),
		quiet: quiet, saveNow: make(chan chan struct{}), saved: make(chan struct{}, 1)}
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

// run loads or builds each index, then applies queued changes as they
// come, and saves what changed once the notebook has been quiet a while.
func (f *Follower) run() {
	defer close(f.saved)
	indexes := []kept{f.Search, f.Similar}
	// Every change after this stamp is queued (Follow watched first), so
	// an index that applies the queue holds at least the notebook as of it.
	applied := f.s.Stamp()
	// unsaved counts, per index, the changes applied since it was last
	// saved; lastSaved is when that was (zero: never, this session).
	unsaved, lastSaved := map[kept]int{}, map[kept]time.Time{}
	for _, ix := range indexes {
		err := ix.resume(f.s, f.stop)
		if err == nil {
			lastSaved[ix] = time.Now() // what was loaded is as good as saved
			continue
		}
		if errors.Is(err, storage.ErrClosed) {
			return
		}
		if err := ix.rebuild(f.s, f.stop); errors.Is(err, storage.ErrClosed) {
			return
		}
		unsaved[ix] = saveAfterChanges // built: worth saving
	}
	quiet := time.NewTimer(f.quiet)
	if len(unsaved) == 0 {
		quiet.Stop()
	}
	defer quiet.Stop()
	for {
		select {
		case _, open := <-f.wake:
			if !open {
				return
			}
			at := f.s.Stamp() // before taking the queue: see Store.Stamp
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
			applied = at
			weight := len(changes)
			if wholeNotebook(changes) {
				weight = saveAfterChanges // built afresh: worth saving
			}
			for _, ix := range indexes {
				if weight > 0 && ix.changedBy(changes) {
					unsaved[ix] += weight
					quiet.Reset(f.quiet)
				}
			}
		case done := <-f.saveNow:
			err := f.save(indexes, applied)
			close(done)
			if err != nil {
				return
			}
			clear(unsaved)
			for _, ix := range indexes {
				lastSaved[ix] = time.Now()
			}
		case <-quiet.C:
			var due []kept
			wait := saveAfterTime
			for _, ix := range indexes {
				n, ok := unsaved[ix]
				if !ok {
					continue
				}
				since := time.Since(lastSaved[ix])
				if lastSaved[ix].IsZero() || worthSaving(n, since) {
					due = append(due, ix)
				} else {
					wait = min(wait, saveAfterTime-since)
				}
			}
			if f.save(due, applied) != nil {
				return
			}
			for _, ix := range due {
				delete(unsaved, ix)
				lastSaved[ix] = time.Now()
			}
			if len(unsaved) > 0 {
				quiet.Reset(max(wait, f.quiet)) // the rest, once their time has come
			}
		}
	}
}

// save saves the indexes as of the stamp at. It fails only when the
// notebook is closed: another error (a full disk) leaves the last saved
// copy, and the next start applies more changes, or builds afresh.
func (f *Follower) save(indexes []kept, at storage.Stamp) error {
	if len(indexes) == 0 {
		return nil
	}
	for _, ix := range indexes {
		if err := ix.save(f.s, at, f.stop); errors.Is(err, storage.ErrClosed) {
			return err
		}
	}
	select {
	case f.saved <- struct{}{}:
	default: // one untaken already says so
	}
	return nil
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
