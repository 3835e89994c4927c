package storage

import "slices"

// Removed is everything a Delete took away or changed, as it was before:
// enough to put it all back. Claims and notes appear once, in their state
// before the deletion touched them.
type Removed struct {
	Pieces      []Piece
	Texts       []string // current text of each of Pieces, same order
	Revisions   []Revision
	Annotations []Annotation
	Claims      []Claim
	Links       []Link
	Notes       []Note
}

// Restore undoes a Delete: it puts back what the report's Removed holds, in
// one transaction, with the same ids, indexes and tags. What cannot go back
// because something it needs was deleted since (a link whose other end is
// gone, evidence deleted on its own) is left out rather than dangling.
func (s *Store) Restore(r Removed) error {
	return s.update(func(t *tx) error { return t.restore(r) })
}

func (t *tx) restore(r Removed) error {
	for i, p := range r.Pieces {
		if err := t.putJSON(recordKey(KindPiece, p.ID), p); err != nil {
			return err
		}
		if err := t.set(textKey(p.ID), []byte(r.Texts[i])); err != nil {
			return err
		}
		if err := t.retag(KindPiece, p.ID, nil, p.Tags); err != nil {
			return err
		}
		t.changed(OpCreate, KindPiece, p.ID)
	}
	for _, rev := range r.Revisions {
		if err := t.putJSON(revisionKey(rev.PieceID, rev.Number), rev); err != nil {
			return err
		}
	}
	for _, a := range r.Annotations {
		if ok, err := t.has(recordKey(KindPiece, a.PieceID)); err != nil || !ok {
			continue
		}
		if err := t.putAnnotation(a, nil); err != nil {
			return err
		}
	}
	exists := func(k Kind, id string) bool { ok, _ := t.has(recordKey(k, id)); return ok }
	// A claim or note that still exists keeps whatever was written since
	// the delete; only what the delete took from it comes back: evidence
	// and attachment. One deleted with the item comes back whole.
	for _, c := range r.Claims {
		c.Evidence = slices.DeleteFunc(slices.Clone(c.Evidence), func(id string) bool { return !exists(KindAnnotation, id) })
		cur, err := t.claim(c.ID)
		if err != nil {
			if err := t.putClaim(c, nil); err != nil {
				return err
			}
			continue
		}
		// The evidence in its old order, then any added since.
		merged := cur
		merged.Evidence = slices.Clone(c.Evidence)
		for _, ev := range cur.Evidence {
			if !slices.Contains(merged.Evidence, ev) {
				merged.Evidence = append(merged.Evidence, ev)
			}
		}
		if err := t.putClaim(merged, &cur); err != nil {
			return err
		}
	}
	for _, n := range r.Notes {
		if n.Attached != "" {
			if _, err := t.kindOf(n.Attached); err != nil {
				n.Attached = ""
			}
		}
		cur, err := t.note(n.ID)
		if err != nil {
			if err := t.putNote(n, nil); err != nil {
				return err
			}
			continue
		}
		if cur.Attached == "" && n.Attached != "" {
			merged := cur
			merged.Attached = n.Attached
			if err := t.putNote(merged, &cur); err != nil {
				return err
			}
		}
	}
	for _, l := range r.Links {
		if !exists(l.FromKind, l.From) || !exists(l.ToKind, l.To) || exists(KindLink, l.ID) {
			continue
		}
		if err := t.putLink(l, OpCreate); err != nil {
			return err
		}
	}
	return nil
}
