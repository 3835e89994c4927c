package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// saveDelay is how long typing must pause before it is written. Short
// enough that a crash loses at most a phrase, long enough not to write on
// every keystroke.
var saveDelay = 600 * time.Millisecond

// autosaver writes the user's edits shortly after they stop typing, off the
// UI goroutine. Each key (an annotation or note id) keeps only its latest
// pending save. flush writes everything pending at once: on closing, on
// switching to another item, before quitting.
type autosaver struct {
	onError func(error)

	mu      sync.Mutex
	pending map[string]func() error
	timers  map[string]*time.Timer
	writing sync.Mutex // one save at a time, in the order they fire
}

func newAutosaver(onError func(error)) *autosaver {
	return &autosaver{onError: onError, pending: map[string]func() error{}, timers: map[string]*time.Timer{}}
}

// schedule replaces key's pending save with save, to run after saveDelay.
// save must capture its values already: it runs on another goroutine.
func (a *autosaver) schedule(key string, save func() error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending[key] = save
	if t, ok := a.timers[key]; ok {
		t.Stop()
	}
	a.timers[key] = time.AfterFunc(saveDelay, func() { a.run(key) })
}

// run performs key's pending save, if it is still pending.
func (a *autosaver) run(key string) {
	a.mu.Lock()
	save := a.pending[key]
	delete(a.pending, key)
	delete(a.timers, key)
	a.mu.Unlock()
	if save == nil {
		return
	}
	a.writing.Lock()
	err := save()
	a.writing.Unlock()
	if err != nil {
		fyne.Do(func() { a.onError(err) })
	}
}

// flush performs every pending save now, on the calling goroutine.
func (a *autosaver) flush() {
	a.mu.Lock()
	keys := make([]string, 0, len(a.pending))
	for k, t := range a.timers {
		t.Stop()
		keys = append(keys, k)
	}
	a.mu.Unlock()
	for _, k := range keys {
		a.run(k)
	}
}

// flushKey performs key's pending save now, if any.
func (a *autosaver) flushKey(key string) {
	a.mu.Lock()
	if t, ok := a.timers[key]; ok {
		t.Stop()
	}
	a.mu.Unlock()
	a.run(key)
}
