package storage

import (
	"fmt"
)

// The Import methods write a record exactly as given — id, timestamps and
// all — creating it or replacing the one with the same id, and keep every
// index in step. They are for bringing in bundles: the merge decides what
// to write, these write it. References must resolve within the notebook
// (or earlier in the same batch): a passage's piece, a claim's evidence, a
// link's ends, a note's attachment.

// ImportPiece writes a piece with its current text and earlier revisions.
func (b *Batch) ImportPiece(p Piece, text string, revs []Revision) error {
	t := b.t
	if !ValidID(p.ID) {
		return invalid("%q is not a valid piece id", p.ID)
	}
	if k, err := t.kindOf(p.ID); err == nil && k != KindPiece {
		return invalid("the id %s is already used by a %s", p.ID, k)
	}
	if text == "" && p.Format != FormatRef {
		return invalid("piece %s has no text", p.ID)
	}
	if err := checkTextSize(text); err != nil {
		return fmt.Errorf("piece %s: %w", p.ID, err)
	}
	if err := cleanPiece(&p); err != nil {
		return fmt.Errorf("piece %s: %w", p.ID, err)
	}
	old, err := t.piece(p.ID)
	exists := err == nil
	p.V = recordVersion
	setTextStats(&p, text)
	if err := checkPages(p.Pages, p.Runes); err != nil {
		return fmt.Errorf("piece %s: %w", p.ID, err)
	}
	if p.Revision < 1 {
		p.Revision = 1
	}
	if err := t.putJSON(recordKey(KindPiece, p.ID), p); err != nil {
		return err
	}
	if err := t.set(textKey(p.ID), []byte(text)); err != nil {
		return err
	}
	for _, r := range revs {
		r.V, r.PieceID = recordVersion, p.ID
		if err := t.putJSON(revisionKey(p.ID, r.Number), r); err != nil {
			return err
		}
	}
	op, oldTags := OpCreate, []string(nil)
	if exists {
		op, oldTags = OpUpdate, old.Tags
	}
	t.changed(op, KindPiece, p.ID)
	return b.written(t.retag(KindPiece, p.ID, oldTags, p.Tags))
}

// ImportAnnotation writes an annotation of a piece already present.
func (b *Batch) ImportAnnotation(a Annotation) error { return b.importAnnotation(a, false) }

// ImportNewAnnotation is ImportAnnotation for an annotation whose id its
// caller has found unused by any item, as this batch sees it: the merge's
// plan looks every id up under every kind, against the very notebook the
// batch changes, and refuses a source naming two items by one id. Looking
// again here was five point reads an annotation, 11 CPU-s of a
// 500,000-passage import.
func (b *Batch) ImportNewAnnotation(a Annotation) error { return b.importAnnotation(a, true) }

func (b *Batch) importAnnotation(a Annotation, isNew bool) error {
	t := b.t
	if !ValidID(a.ID) {
		return invalid("%q is not a valid annotation id", a.ID)
	}
	if ok, err := t.has(recordKey(KindPiece, a.PieceID)); err != nil || !ok {
		return invalid("annotation %s: its piece %s is not in the notebook", a.ID, a.PieceID)
	}
	color, err := checkColor(a.Color)
	if err != nil {
		return fmt.Errorf("annotation %s: %w", a.ID, err)
	}
	a.Color, a.Tags, a.V = color, NormalizeTags(a.Tags), recordVersion
	var old *Annotation
	if isNew {
		return b.written(t.putAnnotation(a, nil))
	}
	if cur, err := t.annotation(a.ID); err == nil {
		if cur.PieceID != a.PieceID {
			return invalid("annotation %s belongs to another piece here", a.ID)
		}
		old = &cur
	} else if k, err := t.kindOfExcept(a.ID, KindAnnotation); err == nil {
		return invalid("the id %s is already used by a %s", a.ID, k)
	}
	return b.written(t.putAnnotation(a, old))
}

