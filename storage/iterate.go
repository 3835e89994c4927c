package storage

import (
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// eachJSON decodes every record under prefix, in key order, into a fresh T
// and hands it to fn.
func eachJSON[T any](txn *badger.Txn, prefix string, fn func(*T)) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(prefix)
	opts.PrefetchSize = 64
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		v := new(T)
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, v) }); err != nil {
			return fmt.Errorf("damaged record %q: %w", item.Key(), err)
		}
		fn(v)
	}
	return nil
}
