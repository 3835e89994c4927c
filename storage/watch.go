package storage

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

// Watch registers fn to be called, on the committing goroutine, with the
// changes of every committed transaction. fn must not block or call back
// into the store's write methods.
func (s *Store) Watch(fn func([]Change)) {
	s.watchMu.Lock()
	s.watchers = append(s.watchers, fn)
	s.watchMu.Unlock()
}

// notify calls the watchers without holding the lock, so a watcher may
// register another.
func (s *Store) notify(changes []Change) {
	if len(changes) == 0 {
		return
	}
	s.watchMu.Lock()
	watchers := s.watchers
	s.watchMu.Unlock()
	for _, w := range watchers {
		w(changes)
	}
}
