package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/report"
	"commonplace/storage/bundle/scope"
)

// ImportMarkdown brings a Markdown folder (see markdown.go), written by
// ExportMarkdown and perhaps edited since, into the notebook, merging by
// id with the same table as a bundle import (see decide in merge.go): an
// item the notebook lacks is added, one only the folder changed since the
// last exchange is taken, one only the notebook changed is kept, and one
// both changed keeps a version beside the other as a conflict. A piece's
// text edited in the folder comes in as an edit of ours, and every
// passage is found again in the text it will sit on.
//
// It is all or nothing. The folder is treated as hostile: read through an
// os.Root, symbolic links and special files refused, every file bounded,
// every front matter checked, errors naming the file (errors.Is
// ErrBadFolder). With opt.DryRun it reports what it would do and writes
// nothing; closing opt.Cancel stops it with ErrCancelled, changing nothing.
func ImportMarkdown(s *storage.Store, dir string, opt ImportOptions) (ImportReport, error) {
	defer collectSooner()()
	f, err := readMDFolder(dir, opt.Cancel)
	if err != nil {
		return ImportReport{}, err
	}
	defer f.root.Close()
	if opt.Source == "" {
		opt.Source = dir
	}
	var rep ImportReport
	run := func(b *storage.Batch) error {
		// BigBatch may run this twice: everything starts afresh.
		m := &mdMerge{f: f, b: b, opt: opt, dry: opt.DryRun, adding: map[string]bool{},
			final: map[string]*mdFinal{}, rep: ImportReport{Reattached: map[anchor.Status]int{}}}
		err := m.run()
		rep = m.rep
		return err
	}
	if opt.DryRun {
		err = s.Peek(run)
	} else {
		err = s.BigBatch(run)
	}
	if err != nil {
		return ImportReport{}, err
	}
	// As with a bundle: what the folder says it left out, and what the
	// merge had to leave out.
	if m := f.manifest; m != nil {
		for _, o := range m.Outside {
			rep.Outside = append(rep.Outside, o)
		}
	}
	rep.Outside = scope.SortedOutside(rep.Outside)
	return rep, nil
}

// mdMerge merges a read folder through one batch, deciding and writing
// item by item in the order references need: pieces, passages, claims,
// notes, links. In a dry run the batch only reads.
type mdMerge struct {
	f   *mdFolder
	b   *storage.Batch
	opt ImportOptions
	dry bool
	rep ImportReport

	adding      map[string]bool     // ids this import adds (a dry run writes none)
	final       map[string]*mdFinal // by piece id
	done, total int
}

// mdFinal is a piece as it stands once merged: the text its passages
// must land on.
type mdFinal struct {
	text     string
	rev      int
	exported bool         // the text is the one the folder's passages were exported with
	added    bool         // the piece is new here: its revision numbers are the folder's
	doc      *anchor.Text // text, indexed once for all its passages
}

func (m *mdMerge) run() error {
	for _, p := range m.f.pieces {
		m.total += 1 + len(p.front.Annotations) + len(p.front.Links)
	}
	for _, c := range m.f.claims {
		m.total += 1 + len(c.Links)
	}
	for _, n := range m.f.notes {
		m.total += 1 + len(n.front.Links)
	}
	if m.f.manifest != nil && !m.dry {
		for _, r := range m.f.manifest.Relations {
			if err := m.b.ImportRelation(r); err != nil {
				return fmt.Errorf("%s: %w", mdManifestFile, err)
			}
		}
	}
	// Each piece with its passages: a staged import commits every few
	// thousand records, and interleaving keeps texts from piling up in
	// one of its transactions.
	for _, p := range m.f.pieces {
		if err := m.piece(p); err != nil {
			return fmt.Errorf("%s: %w", p.file, err)
		}
	}
	for _, c := range m.f.claims {
		if err := m.claim(c); err != nil {
			return fmt.Errorf("%s: %w", m.f.files[c.ID], err)
		}
	}
	if err := m.notes(); err != nil {
		return err
	}
	for _, p := range m.f.pieces {
		if err := m.links(p.file, p.front.Links); err != nil {
			return err
		}
	}
	for _, c := range m.f.claims {
		if err := m.links(m.f.files[c.ID], c.Links); err != nil {
			return err
		}
	}
	for _, n := range m.f.notes {
		if err := m.links(n.file, n.front.Links); err != nil {
			return err
		}
	}
	if m.opt.Progress != nil {
		m.opt.Progress(m.done, m.total)
	}
	return nil
}

