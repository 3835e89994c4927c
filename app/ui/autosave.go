package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// saveDelay is how long typing must pause before it is written. Short
// enough that a crash loses at most a phrase, long enough not to write on
// every keystroke.
const saveDelay = 600 * time.Millisecond

// autosaver writes the user's edits shortly after they stop typing, off the
// UI goroutine. Each key (an annotation, note or claim id) keeps only its
// latest pending save. flush writes everything pending at once: on
// switching to another item, before deleting, before quitting.
type autosaver struct {
	onError func(error)
	// onTyping, if set, is told of every edit scheduled: typing is
	// activity (an encrypted notebook locks when idle).
	onTyping func()
	delay    time.Duration // how long typing must pause: saveDelay in the app

	mu      sync.Mutex
	pending map[string]func() error
	timers  map[string]*time.Timer
	// writing is held from taking a pending save until it is written, so
	// saves land in the order they were taken and a flush waits for one
	// already under way.
	writing sync.Mutex
}

func newAutosaver(onError func(error), delay time.Duration) *autosaver {
	return &autosaver{onError: onError, delay: delay, pending: map[string]func() error{}, timers: map[string]*time.Timer{}}
}

// schedule replaces key's pending save with save, to run after the delay.
// save must capture its values already: it runs on another goroutine.
func (a *autosaver) schedule(key string, save func() error) {
	if a.onTyping != nil {
		a.onTyping()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending[key] = save
	if t, ok := a.timers[key]; ok {
		t.Stop()
	}
	a.timers[key] = time.AfterFunc(a.delay, func() {
		if err := a.run(key); err != nil {
			fyne.Do(func() { a.onError(err) })
		}
	})
}

// run performs key's pending save, if it is still pending.
func (a *autosaver) run(key string) error {
	a.writing.Lock()
	defer a.writing.Unlock()
	a.mu.Lock()
	save := a.pending[key]
	delete(a.pending, key)
	if t, ok := a.timers[key]; ok {
		t.Stop()
		delete(a.timers, key)
	}
	a.mu.Unlock()
	if save == nil {
		return nil
	}
	return save()
}

// flush performs every pending save now, on the calling goroutine, after
// any save already under way, and reports what failed; errors are also
// shown.
func (a *autosaver) flush() []error {
	a.mu.Lock()
	keys := make([]string, 0, len(a.pending))
	for k := range a.pending {
		keys = append(keys, k)
	}
	a.mu.Unlock()
	var errs []error
	for _, k := range keys {
		if err := a.run(k); err != nil {
			errs = append(errs, err)
			a.onError(err)
		}
	}
	if len(keys) == 0 {
		// A save taken by its timer may still be writing: wait for it.
		a.writing.Lock()
		defer a.writing.Unlock() // nothing to do inside: only the wait
	}
	return errs
}

// flushKey performs key's pending save now, if any (after any save under
// way), showing its error.
func (a *autosaver) flushKey(key string) {
	if err := a.run(key); err != nil {
		a.onError(err)
	}
}
