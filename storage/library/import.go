package library

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"commonplace/storage"
	"commonplace/storage/textnorm"
)

// Options tunes an import.
type Options struct {
	DryRun bool // work out the report, change nothing
}

// What an import did with an entry.
const (
	Created   = "create"    // no piece matched: a bibliographic piece was made
	Updated   = "update"    // a piece matched and its missing metadata (or text) was filled in
	Unchanged = "unchanged" // a piece matched and had everything the entry has
	Skipped   = "skip"      // the entry was not imported (Why says why)
)

// Outcome is what became of one entry.
type Outcome struct {
	Entry   string `json:"entry"` // its key, or its line
	Line    int    `json:"line"`
	Action  string `json:"action"`
	PieceID string `json:"piece,omitempty"`
	Title   string `json:"title"`
	Why     string `json:"why"`
}

// Report says what an import did, or would do.
type Report struct {
	Created, Updated, Unchanged, Skipped int
	Outcomes                             []Outcome
}

// ErrChanged is the notebook changed between planning an import and
// writing it: nothing was written.
var ErrChanged = errors.New("the notebook changed while the library was being imported; nothing was imported, try again")

// target is a piece an import writes to, or may: one the notebook holds,
// or one an entry creates.
type target struct {
	create  bool
	piece   storage.Piece // with the fills planned
	before  storage.Piece // as planned against
	text    string        // a text to attach: a new piece's, or a matched bibliographic piece's first
	note    string        // an abstract to attach as a note
	entry   string        // the entry that creates it
	queued  bool          // among the targets to write
	reports []*Outcome    // the entries that name it, given its id once written
}

// Import brings the library's entries into s (see the package doc):
// everything planned first against the notebook, then written in one
// batch, or nothing.
func (l *Library) Import(s *storage.Store, opt Options) (Report, error) {
	pieces, err := s.Pieces()
	if err != nil {
		return Report{}, err
	}
	ix := newMatcher()
	for i := range pieces {
		ix.add(&target{piece: pieces[i].Piece, before: pieces[i].Piece})
	}
	var (
		outs    []*Outcome
		written []*target
	)
	for i, e := range l.Entries {
		out := &Outcome{Entry: e.name(), Line: e.Line, Title: e.Title}
		outs = append(outs, out)
		t, err := planEntry(s, ix, e, l.texts[i], out)
		if err != nil {
			return Report{}, err
		}
		if t != nil && !t.queued {
			t.queued = true
			written = append(written, t)
		}
	}
	if !opt.DryRun && len(written) > 0 {
		if err := s.BigBatch(func(b *storage.Batch) error { return write(b, written) }); err != nil {
			return Report{}, err
		}
	}
	var rep Report
	for _, o := range outs {
		rep.Outcomes = append(rep.Outcomes, *o)
		switch o.Action {
		case Created:
			rep.Created++
		case Updated:
			rep.Updated++
		case Unchanged:
			rep.Unchanged++
		default:
			rep.Skipped++
		}
	}
	return rep, nil
}