// step counts one item merged, reports progress now and then, and
// honours a cancel.
func (m *mdMerge) step() error {
	m.done++
	if m.opt.Progress != nil && m.done%64 == 0 {
		m.opt.Progress(m.done, m.total)
	}
	if cancelled(m.opt.Cancel) {
		return ErrCancelled
	}
	return nil
}

func (m *mdMerge) has(id string) bool { return m.adding[id] || m.b.Has(id) }

// plan decides one item as a bundle import would: readErr is the read of
// ours, theirs the hash of the folder's version.
func (m *mdMerge) plan(id string, kind storage.Kind, title string, readErr error, theirs string,
	ours func() (string, time.Time), theirTime time.Time) (decision, error) {
	d := decision{hash: theirs}
	why := whyNew
	if readErr != nil {
		if !errors.Is(readErr, storage.ErrNotFound) {
			return d, readErr
		}
		if k, err := m.b.KindOf(id); err == nil {
			return d, mdRefuse("the folder's %s %s has the id of a %s in this notebook", kind, id, k)
		}
		d.act = actAdd
	} else {
		base, err := m.b.SyncBase(id)
		if err != nil {
			return d, err
		}
		d.base = base
		hash, at := ours()
		d.act, why = decide(hash, theirs, base, at, theirTime)
	}
	m.rep.Details = append(m.rep.Details, ImportItem{ID: id, Kind: string(kind), Title: title, Action: d.act.String(), Why: why})
	switch d.act {
	case actAdd:
		m.rep.Added++
		m.adding[id] = true
	case actTake:
		m.rep.Updated++
	case actConflict, actConflictTake:
		m.rep.Conflicts++
	default:
		m.rep.Skipped++
	}
	return d, m.step()
}

// apply carries out a decision on a claim, note or link: write puts the
// folder's version in place, ours reads the notebook's to keep it beside.
func (m *mdMerge) apply(id string, kind storage.Kind, d decision, theirs any, ours func() (any, error), write func() error) error {
	if m.dry {
		return nil
	}
	switch d.act {
	case actAdd, actTake:
		if err := write(); err != nil {
			return err
		}
	case actConflict:
		if err := m.keep(id, kind, theirs, "", m.opt.Source); err != nil {
			return err
		}
	case actConflictTake:
		cur, err := ours()
		if err != nil {
			return err
		}
		if err := m.keep(id, kind, cur, "", "this notebook, before importing "+m.opt.Source); err != nil {
			return err
		}
		if err := write(); err != nil {
			return err
		}
	}
	if d.base != d.hash {
		return m.b.SetSyncBase(id, d.hash)
	}
	return nil
}

// keep stores one version of an item beside the one in place.
func (m *mdMerge) keep(id string, kind storage.Kind, v any, text, source string) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return m.b.AddConflict(storage.Conflict{ItemID: id, Kind: kind, Theirs: raw, Text: text, Source: source})
}

// piece merges a piece and then its passages. The passages are decided
// before the piece is written, against our passages as they were: taking
// the folder's text re-anchors ours, which must not count as our change.
func (m *mdMerge) piece(p *mdPiece) error {
	text, err := m.f.readText(p)
	if err != nil {
		return err
	}
	if text == "" {
		return mdRefuse("%s: the piece has no text", p.file)
	}
	fr := p.front
	theirs := storage.Piece{ID: fr.ID, Title: fr.Title, Authors: fr.Authors, Outlet: fr.Outlet, Published: fr.Published,
		URL: fr.URL, Tags: storage.NormalizeTags(fr.Tags), Format: fr.Format, Hash: p.sum, Revision: max(1, fr.Revision),
		Created: fr.Created.UTC(), Updated: fr.Updated.UTC()}
	for _, r := range m.f.revs[fr.ID] {
		if r.Number >= theirs.Revision {
			return mdRefuse("%s: the piece is at revision %d, yet the folder holds a revision %d of it", p.file, theirs.Revision, r.Number)
		}
	}
	ours, ourText, readErr := m.b.PieceOf(fr.ID)
	d, err := m.plan(fr.ID, storage.KindPiece, theirs.Title, readErr, PieceHash(theirs),
		func() (string, time.Time) { return PieceHash(ours), ours.Updated }, theirs.Updated)
	if err != nil {
		return err
	}
	fin := &mdFinal{text: ourText, rev: ours.Revision}
	switch {
	case d.act == actAdd:
		fin.text, fin.rev, fin.added = text, theirs.Revision, true
	case d.act.writesTheirs():
		fin.text = text
		if ourText != text {
			fin.rev++ // the edit keeps ours as a revision
			if m.dry {
				anns, err := m.b.AnnotationsOf(fr.ID)
				if err != nil {
					return err
				}
				for st, n := range reattachCounts(anns, text) {
					m.rep.Reattached[st] += n
				}
			}
		}
	}
	fin.exported = !p.edited && fin.text == text
	m.final[fr.ID] = fin

	passages := make([]mdPassage, 0, len(fr.Annotations))
	for _, fa := range fr.Annotations {
		pa, err := m.planPassage(p, fa)
		if err != nil {
			return fmt.Errorf("passage %s: %w", fa.ID, err)
		}
		passages = append(passages, pa)
	}
	if err := m.applyPiece(p, d, theirs, text, ours, ourText); err != nil {
		return err
	}
	for _, pa := range passages {
		if err := m.applyPassage(p, pa); err != nil {
			return fmt.Errorf("passage %s: %w", pa.theirs.ID, err)
		}
	}
	return nil
}

