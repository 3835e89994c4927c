package webanno

import (
	"fmt"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// Where a foreign passage lands in its text. The text a producer
// annotated is rarely byte for byte the one the importer made of the
// file (a title line taken out, lines unwrapped, Markdown rendered,
// white space normalised), so a position is only a hint: the quote is
// found again as an edit of the text would find it (see anchor.Resolve),
// confidently (anchored, moved), tentatively (review, with a guess) or
// not at all (orphaned), and kept whatever the outcome.

// pieceRev is the revision number of an imported piece's text.
const pieceRev = 1

// anchorPassage places the target of it in doc, or says why it cannot.
func anchorPassage(doc *anchor.Text, it *item) (storage.Annotation, string) {
	n := doc.Len()
	if it.quote == nil {
		// Only a position: the words are whatever the text holds there,
		// which nothing confirms, so the passage is flagged for review.
		p := it.pos
		if p.end > n || p.start >= p.end {
			return storage.Annotation{}, fmt.Sprintf("its position %d–%d is not a passage of a text of %d characters, and it has no quote", p.start, p.end, n)
		}
		sel, err := doc.Describe(p.start, p.end)
		if err != nil {
			return storage.Annotation{}, fmt.Sprintf("its position %d–%d is not a passage of its text", p.start, p.end)
		}
		return storage.Annotation{Selector: sel, Rev: pieceRev, Status: anchor.Review, Guess: &storage.Span{Start: p.start, End: p.end}}, ""
	}
	q := it.quote
	hint := 0
	if it.pos != nil {
		hint = min(it.pos.start, n)
	}
	// The selector as marked: the quote at the hinted place, its length
	// its own (the reader checks that a position fits its quote).
	sel := anchor.Selector{Exact: q.exact, Prefix: q.prefix, Suffix: q.suffix, Start: hint, End: hint + utf8.RuneCountInString(q.exact)}
	res := doc.Resolve(sel)
	switch res.Status {
	case anchor.Anchored, anchor.Moved:
		st := res.Status
		if it.pos == nil {
			st = anchor.Anchored // found with confidence, and there was no place to move from
		}
		return storage.Annotation{Selector: res.Selector(doc), Rev: pieceRev, Status: st}, ""
	case anchor.Review:
		// The words as marked stay in the selector, on a text this
		// notebook does not hold (revision 0); the guess shows where.
		a := storage.Annotation{Selector: sel, Status: anchor.Review}
		if res.Start < res.End {
			a.Guess = &storage.Span{Start: res.Start, End: res.End}
		}
		return a, ""
	}
	return storage.Annotation{Selector: sel, Status: anchor.Orphaned}, ""
}
