// Package report writes index.html, the report a bundle carries: the
// export as one self-contained page a colleague reads in any browser
// without the app — every piece with its passages highlighted and the
// researcher's notes beside them, then the claims with their evidence,
// then the notes, all cross-linked in the page. It needs no scripts,
// fonts or images and fetches nothing. Nothing reads it back.
package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// Header is what the top of the report says about the export it belongs
// to. The zero Header describes the selection alone.
type Header struct {
	App     string    // what wrote it, e.g. "Commonplace 0.1.0"
	Created time.Time // left out when zero
	Scope   string    // in words; the selection's scope when ""
	// Counts are what the export holds; the selection's when zero.
	Counts scope.Counts
	// Outside lists what the export refers to but leaves out; the
	// selection's when nil.
	Outside []scope.OutsideRef
}

// Write writes the report of sel. The page is written piece by piece as
// it is read from the store, so a large export never sits in memory
// whole.
func Write(w io.Writer, s *storage.Store, sel *scope.Selection, h Header) error {
	rw, err := newWriter(w, s, sel, h)
	if err != nil {
		return err
	}
	return rw.write()
}

type writer struct {
	s       *storage.Store
	sel     *scope.Selection
	h       Header
	bw      *bufio.Writer
	links   *linkIndex
	outside map[string]scope.OutsideRef // by id
	pieces  map[string]storage.PieceSummary
	inAnn   map[string]bool
	// attached lists, by item, the notes of the bundle attached to it.
	attached map[string][]linkView
	// citing lists, by passage, the claims of the bundle it is evidence for.
	citing map[string][]linkView
}

func newWriter(w io.Writer, s *storage.Store, sel *scope.Selection, h Header) (*writer, error) {
	if h.Outside == nil {
		h.Outside = sel.Outside
	}
	if h.Counts == (scope.Counts{}) {
		h.Counts = scope.Counts{Pieces: len(sel.Pieces), Annotations: len(sel.Annotations),
			Claims: len(sel.Claims), Links: len(sel.Links), Notes: len(sel.Notes)}
	}
	if h.Scope == "" {
		h.Scope = sel.Scope.String()
	}
	links, err := newLinkIndex(s, sel, h.Outside)
	if err != nil {
		return nil, err
	}
	rw := &writer{s: s, sel: sel, h: h, bw: bufio.NewWriterSize(w, 64<<10), links: links,
		outside: map[string]scope.OutsideRef{}, pieces: map[string]storage.PieceSummary{}, inAnn: map[string]bool{},
		attached: map[string][]linkView{}, citing: map[string][]linkView{}}
	for _, o := range h.Outside {
		rw.outside[o.ID] = o
	}
	for _, id := range sel.Annotations {
		rw.inAnn[id] = true
	}
	// Summaries are metadata only: the table of contents needs them all
	// before the first piece is written.
	want := make(map[string]bool, len(sel.Pieces))
	for _, id := range sel.Pieces {
		want[id] = true
	}
	all, err := s.Pieces()
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if want[p.ID] {
			rw.pieces[p.ID] = p
		}
	}
	return rw, nil
}

