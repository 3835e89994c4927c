package storage

import (
	"fmt"
	"slices"
	"strings"

	"commonplace/storage/anchor"
	"github.com/dgraph-io/badger/v4"
)

// CheckReport is the result of an integrity check.
type CheckReport struct {
	Items    map[Kind]int          `json:"items"`
	Anchors  map[anchor.Status]int `json:"anchors"`
	Problems []string              `json:"problems"` // empty when the notebook is sound
}

// OK reports whether the check found no problem.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check verifies that every index entry points to a record that points back,
// every record has its index entries, every reference resolves, and counts
// annotations by anchor status. It reads the whole notebook.
func (s *Store) Check() (CheckReport, error) {
	rep := CheckReport{Items: map[Kind]int{}, Anchors: map[anchor.Status]int{}}
	problem := func(f string, a ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(f, a...)) }
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		exists := func(k Kind, id string) bool { ok, _ := t.has(recordKey(k, id)); return ok }
		anyItem := func(id string) bool { _, err := t.kindOf(id); return err == nil }
		hasIx := func(key []byte) bool { ok, _ := t.has(key); return ok }
		tagged := func(k Kind, id string, tags []string) {
			for _, tag := range tags {
				if !hasIx(tagKey(tag, id)) {
					problem("%s %s: tag %q missing from the tag index", k, id, tag)
				}
			}
		}

		err := eachJSON(txn, prefixPiece, func(p *Piece) {
			rep.Items[KindPiece]++
			if ok, _ := t.has(textKey(p.ID)); !ok {
				problem("piece %s: its text is missing", p.ID)
			}
			tagged(KindPiece, p.ID, p.Tags)
		})
		if err != nil {
			return err
		}
		err = eachJSON(txn, prefixAnnotation, func(a *Annotation) {
			rep.Items[KindAnnotation]++
			rep.Anchors[a.Status]++
			if !exists(KindPiece, a.PieceID) {
				problem("annotation %s: its piece %s is missing", a.ID, a.PieceID)
			} else if !hasIx(pairKey(ixPieceAnn, a.PieceID, a.ID)) {
				problem("annotation %s: missing from its piece's index", a.ID)
			}
			tagged(KindAnnotation, a.ID, a.Tags)
		})
		if err != nil {
			return err
		}
		err = eachJSON(txn, prefixClaim, func(c *Claim) {
			rep.Items[KindClaim]++
			for _, ev := range c.Evidence {
				if !exists(KindAnnotation, ev) {
					problem("claim %s: evidence %s is missing", c.ID, ev)
				} else if !hasIx(pairKey(ixEvidence, ev, c.ID)) {
					problem("claim %s: evidence %s missing from the evidence index", c.ID, ev)
				}
			}
			tagged(KindClaim, c.ID, c.Tags)
		})
		if err != nil {
			return err
		}
		err = eachJSON(txn, prefixLink, func(l *Link) {
			rep.Items[KindLink]++
			if !exists(l.FromKind, l.From) {
				problem("link %s: its source %s is missing", l.ID, l.From)
			}
			if !exists(l.ToKind, l.To) {
				problem("link %s: its target %s is missing", l.ID, l.To)
			}
			if !hasIx(pairKey(ixLinkFrom, l.From, l.ID)) || !hasIx(pairKey(ixLinkTo, l.To, l.ID)) {
				problem("link %s: missing from the link index", l.ID)
			}
		})
		if err != nil {
			return err
		}
		err = eachJSON(txn, prefixNote, func(n *Note) {
			rep.Items[KindNote]++
			if n.Attached != "" {
				if !anyItem(n.Attached) {
					problem("note %s: attached to missing item %s", n.ID, n.Attached)
				} else if !hasIx(pairKey(ixAttached, n.Attached, n.ID)) {
					problem("note %s: missing from the attachment index", n.ID)
				}
			}
			tagged(KindNote, n.ID, n.Tags)
		})
		if err != nil {
			return err
		}
		t.checkIndexes(problem)
		if err := t.checkChunks(problem); err != nil {
			return err
		}
		return t.checkAnchors(problem)
	})
	return rep, err
}

