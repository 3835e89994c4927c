package merge

import (
	"errors"
	"strings"
	"time"

	"commonplace/storage"
)

// plan decides every item, checking every reference, without writing.
// Items are decided against the notebook as it is before any of them is
// written: taking a source's text re-anchors our passages, which must not
// count as our change to them.
func (m *merger) plan(b *storage.Batch) error {
	m.reset()
	for _, r := range m.src.Relations() {
		if !b.HasRelation(r.Name) {
			m.writes++
		}
	}
	return m.walk(
		func(p Piece) error { return m.planPiece(b, p) },
		func(a storage.Annotation) error { return m.planAnnotation(b, a) },
		func(c storage.Claim) error { return m.planClaim(b, c) },
		func(n storage.Note) error { return m.planNote(b, n) },
		func(l storage.Link) error { return m.planLink(b, l) })
}

// walk visits every item of the source, one progress step each, in the
// order references need: pieces, passages, claims, notes, links.
func (m *merger) walk(piece func(Piece) error, passage func(storage.Annotation) error,
	claim func(storage.Claim) error, note func(storage.Note) error, link func(storage.Link) error) error {
	passes := []func() error{
		func() error { return m.src.EachPiece(stepped(m.prog, piece)) },
		func() error { return m.src.EachAnnotation(stepped(m.prog, passage)) },
		func() error { return m.src.EachClaim(stepped(m.prog, claim)) },
		func() error { return m.src.EachNote(stepped(m.prog, note)) },
		func() error { return m.src.EachLink(stepped(m.prog, link)) },
	}
	for _, pass := range passes {
		if err := pass(); err != nil {
			return err
		}
	}
	return nil
}

// stepped counts a step before each call of fn.
func stepped[T any](p *progress, fn func(T) error) func(T) error {
	return func(item T) error {
		if err := p.step(); err != nil {
			return err
		}
		return fn(item)
	}
}

func (m *merger) planClaim(b *storage.Batch, c storage.Claim) error {
	c, err := m.claimAsMerged(b, c)
	if err != nil {
		return err
	}
	local, err := b.Claim(c.ID)
	return m.decideItem(b, c.ID, storage.KindClaim, m.excerpt(c.Statement), err, ClaimHash(c),
		func() (string, time.Time) { return ClaimHash(local), local.Updated }, c.Updated, 1024)
}

func (m *merger) planNote(b *storage.Batch, n storage.Note) error {
	n, err := m.noteAsMerged(b, n)
	if err != nil {
		return err
	}
	local, err := b.Note(n.ID)
	return m.decideItem(b, n.ID, storage.KindNote, m.noteTitle(n), err, NoteHash(n),
		func() (string, time.Time) { return NoteHash(local), local.Updated }, n.Updated, int64(len(n.Body))+1024)
}

// decideItem plans an item whose record is readErr's read of the local one.
func (m *merger) decideItem(b *storage.Batch, id string, kind storage.Kind, title string, readErr error,
	theirs string, ours func() (string, time.Time), theirTime time.Time, size int64) error {
	if _, dup := m.plans[id]; dup {
		// One id, one item: applying counts on it (ImportNewAnnotation).
		return refuse("%s holds two items with the id %s", m.src.Noun(), id)
	}
	d := decision{hash: theirs}
	why := whyNew
	if readErr != nil {
		if !errors.Is(readErr, storage.ErrNotFound) {
			return readErr
		}
		if k, err := b.KindOfExcept(id, kind); err == nil {
			return refuse("%s's %s %s has the id of a %s in this notebook", m.src.Noun(), kind, id, k)
		}
		d.act = actAdd
	} else {
		base, err := b.SyncBase(id)
		if err != nil {
			return err
		}
		d.base = base
		hash, at := ours()
		d.act, why = decide(hash, theirs, base, at, theirTime)
	}
	m.record(id, kind, title, d, why, size)
	return nil
}

// record keeps the plan of one item and counts it.
func (m *merger) record(id string, kind storage.Kind, title string, d decision, why string, size int64) {
	m.plans[id] = d
	if !m.opt.CountsOnly {
		m.rep.Details = append(m.rep.Details, Item{ID: id, Kind: string(kind), Title: title, Action: d.act.String(), Why: m.reason(why)})
	}
	switch d.act {
	case actAdd:
		m.rep.Added++
	case actTake:
		m.rep.Updated++
	case actConflict, actConflictTake:
		m.rep.Conflicts++
	default:
		m.rep.Skipped++
	}
	if d.act != actSame && d.act != actKeep && d.act != actLeaveOut {
		m.writes++
		m.weight += size + 512
	}
	if d.act != actLeaveOut && d.base != d.hash {
		m.writes++
		m.weight += 128
	}
}

// planPiece decides a piece from its record and works out the text it
// will have once merged, for the passages landing on it; the text is read
// only when a preview must count our passages re-attaching to it.
func (m *merger) planPiece(b *storage.Batch, p Piece) error {
	local, err := b.Piece(p.ID)
	if err := m.decideItem(b, p.ID, storage.KindPiece, p.Title, err, PieceHash(p.Piece),
		func() (string, time.Time) { return PieceHash(local), local.Updated }, p.Updated, p.Size); err != nil {
		return err
	}
	d := m.plans[p.ID]
	L := &landing{placedOn: p.PlacedOn, theirRev: p.Revision, finalRev: local.Revision, finalHash: local.Hash}
	switch {
	case d.act == actAdd:
		L.added, L.theirsFinal, L.finalRev, L.finalHash = true, true, p.Revision, p.Hash
	case d.act.writesTheirs():
		L.theirsFinal, L.finalHash = true, p.Hash
		if local.Hash != p.Hash {
			// Their text replaces ours through an edit: ours becomes
			// revision local.Revision, and our passages re-attach.
			L.prevRev, L.prevHash, L.finalRev = local.Revision, local.Hash, local.Revision+1
			if m.dry {
				anns, err := b.AnnotationsOf(p.ID)
				if err != nil {
					return err
				}
				text, err := m.src.PieceText(p.ID)
				if err != nil {
					return err
				}
				for st, n := range reattachCounts(anns, text) {
					m.rep.Reattached[st] += n
				}
			}
		}
	}
	m.land[p.ID] = L
	return nil
}