// planEntry decides one entry against the notebook and the entries
// before it, and returns the target it changes, if any.
func planEntry(s *storage.Store, ix *matcher, e Entry, att attached, out *Outcome) (*target, error) {
	cand, notes := candidate(e)
	if att.why != "" {
		notes = append(notes, "attachment not imported: "+att.why)
	}
	t, how := ix.find(cand)
	if t == nil {
		if cand.Title == "" {
			out.Action, out.Why = Skipped, join("it has no title to make a piece of", notes)
			return nil, nil
		}
		t = &target{create: true, piece: cand, text: att.text, note: e.Abstract, entry: out.Entry, reports: []*Outcome{out}}
		out.Action, out.Title = Created, cand.Title
		why := "no piece matched: a bibliographic piece, no text yet"
		if att.text != "" {
			why = "no piece matched: a piece with the text of " + att.file
		}
		out.Why = join(why, notes)
		ix.add(t)
		return t, nil
	}
	out.Title, out.PieceID = t.piece.Title, t.piece.ID
	t.reports = append(t.reports, out)
	filled := fill(&t.piece, cand)
	if att.text != "" && t.text == "" && !t.piece.HasText() {
		t.text = att.text
		filled = append(filled, "text from "+att.file)
	}
	if e.Abstract != "" && t.note == "" {
		has, err := hasAbstract(s, t, e.Abstract)
		if err != nil {
			return nil, err
		}
		if !has {
			t.note = e.Abstract
			filled = append(filled, "abstract (as a note)")
		}
	}
	if t.create {
		why := fmt.Sprintf("the same reference as %s (by %s)", t.entry, how)
		if len(filled) > 0 {
			why += "; its " + strings.Join(filled, ", ") + " added to that one"
		}
		out.Action, out.Why = Skipped, join(why, notes)
		return t, nil
	}
	matched := fmt.Sprintf("matched %s by %s", quoteTitle(t.piece.Title), how)
	if len(filled) == 0 {
		out.Action, out.Why = Unchanged, join(matched+"; nothing to fill in", notes)
		return nil, nil
	}
	out.Action, out.Why = Updated, join(matched+"; filled in "+strings.Join(filled, ", "), notes)
	return t, nil
}

// candidate is the entry as a piece, its fields checked one by one: a
// field the store would refuse is left out and said, rather than
// refusing a library over one bad date.
func candidate(e Entry) (storage.Piece, []string) {
	var notes []string
	p := storage.Piece{Title: e.Title, Authors: e.Authors, Outlet: e.Outlet, Tags: e.Tags, Format: storage.FormatRef}
	if e.DOI != "" {
		if doi, ok := storage.CleanDOI(e.DOI); ok {
			p.DOI = doi
		} else {
			notes = append(notes, fmt.Sprintf("its DOI %q is not a DOI and was left out", clip(e.DOI)))
		}
	}
	if e.URL != "" {
		if storage.ValidURL(e.URL) {
			p.URL = e.URL
		} else {
			notes = append(notes, fmt.Sprintf("its URL %q is not a web address and was left out", clip(e.URL)))
		}
	}
	if e.Published != "" {
		if storage.ValidPublished(e.Published) {
			p.Published = e.Published
		} else {
			notes = append(notes, fmt.Sprintf("its date %s is not a day of the calendar and was left out", e.Published))
		}
	}
	if err := storage.CleanPiece(&p); err != nil {
		// Cannot happen after the checks above; said rather than lost.
		notes = append(notes, err.Error())
	}
	return p, notes
}

// fill sets the fields of p that are empty from c and names them: an
// import completes a piece, never overwrites what is there.
func fill(p *storage.Piece, c storage.Piece) []string {
	var filled []string
	set := func(dst *string, v, name string) {
		if *dst == "" && v != "" {
			*dst = v
			filled = append(filled, name)
		}
	}
	if len(p.Authors) == 0 && len(c.Authors) > 0 {
		p.Authors = slices.Clone(c.Authors)
		filled = append(filled, "authors")
	}
	set(&p.Outlet, c.Outlet, "outlet")
	set(&p.Published, c.Published, "date")
	set(&p.URL, c.URL, "URL")
	set(&p.DOI, c.DOI, "DOI")
	if len(p.Tags) == 0 && len(c.Tags) > 0 {
		p.Tags = slices.Clone(c.Tags)
		filled = append(filled, "tags")
	}
	return filled
}

