package merge

import (
	"encoding/json"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// apply carries out the plan in b, in the order references need:
// relations, pieces, passages, claims, notes, links. Every write goes
// through the store's Import methods, which keep the indexes in step.
func (m *merger) apply(b *storage.Batch) error {
	for _, r := range m.src.Relations() {
		if err := b.ImportRelation(r); err != nil {
			return err
		}
	}
	notes := &noteOrder{m: m, b: b, written: map[string]bool{}}
	err := m.walk(
		func(p Piece) error { return m.applyPiece(b, p) },
		func(a storage.Annotation) error { return m.applyAnnotation(b, a) },
		func(c storage.Claim) error {
			c, err := m.claimAsMerged(b, c)
			if err != nil {
				return err
			}
			return m.applyItem(b, c.ID, storage.KindClaim, c,
				func() (any, error) { return b.Claim(c.ID) },
				func() error { return b.ImportClaim(c) })
		},
		notes.apply,
		func(l storage.Link) error {
			return m.applyItem(b, l.ID, storage.KindLink, l,
				func() (any, error) { return b.Link(l.ID) },
				func() error { return b.ImportLink(l) })
		})
	if err != nil {
		return err
	}
	return notes.finish()
}

// applyItem writes one passage, claim, note or link as planned: theirs in
// place, or theirs (or ours) kept beside as a conflict.
func (m *merger) applyItem(b *storage.Batch, id string, kind storage.Kind, theirs any,
	ours func() (any, error), write func() error) error {
	d := m.plans[id]
	switch d.act {
	case actAdd, actTake:
		if err := write(); err != nil {
			return err
		}
	case actConflict:
		if err := m.keepTheirs(b, id, kind, theirs, ""); err != nil {
			return err
		}
	case actConflictTake:
		cur, err := ours()
		if err != nil {
			return err
		}
		if err := m.keepOurs(b, id, kind, cur, ""); err != nil {
			return err
		}
		if err := write(); err != nil {
			return err
		}
	case actLeaveOut:
		return nil
	}
	return m.setBase(b, id, d)
}

func (m *merger) setBase(b *storage.Batch, id string, d decision) error {
	if d.base == d.hash {
		return nil
	}
	return b.SetSyncBase(id, d.hash)
}

// keepTheirs keeps the source's version of an item beside ours.
func (m *merger) keepTheirs(b *storage.Batch, id string, kind storage.Kind, theirs any, text string) error {
	raw, err := json.Marshal(theirs)
	if err != nil {
		return err
	}
	return b.AddConflict(storage.Conflict{ItemID: id, Kind: kind, Theirs: raw, Text: text, Source: m.opt.Source})
}

// keepOurs keeps our version of an item beside the source's, which
// replaces it.
func (m *merger) keepOurs(b *storage.Batch, id string, kind storage.Kind, ours any, text string) error {
	raw, err := json.Marshal(ours)
	if err != nil {
		return err
	}
	return b.AddConflict(storage.Conflict{ItemID: id, Kind: kind, Theirs: raw, Text: text,
		Source: "this notebook, before importing " + m.opt.Source})
}

func (m *merger) applyPiece(b *storage.Batch, p Piece) error {
	d := m.plans[p.ID]
	if d.act == actSame || d.act == actKeep {
		return m.setBase(b, p.ID, d)
	}
	text, err := m.src.PieceText(p.ID)
	if err != nil {
		return err
	}
	switch d.act {
	case actAdd:
		revs, err := m.src.Revisions(p.ID)
		if err != nil {
			return err
		}
		if err := b.ImportPiece(p.Piece, text, revs); err != nil {
			return err
		}
	case actTake:
		if err := m.takePiece(b, p.Piece, text); err != nil {
			return err
		}
	case actConflict:
		if err := m.keepTheirs(b, p.ID, storage.KindPiece, p.Piece, text); err != nil {
			return err
		}
	case actConflictTake:
		cur, curText, err := b.PieceOf(p.ID)
		if err != nil {
			return err
		}
		if err := m.keepOurs(b, p.ID, storage.KindPiece, cur, curText); err != nil {
			return err
		}
		if err := m.takePiece(b, p.Piece, text); err != nil {
			return err
		}
	}
	return m.setBase(b, p.ID, d)
}

// takePiece puts the source's piece in place of ours. A different text
// goes in through an edit, so ours is kept as a revision and our passages
// re-attach; the metadata and times are then the source's.
func (m *merger) takePiece(b *storage.Batch, p storage.Piece, text string) error {
	cur, curText, err := b.PieceOf(p.ID)
	if err != nil {
		return err
	}
	if curText != text {
		rep, err := b.EditPieceText(p.ID, text)
		if err != nil {
			return err
		}
		for st, n := range rep.Counts {
			m.rep.Reattached[st] += n
		}
		cur.Revision = rep.Revision
	}
	p.Revision = cur.Revision
	return b.ImportPiece(p, text, nil)
}

func (m *merger) applyAnnotation(b *storage.Batch, a storage.Annotation) error {
	landed := a
	if m.plans[a.ID].act.writesTheirs() {
		var moved anchor.Status
		var err error
		if landed, moved, err = m.landAnnotation(b, a); err != nil {
			return err
		}
		if moved != "" {
			m.rep.Reattached[moved]++
		}
	}
	return m.applyItem(b, a.ID, storage.KindAnnotation, a,
		func() (any, error) { return b.Annotation(a.ID) },
		func() error {
			if m.plans[a.ID].act == actAdd { // the plan found its id unused
				return b.ImportNewAnnotation(landed)
			}
			return b.ImportAnnotation(landed)
		})
}

// noteOrder writes the notes. A note attached to another note the source
// brings may come before it: it is written first without its attachment,
// then again with it once every note is in.
type noteOrder struct {
	m       *merger
	b       *storage.Batch
	written map[string]bool
	later   []storage.Note
}

func (o *noteOrder) apply(n storage.Note) error {
	m, b := o.m, o.b
	n, err := m.noteAsMerged(b, n)
	if err != nil {
		return err
	}
	first := n
	if att := n.Attached; att != "" && m.src.Kind(att) == storage.KindNote && m.plans[att].act == actAdd && !o.written[att] {
		first.Attached = ""
		o.later = append(o.later, n)
	}
	o.written[n.ID] = true
	return m.applyItem(b, n.ID, storage.KindNote, n,
		func() (any, error) { return b.Note(n.ID) },
		func() error { return b.ImportNote(first) })
}

// finish writes the notes held back with their attachments.
func (o *noteOrder) finish() error {
	for _, n := range o.later {
		if o.m.plans[n.ID].act.writesTheirs() {
			if err := o.b.ImportNote(n); err != nil {
				return err
			}
		}
	}
	return nil
}
