package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// An AnnotationStream reads the annotations of many pieces, piece after
// piece, as an export does. Read one Get at a time, a 50,000-piece
// notebook's 500,000 annotations cost as many random reads, each
// decompressing a block of the LSM tree to take one record out of it and
// allocating as it goes (most of an export's garbage). The stream walks
// the records instead with one iterator, in key order: annotation ids
// are UUIDv7s, so key order is creation order, and a piece's passages
// are mostly made together, soon after the piece. Records the walk
// passes on its way that are asked for later (a passage added to an
// earlier piece afterwards) are kept until then, up to streamAheadBytes;
// past that, or past a long run of records nobody asks for (a partial
// export), the walk jumps to the record asked for, and anything it
// jumped over is read on its own when asked for. Whatever the order, each
// record is read and decoded once.
type AnnotationStream struct {
	t     *tx
	later func(id string) bool
	index *badger.Iterator // x/pa/ keys, for the ids of a piece
	recs  *badger.Iterator // a/ records, only ever moved forward

	started    bool              // recs is placed: at the first record asked for
	ahead      map[string][]byte // raw records passed on the way, asked for later
	aheadBytes int
}

// streamAheadBytes bounds the records an AnnotationStream keeps for
// later: a few thousand passages.
var streamAheadBytes = 8 << 20

// streamSkipRun is how many records nobody asks for the walk steps over
// before it jumps instead: stepping over a record costs a fraction of a
// jump, which decompresses a block.
const streamSkipRun = 64

// AnnotationStream starts a stream in the batch, which must be a
// read-only one (Peek): it reads the batch's snapshot. later tells
// whether an annotation may still be asked for, so that one passed on the
// way is kept; it may be nil (nothing is kept). Close it when done.
func (b *Batch) AnnotationStream(later func(id string) bool) *AnnotationStream {
	ixOpts := badger.DefaultIteratorOptions
	ixOpts.PrefetchValues = false
	ixOpts.Prefix = []byte(ixPieceAnn)
	recOpts := badger.DefaultIteratorOptions
	recOpts.PrefetchValues = false // records sit in the LSM tree, read in place
	recOpts.Prefix = []byte(prefixAnnotation)
	if later == nil {
		later = func(string) bool { return false }
	}
	s := &AnnotationStream{t: b.t, later: later, index: b.t.txn.NewIterator(ixOpts),
		recs: b.t.txn.NewIterator(recOpts), ahead: map[string][]byte{}}
	return s
}

// Close releases the stream's iterators.
func (s *AnnotationStream) Close() {
	s.index.Close()
	s.recs.Close()
}

// Of returns a piece's annotations in id order. Asking for the pieces in
// id order (as every export does) reads the index in one walk too.
func (s *AnnotationStream) Of(pieceID string) ([]Annotation, error) {
	prefix := []byte(ixPieceAnn + pieceID + "/")
	var ids []string
	if !s.index.ValidForPrefix(prefix) {
		// Asked in order, the walk is at the piece already: where the
		// last one's keys ended.
		s.index.Seek(prefix)
	}
	for ; s.index.ValidForPrefix(prefix); s.index.Next() {
		ids = append(ids, tail(s.index.Item().Key(), len(prefix)))
	}
	out := make([]Annotation, 0, len(ids))
	for _, id := range ids {
		a, err := s.annotation(id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// annotation reads one annotation: kept from earlier, at the walk's
// place, or on its own when the walk is past it.
func (s *AnnotationStream) annotation(id string) (Annotation, error) {
	key := recordKey(KindAnnotation, id)
	if raw, ok := s.ahead[id]; ok {
		delete(s.ahead, id)
		s.aheadBytes -= len(raw)
		return decodeAnnotation(key, raw)
	}
	if !s.started {
		s.recs.Seek(key)
		s.started = true
	}
	if !s.recs.Valid() || bytes.Compare(s.recs.Item().Key(), key) > 0 {
		return get[Annotation](s.t, KindAnnotation, id)
	}
	skipped := 0
	for s.recs.Valid() {
		item := s.recs.Item()
		switch c := bytes.Compare(item.Key(), key); {
		case c == 0:
			var a Annotation
			err := item.Value(func(v []byte) error {
				var err error
				a, err = decodeAnnotation(key, v)
				return err
			})
			s.recs.Next()
			return a, err
		case c > 0:
			return Annotation{}, notFound(KindAnnotation, id)
		}
		passed := tail(item.Key(), len(prefixAnnotation))
		switch {
		case s.later(passed) && s.aheadBytes+int(item.ValueSize()) <= streamAheadBytes:
			raw, err := item.ValueCopy(nil)
			if err != nil {
				return Annotation{}, err
			}
			s.ahead[passed] = raw
			s.aheadBytes += len(raw)
			skipped = 0
		case s.later(passed) || skipped >= streamSkipRun:
			// Too much kept, or too far to walk: jump. What is jumped
			// over is read on its own if asked for.
			s.recs.Seek(key)
			continue
		default:
			skipped++
		}
		s.recs.Next()
	}
	return Annotation{}, notFound(KindAnnotation, id)
}

func decodeAnnotation(key, raw []byte) (Annotation, error) {
	var a Annotation
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("damaged record %q: %w", key, err)
	}
	return a, nil
}

// SortByPlace sorts a piece's annotations as AnnotationsOf lists them:
// by where they start, a longer one first.
func SortByPlace(anns []Annotation) {
	slices.SortStableFunc(anns, func(a, b Annotation) int {
		if a.Selector.Start != b.Selector.Start {
			return a.Selector.Start - b.Selector.Start
		}
		return b.Selector.End - a.Selector.End
	})
}
