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

// announcement is one commit's changes, stamped with the commit.
type announcement struct {
	changes []Change
	at      Stamp
}

// Stamp names a point in a notebook's history: every commit up to it, and
// none after. Derived data (an index) saved with a stamp holds what the
// notebook held at that point; ChangedSince tells what changed after it.
type Stamp struct {
	gen     uint64 // which of the store's databases (see Store.gen)
	version uint64 // Badger's commit timestamp
}

// Stamp is the point up to which every commit's changes have been given
// to the watchers: a watcher that has applied everything it was given has
// applied at least every commit up to it. (It may have applied later ones
// too; applying a change again is harmless, missing one is not.)
func (s *Store) Stamp() Stamp {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	return s.delivered
}

// announce queues changes for the watchers. Called under the write lock,
// so the queue keeps commit order, and just after the commit, so the
// newest version readers see is the commit's.
func (s *Store) announce(changes []Change) {
	if len(changes) == 0 {
		return
	}
	at := Stamp{gen: s.gen, version: s.lastCommit()}
	s.watchMu.Lock()
	s.outbox = append(s.outbox, announcement{changes, at})
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
			w.fn(next.changes)
		}
		s.watchMu.Lock()
		s.delivered = next.at
	}
	s.delivering = false
	s.watchMu.Unlock()
}

// lastCommit is the version of the newest commit: what a transaction
// begun now reads at. (Badger's MaxVersion would walk every table.)
func (s *Store) lastCommit() uint64 {
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	return txn.ReadTs()
}
