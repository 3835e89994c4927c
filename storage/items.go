package storage

import (
	"strings"
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

// DeleteReport says what went with a deleted item, so the user can be told.
type DeleteReport struct {
	Kind        Kind `json:"kind"`
	Annotations int  `json:"annotations"` // of a deleted piece
	Links       int  `json:"links"`
	Evidence    int  `json:"evidence"`      // claims that lost a deleted annotation as evidence
	Detached    int  `json:"detachedNotes"` // notes that were attached to it and are kept
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
		rep.Kind = k
		return t.deleteItem(k, id, &rep)
	})
	return rep, err
}

func (t *tx) deleteItem(k Kind, id string, rep *DeleteReport) error {
	if k == KindLink {
		rep.Links++
		return t.deleteLink(id)
	}
	for _, ix := range []string{ixLinkFrom, ixLinkTo} {
		for _, lid := range t.tails([]byte(ix + id + "/")) {
			if err := t.deleteLink(lid); err != nil {
				return err
			}
			rep.Links++
		}
	}
	for _, nid := range t.tails([]byte(ixAttached + id + "/")) {
		n, err := t.note(nid)
		if err != nil {
			return err
		}
		old := n
		n.Attached, n.Updated = "", t.now
		if err := t.putNote(n, &old); err != nil {
			return err
		}
		rep.Detached++
	}
	var tags []string
	switch k {
	case KindPiece:
		p, err := t.piece(id)
		if err != nil {
			return err
		}
		tags = p.Tags
		for _, aid := range t.tails([]byte(ixPieceAnn + id + "/")) {
			if err := t.deleteItem(KindAnnotation, aid, rep); err != nil {
				return err
			}
			rep.Annotations++
		}
		for _, rev := range t.tails([]byte(prefixRevision + id + "/")) {
			if err := t.del([]byte(prefixRevision + id + "/" + rev)); err != nil {
				return err
			}
		}
		if err := t.del(textKey(id)); err != nil {
			return err
		}
	case KindAnnotation:
		a, err := t.annotation(id)
		if err != nil {
			return err
		}
		tags = a.Tags
		for _, cid := range t.tails([]byte(ixEvidence + id + "/")) {
			c, err := t.claim(cid)
			if err != nil {
				return err
			}
			old := c
			c.Evidence = without(c.Evidence, id)
			c.Updated = t.now
			if err := t.putClaim(c, &old); err != nil {
				return err
			}
			rep.Evidence++
		}
		if err := t.del(pairKey(ixPieceAnn, a.PieceID, id)); err != nil {
			return err
		}
	case KindClaim:
		c, err := t.claim(id)
		if err != nil {
			return err
		}
		tags = c.Tags
		for _, aid := range c.Evidence {
			if err := t.del(pairKey(ixEvidence, aid, id)); err != nil {
				return err
			}
		}
	case KindNote:
		n, err := t.note(id)
		if err != nil {
			return err
		}
		tags = n.Tags
		if n.Attached != "" {
			if err := t.del(pairKey(ixAttached, n.Attached, id)); err != nil {
				return err
			}
		}
	}
	if err := t.retag(k, id, tags, nil); err != nil {
		return err
	}
	t.changed(OpDelete, k, id)
	return t.del(recordKey(k, id))
}

func (t *tx) deleteLink(id string) error {
	l, err := t.link(id)
	if err != nil {
		return err
	}
	if err := t.del(pairKey(ixLinkFrom, l.From, id)); err != nil {
		return err
	}
	if err := t.del(pairKey(ixLinkTo, l.To, id)); err != nil {
		return err
	}
	t.changed(OpDelete, KindLink, id)
	return t.del(recordKey(KindLink, id))
}

func without(list []string, s string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
