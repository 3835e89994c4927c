package storage

import (
	"errors"

	"github.com/dgraph-io/badger/v4"
)

type badgerTxn = badger.Txn

func isNotFound(err error) bool { return errors.Is(err, badger.ErrKeyNotFound) }