// hasAbstract reports whether the piece has a note holding abstract
// already: the import does not add it twice.
func hasAbstract(s *storage.Store, t *target, abstract string) (bool, error) {
	if t.create {
		return false, nil
	}
	notes, err := s.NotesAttachedTo(t.piece.ID)
	if err != nil {
		return false, err
	}
	want := oneLine(abstract)
	for _, n := range notes {
		if oneLine(n.Body) == want {
			return true, nil
		}
	}
	return false, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func join(why string, notes []string) string {
	if len(notes) == 0 {
		return why
	}
	return why + " (" + strings.Join(notes, "; ") + ")"
}

func quoteTitle(t string) string { return "“" + storage.Excerpt(t, 60) + "”" }

// write makes the planned changes in one batch. A matched piece that
// changed since it was planned stops the import: the fills were worked
// out against what it held.
func write(b *storage.Batch, targets []*target) error {
	for _, t := range targets {
		id := t.piece.ID
		if t.create {
			np := t.piece
			np.ID = ""
			saved, err := b.AddPiece(np, t.text)
			if err != nil {
				return fmt.Errorf("%s: %w", t.entry, err)
			}
			id = saved.ID
		} else {
			cur, err := b.Piece(id)
			if err != nil || !cur.Updated.Equal(t.before.Updated) {
				return ErrChanged
			}
			if _, err := b.UpdatePiece(t.piece); err != nil {
				return fmt.Errorf("%s: %w", t.reports[0].Entry, err)
			}
			if t.text != "" {
				if _, err := b.EditPieceText(id, t.text); err != nil {
					return fmt.Errorf("%s: %w", t.reports[0].Entry, err)
				}
			}
		}
		if t.note != "" {
			n := storage.Note{Title: "Abstract: " + storage.Excerpt(t.piece.Title, 60), Body: t.note, Attached: id}
			if _, err := b.AddNote(n); err != nil {
				return fmt.Errorf("%s: %w", t.reports[0].Entry, err)
			}
		}
		for _, o := range t.reports {
			o.PieceID = id
		}
	}
	return nil
}

// matcher finds the piece an entry is: by DOI, else by URL, else by
// title and year.
type matcher struct {
	byDOI, byURL map[string]*target
	byTitle      map[string][]*target
}

func newMatcher() *matcher {
	return &matcher{byDOI: map[string]*target{}, byURL: map[string]*target{}, byTitle: map[string][]*target{}}
}

func (m *matcher) add(p *target) {
	if p.piece.DOI != "" && m.byDOI[p.piece.DOI] == nil {
		m.byDOI[p.piece.DOI] = p
	}
	if u := urlKey(p.piece.URL); u != "" && m.byURL[u] == nil {
		m.byURL[u] = p
	}
	if t := titleKey(p.piece.Title); t != "" {
		m.byTitle[t] = append(m.byTitle[t], p)
	}
}

// find is the match of c and how it was found. A piece found by URL or
// title whose DOI differs from the entry's is another work (a review
// and the book it reviews share a title) and is no match.
func (m *matcher) find(c storage.Piece) (*target, string) {
	if c.DOI != "" {
		if p := m.byDOI[c.DOI]; p != nil {
			return p, "DOI " + c.DOI
		}
	}
	other := func(p *target) bool { return c.DOI != "" && p.piece.DOI != "" && p.piece.DOI != c.DOI }
	if u := urlKey(c.URL); u != "" {
		if p := m.byURL[u]; p != nil && !other(p) {
			return p, "URL"
		}
	}
	for _, p := range m.byTitle[titleKey(c.Title)] {
		if other(p) {
			continue
		}
		y1, y2 := year(c.Published), year(p.piece.Published)
		if y1 == "" || y2 == "" {
			return p, "title"
		}
		if y1 == y2 {
			return p, "title and year"
		}
	}
	return nil, ""
}

func year(published string) string { return published[:min(4, len(published))] }

// urlKey is a URL as matching compares it: scheme, "www.", a trailing
// slash, the fragment and tracking parameters make no difference.
func urlKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") {
			q.Del(k)
		}
	}
	key := host + strings.TrimSuffix(u.EscapedPath(), "/")
	if len(q) > 0 {
		key += "?" + q.Encode()
	}
	return key
}

// titleKey is a title as matching compares it: letters folded (case,
// accents), punctuation dropped, spaces collapsed.
func titleKey(title string) string {
	var b strings.Builder
	space := false
	for _, r := range textnorm.Fold(title) {
		switch {
		case isWordRune(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// isWordRune is a letter or digit of a title.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