func (m *merger) planAnnotation(b *storage.Batch, a storage.Annotation) error {
	if m.land[a.PieceID] == nil {
		return refuse("annotation %s is on piece %s, which %s does not hold", a.ID, a.PieceID, m.src.Noun())
	}
	local, err := b.Annotation(a.ID)
	if err == nil && local.PieceID != a.PieceID {
		return refuse("annotation %s is on piece %s in %s but on piece %s in this notebook", a.ID, a.PieceID, m.src.Noun(), local.PieceID)
	}
	if err := m.decideItem(b, a.ID, storage.KindAnnotation, m.excerpt(a.Selector.Exact), err, AnnotationHash(a),
		func() (string, time.Time) { return AnnotationHash(local), local.Updated }, a.Updated, int64(len(a.Selector.Exact)+len(a.Note))); err != nil {
		return err
	}
	if m.dry && m.plans[a.ID].act.writesTheirs() {
		if _, moved, err := m.landAnnotation(b, a); err != nil {
			return err
		} else if moved != "" {
			m.rep.Reattached[moved]++
		}
	}
	return nil
}

func (m *merger) planLink(b *storage.Batch, l storage.Link) error {
	if !m.rels[l.Rel] && !b.HasRelation(l.Rel) {
		return refuse("link %s uses the relation %q, which neither %s nor this notebook defines", l.ID, l.Rel, m.src.Noun())
	}
	title := l.Rel
	keepFrom, err := m.resolve(b, l.From, l.FromKind, l.ID, "link")
	if err != nil {
		return err
	}
	keepTo, err := m.resolve(b, l.To, l.ToKind, l.ID, "link")
	if err != nil {
		return err
	}
	if !keepFrom || !keepTo {
		m.record(l.ID, storage.KindLink, title, decision{act: actLeaveOut}, whyLeftOut, 0)
		return nil
	}
	local, err := b.Link(l.ID)
	return m.decideItem(b, l.ID, storage.KindLink, title, err, LinkHash(l),
		func() (string, time.Time) { return LinkHash(local), local.Updated }, l.Updated, int64(len(l.Note)))
}

// claimAsMerged is the claim as it would be written: evidence neither
// side holds and the source left out is left out.
func (m *merger) claimAsMerged(b *storage.Batch, c storage.Claim) (storage.Claim, error) {
	kept := make([]string, 0, len(c.Evidence))
	for _, ev := range c.Evidence {
		ok, err := m.resolve(b, ev, storage.KindAnnotation, c.ID, "claim")
		if err != nil {
			return c, err
		}
		if ok {
			kept = append(kept, ev)
		}
	}
	c.Evidence = kept
	return c, nil
}

// noteAsMerged is the note as it would be written: an attachment neither
// side holds and the source left out is left out.
func (m *merger) noteAsMerged(b *storage.Batch, n storage.Note) (storage.Note, error) {
	if n.Attached == "" {
		return n, nil
	}
	ok, err := m.resolve(b, n.Attached, "", n.ID, "note")
	if err != nil || !ok {
		n.Attached = ""
	}
	return n, err
}

// resolve finds what a reference points to: the source or the notebook
// must hold it, as the kind required ("" is any kind but a link), unless
// the source says it left it out, in which case the reference is left
// out and reported. Anything else refuses the source.
func (m *merger) resolve(b *storage.Batch, id string, want storage.Kind, via, viaKind string) (bool, error) {
	fits := func(k storage.Kind) bool { return k == want || want == "" && k != storage.KindLink }
	where := "in " + m.src.Noun()
	k := m.src.Kind(id)
	if k == "" {
		var err error
		if k, err = b.KindOf(id); err != nil {
			if !errors.Is(err, storage.ErrNotFound) {
				return false, err
			}
			if o, ok := m.src.LeftOut(id); ok {
				o.Via = via
				if o.Kind == "" {
					o.Kind = string(want)
				}
				if key := id + "/" + via; !m.leftOut[key] {
					m.leftOut[key] = true
					m.rep.Outside = append(m.rep.Outside, o)
				}
				return false, nil
			}
			return false, refuse("%s %s refers to %s, which is neither %s nor in this notebook", viaKind, via, id, where)
		}
		where = "in this notebook"
	}
	if !fits(k) {
		return false, refuse("%s %s refers to %s as a %s, but %s it is a %s", viaKind, via, id, kindWord(want), where, k)
	}
	return true, nil
}

func kindWord(k storage.Kind) string {
	if k == "" {
		return "piece, annotation, claim or note"
	}
	return string(k)
}

// excerpt is a one-line title for an item in the preview: none when
// the report has no details.
func (m *merger) excerpt(s string) string {
	if m.opt.CountsOnly {
		return ""
	}
	return storage.Excerpt(s, 100)
}

func (m *merger) noteTitle(n storage.Note) string {
	if strings.TrimSpace(n.Title) != "" {
		return n.Title
	}
	return m.excerpt(n.Body)
}

// reason names the source in a reason, once per reason rather than once
// per item: most items share one of a few.
func (m *merger) reason(why string) string {
	r, ok := m.reasons[why]
	if !ok {
		r = reason(why, m.src.Noun())
		m.reasons[why] = r
	}
	return r
}