func (rw *writer) write() error {
	t := templates()
	claims, err := rw.claims()
	if err != nil {
		return err
	}
	notes, err := rw.notes()
	if err != nil {
		return err
	}
	for _, c := range claims {
		for _, ev := range c.Evidence {
			rw.citing[ev] = append(rw.citing[ev], linkView{Rel: "evidence for", Href: "#c-" + c.ID, Label: c.Statement, Kind: "claim"})
		}
	}
	for _, n := range notes {
		if n.Attached != "" {
			rw.attached[n.Attached] = append(rw.attached[n.Attached], linkView{Href: "#n-" + n.ID, Label: n.Title, Kind: "note"})
		}
	}
	if err := t.ExecuteTemplate(rw.bw, "head", rw.head(claims, notes)); err != nil {
		return err
	}
	for rest := rw.sel.Pieces; len(rest) > 0; {
		read, err := rw.readPieces(rest)
		if err != nil {
			return err
		}
		rest = rest[len(read):]
		for _, r := range read {
			// The text, most of the page, goes straight to the output
			// between the piece's head and foot (see writeText).
			v, paras := rw.piece(r)
			if err := t.ExecuteTemplate(rw.bw, "piece-head", v); err != nil {
				return err
			}
			if err := writeText(rw.bw, paras); err != nil {
				return fmt.Errorf("piece %s: %w", r.piece.ID, err)
			}
			if err := t.ExecuteTemplate(rw.bw, "piece-foot", v); err != nil {
				return err
			}
		}
	}
	if len(claims) > 0 {
		if err := t.ExecuteTemplate(rw.bw, "claims-head", nil); err != nil {
			return err
		}
		for _, c := range claims {
			v, err := rw.claim(c)
			if err != nil {
				return fmt.Errorf("claim %s: %w", c.ID, err)
			}
			if err := t.ExecuteTemplate(rw.bw, "claim", v); err != nil {
				return err
			}
		}
		if err := t.ExecuteTemplate(rw.bw, "section-end", nil); err != nil {
			return err
		}
	}
	if len(notes) > 0 {
		if err := t.ExecuteTemplate(rw.bw, "notes-head", nil); err != nil {
			return err
		}
		for _, h := range notes {
			// Read again, one at a time: bodies may be long.
			n, err := rw.s.Note(h.ID)
			if err != nil {
				return fmt.Errorf("note %s: %w", h.ID, err)
			}
			if err := t.ExecuteTemplate(rw.bw, "note", rw.note(n)); err != nil {
				return err
			}
		}
		if err := t.ExecuteTemplate(rw.bw, "section-end", nil); err != nil {
			return err
		}
	}
	if err := t.ExecuteTemplate(rw.bw, "foot", rw.foot()); err != nil {
		return err
	}
	return rw.bw.Flush()
}

