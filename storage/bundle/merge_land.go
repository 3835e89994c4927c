package bundle

import (
	"commonplace/storage"
	"commonplace/storage/anchor"
)

// Where a bundle's passage lands. On a piece the bundle brings, it lands
// exactly as it was. On a piece we had, it lands on our text after the
// merge: when that is the bundle's text its place holds (only the
// revision numbers differ between notebooks); when our text was kept and
// differs, the passage is re-anchored against it like any edit would,
// and flagged for review or orphaned rather than dropped or misplaced.

// landing is what the merge knows of a piece that was here already.
type landing struct {
	bundleRev  int    // the bundle's number for its current text
	bundleHash string // the bundle's text
	localRev   int    // our number for our text before the merge
	localHash  string
	finalRev   int // our number for the text after the merge
	finalHash  string
	textTaken  bool           // the bundle's text replaced ours (ours is now revision localRev)
	revs       map[string]int // hash → number of our earlier texts, read when first needed
}

// landAnnotation returns a as it lands here and, when it had to be
// re-anchored, the status it ended with.
func (m *merger) landAnnotation(b *storage.Batch, a storage.Annotation) (storage.Annotation, anchor.Status, error) {
	L := m.land[a.PieceID]
	if L == nil {
		return a, "", nil
	}
	marked := L.bundleHash // the text a's selector was made against
	if a.Rev != L.bundleRev {
		marked = m.bun.pieces[a.PieceID].revs[a.Rev]
	}
	if L.finalHash == L.bundleHash {
		rev, err := m.ourRevision(b, a.PieceID, L, marked)
		a.Rev = rev
		return a, "", err
	}
	doc, err := m.ourText(b, a.PieceID)
	if err != nil {
		return a, "", err
	}
	hint := a.Selector
	if a.Guess != nil {
		// The guess is in the bundle's current text: a better hint than
		// where the words were first marked.
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

// ourRevision is our number for the text with hash h, or 0 when this
// notebook does not hold that text (the selector's quote and context are
// then the record of what was marked).
func (m *merger) ourRevision(b *storage.Batch, piece string, L *landing, h string) (int, error) {
	switch {
	case h == "":
		return 0, nil
	case h == L.finalHash:
		return L.finalRev, nil
	case L.textTaken && h == L.localHash:
		return L.localRev, nil
	}
	if L.revs == nil {
		revs, err := b.Revisions(piece)
		if err != nil {
			return 0, err
		}
		L.revs = map[string]int{}
		for _, r := range revs {
			if _, seen := L.revs[r.Hash]; !seen {
				L.revs[r.Hash] = r.Number
			}
		}
	}
	return L.revs[h], nil
}

// ourText is our current text of a piece, kept for the run of passages
// on it (annotations.jsonld groups them by piece).
func (m *merger) ourText(b *storage.Batch, piece string) (*anchor.Text, error) {
	if m.cur.piece != piece {
		_, text, err := b.PieceOf(piece)
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
	doc := anchor.NewText(text)
	sels := make([]anchor.Selector, len(anns))
	for i, a := range anns {
		sels[i] = a.Selector
		if a.Guess != nil {
			sels[i].Start, sels[i].End = a.Guess.Start, a.Guess.End
		}
	}
	counts := map[anchor.Status]int{}
	for _, res := range doc.ResolveAll(sels) {
		counts[res.Status]++
	}
	return counts
}
