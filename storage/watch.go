package storage

import "slices"

// Op says what happened to an item.
type Op string

// The operations a Change reports.
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

// Change tells watchers (the search index, open screens) that an item was
// written, so they can update without rereading the notebook.
type Change struct {
	Op   Op
	Kind Kind
	ID   string
}

// Watch registers fn to be called with the changes of every committed
// transaction, in commit order, after the write lock is released: fn may
// write to the store (its own changes are delivered once fn returns) but
// must not block.
// The returned stop ends the watching (a window closing).
func (s *Store) Watch(fn func([]Change)) (stop func()) {
	w := &watcher{fn: fn}
	s.watchMu.Lock()
	s.watchers = append(s.watchers, w)
	s.watchMu.Unlock()
	return func() {
		s.watchMu.Lock()
		s.watchers = slices.DeleteFunc(s.watchers, func(x *watcher) bool { return x == w })
		s.watchMu.Unlock()
	}
}

// watcher wraps a callback so stop can find it (funcs do not compare).
type watcher struct{ fn func([]Change) }

// announce queues changes for the watchers. Called under the write lock,
// so the queue keeps commit order.
func (s *Store) announce(changes []Change) {
	if len(changes) == 0 {
		return
	}
	s.watchMu.Lock()
	s.outbox = append(s.outbox, changes)
	s.watchMu.Unlock()
}

// deliver calls the watchers with what is queued, without holding any lock.
// One goroutine delivers at a time; a write made by a watcher, or by
// another goroutine meanwhile, is delivered by the loop already running,
// so a watcher that writes never waits on itself.
func (s *Store) deliver() {
	s.watchMu.Lock()
	if s.delivering {
		s.watchMu.Unlock()
		return
	}
	s.delivering = true
	for len(s.outbox) > 0 {
		next := s.outbox[0]
		s.outbox = s.outbox[1:]
		watchers := s.watchers
		s.watchMu.Unlock()
		for _, w := range watchers {
			w.fn(next)
		}
		s.watchMu.Lock()
	}
	s.delivering = false
	s.watchMu.Unlock()
}
