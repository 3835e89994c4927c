package storage

import (
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// AddLink relates two existing items (pieces, annotations, claims or notes)
// with a relation. The same relation between the same two items twice is
// refused.
func (s *Store) AddLink(l Link) (Link, error) {
	err := s.update(func(t *tx) error {
		var err error
		l, err = t.addLink(l)
		return err
	})
	return l, err
}

func (t *tx) addLink(l Link) (Link, error) {
	rel, err := t.relation(l.Rel)
	if err != nil {
		return l, err
	}
	l.Rel = rel.Name
	if l.From == l.To {
		return l, invalid("an item cannot be linked to itself")
	}
	if l.FromKind, err = t.linkable(l.From); err != nil {
		return l, err
	}
	if l.ToKind, err = t.linkable(l.To); err != nil {
		return l, err
	}
	if err := t.refuseDuplicateLink(l); err != nil {
		return l, err
	}
	if err := checkStrength(l.Strength); err != nil {
		return l, err
	}
	if err := t.checkNewID(l.ID); err != nil {
		return l, err
	}
	if l.ID == "" {
		l.ID = newID()
	}
	l.Note = strings.TrimSpace(l.Note)
	l.V, l.Created, l.Updated = recordVersion, t.now, t.now
	return l, t.putLink(l, OpCreate)
}

// putLink writes a link's record and the index entries of both its ends,
// and announces it: the one place a link with new ends is written.
func (t *tx) putLink(l Link, op Op) error {
	if err := t.putJSON(recordKey(KindLink, l.ID), l); err != nil {
		return err
	}
	if err := t.setIndex(pairKey(ixLinkFrom, l.From, l.ID)); err != nil {
		return err
	}
	if err := t.setIndex(pairKey(ixLinkTo, l.To, l.ID)); err != nil {
		return err
	}
	t.changed(op, KindLink, l.ID)
	return nil
}

// refuseDuplicateLink refuses a second link with l's ends and relation.
func (t *tx) refuseDuplicateLink(l Link) error {
	for _, id := range t.tails([]byte(ixLinkFrom + l.From + "/")) {
		if id == l.ID {
			continue
		}
		other, err := t.link(id)
		if err != nil {
			return err
		}
		if other.To == l.To && other.Rel == l.Rel {
			return invalid("these two items are already linked with %q (link %s)", l.Rel, other.ID)
		}
	}
	return nil
}

// linkable returns the kind of id, refusing links and missing items.
func (t *tx) linkable(id string) (Kind, error) {
	k, err := t.kindOf(id)
	if err != nil {
		return "", err
	}
	if k == KindLink {
		return "", invalid("%s is a link; links join pieces, annotations, claims and notes", id)
	}
	return k, nil
}

func (t *tx) link(id string) (Link, error) { return get[Link](t, KindLink, id) }

// Link returns one link.
func (s *Store) Link(id string) (Link, error) { return viewGet[Link](s, KindLink, id) }

// Links returns the links from an item (outgoing) and to it (backlinks).
func (s *Store) Links(id string) (out, in []Link, err error) {
	err = s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		for _, lid := range t.tails([]byte(ixLinkFrom + id + "/")) {
			l, err := t.link(lid)
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		for _, lid := range t.tails([]byte(ixLinkTo + id + "/")) {
			l, err := t.link(lid)
			if err != nil {
				return err
			}
			in = append(in, l)
		}
		return nil
	})
	return out, in, err
}

// AllLinks lists every link, oldest first.
func (s *Store) AllLinks() ([]Link, error) {
	var out []Link
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixLink, func(l *Link) { out = append(out, *l) })
	})
	return out, err
}

// Link strengths: how strongly the source bears on the target, as the
// researcher judges it. Zero means not said.
const (
	StrengthUnset    = 0
	StrengthWeak     = 1
	StrengthModerate = 2
	StrengthStrong   = 3
)

// StrengthNames are the words for strengths 1–3.
var StrengthNames = []string{"", "weak", "moderate", "strong"}

func checkStrength(n int) error {
	if n < StrengthUnset || n > StrengthStrong {
		return invalid("a link's strength is 1 (weak), 2 (moderate) or 3 (strong), or 0 for not said")
	}
	return nil
}

// UpdateLink saves a link's relation, strength and note.
func (s *Store) UpdateLink(l Link) (Link, error) {
	var saved Link
	err := s.update(func(t *tx) error {
		old, err := t.link(l.ID)
		if err != nil {
			return err
		}
		rel, err := t.relation(l.Rel)
		if err != nil {
			return err
		}
		if err := checkStrength(l.Strength); err != nil {
			return err
		}
		saved = old
		saved.Rel, saved.Note, saved.Strength, saved.Updated = rel.Name, strings.TrimSpace(l.Note), l.Strength, t.now
		if saved.Rel != old.Rel {
			if err := t.refuseDuplicateLink(saved); err != nil {
				return err
			}
		}
		t.changed(OpUpdate, KindLink, l.ID)
		return t.putJSON(recordKey(KindLink, l.ID), saved)
	})
	return saved, err
}
