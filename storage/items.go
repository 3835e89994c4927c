package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
)

// excerptRunes is how much of a long text an ItemRef title shows.
const excerptRunes = 100

// KindOf tells what kind of item id is.
func (s *Store) KindOf(id string) (Kind, error) {
	var k Kind
	err := s.view(func(txn *badger.Txn) error {
		var err error
		k, err = readTx(s, txn).kindOf(id)
		return err
	})
	return k, err
}

// Ref describes any item for a list: kind, a title line and its piece.
func (s *Store) Ref(id string) (ItemRef, error) {
	var r ItemRef
	err := s.view(func(txn *badger.Txn) error {
		var err error
		r, err = readTx(s, txn).ref(id)
		return err
	})
	return r, err
}

func (t *tx) ref(id string) (ItemRef, error) {
	k, err := t.kindOf(id)
	if err != nil {
		return ItemRef{}, err
	}
	return t.refOf(k, id)
}

// refOf is ref for an item whose kind is known.
func (t *tx) refOf(k Kind, id string) (ItemRef, error) {
	r := ItemRef{ID: id, Kind: k}
	switch k {
	case KindPiece:
		p, err := t.piece(id)
		if err != nil {
			return r, err
		}
		r.Title = p.Title
	case KindAnnotation:
		a, err := t.annotation(id)
		if err != nil {
			return r, err
		}
		r.Title, r.PieceID = Excerpt(a.Selector.Exact, excerptRunes), a.PieceID
		if p, err := t.piece(a.PieceID); err == nil {
			r.PieceTitle = p.Title
		}
	case KindClaim:
		c, err := t.claim(id)
		if err != nil {
			return r, err
		}
		r.Title = Excerpt(c.Statement, excerptRunes)
	case KindNote:
		n, err := t.note(id)
		if err != nil {
			return r, err
		}
		r.Title = n.Title
		if r.Title == "" {
			r.Title = Excerpt(n.Body, excerptRunes)
		}
	case KindLink:
		l, err := t.link(id)
		if err != nil {
			return r, err
		}
		r.Title = l.Rel
	}
	return r, nil
}

// quoteRunes is how much of what the user gave a message shows.
const quoteRunes = 40

// Quote is s, something the user gave, as a message shows it: in double
// quotes, on one line, cut short, bytes that are not text shown as U+FFFD
// and control characters as spaces. %q would show them as \x escapes no
// reader can read, and a pasted page in full.
func Quote(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	return `"` + Excerpt(s, quoteRunes) + `"`
}

// Excerpt shortens s to at most n runes on one line, ending in "…" when cut.
func Excerpt(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*2/3 {
		cut = cut[:i]
	}
	return cut + "…"
}
