package merge

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// The hash of an item is storage.ContentHash over a canonical form of what
// a bundle carries of it. Export and import compute it with these same
// functions, so equal hashes mean equal items, and the sync base recorded
// on either side compares with the other's. The forms leave out what is
// not the researcher's content or differs between notebooks for the same
// item: the record version, when it was last saved (Updated: a save that
// changed nothing must not look like a change), counters derived from the
// text, and revision numbers (each notebook numbers its own edits). Empty
// and missing lists are the same, and times are UTC, so a record that
// went through YAML or JSON hashes as it did before.

type pieceForm struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Authors   []string `json:"authors"`
	Outlet    string   `json:"outlet"`
	Published string   `json:"published"`
	URL       string   `json:"url"`
	// Added after bundles were first made: left out when empty, so that a
	// piece without them hashes as it always did (sync bases recorded
	// then still match).
	Accessed string    `json:"accessed,omitempty"`
	DOI      string    `json:"doi,omitempty"`
	Pages    []int     `json:"pages,omitempty"`
	Tags     []string  `json:"tags"`
	Format   string    `json:"format"`
	Text     string    `json:"text"` // SHA-256 of the text
	Created  time.Time `json:"created"`
}

// PieceHash is the content hash of a piece; p.Hash must be its text's
// SHA-256, as the store and a verified bundle keep it.
func PieceHash(p storage.Piece) string {
	return storage.ContentHash(pieceForm{
		ID: p.ID, Title: p.Title, Authors: nilIfEmpty(p.Authors), Outlet: p.Outlet,
		Published: p.Published, URL: p.URL, Accessed: p.Accessed, DOI: p.DOI, Pages: p.Pages, Tags: nilIfEmpty(p.Tags), Format: p.Format,
		Text: p.Hash, Created: p.Created.UTC(),
	})
}

type annotationForm struct {
	ID       string          `json:"id"`
	Piece    string          `json:"piece"`
	Selector anchor.Selector `json:"selector"`
	Status   anchor.Status   `json:"status"`
	Guess    *storage.Span   `json:"guess"`
	Note     string          `json:"note"`
	Tags     []string        `json:"tags"`
	Color    string          `json:"color"`
	Created  time.Time       `json:"created"`
}

// AnnotationHash is the content hash of an annotation: its words and
// place as well as the researcher's note, tags and colour, so that a
// passage re-anchored by hand counts as changed.
func AnnotationHash(a storage.Annotation) string {
	return storage.ContentHash(annotationForm{
		ID: a.ID, Piece: a.PieceID, Selector: a.Selector, Status: a.Status, Guess: a.Guess,
		Note: a.Note, Tags: nilIfEmpty(a.Tags), Color: a.Color, Created: a.Created.UTC(),
	})
}

type claimForm struct {
	ID        string    `json:"id"`
	Statement string    `json:"statement"`
	Note      string    `json:"note"`
	Tags      []string  `json:"tags"`
	Evidence  []string  `json:"evidence"`
	Created   time.Time `json:"created"`
}

// ClaimHash is the content hash of a claim (its evidence in order).
func ClaimHash(c storage.Claim) string {
	return storage.ContentHash(claimForm{
		ID: c.ID, Statement: c.Statement, Note: c.Note, Tags: nilIfEmpty(c.Tags),
		Evidence: nilIfEmpty(c.Evidence), Created: c.Created.UTC(),
	})
}

type linkForm struct {
	ID       string    `json:"id"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Rel      string    `json:"rel"`
	Strength int       `json:"strength"`
	Note     string    `json:"note"`
	Created  time.Time `json:"created"`
}

// LinkHash is the content hash of a link. The kinds of its ends are left
// out: they follow from the ids.
func LinkHash(l storage.Link) string {
	return storage.ContentHash(linkForm{
		ID: l.ID, From: l.From, To: l.To, Rel: l.Rel, Strength: l.Strength, Note: l.Note, Created: l.Created.UTC(),
	})
}

type noteForm struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Body     string    `json:"body"`
	Tags     []string  `json:"tags"`
	Place    string    `json:"place"`
	Attached string    `json:"attached"`
	Created  time.Time `json:"created"` // the researcher may set it (a note typed up later)
}

// NoteHash is the content hash of a note.
func NoteHash(n storage.Note) string {
	return storage.ContentHash(noteForm{
		ID: n.ID, Title: n.Title, Body: n.Body, Tags: nilIfEmpty(n.Tags), Place: n.Place,
		Attached: n.Attached, Created: n.Created.UTC(),
	})
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TextHash is the SHA-256 of a text, as a piece's Hash holds it.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
