package storage

import (
	"encoding/json"

	"github.com/dgraph-io/badger/v4"
)

// LinkView is a link seen from one of its ends: which way it points and
// what is at the other end.
type LinkView struct {
	Link
	Outgoing bool    // the item is the link's source
	Other    ItemRef // the item at the other end
}

// LinksOf returns an item's outgoing links and backlinks with the item at
// each other end, in one read transaction. Links record both ends' kinds,
// so each other end is one record read (pieces are read once each).
func (s *Store) LinksOf(id string) ([]LinkView, error) {
	var out []LinkView
	gen := s.refs.generation()
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		for _, dir := range []struct {
			ix       string
			outgoing bool
		}{{ixLinkFrom, true}, {ixLinkTo, false}} {
			for _, lid := range t.tails([]byte(dir.ix + id + "/")) {
				l, err := t.cachedLink(gen, lid)
				if err != nil {
					return err
				}
				other, kind := l.To, l.ToKind
				if !dir.outgoing {
					other, kind = l.From, l.FromKind
				}
				r, err := t.cachedRef(gen, kind, other)
				if err != nil {
					return err
				}
				out = append(out, LinkView{Link: l, Outgoing: dir.outgoing, Other: r})
			}
		}
		return nil
	})
	return out, err
}

// cachedLink reads a link through the store's cache.
func (t *tx) cachedLink(gen uint64, id string) (Link, error) {
	if l, ok := t.s.refs.link(id); ok {
		return l, nil
	}
	var l Link
	ok, err := t.getJSON(recordKey(KindLink, id), (*linkLite)(&l))
	if err == nil && !ok {
		err = notFound(KindLink, id)
	}
	if err == nil {
		t.s.refs.storeLink(gen, l)
	}
	return l, err
}

// cachedRef is refOf through the store's cache for passages, which are
// most of what links point at.
func (t *tx) cachedRef(gen uint64, k Kind, id string) (ItemRef, error) {
	if k != KindAnnotation {
		return t.refOf(k, id)
	}
	a, ok := t.s.refs.ann(id)
	if !ok {
		// Only the quote and the piece are needed: decoding just those
		// skips the context strings and timestamps.
		var rec struct {
			PieceID string `json:"piece"`
			Anchor  struct {
				Exact string `json:"exact"`
			} `json:"anchor"`
		}
		found, err := t.getJSON(recordKey(KindAnnotation, id), &rec)
		if err == nil && !found {
			err = notFound(KindAnnotation, id)
		}
		if err != nil {
			return ItemRef{}, err
		}
		a = annRef{excerpt: Excerpt(rec.Anchor.Exact, excerptRunes), pieceID: rec.PieceID}
		t.s.refs.storeAnn(gen, id, a)
	}
	title, ok := t.s.refs.title(a.pieceID)
	if !ok {
		if p, err := t.piece(a.pieceID); err == nil {
			title = p.Title
			t.s.refs.storeTitle(gen, a.pieceID, title)
		}
	}
	return ItemRef{ID: id, Kind: k, Title: a.excerpt, PieceID: a.pieceID, PieceTitle: title}, nil
}

// linkLite decodes a link without its timestamps (parsing them is much of
// the cost of a link record), for listings that do not show them.
type linkLite Link

func (l *linkLite) UnmarshalJSON(b []byte) error {
	var v struct {
		ID       string `json:"id"`
		From     string `json:"from"`
		FromKind Kind   `json:"fromKind"`
		To       string `json:"to"`
		ToKind   Kind   `json:"toKind"`
		Rel      string `json:"rel"`
		Strength int    `json:"strength"`
		Note     string `json:"note"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = linkLite{ID: v.ID, From: v.From, FromKind: v.FromKind, To: v.To, ToKind: v.ToKind, Rel: v.Rel, Strength: v.Strength, Note: v.Note}
	return nil
}
