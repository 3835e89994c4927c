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

// A bulk batch commits after bulkRecords records or bulkBytes bytes,
// whichever comes first: well inside Badger's limits (a share of the
// memtable, see options.go) for small records and for long texts alike.
const (
	bulkRecords = 2000
	bulkBytes   = 2 << 20
)

// written notes one more record written (err is the write's outcome),
// committing a bulk batch's transaction when it has grown large.
func (b *Batch) written(err error) error {
	if err != nil {
		return err
	}
	b.records++
	if b.bulk != nil && (b.records%bulkRecords == 0 || b.t.size >= bulkBytes) {
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
// the link, the passage it points to, and whether that passage was made
// for it (so undoing the link can remove it too).
func (s *Store) LinkToText(from, pieceID string, start, end int, rel, note string) (l Link, target Annotation, created bool, err error) {
	err = s.Batch(func(b *Batch) error {
		l, target, created = Link{}, Annotation{}, false
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
			created = true
		}
		l, err = b.AddLink(Link{From: from, To: target.ID, Rel: rel, Note: note})
		return err
	})
	return l, target, created, err
}

// UpdateClaim is Store.UpdateClaim inside the batch.
func (b *Batch) UpdateClaim(c Claim) (Claim, error) {
	old, err := b.t.claim(c.ID)
	if err != nil {
		return c, err
	}
	if err := b.t.cleanClaim(&c); err != nil {
		return c, err
	}
	saved := old
	saved.Statement, saved.Note, saved.Tags, saved.Evidence = c.Statement, c.Note, c.Tags, c.Evidence
	saved.Updated = b.t.now
	return saved, b.t.putClaim(saved, &old)
}

// UpdatePiece is Store.UpdatePiece inside the batch.
func (b *Batch) UpdatePiece(p Piece) (Piece, error) { return b.t.updatePiece(p) }
