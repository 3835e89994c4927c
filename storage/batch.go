package storage

import "commonplace/storage/anchor"

// Batch makes several changes in one transaction: all of them land, or
// none (demo notebooks, imports). Its methods mirror the Store's.
type Batch struct {
	t *tx
	// bulk, when set, commits every few thousand records and carries on
	// in a new transaction: for a staged import, where atomicity comes
	// from the swap instead (see Store.Staged).
	bulk    func(t *tx) (*tx, error)
	records int
}

// bulkRecords is how many records a bulk batch writes per transaction,
// well inside Badger's size limit for ordinary records.
const bulkRecords = 2000

// written notes one more record written (err is the write's outcome),
// committing a bulk batch's transaction when it has grown large.
func (b *Batch) written(err error) error {
	if err != nil {
		return err
	}
	b.records++
	if b.bulk != nil && b.records%bulkRecords == 0 {
		t, err := b.bulk(b.t)
		if err != nil {
			return err
		}
		b.t = t
	}
	return nil
}

// Batch runs fn with a Batch and commits its changes durably when fn
// returns nil; any error discards them all. A batch must stay within
// Badger's transaction size (a few MB): a few hundred pieces, not thousands.
func (s *Store) Batch(fn func(b *Batch) error) error {
	return s.update(func(t *tx) error { return fn(&Batch{t: t}) })
}

// AddPiece is Store.AddPiece inside the batch.
func (b *Batch) AddPiece(p Piece, text string) (Piece, error) { return b.t.addPiece(p, text) }

// AnnotateQuote is Store.AnnotateQuote inside the batch.
func (b *Batch) AnnotateQuote(pieceID, quote string, nth int, in AnnotationInput) (Annotation, error) {
	text, err := b.t.text(pieceID)
	if err != nil {
		return Annotation{}, err
	}
	doc := anchor.NewText(text)
	start, end, err := findNth(doc, quote, nth)
	if err != nil {
		return Annotation{}, err
	}
	return b.t.annotate(pieceID, doc, start, end, in)
}

// Annotate is Store.Annotate inside the batch.
func (b *Batch) Annotate(pieceID string, start, end int, in AnnotationInput) (Annotation, error) {
	text, err := b.t.text(pieceID)
	if err != nil {
		return Annotation{}, err
	}
	return b.t.annotate(pieceID, anchor.NewText(text), start, end, in)
}

// AddClaim is Store.AddClaim inside the batch.
func (b *Batch) AddClaim(c Claim) (Claim, error) { return b.t.addClaim(c) }

// AddLink is Store.AddLink inside the batch.
func (b *Batch) AddLink(l Link) (Link, error) { return b.t.addLink(l) }

// AddNote is Store.AddNote inside the batch.
func (b *Batch) AddNote(n Note) (Note, error) { return b.t.addNote(n) }

// LinkToText links item from to runes [start,end) of a piece, marking
// that span first unless a passage already sits exactly there — one
// transaction, so a suggested link is made whole or not at all. It returns
// the link and the passage it points to.
func (s *Store) LinkToText(from, pieceID string, start, end int, rel, note string) (Link, Annotation, error) {
	var l Link
	var target Annotation
	err := s.Batch(func(b *Batch) error {
		anns, err := b.t.annotationsOf(pieceID)
		if err != nil {
			return err
		}
		for _, a := range anns {
			if place, ok := a.Place(); ok && place.Start == start && place.End == end {
				target = a
			}
		}
		if target.ID == "" {
			if target, err = b.Annotate(pieceID, start, end, AnnotationInput{}); err != nil {
				return err
			}
		}
		l, err = b.AddLink(Link{From: from, To: target.ID, Rel: rel, Note: note})
		return err
	})
	return l, target, err
}
