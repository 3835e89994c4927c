package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// tx is one read-write transaction plus the changes it will announce. All
// mutations go through its helpers so record and index entries never drift.
type tx struct {
	s       *Store
	txn     *badger.Txn
	now     time.Time
	changes []Change
	// size roughly counts the bytes written, so a bulk batch can commit
	// before Badger finds the transaction too big.
	size int
}

// readTx gives read helpers to code running in a read-only transaction.
func readTx(s *Store, txn *badger.Txn) *tx { return &tx{s: s, txn: txn} }

// getJSON decodes the record at key into v, copying out of Badger's buffer.
// It reports ok=false when the key is absent.
func (t *tx) getJSON(key []byte, v any) (bool, error) {
	item, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	err = withValue(t.txn, item, func(val []byte) error { return json.Unmarshal(val, v) })
	if err != nil {
		return true, fmt.Errorf("damaged record %q: %w", key, err)
	}
	return true, nil
}

// putJSON stores v at key. Each call encodes into a fresh buffer, which
// matters: Badger keeps the slices it is given until commit. '<', '>' and
// '&' are written as they are, not as six-byte escapes: a revision of a
// text of HTML source would otherwise take up to six times the text.
func (t *tx) putJSON(key []byte, v any) error {
	if err := checkUTF8(v); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return t.set(key, bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// set stores val at key; every write goes through it or del, to be
// counted, and a key that may hold a long value (a text, or a record
// holding one) is stored in chunks when it needs them (longvalue.go).
func (t *tx) set(key, val []byte) error {
	if mayBeLong(key) {
		return t.setLong(key, val)
	}
	if len(val) > maxValueBytes {
		return invalid("this item is too large to store (%.1f MB; at most %d MB)", megabytes(len(val)), maxValueBytes>>20)
	}
	t.size += len(key) + len(val) + entryOverhead
	return t.txn.Set(key, val)
}

// megabytes is n in MB to one decimal, rounded up: rounded down, a size
// just over a bound reads as the bound itself ("24 MB; at most 24 MB").
func megabytes(n int) float64 { return math.Ceil(float64(n)/(1<<20)*10) / 10 }

// maxValueBytes bounds one value stored whole well inside a value-log
// file, which must hold it whole (Badger refuses a larger one with a dump
// of its bytes). Texts, and the records that hold one, are stored in
// chunks instead (longvalue.go).
const maxValueBytes = valueLogFileSize * 3 / 4

// entryOverhead approximates what Badger adds to each entry it counts.
const entryOverhead = 20

func (t *tx) setIndex(key []byte) error { return t.set(key, nil) }

// del deletes key, with the chunks of its value if it had them.
func (t *tx) del(key []byte) error {
	if mayBeLong(key) {
		if err := t.dropChunks(key); err != nil {
			return err
		}
	}
	t.size += len(key) + entryOverhead
	return t.txn.Delete(key)
}

func (t *tx) has(key []byte) (bool, error) {
	_, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// tails lists what follows prefix in every key under it, without reading values.
func (t *tx) tails(prefix []byte) []string {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := t.txn.NewIterator(opts)
	defer it.Close()
	var out []string
	for it.Rewind(); it.Valid(); it.Next() {
		out = append(out, tail(it.Item().Key(), len(prefix)))
	}
	return out
}

// kindOf finds which kind of record id is. Ids carry no kind, so this is one
// point lookup per kind, all in memory-resident LSM levels for small notebooks.
func (t *tx) kindOf(id string) (Kind, error) { return t.kindOfExcept(id, "") }

// kindOfExcept is kindOf without the lookup of a kind already ruled out.
func (t *tx) kindOfExcept(id string, known Kind) (Kind, error) {
	for _, k := range []Kind{KindAnnotation, KindPiece, KindClaim, KindNote, KindLink} {
		if k == known {
			continue
		}
		ok, err := t.has(recordKey(k, id))
		if err != nil {
			return "", err
		}
		if ok {
			return k, nil
		}
	}
	return "", notFound("", id)
}

// checkNewID accepts "" (a fresh id will be made) or a well-formed id no
// item has yet: an id handed in by an importer must never overwrite a
// record or name two items.
func (t *tx) checkNewID(id string) error {
	if id == "" {
		return nil
	}
	if !ValidID(id) {
		return invalid("%q is not a valid item id", id)
	}
	k, err := t.kindOf(id)
	if err == nil {
		return invalid("the id %s is already used by a %s", id, k)
	}
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// retag moves id's tag index entries from old to new tags, treating both
// as sets so a repeated tag can never delete an entry it still needs.
func (t *tx) retag(k Kind, id string, old, new []string) error {
	want := make(map[string]bool, len(new))
	for _, tag := range new {
		want[tag] = true
	}
	had := make(map[string]bool, len(old))
	for _, tag := range old {
		if had[tag] {
			continue
		}
		had[tag] = true
		if !want[tag] {
			if err := t.del(tagKey(tag, id)); err != nil {
				return err
			}
		}
	}
	for tag := range want {
		if !had[tag] {
			if err := t.set(tagKey(tag, id), []byte(k)); err != nil {
				return err
			}
		}
	}
	return nil
}

// changed records a change to announce after commit.
func (t *tx) changed(op Op, k Kind, id string) {
	t.changes = append(t.changes, Change{Op: op, Kind: k, ID: id})
}
