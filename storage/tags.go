package storage

import (
	"bytes"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// TagCount is a tag and how many items carry it.
type TagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// Tags lists every tag in use with its count, alphabetically. It reads index
// keys only.
func (s *Store) Tags() ([]TagCount, error) {
	var out []TagCount
	err := s.view(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte(ixTag)
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			rest := it.Item().Key()[len(ixTag):]
			i := bytes.IndexByte(rest, 0)
			if i < 0 {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Tag == string(rest[:i]) {
				out[n-1].Count++
			} else {
				out = append(out, TagCount{Tag: string(rest[:i]), Count: 1})
			}
		}
		return nil
	})
	return out, err
}

// ItemsByTag lists the items carrying tag, each with a title line, pieces
// first. The tag index holds each item's kind, so no lookup is needed.
func (s *Store) ItemsByTag(tag string) ([]ItemRef, error) {
	norm := NormalizeTags([]string{tag})
	if len(norm) == 0 {
		return nil, nil
	}
	var out []ItemRef
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		prefix := tagPrefix(norm[0])
		opts := badger.DefaultIteratorOptions
		opts.Prefix = prefix
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			kind, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			r, err := t.refOf(Kind(kind), string(it.Item().Key()[len(prefix):]))
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b ItemRef) int { return compareKind(a.Kind, b.Kind) })
	return out, err
}

var kindOrder = map[Kind]int{KindPiece: 0, KindClaim: 1, KindAnnotation: 2, KindNote: 3, KindLink: 4}

func compareKind(a, b Kind) int { return kindOrder[a] - kindOrder[b] }