// ImportClaim writes a claim whose evidence is in the notebook.
func (b *Batch) ImportClaim(c Claim) error {
	t := b.t
	if !ValidID(c.ID) {
		return invalid("%q is not a valid claim id", c.ID)
	}
	if err := t.cleanClaim(&c); err != nil {
		return fmt.Errorf("claim %s: %w", c.ID, err)
	}
	c.V = recordVersion
	var old *Claim
	if cur, err := t.claim(c.ID); err == nil {
		old = &cur
	} else if k, err := t.kindOf(c.ID); err == nil {
		return invalid("the id %s is already used by a %s", c.ID, k)
	}
	return b.written(t.putClaim(c, old))
}

// ImportNote writes a note (its attachment, if any, must be present).
func (b *Batch) ImportNote(n Note) error {
	t := b.t
	if !ValidID(n.ID) {
		return invalid("%q is not a valid note id", n.ID)
	}
	if err := t.cleanNote(&n); err != nil {
		return fmt.Errorf("note %s: %w", n.ID, err)
	}
	n.V = recordVersion
	var old *Note
	if cur, err := t.note(n.ID); err == nil {
		old = &cur
	} else if k, err := t.kindOf(n.ID); err == nil {
		return invalid("the id %s is already used by a %s", n.ID, k)
	}
	return b.written(t.putNote(n, old))
}

// ImportLink writes a link between two items in the notebook.
func (b *Batch) ImportLink(l Link) error {
	t := b.t
	if !ValidID(l.ID) {
		return invalid("%q is not a valid link id", l.ID)
	}
	rel, err := t.relation(l.Rel)
	if err != nil {
		return fmt.Errorf("link %s: %w", l.ID, err)
	}
	if err := checkStrength(l.Strength); err != nil {
		return err
	}
	if l.From == l.To {
		return invalid("link %s joins an item to itself", l.ID)
	}
	if l.FromKind, err = t.linkable(l.From); err != nil {
		return fmt.Errorf("link %s: %w", l.ID, err)
	}
	if l.ToKind, err = t.linkable(l.To); err != nil {
		return fmt.Errorf("link %s: %w", l.ID, err)
	}
	l.Rel, l.V = rel.Name, recordVersion
	op := OpCreate
	if old, err := t.link(l.ID); err == nil {
		op = OpUpdate
		if old.From != l.From || old.To != l.To {
			if err := t.deleteLink(old); err != nil {
				return err
			}
		}
	} else if k, err := t.kindOf(l.ID); err == nil {
		return invalid("the id %s is already used by a %s", l.ID, k)
	}
	if err := t.putLink(l, op); err != nil {
		return err
	}
	return b.written(nil)
}

// ImportRelation defines a relation of the notebook's own unless it exists.
func (b *Batch) ImportRelation(r Relation) error {
	if err := cleanRelation(&r); err != nil {
		return err
	}
	if _, err := b.t.relation(r.Name); err == nil {
		return nil
	}
	return b.t.putJSON([]byte(prefixRelation+r.Name), r)
}

// Batch gives read access to the batch's own view (written so far included).

// PieceOf returns a piece and its text as the batch sees them.
func (b *Batch) PieceOf(id string) (Piece, string, error) {
	p, err := b.t.piece(id)
	if err != nil {
		return p, "", err
	}
	text, err := b.t.text(id)
	return p, text, err
}

// Piece reads a piece's record without its text, as the batch sees it.
func (b *Batch) Piece(id string) (Piece, error) { return b.t.piece(id) }

// AnnotationsOf lists a piece's annotations as the batch sees them.
func (b *Batch) AnnotationsOf(pieceID string) ([]Annotation, error) {
	return b.t.annotationsOf(pieceID)
}

// Has reports whether an item exists as the batch sees it.
func (b *Batch) Has(id string) bool {
	_, err := b.t.kindOf(id)
	return err == nil
}

// Annotation reads an annotation as the batch sees it.
func (b *Batch) Annotation(id string) (Annotation, error) { return b.t.annotation(id) }

// Claim reads a claim as the batch sees it.
func (b *Batch) Claim(id string) (Claim, error) { return b.t.claim(id) }

// Note reads a note as the batch sees it.
func (b *Batch) Note(id string) (Note, error) { return b.t.note(id) }

// Link reads a link as the batch sees it.
func (b *Batch) Link(id string) (Link, error) { return b.t.link(id) }

// EditPieceText is Store.EditPieceText inside the batch.
func (b *Batch) EditPieceText(pieceID, text string) (EditReport, error) {
	return b.t.editText(pieceID, text)
}
