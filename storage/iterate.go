package storage

import (
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// eachJSON decodes every record under prefix, in key order, into a fresh T
// and hands it to fn.
func eachJSON[T any](txn *badger.Txn, prefix string, fn func(*T)) error {
	return eachJSONUntil(txn, prefix, func(v *T) error { fn(v); return nil })
}

// eachJSONUntil is eachJSON stopping at fn's first error, which it
// returns: a caller that gives up (an index build the window's close
// interrupted) is not kept waiting while the rest is decoded.
func eachJSONUntil[T any](txn *badger.Txn, prefix string, fn func(*T) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(prefix)
	opts.PrefetchSize = 64
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		v := new(T)
		if err := withValue(txn, item, func(b []byte) error { return json.Unmarshal(b, v) }); err != nil {
			return fmt.Errorf("damaged record %q: %w", item.Key(), err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}
