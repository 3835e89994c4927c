package storage

import (
	"commonplace/storage/anchor"
	"commonplace/storage/textnorm"
)

// EditReport tells what editing a piece's text did to its annotations.
type EditReport struct {
	Revision  int                      `json:"revision"` // the new current revision
	Unchanged bool                     `json:"unchanged"`
	Counts    map[anchor.Status]int    `json:"counts"`
	Outcomes  map[string]anchor.Status `json:"outcomes"` // annotation id → status
}

// EditPieceText replaces a piece's text, keeps the old one as a revision and
// re-attaches every annotation, all in one transaction. Annotations are never
// dropped: those that cannot be placed with confidence are kept and flagged
// for review or as orphaned.
func (s *Store) EditPieceText(pieceID, text string) (EditReport, error) {
	var rep EditReport
	err := s.update(func(t *tx) error {
		var err error
		rep, err = t.editText(pieceID, text)
		return err
	})
	return rep, err
}

func (t *tx) editText(pieceID, text string) (EditReport, error) {
	rep := EditReport{Counts: map[anchor.Status]int{}, Outcomes: map[string]anchor.Status{}}
	text = textnorm.Normalize(text)
	if text == "" {
		return rep, invalid("the new text is empty; delete the piece instead")
	}
	if err := checkTextSize(text); err != nil {
		return rep, err
	}
	p, err := t.piece(pieceID)
	if err != nil {
		return rep, err
	}
	old, err := t.text(pieceID)
	if err != nil {
		return rep, err
	}
	rep.Revision = p.Revision
	if old == text {
		rep.Unchanged = true
		return rep, nil
	}
	newP := p
	// A bibliographic piece's first text is attached, not edited: there
	// is no earlier text to keep, and it becomes revision 1.
	if old != "" {
		if err := t.keepRevision(&newP, old); err != nil {
			return rep, err
		}
	}
	if err := t.set(textKey(pieceID), []byte(text)); err != nil {
		return rep, err
	}
	setTextStats(&newP, text)
	newP.Pages = mapPages(p.Pages, old, text)
	newP.Updated = t.now
	if err := t.putJSON(recordKey(KindPiece, pieceID), newP); err != nil {
		return rep, err
	}
	t.changed(OpUpdate, KindPiece, pieceID)
	rep.Revision = newP.Revision

	anns, err := t.annotationsOf(pieceID)
	if err != nil || len(anns) == 0 {
		return rep, err // an anchor index of a long text is large: made only when needed
	}
	doc := anchor.NewText(text)
	for i, res := range Reattach(anns, doc) {
		a := anns[i]
		before := a
		a.Status, a.Guess = res.Status, nil
		switch res.Status {
		case anchor.Anchored, anchor.Moved:
			// Confident: the quote and context now come from the new text.
			a.Selector, a.Rev = res.Selector(doc), newP.Revision
		case anchor.Review:
			// Keep the words as the researcher marked them (the selector
			// stays on its revision) and note the best guess.
			a.Guess = &Span{res.Start, res.End}
		case anchor.Orphaned:
			// Keep the selector exactly as it was: the quote and its
			// revision are the only record of what was marked.
		}
		rep.Counts[a.Status]++
		rep.Outcomes[a.ID] = a.Status
		if a.Selector != before.Selector || a.Status != before.Status || a.Rev != before.Rev || !sameSpan(a.Guess, before.Guess) {
			if err := t.putAnnotation(a, &before); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// keepRevision keeps old, p's current text, as its revision and numbers
// p's next text after it: what an edit and a split do before replacing
// the text.
func (t *tx) keepRevision(p *Piece, old string) error {
	rev := Revision{V: recordVersion, PieceID: p.ID, Number: p.Revision, Hash: p.Hash, Text: old, Replaced: t.now}
	if err := t.putJSON(revisionKey(p.ID, p.Revision), rev); err != nil {
		return err
	}
	p.Revision++
	return nil
}

// Reattach finds annotations again on a piece's new text, as editing the
// text does; an import's dry run calls it to say what replacing a text
// would do. Each is looked for from its last guess when it has one: a
// better hint of where to look than where the words were first marked.
func Reattach(anns []Annotation, doc *anchor.Text) []anchor.Result {
	sels := make([]anchor.Selector, len(anns))
	for i, a := range anns {
		sels[i] = a.Selector
		if a.Guess != nil {
			sels[i].Start, sels[i].End = a.Guess.Start, a.Guess.End
		}
	}
	return doc.ResolveAll(sels)
}

func sameSpan(a, b *Span) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