// claims reads the selected claims: few and small, and the table of
// contents lists them before they are written.
func (rw *writer) claims() ([]storage.Claim, error) {
	out := make([]storage.Claim, 0, len(rw.sel.Claims))
	for _, id := range rw.sel.Claims {
		c, err := rw.s.Claim(id)
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", id, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// noteHead is what the contents and the attachments need of a note.
type noteHead struct{ ID, Title, Attached string }

func (rw *writer) notes() ([]noteHead, error) {
	out := make([]noteHead, 0, len(rw.sel.Notes))
	for _, id := range rw.sel.Notes {
		n, err := rw.s.Note(id)
		if err != nil {
			return nil, fmt.Errorf("note %s: %w", id, err)
		}
		out = append(out, noteHead{ID: n.ID, Title: NoteTitle(n), Attached: n.Attached})
	}
	return out, nil
}

// The views below are what the templates show; every string in them is
// plain text, escaped by html/template on the way out.

type headView struct {
	Scope      string
	Created    string
	CreatedISO string
	App        string
	Counts     scope.Counts
	Outside    int
	Pieces     []tocPiece
	Claims     []tocEntry
	Notes      []tocEntry
	Flagged    int
}

type tocPiece struct {
	ID, Title, Byline string
	Passages          int
}

type tocEntry struct{ ID, Title string }

func (rw *writer) head(claims []storage.Claim, notes []noteHead) headView {
	h := headView{Scope: rw.h.Scope, Counts: rw.h.Counts, App: rw.h.App}
	if !rw.h.Created.IsZero() {
		c := rw.h.Created.UTC()
		h.Created, h.CreatedISO = c.Format("2 January 2006, 15:04 UTC"), c.Format(time.RFC3339)
	}
	seen := map[string]bool{}
	for _, o := range rw.h.Outside {
		if !seen[o.ID] {
			seen[o.ID] = true
			h.Outside++
		}
	}
	for _, id := range rw.sel.Pieces {
		p := rw.pieces[id]
		h.Pieces = append(h.Pieces, tocPiece{ID: id, Title: p.Title, Byline: byline(p.Piece), Passages: p.Annotations})
	}
	for _, c := range claims {
		h.Claims = append(h.Claims, tocEntry{ID: c.ID, Title: c.Statement})
	}
	for _, n := range notes {
		h.Notes = append(h.Notes, tocEntry{ID: n.ID, Title: n.Title})
	}
	return h
}

// byline is "outlet · date · authors" for the table of contents.
func byline(p storage.Piece) string {
	var parts []string
	if p.Outlet != "" {
		parts = append(parts, p.Outlet)
	}
	if p.Published != "" {
		parts = append(parts, Date(p.Published))
	}
	if len(p.Authors) > 0 {
		parts = append(parts, strings.Join(p.Authors, ", "))
	}
	return strings.Join(parts, " · ")
}

// Date writes a publication date (YYYY, YYYY-MM or YYYY-MM-DD) the way
// a reader says it.
func Date(d string) string {
	for _, f := range []struct{ in, out string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}} {
		if t, err := time.Parse(f.in, d); err == nil {
			return t.Format(f.out)
		}
	}
	return d
}

type pieceView struct {
	ID, Title, Authors, Outlet string
	Published, PublishedISO    string
	URL, Host                  string
	Tags                       []string
	Links                      []linkView
	Attached                   []linkView
	Unplaced                   []*passageView
	Passages                   int
}

// passageView is an annotation as the report shows it, in the text and
// in the margin.
type passageView struct {
	ann   storage.Annotation
	shown bool
	// quiet passages have nothing to say in the margin: no note, tags,
	// links or flag. They are highlighted but neither numbered nor noted.
	quiet bool

	Num   int
	ID    string
	Class string
	Quote string
	Note  []string
	Tags  []string
	Links []linkView
	// Attached are the notes attached to the passage.
	Attached []linkView
	Flag     string // "needs review", "orphaned" or ""
	Why      string // what the flag means for this passage
}

// pieceRead is a piece as the report reads it from the store.
type pieceRead struct {
	piece storage.Piece
	text  string
	anns  []storage.Annotation // by place (storage.SortByPlace)
}

// Pieces are read a run at a time, each run in one read transaction
// that reads them, their texts and passages in key order
// (storage.PieceStream), and written after it: writing calls the store
// (names of linked items), which must not wait inside a transaction. A
// run stops at piecesPerRead pieces or textPerRead bytes of text.
const (
	piecesPerRead = 256
	textPerRead   = 16 << 20
)

// readPieces reads the first run of ids.
func (rw *writer) readPieces(ids []string) ([]pieceRead, error) {
	var out []pieceRead
	err := rw.s.Peek(func(b *storage.Batch) error {
		stream := b.PieceStream(func(id string) bool { return rw.inAnn[id] })
		defer stream.Close()
		size := 0
		for _, id := range ids {
			if len(out) == piecesPerRead || size > textPerRead {
				break
			}
			p, err := stream.Piece(id)
			if err != nil {
				return fmt.Errorf("piece %s: %w", id, err)
			}
			text, err := stream.Text(id)
			if err != nil {
				return fmt.Errorf("piece %s: %w", id, err)
			}
			anns, err := stream.Annotations(id)
			if err != nil {
				return fmt.Errorf("piece %s: %w", id, err)
			}
			storage.SortByPlace(anns)
			out = append(out, pieceRead{piece: p, text: text, anns: anns})
			size += len(text)
		}
		return nil
	})
	return out, err
}

// piece is the view of a piece and the paragraphs of its text.
func (rw *writer) piece(r pieceRead) (pieceView, []paraView) {
	p, text, anns := r.piece, r.text, r.anns
	v := pieceView{ID: p.ID, Title: p.Title, Authors: strings.Join(p.Authors, ", "), Outlet: p.Outlet,
		Tags: p.Tags, Links: rw.links.of(p.ID), Attached: rw.attached[p.ID], Passages: len(anns)}
	if p.Published != "" {
		v.Published, v.PublishedISO = Date(p.Published), p.Published
	}
	if u, err := url.Parse(p.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		v.URL, v.Host = p.URL, strings.TrimPrefix(u.Host, "www.")
	}
	passages := make([]*passageView, 0, len(anns))
	for _, a := range anns {
		passages = append(passages, rw.passage(a))
	}
	paras, unplaced := layout(text, passages)
	v.Unplaced = unplaced
	return v, paras
}

func (rw *writer) passage(a storage.Annotation) *passageView {
	p := &passageView{ann: a, ID: a.ID, Class: colorClass(a.Color), Quote: a.Selector.Exact,
		Note: paragraphs(a.Note), Tags: a.Tags, Links: slices.Concat(rw.citing[a.ID], rw.links.of(a.ID)), Attached: rw.attached[a.ID]}
	switch a.Status {
	case anchor.Review:
		p.Flag, p.Class = "needs review", p.Class+" review"
		p.Why = "The text changed since this was marked as “" + storage.Excerpt(a.Selector.Exact, 120) +
			"”; highlighted is the app’s best guess at where those words are now."
		if a.Guess == nil {
			p.Why = "The text changed since this was marked and the words could not be found again with confidence."
		}
	case anchor.Orphaned:
		p.Flag = "orphaned"
		p.Why = "The text changed since this was marked and the words are no longer in it."
	}
	p.quiet = len(p.Note) == 0 && len(p.Tags) == 0 && len(p.Links) == 0 && len(p.Attached) == 0 && p.Flag == ""
	return p
}

// paragraphs splits a note at blank lines, keeping single line breaks as
// spaces: notes are shown in a narrow margin.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

type claimView struct {
	ID, Statement string
	Note          []string
	Tags          []string
	Evidence      []evidenceView
	Links         []linkView
	Attached      []linkView
}

type evidenceView struct {
	Href, Quote, Where, Class string
}

func (rw *writer) claim(c storage.Claim) (claimView, error) {
	v := claimView{ID: c.ID, Statement: c.Statement, Note: paragraphs(c.Note), Tags: c.Tags, Links: rw.links.of(c.ID), Attached: rw.attached[c.ID]}
	for _, ev := range c.Evidence {
		if !rw.inAnn[ev] {
			e := evidenceView{Quote: "a passage"}
			if o, ok := rw.outside[ev]; ok {
				e.Quote = o.Title
			}
			v.Evidence = append(v.Evidence, e)
			continue
		}
		a, err := rw.s.Annotation(ev)
		if err != nil {
			return v, err
		}
		v.Evidence = append(v.Evidence, evidenceView{Href: "#a-" + a.ID, Quote: a.Selector.Exact,
			Where: rw.pieces[a.PieceID].Title, Class: colorClass(a.Color)})
	}
	return v, nil
}

type noteView struct {
	ID, Title, Place string
	Date, DateISO    string
	Attached         *linkView
	Body             []string
	Tags             []string
	Links            []linkView
	Attachments      []linkView // notes attached to this note
}

func (rw *writer) note(n storage.Note) noteView {
	c := n.Created.UTC()
	v := noteView{ID: n.ID, Title: NoteTitle(n), Place: n.Place, Body: paragraphs(n.Body), Tags: n.Tags,
		Links: rw.links.of(n.ID), Attachments: rw.attached[n.ID], Date: c.Format("2 January 2006"), DateISO: c.Format(time.RFC3339)}
	if n.Attached != "" {
		if o, ok := rw.outside[n.Attached]; ok {
			v.Attached = &linkView{Label: o.Title, Kind: kindWords(storage.Kind(o.Kind))}
		} else {
			r := rw.links.ref(n.Attached)
			v.Attached = &linkView{Href: anchorOf(r.Kind, n.Attached), Label: r.Title, Where: r.PieceTitle, Kind: kindWords(r.Kind)}
		}
	}
	return v
}

// NoteTitle is a note's title, or the start of its body when it has none.
func NoteTitle(n storage.Note) string {
	if n.Title != "" {
		return n.Title
	}
	return storage.Excerpt(n.Body, 80)
}

type footView struct{ App string }

func (rw *writer) foot() footView {
	f := footView{App: "Commonplace"}
	if rw.h.App != "" {
		f.App = rw.h.App
	}
	return f
}
