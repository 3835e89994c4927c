package importer

import (
	"strings"
	"unicode/utf8"
)

// Proposal is a place where a piece holding several articles could be
// split: before a headline that a byline follows.
type Proposal struct {
	At      int      `json:"at"`      // rune offset of the headline in the text
	Title   string   `json:"title"`   // the headline
	Authors []string `json:"authors"` // read from the byline
}

// ProposeSplits finds the articles in a text that holds several (a press
// archive, a blog's category page): each headline — a short line that
// reads as a title, at the start of a paragraph — that a byline ("By …",
// "Name, Outlet") follows on the next line or as the next paragraph. It
// proposes a split before each one but an article that opens the text:
// whatever comes before the first headline (an archive's intro line) stays
// as the first part, which keeps the piece's title, its links and its
// revisions, and the articles become new pieces. It only reads, and
// proposes nothing for a text with no byline under a headline.
func ProposeSplits(text string) []Proposal {
	type line struct {
		at        int // rune offset
		byteAt    int
		text      string
		paraStart bool // the first line of a paragraph
	}
	var lines []line
	offset, byteAt, paraStart := 0, 0, true
	for rest := text; ; {
		l, after, more := strings.Cut(rest, "\n")
		if strings.TrimSpace(l) == "" {
			paraStart = true
		} else {
			lines = append(lines, line{at: offset, byteAt: byteAt, text: strings.TrimSpace(l), paraStart: paraStart})
			paraStart = false
		}
		offset += utf8.RuneCountInString(l) + 1
		byteAt += len(l) + 1
		if !more {
			break
		}
		rest = after
	}
	var out []Proposal
	for i := 0; i+1 < len(lines); i++ {
		head, next := lines[i], lines[i+1]
		if !head.paraStart || !looksLikeTitle(head.text) || isByline(head.text) {
			continue
		}
		var m headerMeta
		if !bylineAuthors(next.text, &m) {
			continue
		}
		if strings.TrimSpace(text[:head.byteAt]) == "" {
			continue // the text opens with this article: nothing to cut before it
		}
		// The start of the headline's line, after the line break: a cut at
		// a paragraph's start, as SplitPiece asks.
		out = append(out, Proposal{At: head.at, Title: head.text, Authors: m.authors})
	}
	return out
}