// checkIndexes walks every index entry and checks the record it names
// exists and agrees.
func (t *tx) checkIndexes(problem func(string, ...any)) {
	pairs := func(ix string, check func(a, b string)) {
		for _, rest := range t.tails([]byte(ix)) {
			a, b, ok := strings.Cut(rest, "/")
			if !ok {
				problem("malformed index key %s%s", ix, rest)
				continue
			}
			check(a, b)
		}
	}
	pairs(ixPieceAnn, func(piece, ann string) {
		if a, err := t.annotation(ann); err != nil || a.PieceID != piece {
			problem("index: annotation %s listed under piece %s does not belong to it", ann, piece)
		}
	})
	pairs(ixLinkFrom, func(from, id string) {
		if l, err := t.link(id); err != nil || l.From != from {
			problem("index: link %s listed from %s does not start there", id, from)
		}
	})
	pairs(ixLinkTo, func(to, id string) {
		if l, err := t.link(id); err != nil || l.To != to {
			problem("index: link %s listed to %s does not end there", id, to)
		}
	})
	pairs(ixEvidence, func(ann, claim string) {
		c, err := t.claim(claim)
		if err != nil || !slices.Contains(c.Evidence, ann) {
			problem("index: claim %s listed as citing %s does not", claim, ann)
		}
	})
	pairs(ixAttached, func(item, note string) {
		if n, err := t.note(note); err != nil || n.Attached != item {
			problem("index: note %s listed as attached to %s is not", note, item)
		}
	})
	for _, piece := range t.tails([]byte(prefixText)) {
		if ok, _ := t.has(recordKey(KindPiece, piece)); !ok {
			problem("text of missing piece %s left behind", piece)
		}
	}
	for _, rest := range t.tails([]byte(prefixRevision)) {
		piece, _, _ := strings.Cut(rest, "/")
		if ok, _ := t.has(recordKey(KindPiece, piece)); !ok {
			problem("revision %s of a missing piece left behind", rest)
		}
	}
	for _, rest := range t.tails([]byte(ixTag)) {
		tag, id, ok := strings.Cut(rest, "\x00")
		if !ok {
			problem("malformed tag index key %q", rest)
			continue
		}
		if !t.itemHasTag(id, tag) {
			problem("index: item %s listed under tag %q does not carry it", id, tag)
		}
	}
}

func (t *tx) itemHasTag(id, tag string) bool {
	k, err := t.kindOf(id)
	if err != nil {
		return false
	}
	var tags []string
	switch k {
	case KindPiece:
		p, _ := t.piece(id)
		tags = p.Tags
	case KindAnnotation:
		a, _ := t.annotation(id)
		tags = a.Tags
	case KindClaim:
		c, _ := t.claim(id)
		tags = c.Tags
	case KindNote:
		n, _ := t.note(id)
		tags = n.Tags
	}
	return slices.Contains(tags, tag)
}

// checkAnchors confirms that every annotation the store calls anchored or
// moved still reads its quote in the current text, piece by piece so each
// text is read once.
func (t *tx) checkAnchors(problem func(string, ...any)) error {
	for _, id := range t.tails([]byte(prefixPiece)) {
		anns, err := t.annotationsOf(id)
		if err != nil || len(anns) == 0 {
			continue
		}
		text, err := t.text(id)
		if err != nil {
			continue // reported with the piece
		}
		doc := anchor.NewText(text)
		for _, a := range anns {
			if a.Status != anchor.Anchored && a.Status != anchor.Moved {
				continue
			}
			if doc.Slice(a.Selector.Start, a.Selector.End) != a.Selector.Exact {
				problem("annotation %s: marked %s but its span no longer reads its quote", a.ID, a.Status)
			}
		}
	}
	return nil
}
