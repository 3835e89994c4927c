package storage

import "github.com/dgraph-io/badger/v4"

// get reads the record of kind k with id, or a not-found error naming both.
func get[T any](t *tx, k Kind, id string) (T, error) {
	var v T
	ok, err := t.getJSON(recordKey(k, id), &v)
	if err == nil && !ok {
		err = notFound(k, id)
	}
	return v, err
}

// viewGet is get in its own read-only transaction.
func viewGet[T any](s *Store, k Kind, id string) (T, error) {
	var v T
	err := s.view(func(txn *badger.Txn) error {
		var err error
		v, err = get[T](readTx(s, txn), k, id)
		return err
	})
	return v, err
}
