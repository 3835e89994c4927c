package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// A PieceStream reads pieces, their texts and their passages, piece
// after piece, as an export does. Read one Get at a time, a 50,000-piece
// notebook's 500,000 passages cost as many random reads, each
// decompressing a block of the LSM tree to take one record out of it and
// allocating as it goes (most of an export's garbage). The stream walks
// each kind of record with one iterator instead, in key order: pieces
// asked for in id order are read in one walk, and so are their passages,
// since passage ids are UUIDv7s (key order is creation order) and a
// piece's passages are mostly made together, soon after the piece.
// Passages the walk passes on its way that are asked for later (one added
// to an earlier piece afterwards) are kept until then, up to
// streamAheadBytes; past that, or past a long run of records nobody asks
// for (a partial export), the walk jumps to the record asked for, and
// anything it jumped over is read on its own when asked for. Whatever the
// order, each record is read and decoded once.
type PieceStream struct {
	t      *tx
	later  func(id string) bool
	pieces walk
	texts  walk
	index  *badger.Iterator // x/pa/ keys, for the ids of a piece
	recs   *badger.Iterator // a/ records, only ever moved forward

	started    bool              // recs is placed: at the first record asked for
	ahead      map[string][]byte // raw records passed on the way, asked for later
	aheadBytes int
}

// streamAheadBytes bounds the records a PieceStream keeps for later: a
// few thousand passages. (A variable: the tests make it small.)
var streamAheadBytes = 8 << 20

// streamSkipRun is how many records nobody asks for a walk steps over
// before it jumps instead: stepping over a record costs a fraction of a
// jump, which decompresses a block.
const streamSkipRun = 64

// PieceStream starts a stream in the batch, which must be a read-only
// one (Peek): it reads the batch's snapshot. later tells whether a
// passage may still be asked for, so that one passed on the way is kept;
// it may be nil (nothing is kept). Close it when done.
func (b *Batch) PieceStream(later func(id string) bool) *PieceStream {
	ixOpts := badger.DefaultIteratorOptions
	ixOpts.PrefetchValues = false
	ixOpts.Prefix = []byte(ixPieceAnn)
	recOpts := badger.DefaultIteratorOptions
	recOpts.PrefetchValues = false // records sit in the LSM tree, read in place
	recOpts.Prefix = []byte(prefixAnnotation)
	if later == nil {
		later = func(string) bool { return false }
	}
	return &PieceStream{t: b.t, later: later, index: b.t.txn.NewIterator(ixOpts),
		recs: b.t.txn.NewIterator(recOpts), ahead: map[string][]byte{},
		pieces: walk{txn: b.t.txn, prefix: []byte(prefixPiece)}, texts: walk{txn: b.t.txn, prefix: []byte(prefixText)}}
}

// Close releases the stream's iterators.
func (s *PieceStream) Close() {
	s.index.Close()
	s.recs.Close()
	s.pieces.close()
	s.texts.close()
}

// Piece reads a piece's record.
func (s *PieceStream) Piece(id string) (Piece, error) {
	var p Piece
	key := recordKey(KindPiece, id)
	found, err := s.pieces.value(key, func(v []byte) error { return json.Unmarshal(v, &p) })
	switch {
	case err != nil:
		return p, fmt.Errorf("damaged record %q: %w", key, err)
	case !found:
		return p, notFound(KindPiece, id)
	}
	return p, nil
}

// Text reads a piece's current text.
func (s *PieceStream) Text(id string) (string, error) {
	var text string
	found, err := s.texts.value(textKey(id), func(v []byte) error { text = string(v); return nil })
	if err == nil && !found {
		err = notFound(KindPiece, id)
	}
	return text, err
}

// Annotations returns a piece's annotations in id order. Asking for the
// pieces in id order (as every export does) reads the index in one walk
// too.
func (s *PieceStream) Annotations(pieceID string) ([]Annotation, error) {
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
func (s *PieceStream) annotation(id string) (Annotation, error) {
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

// walk reads the records of one prefix asked for in key order through
// one iterator, made on first use, and any other with a Get.
type walk struct {
	txn    *badger.Txn
	prefix []byte
	it     *badger.Iterator
}

// value calls fn with the whole value at key (assembled from its chunks if
// it is a long one), and reports whether there is one.
func (w *walk) value(key []byte, fn func(v []byte) error) (bool, error) {
	if w.it == nil {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = w.prefix
		w.it = w.txn.NewIterator(opts)
		w.it.Seek(key)
	}
	for skipped := 0; w.it.Valid(); skipped++ {
		item := w.it.Item()
		c := bytes.Compare(item.Key(), key)
		if c == 0 {
			err := withValue(w.txn, item, fn) // a long text comes in chunks
			w.it.Next()
			return true, err
		}
		if c > 0 {
			break // behind the walk, or not there
		}
		if skipped == streamSkipRun {
			w.it.Seek(key)
			continue
		}
		w.it.Next()
	}
	item, err := w.txn.Get(key)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, withValue(w.txn, item, fn)
}

func (w *walk) close() {
	if w.it != nil {
		w.it.Close()
	}
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
