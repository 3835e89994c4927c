package storage

import (
	"fmt"
	"strings"
	"unicode"

	"commonplace/storage/anchor"
	"commonplace/storage/textnorm"
)

// SplitPiece cuts a piece holding several articles (a press archive, a
// blog's category page) into pieces, at the rune offsets at of its current
// text, in one transaction. The original piece keeps the first part: its
// whole text before the split is kept as a revision, exactly as an edit
// keeps it, so the split can be seen and taken back by hand from that
// revision. Each further part becomes a new piece with the original's
// metadata (authors, outlet, date, URL, tags, format) and titles[i], or
// a title from its first line when titles[i] is "" (the first part keeps
// its title unless titles[0] is set).
//
// Passages go with their words: each keeps its id, so links, claims and
// notes that name it follow without a change, and only its piece, its
// selector and the piece→passages index change. A passage flagged for
// review goes where its guess lies; an orphaned one has no place in the
// text and stays on the first piece, whose revisions hold its words.
// Links, notes and kept conflicts that name the piece itself stay with the
// first part, which is the piece.
//
// An offset must lie inside the text, after the one before it, next to a
// space or line break (a cut never splits a word), and outside every
// passage; otherwise nothing is written and the error says why, quoting
// the passage that would be cut. A piece or a passage of it with a kept
// conflict is refused: the other side's version names the whole text.
func (s *Store) SplitPiece(pieceID string, at []int, titles []string) ([]Piece, error) {
	return s.SplitArticles(pieceID, at, titles, nil)
}

