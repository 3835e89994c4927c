package bundle

import (
	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// A Bundle is a merge source (merge.Source and merge.Checker): Import
// hands it to merge.Run, which checks it whole before planning anything,
// then reads it again, file by file, to plan and to apply.

// Noun names the bundle in the merge's refusals.
func (b *Bundle) Noun() string { return "the bundle" }

// Items is how many items the manifest says the bundle holds; Check
// refuses a bundle holding any other number.
func (b *Bundle) Items() int {
	c := b.Manifest.Counts
	return c.Pieces + c.Annotations + c.Claims + c.Links + c.Notes
}

// Check verifies the whole bundle (see Open), calling step once per item;
// a bundle Open returned is checked already.
func (b *Bundle) Check(step func() error) error {
	if b.checked {
		return nil
	}
	b.step = step
	defer func() { b.step = nil }()
	if err := b.verify(); err != nil {
		b.passages = nil
		return err
	}
	b.checked = true
	return nil
}

// EachPiece calls fn with every piece's record, in id order. The
// bundle's passages were placed on the texts it holds: its reader
// checked that they fit.
func (b *Bundle) EachPiece(fn func(p merge.Piece) error) error {
	for _, id := range b.pieceIDs {
		p, size, err := b.pieceRecord(id)
		if err != nil {
			return err
		}
		if err := fn(merge.Piece{Piece: p, PlacedOn: p.Hash, Size: size}); err != nil {
			return err
		}
	}
	return nil
}

// PieceText reads a piece's text.
func (b *Bundle) PieceText(id string) (string, error) {
	_, text, err := b.piece(id)
	return text, err
}

// EachNote calls fn with every note, in id order.
func (b *Bundle) EachNote(fn func(n storage.Note) error) error {
	for _, id := range b.noteIDs {
		n, err := b.note(id)
		if err != nil {
			return err
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

// Outside lists what the manifest says the bundle left out.
func (b *Bundle) Outside() []scope.OutsideRef { return b.Manifest.Outside }

// LeftOut tells whether the manifest lists id as left out of the bundle:
// a reference to anything else missing refuses it.
func (b *Bundle) LeftOut(id string) (scope.OutsideRef, bool) {
	o, ok := b.outside[id]
	return o, ok
}
