package bundle

import (
	"errors"
	"slices"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// Merging by id, item by item, with the sync base (the item's hash as it
// last left or entered this notebook through a bundle) telling which side
// changed what. The full table is in docs/BUNDLE.md; in short:
//
//	not here                       add
//	ours == theirs                 skip
//	ours == base                   take theirs (changed there only) —
//	                                 unless theirs is older than ours: conflict
//	theirs == base                 keep ours (changed here only)
//	no base, theirs newer          take theirs, keep ours as a conflict
//	no base, ours newer or same    keep ours, keep theirs as a conflict
//	otherwise (both changed)       keep ours, keep theirs as a conflict
//
// "Older" guards a per-item base that several colleagues share: a bundle
// from someone who never saw our latest version must not undo it.

type action uint8

const (
	actAdd          action = iota + 1
	actSame                // equal already
	actKeep                // changed here only: ours stays
	actTake                // changed there only: theirs replaces ours
	actConflict            // ours stays, theirs is kept beside it
	actConflictTake        // theirs replaces ours, ours is kept beside it
	actLeaveOut            // a link whose end is in neither notebook: not imported
)

func (a action) String() string {
	switch a {
	case actAdd:
		return "add"
	case actTake:
		return "update"
	case actConflict, actConflictTake:
		return "conflict"
	}
	return "skip"
}

// writesTheirs reports whether the bundle's version goes in place.
func (a action) writesTheirs() bool { return a == actAdd || a == actTake || a == actConflictTake }

// The reasons shown in the preview.
const (
	whyNew          = "new"
	whySame         = "the same here already"
	whyOurs         = "changed here since the last exchange; this notebook's kept"
	whyTheirs       = "changed in the bundle since the last exchange"
	whyBoth         = "changed on both sides; this notebook's kept, the bundle's kept beside it"
	whyOlder        = "the bundle's is older than this notebook's; this notebook's kept, the bundle's kept beside it"
	whyNoBaseOurs   = "no common history; this notebook's is newer or as new and is kept, the bundle's kept beside it"
	whyNoBaseTheirs = "no common history; the bundle's is newer and is taken, this notebook's kept beside it"
	whyLeftOut      = "one of its ends is neither in the bundle nor in this notebook"
)

// decide is the merge table for one item.
func decide(ours, theirs, base string, ourTime, theirTime time.Time) (action, string) {
	switch {
	case ours == theirs:
		return actSame, whySame
	case base == "":
		if theirTime.After(ourTime) {
			return actConflictTake, whyNoBaseTheirs
		}
		return actConflict, whyNoBaseOurs
	case base == ours:
		if theirTime.Before(ourTime) {
			return actConflict, whyOlder
		}
		return actTake, whyTheirs
	case base == theirs:
		return actKeep, whyOurs
	}
	return actConflict, whyBoth
}

// decision is the plan for one item.
type decision struct {
	act  action
	hash string // the bundle's version's hash: the sync base to record
	base string // the sync base the notebook had
}

// merger plans a bundle's merge and applies it. plan runs read-only; it
// runs again inside the writing batch, so the plan applied is made
// against exactly the notebook it changes.
type merger struct {
	s    *storage.Store
	bun  *Bundle
	opt  ImportOptions
	prog *progress
	dry  bool // plan also works out what applying would re-anchor

	rep     ImportReport
	plans   map[string]decision
	land    map[string]*landing // pieces that were here already
	leftOut map[string]bool     // refs left out, by id+via
	quiet   bool                // planning again inside the batch: progress is the apply's

	writes int   // writes applying would make
	weight int64 // about how many bytes they are
	cur    struct {
		piece string
		doc   *anchor.Text
	}
}

func (m *merger) reset() {
	m.rep = ImportReport{Reattached: map[anchor.Status]int{}}
	m.plans = map[string]decision{}
	m.land = map[string]*landing{}
	m.leftOut = map[string]bool{}
	m.writes, m.weight = 0, 0
	m.cur.piece, m.cur.doc = "", nil
}

// report is the report of the last plan (and apply).
func (m *merger) report() ImportReport {
	rep := m.rep
	out := slices.Clone(m.bun.Manifest.Outside)
	out = append(out, rep.Outside...)
	rep.Outside = scope.SortedOutside(out)
	return rep
}

func (m *merger) step() error {
	if cancelled(m.opt.Cancel) {
		return ErrCancelled
	}
	if !m.quiet {
		m.prog.tick()
	}
	return nil
}

// plan decides every item, checking every reference, without writing.
func (m *merger) plan(b *storage.Batch) error {
	m.reset()
	for _, r := range m.bun.Relations() {
		if !b.HasRelation(r.Name) {
			m.writes++
		}
	}
	for _, id := range m.bun.pieceIDs {
		if err := m.step(); err != nil {
			return err
		}
		p, size, err := m.bun.pieceRecord(id)
		if err != nil {
			return err
		}
		if err := m.planPiece(b, p, size); err != nil {
			return err
		}
	}
	err := m.bun.eachLD(func(a *storage.Annotation, l *storage.Link) error {
		if l != nil {
			return nil // links.json carries them
		}
		if err := m.step(); err != nil {
			return err
		}
		return m.planAnnotation(b, *a)
	})
	if err != nil {
		return err
	}
	err = m.bun.EachClaim(func(c storage.Claim) error {
		if err := m.step(); err != nil {
			return err
		}
		c, err := m.claimAsMerged(b, c)
		if err != nil {
			return err
		}
		local, err := b.Claim(c.ID)
		return m.decideItem(b, c.ID, storage.KindClaim, excerpt(c.Statement), err, ClaimHash(c),
			func() (string, time.Time) { return ClaimHash(local), local.Updated }, c.Updated, 1024)
	})
	if err != nil {
		return err
	}
	for _, id := range m.bun.noteIDs {
		if err := m.step(); err != nil {
			return err
		}
		n, err := m.bun.Note(id)
		if err != nil {
			return err
		}
		if n, err = m.noteAsMerged(b, n); err != nil {
			return err
		}
		local, err := b.Note(id)
		if err := m.decideItem(b, id, storage.KindNote, noteTitle(n), err, NoteHash(n),
			func() (string, time.Time) { return NoteHash(local), local.Updated }, n.Updated, int64(len(n.Body))+1024); err != nil {
			return err
		}
	}
	return m.bun.EachLink(func(l storage.Link) error {
		if err := m.step(); err != nil {
			return err
		}
		return m.planLink(b, l)
	})
}

// decideItem plans an item whose record is err's read of the local one.
func (m *merger) decideItem(b *storage.Batch, id string, kind storage.Kind, title string, readErr error,
	theirs string, ours func() (string, time.Time), theirTime time.Time, size int64) error {
	d := decision{hash: theirs}
	why := whyNew
	if readErr != nil {
		if !errors.Is(readErr, storage.ErrNotFound) {
			return readErr
		}
		if k, err := b.KindOf(id); err == nil {
			return refuse("the bundle's %s %s has the id of a %s in this notebook", kind, id, k)
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
	m.rep.Details = append(m.rep.Details, ImportItem{ID: id, Kind: string(kind), Title: title, Action: d.act.String(), Why: why})
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

// planPiece decides a piece from its record (size is its file's); the
// text is read only when a preview must count passages re-attaching to it.
func (m *merger) planPiece(b *storage.Batch, p storage.Piece, size int64) error {
	local, err := b.Piece(p.ID)
	if err := m.decideItem(b, p.ID, storage.KindPiece, p.Title, err, PieceHash(p),
		func() (string, time.Time) { return PieceHash(local), local.Updated }, p.Updated, size); err != nil {
		return err
	}
	d := m.plans[p.ID]
	if d.act == actAdd {
		return nil // its passages land as they are in the bundle
	}
	L := &landing{bundleRev: p.Revision, bundleHash: p.Hash, localRev: local.Revision, localHash: local.Hash,
		finalRev: local.Revision, finalHash: local.Hash}
	if d.act.writesTheirs() && local.Hash != p.Hash {
		// The bundle's text replaces ours through an edit: ours becomes
		// revision localRev, and our passages re-attach.
		L.textTaken, L.finalRev, L.finalHash = true, local.Revision+1, p.Hash
		if m.dry {
			anns, err := b.AnnotationsOf(p.ID)
			if err != nil {
				return err
			}
			_, text, err := m.bun.Piece(p.ID)
			if err != nil {
				return err
			}
			for st, n := range reattachCounts(anns, text) {
				m.rep.Reattached[st] += n
			}
		}
	}
	m.land[p.ID] = L
	return nil
}

func (m *merger) planAnnotation(b *storage.Batch, a storage.Annotation) error {
	local, err := b.Annotation(a.ID)
	if err == nil && local.PieceID != a.PieceID {
		return refuse("annotation %s is on piece %s in the bundle but on piece %s in this notebook", a.ID, a.PieceID, local.PieceID)
	}
	if err := m.decideItem(b, a.ID, storage.KindAnnotation, excerpt(a.Selector.Exact), err, AnnotationHash(a),
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
	if _, inBundle := m.bun.rels[l.Rel]; !inBundle && !b.HasRelation(l.Rel) {
		return refuse("link %s uses the relation %q, which neither the bundle nor this notebook defines", l.ID, l.Rel)
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

// claimAsMerged is the claim as it would be written: evidence the
// manifest declared outside (and neither notebook holds) left out.
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

// noteAsMerged is the note as it would be written: an attachment the
// manifest declared outside (and neither notebook holds) left out.
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

// resolve finds what a reference points to: the bundle or the notebook
// must hold it, as the kind required ("" is any kind but a link), unless
// the manifest lists it as left outside, in which case the reference is
// left out and reported. Anything else is a broken bundle.
func (m *merger) resolve(b *storage.Batch, id string, want storage.Kind, via, viaKind string) (bool, error) {
	fits := func(k storage.Kind) bool { return k == want || want == "" && k != storage.KindLink }
	where := "in the bundle"
	k := m.bun.kinds[id]
	if k == "" {
		var err error
		if k, err = b.KindOf(id); err != nil {
			if !errors.Is(err, storage.ErrNotFound) {
				return false, err
			}
			if o, ok := m.bun.outside[id]; ok {
				o.Via = via
				if key := id + "/" + via; !m.leftOut[key] {
					m.leftOut[key] = true
					m.rep.Outside = append(m.rep.Outside, o)
				}
				return false, nil
			}
			return false, refuse("%s %s refers to %s, which is neither in the bundle nor in this notebook", viaKind, via, id)
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

// excerpt is a one-line title for an item in the preview.
func excerpt(s string) string { return storage.Excerpt(s, 100) }

func noteTitle(n storage.Note) string {
	if strings.TrimSpace(n.Title) != "" {
		return n.Title
	}
	return excerpt(n.Body)
}
