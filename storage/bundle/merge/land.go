package merge

import (
	"commonplace/storage"
	"commonplace/storage/anchor"
)

// Where a source's passage lands: on its piece's text as it stands once
// merged. When that is the text the passage was placed on, its place
// holds (only the revision numbers differ between notebooks). Otherwise
// — our text kept and different, or a text edited after its passages
// were placed — the passage is found again in it as an edit would find
// it: confidently (anchored, moved), tentatively (review, with a guess)
// or not at all (orphaned), never dropped or misplaced.

// landing is what the merge knows of the text a piece will have.
type landing struct {
	placedOn    string // the text the source's passages were placed on (see Piece.PlacedOn)
	theirRev    int    // the source's number for its current text
	added       bool   // the piece is new here: its revisions keep the source's numbers
	theirsFinal bool   // the text after the merge is the source's
	finalRev    int    // our number for the text after the merge
	finalHash   string
	prevRev     int // our number for our text before, when theirs replaced it
	prevHash    string
	theirRevs   map[int]string // the source's number → hash of its earlier texts, read when first needed
	ourRevs     map[string]int // hash → our number of earlier texts, read when first needed
}

// landAnnotation returns a as it lands here and, when it had to be
// found again, the status it ended with.
func (m *merger) landAnnotation(b *storage.Batch, a storage.Annotation) (storage.Annotation, anchor.Status, error) {
	L := m.land[a.PieceID]
	if L.placedOn != "" && L.placedOn == L.finalHash && L.added {
		return a, "", nil
	}
	marked, err := m.markedOn(L, a) // the text a's selector was made against
	if err != nil {
		return a, "", err
	}
	if L.placedOn != "" && L.placedOn == L.finalHash {
		a.Rev, err = m.ourRevision(b, a.PieceID, L, marked)
		return a, "", err
	}
	doc, err := m.finalText(b, a.PieceID, L)
	if err != nil {
		return a, "", err
	}
	hint := a.Selector
	if a.Guess != nil {
		// The guess is in the text the passage was placed on: a better
		// hint than where the words were first marked.
		hint.Start, hint.End = a.Guess.Start, a.Guess.End
	}
	res := doc.Resolve(hint)
	a.Status, a.Guess = res.Status, nil
	switch res.Status {
	case anchor.Anchored, anchor.Moved:
		a.Selector, a.Rev = res.Selector(doc), L.finalRev
	case anchor.Review:
		a.Guess = &storage.Span{Start: res.Start, End: res.End}
		fallthrough
	default:
		// The selector keeps the words as marked, against their text.
		if a.Rev, err = m.ourRevision(b, a.PieceID, L, marked); err != nil {
			return a, "", err
		}
	}
	return a, res.Status, nil
}

// markedOn is the hash of the source's text numbered a.Rev: "" when the
// source does not hold it.
func (m *merger) markedOn(L *landing, a storage.Annotation) (string, error) {
	if a.Rev == L.theirRev {
		return L.placedOn, nil
	}
	if L.theirRevs == nil {
		revs, err := m.src.Revisions(a.PieceID)
		if err != nil {
			return "", err
		}
		L.theirRevs = map[int]string{}
		for _, r := range revs {
			L.theirRevs[r.Number] = r.Hash
		}
	}
	return L.theirRevs[a.Rev], nil
}

// ourRevision is our number for the text with hash h, or 0 when this
// notebook does not (or will not) hold that text: the selector's quote
// and context are then the record of what was marked.
func (m *merger) ourRevision(b *storage.Batch, piece string, L *landing, h string) (int, error) {
	switch {
	case h == "":
		return 0, nil
	case h == L.finalHash:
		return L.finalRev, nil
	case L.prevHash != "" && h == L.prevHash:
		return L.prevRev, nil
	}
	if L.ourRevs == nil {
		read := b.Revisions // a piece we had numbers its own texts
		if L.added {
			read = m.src.Revisions // a piece added keeps the source's numbers
		}
		revs, err := read(piece)
		if err != nil {
			return 0, err
		}
		L.ourRevs = map[string]int{}
		for _, r := range revs {
			if _, seen := L.ourRevs[r.Hash]; !seen {
				L.ourRevs[r.Hash] = r.Number
			}
		}
	}
	return L.ourRevs[h], nil
}

// finalText is the text a piece will have once merged, kept for the run
// of passages on it (sources give them grouped by piece).
func (m *merger) finalText(b *storage.Batch, piece string, L *landing) (*anchor.Text, error) {
	if m.cur.piece != piece {
		var text string
		var err error
		if L.theirsFinal {
			text, err = m.src.PieceText(piece)
		} else {
			_, text, err = b.PieceOf(piece)
		}
		if err != nil {
			return nil, err
		}
		m.cur.piece, m.cur.doc = piece, anchor.NewText(text)
	}
	return m.cur.doc, nil
}

// reattachCounts works out, for a dry run, what replacing a piece's text
// would do to our annotations on it, as EditPieceText will.
func reattachCounts(anns []storage.Annotation, text string) map[anchor.Status]int {
	counts := map[anchor.Status]int{}
	for _, res := range storage.Reattach(anns, anchor.NewText(text)) {
		counts[res.Status]++
	}
	return counts
}
