package storage

import (
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
)

// schemaVersion is the layout this code reads and writes: the last of the
// migrations. Every record also carries its own "v" so a half-migrated
// record can never be misread.
const schemaVersion = 3

// recordVersion is the current "v" of every record type.
const recordVersion = 1

// A migration brings a notebook from schema to-1 to schema to. It first
// drops every key under the prefixes in drop (Badger drops them outside
// any transaction: there may be too many for one), then runs run in one
// transaction together with the schema bump; a crash anywhere leaves the
// notebook at the old version, and the migration runs again on open.
type migration struct {
	to   int
	drop []string
	run  func(t *tx) error
	// readsAsIs says the layout only grew: this code reads a notebook
	// still at schema to-1 as it is, so a read-only open need not wait
	// for a read-write one to upgrade it. The step is taken (the number
	// raised) at the next read-write open, to keep older apps out.
	readsAsIs bool
}

// migrations lists every step ever needed, oldest first.
var migrations = []migration{
	// The first layout: there is nothing before it to convert.
	{to: 1},
	// Reference markers (x/rc/<id>, rewritten whenever something started
	// to refer to id) made a delete conflict with a reference added
	// meanwhile. Every write runs under the store's write lock, so that
	// never happens; they are gone.
	{to: 2, drop: []string{"x/rc/"}},
	// Texts, revisions and kept conflicts longer than a chunk are stored
	// in chunks under "b/" (longvalue.go). Every value of schema 2 reads
	// as it is; an older app would read a chunked text's header as the
	// text, so the number goes up.
	{to: 3, readsAsIs: true},
}

// readsAsIs reports whether this code, which reads the last of steps,
// reads a notebook at schema have as it is (see migration.readsAsIs).
func readsAsIs(steps []migration, have int) bool {
	if have <= 0 || have > steps[len(steps)-1].to {
		return false
	}
	for _, m := range steps {
		if m.to > have && !m.readsAsIs {
			return false
		}
	}
	return true
}

// migrate brings the notebook to the last of steps on open, or refuses
// one written by a newer version without touching it.
func (s *Store) migrate(steps []migration) error {
	target := steps[len(steps)-1].to
	have, err := s.schema()
	if err != nil {
		return err
	}
	if have > target {
		return fmt.Errorf("%w (notebook schema %d, this app reads %d)", ErrNewerSchema, have, target)
	}
	for _, m := range steps {
		if m.to <= have {
			continue
		}
		if have > 0 && len(m.drop) > 0 { // a new notebook has nothing to drop
			prefixes := make([][]byte, len(m.drop))
			for i, p := range m.drop {
				prefixes[i] = []byte(p)
			}
			if err := s.db.DropPrefix(prefixes...); err != nil {
				return fmt.Errorf("cannot upgrade the notebook to schema %d: %w", m.to, err)
			}
		}
		err := s.update(func(t *tx) error {
			if m.run != nil {
				if err := m.run(t); err != nil {
					return err
				}
			}
			return t.set([]byte(keySchema), []byte(strconv.Itoa(m.to)))
		})
		if err != nil {
			return fmt.Errorf("cannot upgrade the notebook to schema %d: %w", m.to, err)
		}
	}
	return nil
}

// schema reads the stored schema version; 0 means a new, empty store.
func (s *Store) schema() (int, error) { return readSchema(s.db) }

func readSchema(db *badger.DB) (int, error) {
	v := 0
	err := db.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keySchema))
		if err != nil {
			if isNotFound(err) {
				return nil
			}
			return err
		}
		return item.Value(func(b []byte) error {
			v, err = strconv.Atoi(string(b))
			return err
		})
	})
	return v, err
}

// SchemaVersion is the schema of the open notebook.
func (s *Store) SchemaVersion() (int, error) { return s.schema() }
