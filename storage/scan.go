package storage

import "github.com/dgraph-io/badger/v4"

// EachPiece calls fn with every piece and its current text, in creation
// order, for building indexes. It reads in one transaction.
func (s *Store) EachPiece(fn func(p Piece, text string) error) error {
	return s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		var pieces []Piece
		if err := eachJSON(txn, prefixPiece, func(p *Piece) { pieces = append(pieces, *p) }); err != nil {
			return err
		}
		for _, p := range pieces {
			text, err := t.text(p.ID)
			if err != nil {
				return err
			}
			if err := fn(p, text); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachAnnotation calls fn with every annotation, in creation order.
func (s *Store) EachAnnotation(fn func(a Annotation) error) error {
	return s.view(func(txn *badger.Txn) error {
		return eachJSONUntil(txn, prefixAnnotation, func(a *Annotation) error { return fn(*a) })
	})
}
