package storage

import (
	"time"

	"commonplace/storage/anchor"
)

// Kind names what an item is. Ids do not encode it; the store looks it up.
type Kind string

// The kinds of item a notebook holds.
const (
	KindPiece      Kind = "piece"
	KindAnnotation Kind = "annotation"
	KindClaim      Kind = "claim"
	KindLink       Kind = "link"
	KindNote       Kind = "note"
)

// Piece is one article or document: its metadata. The text is stored
// separately (see Store.PieceText) so listing a library never reads texts.
type Piece struct {
	V         int      `json:"v"`
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Authors   []string `json:"authors,omitempty"`
	Outlet    string   `json:"outlet,omitempty"`
	Published string   `json:"published,omitempty"` // "2006-01-02", "2006-01", "2006" or ""
	URL       string   `json:"url,omitempty"`
	Accessed  string   `json:"accessed,omitempty"` // "2006-01-02": when the URL was read, for a citation
	DOI       string   `json:"doi,omitempty"`      // lower-case, without "https://doi.org/" (see CleanDOI)
	Tags      []string `json:"tags,omitempty"`
	Format    string   `json:"format,omitempty"` // where the text came from: txt, md, html, pdf, paste, ref
	Hash      string   `json:"hash"`             // SHA-256 (hex) of the current text
	Runes     int      `json:"runes"`            // length of the current text in code points
	Words     int      `json:"words"`
	Revision  int      `json:"revision"` // number of the current text revision, from 1
	// Pages are where the pages of a paged source (a PDF) begin in the
	// text: Pages[i] is the rune offset where page i+1 starts, from 0 and
	// never decreasing (a page with no text starts where the next one
	// does). Nil for a text without pages. See PagesOf.
	Pages   []int     `json:"pages,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// FormatRef is the Format of a bibliographic piece: an entry of a
// reference library (BibTeX, RIS, CSL-JSON) brought in with its metadata
// and, until a text is attached to it, no text. It is the one kind of
// piece whose text may be empty; it keeps the format once a text is
// attached, as the record of where it came from.
const FormatRef = "ref"

// HasText reports whether the piece has a text: every piece does but a
// bibliographic one (FormatRef) whose text was never attached.
func (p Piece) HasText() bool { return p.Runes > 0 }

// PieceSummary is a piece as a library list shows it.
type PieceSummary struct {
	Piece
	Annotations int `json:"annotations"`
}

// Revision is an earlier text of a piece, kept when the text is edited.
type Revision struct {
	V        int       `json:"v"`
	PieceID  string    `json:"piece"`
	Number   int       `json:"number"`
	Hash     string    `json:"hash"`
	Text     string    `json:"text"`
	Replaced time.Time `json:"replaced"` // when a newer text replaced it
}

// Annotation marks a span of a piece with the researcher's note and tags.
// Selector is the W3C quote+position anchor against the piece text of
// revision Rev; Status tells how sure the store is that it still sits on the
// words the researcher marked. When it is flagged for review, Guess is where
// the store thinks those words now are in the current text.
type Annotation struct {
	V        int             `json:"v"`
	ID       string          `json:"id"`
	PieceID  string          `json:"piece"`
	Selector anchor.Selector `json:"anchor"`
	Rev      int             `json:"rev"`
	Status   anchor.Status   `json:"status"`
	Guess    *Span           `json:"guess,omitempty"`
	Note     string          `json:"note,omitempty"`
	Tags     []string        `json:"tags,omitempty"`
	Color    string          `json:"color"`
	Created  time.Time       `json:"created"`
	Updated  time.Time       `json:"updated"`
}

// Span is runes [Start,End) of a piece's current text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Place is where the annotation sits in its piece's current text: its
// selector's span when anchored or moved, the guess when flagged for
// review, nowhere when orphaned.
func (a Annotation) Place() (Span, bool) {
	switch {
	case a.Status == anchor.Anchored || a.Status == anchor.Moved:
		return Span{a.Selector.Start, a.Selector.End}, true
	case a.Status == anchor.Review && a.Guess != nil:
		return *a.Guess, true
	}
	return Span{}, false
}

// Claim is an argument in the researcher's words, backed by passages.
type Claim struct {
	V         int       `json:"v"`
	ID        string    `json:"id"`
	Statement string    `json:"statement"`
	Note      string    `json:"note,omitempty"`
	Tags      []string  `json:"tags,omitempty"`
	Evidence  []string  `json:"evidence,omitempty"` // annotation ids
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Link is a typed, directed relation between two items.
type Link struct {
	V        int       `json:"v"`
	ID       string    `json:"id"`
	From     string    `json:"from"`
	FromKind Kind      `json:"fromKind"`
	To       string    `json:"to"`
	ToKind   Kind      `json:"toKind"`
	Rel      string    `json:"rel"`
	Strength int       `json:"strength,omitempty"` // 0 not said, 1 weak, 2 moderate, 3 strong
	Note     string    `json:"note,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Note is a free note — fieldwork, interview, idea — maybe attached to an item.
type Note struct {
	V        int       `json:"v"`
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Body     string    `json:"body"`
	Tags     []string  `json:"tags,omitempty"`
	Place    string    `json:"place,omitempty"`
	Attached string    `json:"attached,omitempty"` // id of a piece, annotation, claim or note
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// ItemRef names any item with enough to show it in a list: what it is, a
// title-like line and, for annotations, the piece it belongs to.
type ItemRef struct {
	ID         string `json:"id"`
	Kind       Kind   `json:"kind"`
	Title      string `json:"title"`
	PieceID    string `json:"piece,omitempty"`
	PieceTitle string `json:"pieceTitle,omitempty"`
}
