package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Long values. A piece's text, and every record that holds a whole text (a
// revision, a kept conflict), may be far larger than one Badger value may
// be (no more than a value-log file, valueLogFileSize). Such a value is
// stored in chunks: its own key holds a small header, marked by Badger's
// user-meta byte, and chunk i lies at
//
//	b/<key>\x00<i, six digits>
//
// outside every prefix that lists items ("t/", "r/", "k/"), so a listing,
// a key walk (tails, ChangedSince) or a count never meets a chunk. A
// value up to chunkBytes stays whole under its key with no mark, exactly
// as every value was stored before chunks: such notebooks read as they
// are.
//
// All of it is written in the one transaction that writes the record, so
// a reader sees the whole value or the one before, never a mix. Badger
// counts a value at or above its ValueThreshold (16 KB, options.go)
// against a transaction's limits by its 12-byte pointer, not its length
// (txn.go checkSize, structs.go estimateSizeAndSetThreshold), so a 64 MB
// text's 64 chunks add a few KB to a transaction bounded at 15% of the
// memtable (4.8 MB) and 64 entries to a count bounded near 50,000. The
// value log writes one transaction's entries to one file, growing it past
// ValueLogFileSize when they need it (value.go write), and refuses only a
// single value larger than ValueLogFileSize (txn.go modify): chunks keep
// every value far below that.
//
// Every write of such a key goes through tx.set and every delete through
// tx.del, which drop the chunks a value had before; every read goes
// through withValue or readText; Check finds chunks nothing owns.

// prefixChunk holds the chunks of long values (see above).
const prefixChunk = "b/"

// longPrefixes are where long values may be: current texts, revisions
// and kept conflicts (which carry a piece's text). Other records are
// small, and their writes skip the look-up of a previous value's chunks.
var longPrefixes = []string{prefixText, prefixRevision, prefixConflict}

// mayBeLong reports whether key may hold a chunked value.
func mayBeLong(key []byte) bool {
	for _, p := range longPrefixes {
		if strings.HasPrefix(string(key), p) {
			return true
		}
	}
	return false
}

// chunkBytes is the size of every chunk but the last, and the largest
// value kept whole. 1 MiB keeps each value a thirty-second of a value-log
// file and one chunk's read a small copy, while a text at MaxTextBytes
// needs only 64 chunk keys.
const chunkBytes = 1 << 20

// maxLongValueBytes bounds a chunked value: a revision or conflict record
// holds a whole text as a JSON string, where each byte of a normalised
// text takes at most two ('"', '\\' and '\n' are escaped; putJSON leaves
// '<', '>' and '&' alone, and there are no other control characters),
// plus the record's other fields.
const maxLongValueBytes = 2*MaxTextBytes + 1<<20

// metaChunked marks (as Badger's user-meta byte) a key holding the header
// of a chunked value rather than the value.
const metaChunked byte = 1

// chunkHeader is the value of a chunked key. The chunk size is recorded so
// that a later version may choose another without misreading this one.
type chunkHeader struct {
	Bytes int `json:"bytes"` // the whole value's length
	Chunk int `json:"chunk"` // every chunk's length but the last's
}

// chunks is the number of chunks the value lies in.
func (h chunkHeader) chunks() int { return (h.Bytes + h.Chunk - 1) / h.Chunk }

// chunkLen is the length chunk i must have.
func (h chunkHeader) chunkLen(i int) int { return min(h.Chunk, h.Bytes-i*h.Chunk) }

func chunkKey(key []byte, i int) []byte {
	k := make([]byte, 0, len(prefixChunk)+len(key)+8)
	k = append(k, prefixChunk...)
	k = append(k, key...)
	k = append(k, 0)
	return fmt.Appendf(k, "%06d", i)
}

// chunkOwner splits a chunk key (without prefixChunk) into the key of the
// value it belongs to and its number.
func chunkOwner(rest string) (string, int, bool) {
	i := strings.LastIndexByte(rest, 0)
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(rest[i+1:])
	return rest[:i], n, err == nil && n >= 0
}

// setLong stores val at key, whole or in chunks, dropping the chunks of
// what key held before. val must not change until commit: Badger keeps
// the slices it is given, and the chunks are slices of val.
func (t *tx) setLong(key, val []byte) error {
	if len(val) > maxLongValueBytes {
		return invalid("this item is too large to store (%.1f MB; at most %d MB)", megabytes(len(val)), maxLongValueBytes>>20)
	}
	if err := t.dropChunks(key); err != nil {
		return err
	}
	if len(val) <= chunkBytes {
		t.size += len(key) + len(val) + entryOverhead
		return t.txn.Set(key, val)
	}
	h := chunkHeader{Bytes: len(val), Chunk: chunkBytes}
	for i := range h.chunks() {
		part := val[i*h.Chunk : i*h.Chunk+h.chunkLen(i)]
		ck := chunkKey(key, i)
		t.size += len(ck) + len(part) + entryOverhead
		if err := t.txn.Set(ck, part); err != nil {
			return err
		}
	}
	head, err := json.Marshal(h)
	if err != nil {
		return err
	}
	t.size += len(key) + len(head) + entryOverhead
	return t.txn.SetEntry(badger.NewEntry(key, head).WithMeta(metaChunked))
}

