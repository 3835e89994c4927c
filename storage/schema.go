package storage

import (
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
)

// schemaVersion is the layout this code reads and writes. Every record also
// carries its own "v" so a half-migrated record can never be misread.
const schemaVersion = 1

// recordVersion is the current "v" of every record type.
const recordVersion = 1

// A migration brings a notebook from schema to-1 to schema to. It runs in
// one transaction together with the schema bump, so a crash mid-way leaves
// the notebook at the old version, and the migration runs again on open.
type migration struct {
	to  int
	run func(t *tx) error
}

// migrations lists every step ever needed, oldest first. Version 1 is the
// first layout: there is nothing before it to convert.
var migrations = []migration{
	{to: 1, run: func(*tx) error { return nil }},
}

// migrate brings the notebook to schemaVersion on open, or refuses one
// written by a newer version without touching it.
func (s *Store) migrate(target int) error {
	have, err := s.schema()
	if err != nil {
		return err
	}
	if have > target {
		return fmt.Errorf("%w (notebook schema %d, this app reads %d)", ErrNewerSchema, have, target)
	}
	for _, m := range migrations {
		if m.to <= have {
			continue
		}
		err := s.update(func(t *tx) error {
			if err := m.run(t); err != nil {
				return err
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