func (m *mdMerge) applyPiece(p *mdPiece, d decision, theirs storage.Piece, text string, ours storage.Piece, ourText string) error {
	if m.dry {
		return nil
	}
	id := theirs.ID
	switch d.act {
	case actAdd:
		if err := m.b.ImportPiece(theirs, text, m.f.revs[id]); err != nil {
			return err
		}
	case actTake:
		if err := m.take(theirs, text, ourText); err != nil {
			return err
		}
	case actConflict:
		if err := m.keep(id, storage.KindPiece, theirs, text, m.opt.Source); err != nil {
			return err
		}
	case actConflictTake:
		if err := m.keep(id, storage.KindPiece, ours, ourText, "this notebook, before importing "+m.opt.Source); err != nil {
			return err
		}
		if err := m.take(theirs, text, ourText); err != nil {
			return err
		}
	}
	if d.base != d.hash {
		return m.b.SetSyncBase(id, d.hash)
	}
	return nil
}

// take puts the folder's piece in place of ours. A different text goes in
// through an edit, so ours is kept as a revision and our passages
// re-attach; the metadata and times are then the folder's.
func (m *mdMerge) take(theirs storage.Piece, text, ourText string) error {
	if text != ourText {
		rep, err := m.b.EditPieceText(theirs.ID, text)
		if err != nil {
			return err
		}
		for st, n := range rep.Counts {
			m.rep.Reattached[st] += n
		}
	}
	cur, err := m.b.Piece(theirs.ID)
	if err != nil {
		return err
	}
	theirs.Revision = cur.Revision
	return m.b.ImportPiece(theirs, text, nil)
}

// mdPassage is a passage of the folder with its decision.
type mdPassage struct {
	theirs storage.Annotation
	d      decision
}

func (m *mdMerge) planPassage(p *mdPiece, fa mdAnnotation) (mdPassage, error) {
	pid := p.front.ID
	theirs := fa.annotation(pid)
	theirs.Tags = storage.NormalizeTags(theirs.Tags)
	ours, readErr := m.b.Annotation(theirs.ID)
	if readErr == nil && ours.PieceID != pid {
		return mdPassage{}, mdRefuse("%s: passage %s is on another piece in this notebook", p.file, theirs.ID)
	}
	d, err := m.plan(theirs.ID, storage.KindAnnotation, storage.Excerpt(theirs.Selector.Exact, 100), readErr, AnnotationHash(theirs),
		func() (string, time.Time) { return AnnotationHash(ours), ours.Updated }, theirs.Updated)
	return mdPassage{theirs: theirs, d: d}, err
}

func (m *mdMerge) applyPassage(p *mdPiece, pa mdPassage) error {
	landed := pa.theirs
	if pa.d.act.writesTheirs() {
		var err error
		if landed, err = m.land(p, pa.theirs); err != nil {
			return err
		}
	}
	id := pa.theirs.ID
	return m.apply(id, storage.KindAnnotation, pa.d, pa.theirs,
		func() (any, error) { return m.b.Annotation(id) },
		func() error { return m.b.ImportAnnotation(landed) })
}

