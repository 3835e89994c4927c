package storage

import (
	"fmt"
	"slices"
	"strings"
)

// DeleteReport says what went with a deleted item, so the user can be told,
// and keeps it all so Restore can undo the deletion.
type DeleteReport struct {
	Kind        Kind `json:"kind"`
	Annotations int  `json:"annotations"` // of a deleted piece
	Links       int  `json:"links"`
	Evidence    int  `json:"evidence"`      // claims that lost a deleted annotation as evidence
	Detached    int  `json:"detachedNotes"` // notes that were attached to it and are kept

	Removed Removed `json:"-"`
}

// Summary says in words what went with the item and what was kept, for
// the window's undo bar and the command line alike: "with 3 annotations
// and 2 links; 1 claim lost it as evidence; 1 note kept, no longer
// attached". It is "" when the item went alone.
func (r DeleteReport) Summary() string {
	var with, parts []string
	if r.Annotations > 0 {
		with = append(with, plural(r.Annotations, "annotation"))
	}
	if r.Links > 0 {
		with = append(with, plural(r.Links, "link"))
	}
	if len(with) > 0 {
		parts = append(parts, "with "+strings.Join(with, " and "))
	}
	if r.Evidence > 0 {
		parts = append(parts, plural(r.Evidence, "claim")+" lost it as evidence")
	}
	if r.Detached > 0 {
		parts = append(parts, plural(r.Detached, "note")+" kept, no longer attached")
	}
	return strings.Join(parts, "; ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Delete removes an item and, in the same transaction, every link to or
// from it; a piece takes its annotations and revisions with it. Notes
// attached to a deleted item are kept, unattached: they are the
// researcher's own writing.
func (s *Store) Delete(id string) (DeleteReport, error) {
	var rep DeleteReport
	err := s.update(func(t *tx) error {
		k, err := t.kindOf(id)
		if err != nil {
			return err
		}
		plan, err := t.planDelete(k, id)
		if err != nil {
			return err
		}
		rep = plan.report(k)
		return t.applyDelete(plan)
	})
	return rep, err
}

// deletePlan is everything one deletion touches, gathered before the first
// write: iterating a transaction re-sorts its pending writes, so reading
// after writing would make deleting a piece with many annotations
// quadratic.
type deletePlan struct {
	root      Kind
	rootID    string
	piece     *Piece
	text      string
	revisions []Revision
	anns      []Annotation
	claim     *Claim // the deleted claim
	note      *Note  // the deleted note
	link      *Link  // the deleted link
	links     map[string]Link
	linkOrder []string
	cited     map[string]Claim // claims losing evidence, as they were
	citeOrder []string
	attached  map[string]Note // notes to detach, as they were
	noteOrder []string
	gone      map[string]bool // ids of every item deleted
}

func (t *tx) planDelete(k Kind, id string) (*deletePlan, error) {
	p := &deletePlan{root: k, rootID: id, links: map[string]Link{}, cited: map[string]Claim{},
		attached: map[string]Note{}, gone: map[string]bool{id: true}}
	var err error
	switch k {
	case KindLink:
		l, err := t.link(id)
		if err != nil {
			return nil, err
		}
		p.link = &l
		return p, nil
	case KindPiece:
		pc, err := t.piece(id)
		if err != nil {
			return nil, err
		}
		p.piece = &pc
		if p.text, err = t.text(id); err != nil {
			return nil, err
		}
		err = eachJSON(t.txn, prefixRevision+id+"/", func(r *Revision) { p.revisions = append(p.revisions, *r) })
		if err != nil {
			return nil, err
		}
		for _, aid := range t.tails([]byte(ixPieceAnn + id + "/")) {
			a, err := t.annotation(aid)
			if err != nil {
				return nil, err
			}
			p.anns = append(p.anns, a)
			p.gone[aid] = true
		}
	case KindAnnotation:
		a, err := t.annotation(id)
		if err != nil {
			return nil, err
		}
		p.anns = append(p.anns, a)
	case KindClaim:
		c, err := t.claim(id)
		if err != nil {
			return nil, err
		}
		p.claim = &c
	case KindNote:
		n, err := t.note(id)
		if err != nil {
			return nil, err
		}
		p.note = &n
	}
	for gid := range p.gone {
		if err = t.gatherReferences(p, gid); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// gatherReferences collects what refers to id: links, claims citing it,
// notes attached to it.
func (t *tx) gatherReferences(p *deletePlan, id string) error {
	for _, ix := range []string{ixLinkFrom, ixLinkTo} {
		for _, lid := range t.tails([]byte(ix + id + "/")) {
			if _, ok := p.links[lid]; ok {
				continue
			}
			l, err := t.link(lid)
			if err != nil {
				return err
			}
			p.links[lid] = l
			p.linkOrder = append(p.linkOrder, lid)
		}
	}
	for _, cid := range t.tails([]byte(ixEvidence + id + "/")) {
		if _, ok := p.cited[cid]; ok {
			continue
		}
		c, err := t.claim(cid)
		if err != nil {
			return err
		}
		p.cited[cid] = c
		p.citeOrder = append(p.citeOrder, cid)
	}
	for _, nid := range t.tails([]byte(ixAttached + id + "/")) {
		if _, ok := p.attached[nid]; ok || nid == p.rootID {
			continue
		}
		n, err := t.note(nid)
		if err != nil {
			return err
		}
		p.attached[nid] = n
		p.noteOrder = append(p.noteOrder, nid)
	}
	return nil
}

// report counts what the plan takes and keeps it for Restore.
func (p *deletePlan) report(k Kind) DeleteReport {
	rep := DeleteReport{Kind: k, Links: len(p.links), Evidence: len(p.cited), Detached: len(p.noteOrder)}
	if k == KindPiece {
		rep.Annotations = len(p.anns)
	}
	if p.link != nil {
		rep.Links = 1
		rep.Removed.Links = []Link{*p.link}
		return rep
	}
	r := &rep.Removed
	if p.piece != nil {
		r.Pieces, r.Texts, r.Revisions = []Piece{*p.piece}, []string{p.text}, p.revisions
	}
	r.Annotations = p.anns
	if p.claim != nil {
		r.Claims = append(r.Claims, *p.claim)
	}
	if p.note != nil {
		r.Notes = append(r.Notes, *p.note)
	}
	for _, id := range p.citeOrder {
		if id != p.rootID {
			r.Claims = append(r.Claims, p.cited[id])
		}
	}
	for _, id := range p.noteOrder {
		r.Notes = append(r.Notes, p.attached[id])
	}
	for _, id := range p.linkOrder {
		r.Links = append(r.Links, p.links[id])
	}
	return rep
}

func (t *tx) applyDelete(p *deletePlan) error {
	if p.link != nil {
		return t.deleteLink(*p.link)
	}
	for _, id := range p.linkOrder {
		if err := t.deleteLink(p.links[id]); err != nil {
			return err
		}
	}
	for _, id := range p.citeOrder {
		c := p.cited[id]
		if c.ID == p.rootID {
			continue
		}
		updated := c
		updated.Evidence = slices.DeleteFunc(slices.Clone(c.Evidence), func(ev string) bool { return p.gone[ev] })
		updated.Updated = t.now
		if err := t.putClaim(updated, &c); err != nil {
			return err
		}
	}
	for _, id := range p.noteOrder {
		n := p.attached[id]
		updated := n
		updated.Attached, updated.Updated = "", t.now
		if err := t.putNote(updated, &n); err != nil {
			return err
		}
	}
	for _, a := range p.anns {
		if err := t.del(pairKey(ixPieceAnn, a.PieceID, a.ID)); err != nil {
			return err
		}
		if err := t.dropRecord(KindAnnotation, a.ID, a.Tags); err != nil {
			return err
		}
	}
	switch {
	case p.piece != nil:
		for _, r := range p.revisions {
			if err := t.del(revisionKey(r.PieceID, r.Number)); err != nil {
				return err
			}
		}
		if err := t.del(textKey(p.piece.ID)); err != nil {
			return err
		}
		return t.dropRecord(KindPiece, p.piece.ID, p.piece.Tags)
	case p.claim != nil:
		for _, aid := range p.claim.Evidence {
			if err := t.del(pairKey(ixEvidence, aid, p.claim.ID)); err != nil {
				return err
			}
		}
		return t.dropRecord(KindClaim, p.claim.ID, p.claim.Tags)
	case p.note != nil:
		if p.note.Attached != "" {
			if err := t.del(pairKey(ixAttached, p.note.Attached, p.note.ID)); err != nil {
				return err
			}
		}
		return t.dropRecord(KindNote, p.note.ID, p.note.Tags)
	}
	return nil
}

// dropRecord deletes a record with its tag entries.
func (t *tx) dropRecord(k Kind, id string, tags []string) error {
	if err := t.retag(k, id, tags, nil); err != nil {
		return err
	}
	t.changed(OpDelete, k, id)
	return t.del(recordKey(k, id))
}

func (t *tx) deleteLink(l Link) error {
	if err := t.del(pairKey(ixLinkFrom, l.From, l.ID)); err != nil {
		return err
	}
	if err := t.del(pairKey(ixLinkTo, l.To, l.ID)); err != nil {
		return err
	}
	t.changed(OpDelete, KindLink, l.ID)
	return t.del(recordKey(KindLink, l.ID))
}
