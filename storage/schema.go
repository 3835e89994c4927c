package storage

import (
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
)

// schemaVersion is the layout this code reads and writes: the last of the
// migrations. Every record also carries its own "v" so a half-migrated
// record can never be misread.
const schemaVersion = 2

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
