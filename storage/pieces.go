package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"

	"github.com/dgraph-io/badger/v4"
)

// maxTitleRunes bounds a title derived from the text when none was given.
const maxTitleRunes = 90

// MaxTextBytes bounds a piece's text: some 10 million words, a court
// record or a corpus dump, above the 50 MB texts issue 13 asks to open.
// The store has no bound of its own on a text (longer values are stored
// in chunks, longvalue.go); this one is memory. Editing the text of a
// piece with passages holds at once the old text, the new one, the
// revision record (about the old text's size, at most twice it,
// maxLongValueBytes) and the anchor index of the new text (four bytes a
// character, more outside ASCII): some 500 MB at the bound, which a
// laptop still has to spare; much more and one edit would not.
const MaxTextBytes = 64 << 20

// CheckTextSize refuses a text over MaxTextBytes in words, for a caller
// that can say which file it came from before anything is written.
func CheckTextSize(text string) error { return checkTextSize(text) }

// checkTextSize refuses a text over MaxTextBytes in words.
func checkTextSize(text string) error {
	if len(text) > MaxTextBytes {
		return invalid("the text is %.1f MB; a piece's text may be at most %d MB", megabytes(len(text)), MaxTextBytes>>20)
	}
	return nil
}

// AddPiece stores a new piece with its text and returns it with id, hash and
// counts filled in. The text is normalised (see textnorm) first.
func (s *Store) AddPiece(p Piece, text string) (Piece, error) {
	err := s.update(func(t *tx) error {
		var err error
		p, err = t.addPiece(p, text)
		return err
	})
	return p, err
}

func (t *tx) addPiece(p Piece, text string) (Piece, error) {
	text = textnorm.Normalize(text)
	if text == "" && p.Format != FormatRef {
		return p, invalid("the piece has no text")
	}
	if err := checkTextSize(text); err != nil {
		return p, err
	}
	if err := cleanPiece(&p); err != nil {
		return p, err
	}
	if p.Title == "" {
		p.Title = titleFromText(text)
	}
	if p.Title == "" && text == "" {
		return p, invalid("a piece with no text needs a title")
	}
	if err := t.checkNewID(p.ID); err != nil {
		return p, err
	}
	if p.ID == "" {
		p.ID = newID()
	}
	p.V = recordVersion
	p.Revision = 1
	setTextStats(&p, text)
	if err := checkPages(p.Pages, p.Runes); err != nil {
		return p, err
	}
	p.Created, p.Updated = t.now, t.now
	if err := t.putJSON(recordKey(KindPiece, p.ID), p); err != nil {
		return p, err
	}
	if err := t.set(textKey(p.ID), []byte(text)); err != nil {
		return p, err
	}
	t.changed(OpCreate, KindPiece, p.ID)
	return p, t.retag(KindPiece, p.ID, nil, p.Tags)
}

// cleanPiece normalises and checks the metadata a user or importer gave.
func cleanPiece(p *Piece) error {
	var err error
	p.Title = oneLine(p.Title)
	p.Authors = cleanList(p.Authors)
	p.Outlet = oneLine(p.Outlet)
	p.URL = strings.TrimSpace(p.URL)
	if p.URL != "" && !ValidURL(p.URL) {
		return invalid("the URL %s is not a web address (http:// or https://)", Quote(p.URL))
	}
	if p.DOI != "" {
		doi, ok := CleanDOI(p.DOI)
		if !ok {
			return invalid("%s is not a DOI (10.<registrant>/<suffix>)", Quote(p.DOI))
		}
		p.DOI = doi
	}
	p.Tags = NormalizeTags(p.Tags)
	if p.Published, err = checkPublished(p.Published); err != nil {
		return err
	}
	p.Accessed, err = checkPublished(p.Accessed)
	return err
}

func setTextStats(p *Piece, text string) {
	p.Hash = textHash(text)
	p.Runes = utf8.RuneCountInString(text)
	p.Words = countWords(text)
}