// SplitArticles is SplitPiece with each part's authors as its own byline
// names them (importer.ProposeSplits reads them): authors[i] replaces the
// original's authors on part i when it is not empty.
func (s *Store) SplitArticles(pieceID string, at []int, titles []string, authors [][]string) ([]Piece, error) {
	var out []Piece
	err := s.update(func(t *tx) error {
		var err error
		out, err = t.splitPiece(pieceID, at, titles, authors)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// splitPart is one part of a split: runes [start,end) of the old text,
// whitespace at its ends left out.
type splitPart struct {
	start, end int
	text       string
}

func (t *tx) splitPiece(pieceID string, at []int, titles []string, authors [][]string) ([]Piece, error) {
	p, err := t.piece(pieceID)
	if err != nil {
		return nil, err
	}
	old, err := t.text(pieceID)
	if err != nil {
		return nil, err
	}
	if len(at) == 0 {
		return nil, invalid("say where to split the piece: no offset was given")
	}
	if len(titles) > len(at)+1 || len(authors) > len(at)+1 {
		return nil, invalid("%d titles and %d bylines were given for %d parts", len(titles), len(authors), len(at)+1)
	}
	for _, title := range titles {
		if strings.ContainsAny(title, "\n\r") {
			return nil, invalid("a title is one line: %s", Quote(title))
		}
	}
	if n := len(t.tails([]byte(prefixConflict + pieceID + "/"))); n > 0 {
		return nil, invalid("the piece has a conflicting version kept from an import; resolve it before splitting the piece")
	}
	runes := []rune(old)
	parts, err := splitParts(runes, at)
	if err != nil {
		return nil, err
	}
	anns, err := t.annotationsOf(pieceID)
	if err != nil {
		return nil, err
	}
	// Which part each passage goes to; a cut through one refuses the split.
	partOf := make([]int, len(anns))
	for i, a := range anns {
		if n := len(t.tails([]byte(prefixConflict + a.ID + "/"))); n > 0 {
			return nil, invalid("the passage %s has a conflicting version kept from an import; resolve it before splitting the piece", Quote(a.Selector.Exact))
		}
		place, ok := a.Place()
		if !ok {
			continue // orphaned: stays on the first piece
		}
		for _, cut := range at {
			if place.Start < cut && cut < place.End {
				return nil, invalid("the split at %d would cut the passage %s; split before or after it", cut, Quote(string(runes[place.Start:place.End])))
			}
		}
		for _, cut := range at {
			if place.Start >= cut {
				partOf[i]++
			}
		}
		if pt := parts[partOf[i]]; place.End > pt.end && place.Start < place.End {
			// Only whitespace lies between parts, and a passage never
			// ends in it; a passage that does is refused, not moved half.
			return nil, invalid("the passage %s lies across the split; split before or after it", Quote(a.Selector.Exact))
		}
	}

	// The first part: the piece itself, its old text kept as a revision.
	first := p
	if err := t.keepRevision(&first, old); err != nil {
		return nil, err
	}
	first.Pages = pagesWithin(p.Pages, parts[0].start, parts[0].end)
	if len(titles) > 0 && strings.TrimSpace(titles[0]) != "" {
		first.Title = oneLine(titles[0])
	}
	if len(authors) > 0 && len(authors[0]) > 0 {
		first.Authors = cleanList(authors[0])
	}
	if err := t.set(textKey(pieceID), []byte(parts[0].text)); err != nil {
		return nil, err
	}
	setTextStats(&first, parts[0].text)
	first.Updated = t.now
	if err := t.putJSON(recordKey(KindPiece, pieceID), first); err != nil {
		return nil, err
	}
	t.changed(OpUpdate, KindPiece, pieceID)
	out := []Piece{first}

	for j, part := range parts[1:] {
		np := Piece{
			Authors: p.Authors, Outlet: p.Outlet, Published: p.Published, URL: p.URL,
			Accessed: p.Accessed, Tags: p.Tags, Format: p.Format, Pages: pagesWithin(p.Pages, part.start, part.end),
		}
		if j+1 < len(titles) {
			np.Title = titles[j+1]
		}
		if j+1 < len(authors) && len(authors[j+1]) > 0 {
			np.Authors = authors[j+1]
		}
		np, err := t.addPiece(np, part.text)
		if err != nil {
			return nil, err
		}
		out = append(out, np)
	}

	docs := make([]*anchor.Text, len(parts)) // made only for parts with passages
	for i, a := range anns {
		j := partOf[i]
		if docs[j] == nil {
			docs[j] = anchor.NewText(parts[j].text)
		}
		before := a
		place, placed := a.Place()
		shift := func(s Span) Span { return Span{s.Start - parts[j].start, s.End - parts[j].start} }
		switch {
		case !placed:
			// Orphaned: its selector stays on the revision it was marked
			// on, which the first piece keeps.
		case a.Status == anchor.Anchored || a.Status == anchor.Moved:
			sp := shift(place)
			sel, err := docs[j].Describe(sp.Start, sp.End)
			if err != nil {
				return nil, fmt.Errorf("passage %s after the split: %w", a.ID, err)
			}
			a.Selector, a.Rev = sel, out[j].Revision
		case j == 0:
			// Review on the first part: the guess stays where it is and
			// the selector on the revision it was marked on, as an edit
			// leaves it.
		default:
			// Review on a new piece, which has only revision 1: the
			// selector keeps the words as marked, placed at the guess.
			sp := shift(place)
			a.Guess = &sp
			a.Selector.Start, a.Selector.End, a.Rev = sp.Start, sp.End, out[j].Revision
		}
		a.PieceID = out[j].ID
		if a.PieceID != before.PieceID {
			if err := t.del(pairKey(ixPieceAnn, before.PieceID, a.ID)); err != nil {
				return nil, err
			}
			if err := t.setIndex(pairKey(ixPieceAnn, a.PieceID, a.ID)); err != nil {
				return nil, err
			}
		}
		if a.PieceID != before.PieceID || a.Selector != before.Selector || a.Rev != before.Rev || !sameSpan(a.Guess, before.Guess) {
			if err := t.putAnnotation(a, &before); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// splitParts checks the offsets and cuts runes at them, leaving out the
// whitespace at each part's ends.
func splitParts(runes []rune, at []int) ([]splitPart, error) {
	var parts []splitPart
	prev := 0
	for i, cut := range at {
		switch {
		case cut <= 0 || cut >= len(runes):
			return nil, invalid("the offset %d is outside the text, which has %d characters; a split lies between its first and last", cut, len(runes))
		case i > 0 && cut <= at[i-1]:
			return nil, invalid("the offsets must ascend: %d comes after %d", cut, at[i-1])
		case !unicode.IsSpace(runes[cut-1]) && !unicode.IsSpace(runes[cut]):
			return nil, invalid("the offset %d falls inside the word %s; split at a space or a paragraph's start", cut, Quote(wordAt(runes, cut)))
		}
		parts = append(parts, splitPart{start: prev, end: cut})
		prev = cut
	}
	parts = append(parts, splitPart{start: prev, end: len(runes)})
	for i := range parts {
		pt := &parts[i]
		for pt.start < pt.end && unicode.IsSpace(runes[pt.start]) {
			pt.start++
		}
		for pt.end > pt.start && unicode.IsSpace(runes[pt.end-1]) {
			pt.end--
		}
		if pt.start == pt.end {
			return nil, invalid("part %d of the split would be empty", i+1)
		}
		pt.text = string(runes[pt.start:pt.end])
		// A part is a stretch of a normalised text; should normalising it
		// change it (a part beginning with a combining mark), positions
		// would no longer agree, so refuse rather than shift passages.
		if textnorm.Normalize(pt.text) != pt.text {
			return nil, invalid("part %d of the split would not start or end cleanly (%s); split at another place", i+1, Quote(firstLine(pt.text)))
		}
	}
	return parts, nil
}

// wordAt is the word around rune offset i, for a message.
func wordAt(runes []rune, i int) string {
	s, e := i, i
	for s > 0 && !unicode.IsSpace(runes[s-1]) {
		s--
	}
	for e < len(runes) && !unicode.IsSpace(runes[e]) {
		e++
	}
	return string(runes[s:e])
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// SplitSummary is the sentence a split is reported with.
func SplitSummary(parts []Piece) string {
	if len(parts) < 2 {
		return "nothing was split"
	}
	return fmt.Sprintf("split into %d pieces; the whole text is kept as revision %d of %s", len(parts), parts[0].Revision-1, Quote(parts[0].Title))
}