// dropChunks deletes the chunks of the value at key, if it is chunked:
// before key is deleted or written again.
func (t *tx) dropChunks(key []byte) error {
	item, err := t.txn.Get(key)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if item.UserMeta()&metaChunked == 0 {
		return nil
	}
	h, err := readChunkHeader(item)
	if err != nil {
		return err
	}
	for i := range h.chunks() {
		ck := chunkKey(key, i)
		t.size += len(ck) + entryOverhead
		if err := t.txn.Delete(ck); err != nil {
			return err
		}
	}
	return nil
}

// readChunkHeader reads and checks the header of a chunked value, so that
// a damaged one can neither make a read allocate without bound nor leave
// chunks unread.
func readChunkHeader(item *badger.Item) (chunkHeader, error) {
	var h chunkHeader
	err := item.Value(func(b []byte) error { return json.Unmarshal(b, &h) })
	if err == nil && (h.Bytes <= 0 || h.Bytes > maxLongValueBytes || h.Chunk <= 0 || h.Chunk > maxValueBytes) {
		err = fmt.Errorf("%d bytes in chunks of %d", h.Bytes, h.Chunk)
	}
	if err != nil {
		return h, fmt.Errorf("damaged record %q: its chunk header: %w", item.Key(), err)
	}
	return h, nil
}

// eachPart calls fn with the value at item part by part, in order: the
// value itself when it is whole, its chunks when it is not. Each part is
// valid only during the call. It tells size the value's length first (for
// a whole value, Badger's estimate), so a caller can size its buffer once.
func eachPart(txn *badger.Txn, item *badger.Item, size func(int), fn func(part []byte) error) error {
	if item.UserMeta()&metaChunked == 0 {
		size(int(item.ValueSize()))
		return item.Value(fn)
	}
	h, err := readChunkHeader(item)
	if err != nil {
		return err
	}
	size(h.Bytes)
	key := item.KeyCopy(nil)
	for i := range h.chunks() {
		part, err := txn.Get(chunkKey(key, i))
		if isNotFound(err) {
			return fmt.Errorf("damaged record %q: chunk %d of %d is missing", key, i+1, h.chunks())
		}
		if err != nil {
			return err
		}
		err = part.Value(func(b []byte) error {
			if len(b) != h.chunkLen(i) {
				return fmt.Errorf("damaged record %q: chunk %d of %d holds %d bytes, not %d", key, i+1, h.chunks(), len(b), h.chunkLen(i))
			}
			return fn(b)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// withValue calls fn with the whole value at item (valid only during the
// call): Badger's own buffer for a whole value, one assembled from its
// chunks otherwise.
func withValue(txn *badger.Txn, item *badger.Item, fn func(val []byte) error) error {
	if item.UserMeta()&metaChunked == 0 {
		return item.Value(fn)
	}
	var buf []byte
	err := eachPart(txn, item, func(n int) { buf = make([]byte, 0, n) }, func(part []byte) error {
		buf = append(buf, part...)
		return nil
	})
	if err != nil {
		return err
	}
	return fn(buf)
}

// readText reads the value at item as a string, copying each byte once.
func readText(txn *badger.Txn, item *badger.Item) (string, error) {
	var b strings.Builder
	err := eachPart(txn, item, b.Grow, func(part []byte) error {
		b.Write(part)
		return nil
	})
	return b.String(), err
}

// checkChunks reports what is wrong with the chunks of long values: a
// chunked value missing a chunk, and a chunk that no value owns (left
// behind by a delete that did not go through tx.del). It reads chunk keys
// and headers, never a chunk: a chunk of the wrong length is found when
// its value is read.
func (t *tx) checkChunks(problem func(string, ...any)) error {
	owners := map[string]chunkHeader{}
	for _, prefix := range longPrefixes {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte(prefix)
		it := t.txn.NewIterator(opts)
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if item.UserMeta()&metaChunked == 0 {
				continue
			}
			h, err := readChunkHeader(item)
			if err != nil {
				problem("%v", err)
				continue
			}
			owners[string(item.Key())] = h
		}
		it.Close()
	}
	seen := map[string]int{}
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = []byte(prefixChunk)
	it := t.txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		owner, i, ok := chunkOwner(string(item.Key()[len(prefixChunk):]))
		h, owned := owners[owner]
		switch {
		case !ok:
			problem("malformed chunk key %q", item.Key())
		case !owned || i >= h.chunks():
			problem("chunk %d of %q left behind: no value owns it", i+1, owner)
		default:
			seen[owner]++
		}
	}
	for owner, h := range owners {
		if seen[owner] != h.chunks() {
			problem("record %q: %d of its %d chunks are missing", owner, h.chunks()-seen[owner], h.chunks())
		}
	}
	return nil
}