// land places a passage on the text its piece has once merged. On the
// text it was exported with it stays exactly as it was — provided its
// record still agrees with the text, which a hand-edited front matter
// could break — with its revision renumbered as this notebook numbers
// them. Otherwise it is found again, as an edit of the text would find
// it: confidently (anchored, moved), tentatively (review, with a guess)
// or not at all (orphaned), never dropped; the outcome is counted in
// Reattached.
func (m *mdMerge) land(p *mdPiece, a storage.Annotation) (storage.Annotation, error) {
	fin := m.final[p.front.ID]
	if fin.doc == nil {
		fin.doc = anchor.NewText(fin.text)
	}
	doc := fin.doc
	if fin.exported && fitsText(doc, a) {
		if fin.added {
			return a, nil
		}
		rev, err := m.ourRevision(p, a.Rev)
		a.Rev = rev
		return a, err
	}
	sel := a.Selector
	if a.Guess != nil {
		// The guess is a better hint of where to look.
		sel.Start, sel.End = a.Guess.Start, a.Guess.End
	}
	res := doc.Resolve(sel)
	a.Status, a.Guess = res.Status, nil
	switch res.Status {
	case anchor.Anchored, anchor.Moved:
		a.Selector, a.Rev = res.Selector(doc), fin.rev
	case anchor.Review:
		a.Guess = &storage.Span{Start: res.Start, End: res.End}
		fallthrough
	default:
		// The selector keeps the words as marked, against their text: its
		// number must be this notebook's for that text (as a bundle's is).
		rev, err := m.ourRevision(p, a.Rev)
		if err != nil {
			return a, err
		}
		a.Rev = rev
	}
	m.rep.Reattached[res.Status]++
	return a, nil
}

// ourRevision is this notebook's number for the text the folder numbers
// n: the current one, or an earlier one with the same hash; 0 when this
// notebook does not hold that text.
func (m *mdMerge) ourRevision(p *mdPiece, n int) (int, error) {
	fin := m.final[p.front.ID]
	if n == p.front.Revision {
		return fin.rev, nil
	}
	var hash string
	for _, r := range m.f.revs[p.front.ID] {
		if r.Number == n {
			hash = r.Hash
		}
	}
	if hash == "" {
		return 0, nil
	}
	revs, err := m.b.Revisions(p.front.ID)
	if err != nil {
		return 0, err
	}
	for _, r := range revs {
		if r.Hash == hash {
			return r.Number, nil
		}
	}
	return 0, nil
}

// fitsText reports whether a passage's record agrees with the text: a
// placed passage's span reads its words, a guess lies inside the text.
func fitsText(doc *anchor.Text, a storage.Annotation) bool {
	n := doc.Len()
	switch a.Status {
	case anchor.Anchored, anchor.Moved:
		s := a.Selector
		return a.Guess == nil && 0 <= s.Start && s.Start < s.End && s.End <= n && doc.Slice(s.Start, s.End) == s.Exact
	case anchor.Review:
		return a.Guess == nil || 0 <= a.Guess.Start && a.Guess.Start < a.Guess.End && a.Guess.End <= n
	case anchor.Orphaned:
		return a.Guess == nil
	}
	return false
}

func (m *mdMerge) claim(fc mdClaimFront) error {
	// Words are cleaned as the store will clean them, so that a claim
	// touched in an editor but not changed compares equal.
	theirs := storage.Claim{ID: fc.ID, Statement: strings.TrimSpace(fc.Statement), Note: strings.TrimSpace(fc.Note),
		Tags: storage.NormalizeTags(fc.Tags), Created: fc.Created.UTC(), Updated: fc.Updated.UTC()}
	// Evidence that neither the folder nor the notebook holds (left out
	// of a partial export) is left out here too, and reported.
	for _, ev := range fc.Evidence {
		if m.has(ev) {
			theirs.Evidence = append(theirs.Evidence, ev)
		} else {
			m.outside(ev, string(storage.KindAnnotation), fc.ID)
		}
	}
	ours, readErr := m.b.Claim(fc.ID)
	d, err := m.plan(fc.ID, storage.KindClaim, storage.Excerpt(fc.Statement, 100), readErr, ClaimHash(theirs),
		func() (string, time.Time) { return ClaimHash(ours), ours.Updated }, theirs.Updated)
	if err != nil {
		return err
	}
	return m.apply(fc.ID, storage.KindClaim, d, theirs,
		func() (any, error) { return m.b.Claim(fc.ID) },
		func() error { return m.b.ImportClaim(theirs) })
}

