package storage

import (
	"errors"

	"github.com/dgraph-io/badger/v4"
)

func isNotFound(err error) bool { return errors.Is(err, badger.ErrKeyNotFound) }