// textHash is the hex SHA-256 of text, hashed through a small buffer
// rather than a copy of the whole text (64 MB at MaxTextBytes).
func textHash(text string) string {
	h := sha256.New()
	buf := make([]byte, 64<<10)
	for len(text) > 0 {
		n := copy(buf, text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}

// countWords is len(strings.Fields(text)) without the slice of words,
// which for a text at MaxTextBytes is ten million strings, 160 MB.
func countWords(text string) int {
	n, inWord := 0, false
	for i := 0; i < len(text); {
		var space bool
		if c := text[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// asciiSpace is what strings.Fields takes for space below utf8.RuneSelf.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// titleFromText takes the first line, shortened at a word boundary.
func titleFromText(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	if utf8.RuneCountInString(line) <= maxTitleRunes {
		return line
	}
	r := []rune(line)[:maxTitleRunes]
	if i := strings.LastIndexByte(string(r), ' '); i > maxTitleRunes/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// Piece returns a piece's metadata.
func (s *Store) Piece(id string) (Piece, error) { return viewGet[Piece](s, KindPiece, id) }

func (t *tx) piece(id string) (Piece, error) { return get[Piece](t, KindPiece, id) }

// PieceText returns a piece's current text.
func (s *Store) PieceText(id string) (string, error) {
	var text string
	err := s.view(func(txn *badger.Txn) error {
		var err error
		text, err = readTx(s, txn).text(id)
		return err
	})
	return text, err
}

// ErrBusy is a read that would have waited for the notebook to close or
// to swap in a staged copy (PieceTextNoWait).
var ErrBusy = errors.New("the notebook is being closed or replaced; try again")

// PieceTextNoWait is PieceText for a caller that must never wait on the
// notebook: while it is being closed or a staged copy swapped in, it
// returns ErrBusy at once. A search cutting excerpts holds its own index's
// lock, which an index build inside a read of the notebook may be waiting
// for; waiting here could close the circle.
func (s *Store) PieceTextNoWait(id string) (string, error) {
	var text string
	err := s.viewNoWait(func(txn *badger.Txn) error {
		var err error
		text, err = readTx(s, txn).text(id)
		return err
	})
	return text, err
}

func (t *tx) text(id string) (string, error) {
	item, err := t.txn.Get(textKey(id))
	if isNotFound(err) {
		return "", notFound(KindPiece, id)
	}
	if err != nil {
		return "", err
	}
	return readText(t.txn, item)
}

// Pieces lists every piece with its number of annotations, oldest first.
// It reads only metadata records and index keys, never texts.
func (s *Store) Pieces() ([]PieceSummary, error) {
	var out []PieceSummary
	err := s.view(func(txn *badger.Txn) error {
		counts := map[string]int{}
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte(ixPieceAnn)
		it := txn.NewIterator(opts)
		for it.Rewind(); it.Valid(); it.Next() {
			rest := it.Item().Key()[len(ixPieceAnn):]
			if i := strings.IndexByte(string(rest), '/'); i > 0 {
				counts[string(rest[:i])]++
			}
		}
		it.Close()

		return eachJSON(txn, prefixPiece, func(p *Piece) {
			out = append(out, PieceSummary{Piece: *p, Annotations: counts[p.ID]})
		})
	})
	return out, err
}

// UpdatePiece saves a piece's metadata (title, authors, outlet, published,
// URL, DOI, tags). Its text changes only through EditPieceText.
func (s *Store) UpdatePiece(p Piece) (Piece, error) {
	var saved Piece
	err := s.update(func(t *tx) (err error) {
		saved, err = t.updatePiece(p)
		return err
	})
	return saved, err
}

// updatePiece writes p's metadata over the stored piece, keeping its text,
// hash and revision, and its tag index in step.
func (t *tx) updatePiece(p Piece) (Piece, error) {
	old, err := t.piece(p.ID)
	if err != nil {
		return Piece{}, err
	}
	if err := cleanPiece(&p); err != nil {
		return Piece{}, err
	}
	if p.Title == "" {
		return Piece{}, invalid("a piece needs a title")
	}
	saved := old
	saved.Title, saved.Authors, saved.Outlet = p.Title, p.Authors, p.Outlet
	saved.Published, saved.URL, saved.DOI, saved.Tags = p.Published, p.URL, p.DOI, p.Tags
	saved.Updated = t.now
	if err := t.putJSON(recordKey(KindPiece, p.ID), saved); err != nil {
		return Piece{}, err
	}
	t.changed(OpUpdate, KindPiece, p.ID)
	return saved, t.retag(KindPiece, p.ID, old.Tags, saved.Tags)
}

// Revisions lists the earlier texts of a piece, oldest first.
func (s *Store) Revisions(pieceID string) ([]Revision, error) {
	var out []Revision
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixRevision+pieceID+"/", func(r *Revision) { out = append(out, *r) })
	})
	return out, err
}