// notes merges the notes, each after the note it is attached to when that
// is in the folder too, since a note's attachment must exist when it is
// written. A note closing a cycle of attachments is written first without
// its attachment, and again with it once the others are in.
func (m *mdMerge) notes() error {
	byID := map[string]mdNote{}
	for _, n := range m.f.notes {
		byID[n.front.ID] = n
	}
	const visiting, done = 1, 2
	state := map[string]int{}
	var later []storage.Note
	var visit func(n mdNote) error
	visit = func(n mdNote) error {
		id := n.front.ID
		if state[id] != 0 {
			return nil
		}
		state[id] = visiting
		cut := false
		if a, ok := byID[n.front.Attached]; ok {
			if state[a.front.ID] == visiting {
				cut = true
			} else if err := visit(a); err != nil {
				return err
			}
		}
		again, err := m.note(n, cut)
		if err != nil {
			return fmt.Errorf("%s: %w", n.file, err)
		}
		if again != nil {
			later = append(later, *again)
		}
		state[id] = done
		return nil
	}
	for _, n := range m.f.notes {
		if err := visit(n); err != nil {
			return err
		}
	}
	for _, n := range later {
		if err := m.b.ImportNote(n); err != nil {
			return fmt.Errorf("%s: %w", m.f.files[n.ID], err)
		}
	}
	return nil
}

// note merges one note. With cut it is written without its attachment
// for now and returned, to be written whole at the end.
func (m *mdMerge) note(n mdNote, cut bool) (*storage.Note, error) {
	fn := n.front
	theirs := storage.Note{ID: fn.ID, Title: oneLineMD(fn.Title), Body: strings.TrimSpace(n.body), Tags: storage.NormalizeTags(fn.Tags),
		Place: oneLineMD(fn.Place), Attached: strings.TrimSpace(fn.Attached), Created: fn.Created.UTC(), Updated: fn.Updated.UTC()}
	if theirs.Attached != "" && !m.has(theirs.Attached) && !cut {
		m.outside(theirs.Attached, "", theirs.ID)
		theirs.Attached = ""
	}
	ours, readErr := m.b.Note(fn.ID)
	d, err := m.plan(fn.ID, storage.KindNote, report.NoteTitle(theirs), readErr, NoteHash(theirs),
		func() (string, time.Time) { return NoteHash(ours), ours.Updated }, theirs.Updated)
	if err != nil {
		return nil, err
	}
	first := theirs
	var again *storage.Note
	if cut && d.act.writesTheirs() && !m.dry {
		first.Attached, again = "", &theirs
	}
	return again, m.apply(fn.ID, storage.KindNote, d, theirs,
		func() (any, error) { return m.b.Note(fn.ID) },
		func() error { return m.b.ImportNote(first) })
}

func (m *mdMerge) links(file string, links []mdLink) error {
	for _, ml := range links {
		theirs := ml.link()
		if err := m.link(theirs); err != nil {
			return fmt.Errorf("%s: link %s: %w", file, theirs.ID, err)
		}
	}
	return nil
}

func (m *mdMerge) link(theirs storage.Link) error {
	if !m.has(theirs.From) || !m.has(theirs.To) {
		// An end neither side holds: the link cannot be made here.
		for _, end := range []string{theirs.From, theirs.To} {
			if !m.has(end) {
				m.outside(end, "", theirs.ID)
			}
		}
		m.rep.Details = append(m.rep.Details, ImportItem{ID: theirs.ID, Kind: string(storage.KindLink), Title: theirs.Rel,
			Action: actLeaveOut.String(), Why: whyLeftOut})
		m.rep.Skipped++
		return m.step()
	}
	ours, readErr := m.b.Link(theirs.ID)
	d, err := m.plan(theirs.ID, storage.KindLink, theirs.Rel, readErr, LinkHash(theirs),
		func() (string, time.Time) { return LinkHash(ours), ours.Updated }, theirs.Updated)
	if err != nil {
		return err
	}
	return m.apply(theirs.ID, storage.KindLink, d, theirs,
		func() (any, error) { return m.b.Link(theirs.ID) },
		func() error { return m.b.ImportLink(theirs) })
}

// outside records a reference to an item neither the folder nor the
// notebook holds, named as the exporting notebook named it.
func (m *mdMerge) outside(id, kind, via string) {
	ref := scope.OutsideRef{ID: id, Kind: kind, Via: via}
	if m.f.manifest != nil {
		for _, o := range m.f.manifest.Outside {
			if o.ID == id {
				ref.Kind, ref.Title = o.Kind, o.Title
				break
			}
		}
	}
	m.rep.Outside = append(m.rep.Outside, ref)
}
