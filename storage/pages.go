package storage

import (
	"sort"
	"unicode/utf8"
)

// PagesOf says on which pages (1-based) the span [start, end) of the
// piece's text lies: first and last are equal for a span within one page.
// A piece without pages answers 0, 0. An empty span lies on the page of
// its start; positions outside the text are held to it.
func (p Piece) PagesOf(start, end int) (first, last int) {
	if len(p.Pages) == 0 {
		return 0, 0
	}
	if end < start {
		start, end = end, start
	}
	first = pageAt(p.Pages, start)
	last = first
	if end > start {
		// The span's last rune, not its end: a span ending where a page
		// starts does not reach onto that page.
		last = pageAt(p.Pages, end-1)
	}
	return first, last
}

// pageAt is the page holding the rune at offset: the last page starting at
// or before it, so that of pages starting at the same offset (pages without
// text before it) the one holding text wins.
func pageAt(pages []int, offset int) int {
	i := sort.Search(len(pages), func(i int) bool { return pages[i] > offset })
	return max(i, 1)
}

// CheckPages refuses page starts that do not describe a text of runes code
// points, for a reader of outside input (a bundle) that says which piece.
func CheckPages(pages []int, runes int) error { return checkPages(pages, runes) }

// checkPages refuses page starts that do not describe a text of runes
// code points: they must start at 0, never decrease and stay within it.
func checkPages(pages []int, runes int) error {
	if len(pages) == 0 {
		return nil
	}
	if pages[0] != 0 {
		return invalid("the first page must start where the text does (at 0, not %d)", pages[0])
	}
	for i := 1; i < len(pages); i++ {
		if pages[i] < pages[i-1] {
			return invalid("page %d starts before page %d", i+1, i)
		}
	}
	if last := pages[len(pages)-1]; last > runes {
		return invalid("page %d starts at %d, past the end of the text (%d characters)", len(pages), last, runes)
	}
	return nil
}

// pagesWithin are the page starts of the stretch [start, end) of a text
// with pages, as a text of its own (a part of a split piece): each page
// keeps its number, so the pages before the stretch start where it does
// (a page with no text starts where the next one does) and those after
// it are left out. Nil for a text without pages.
func pagesWithin(pages []int, start, end int) []int {
	var out []int
	for _, at := range pages {
		if at >= end {
			break
		}
		out = append(out, min(max(at-start, 0), end-start))
	}
	return out
}

// mapPages carries page starts from the text before an edit to the text
// after it. An edit changes one stretch of the text (everything between
// the longest common start and the longest common end of the two): a page
// starting before that stretch keeps its offset, one starting after it
// moves with the text's change of length, and one starting inside it is
// held to the stretch's new end, since nothing says where in the new words
// the page break fell. Pages of a text edited in many places stay roughly
// right; they are the pages of the source, which the edit did not change.
func mapPages(pages []int, before, after string) []int {
	if len(pages) == 0 {
		return nil
	}
	prefix, suffix := commonEnds(before, after)
	oldLen, newLen := utf8.RuneCountInString(before), utf8.RuneCountInString(after)
	changedEnd := oldLen - suffix // the changed stretch is [prefix, changedEnd) of the old text
	out := make([]int, len(pages))
	for i, start := range pages {
		switch {
		case start <= prefix:
			out[i] = start
		case start >= changedEnd:
			out[i] = start + newLen - oldLen
		default:
			out[i] = newLen - suffix
		}
		out[i] = min(max(out[i], 0), newLen)
		if i > 0 && out[i] < out[i-1] {
			out[i] = out[i-1]
		}
	}
	return out
}

// commonEnds is the length in runes of the longest start and the longest
// end the two texts share, not overlapping in either.
func commonEnds(a, b string) (prefix, suffix int) {
	i := 0
	for i < len(a) && i < len(b) {
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[i:])
		if ra != rb || na != nb {
			break
		}
		i += na
		prefix++
	}
	ja, jb := len(a), len(b)
	for ja > i && jb > i {
		ra, na := utf8.DecodeLastRuneInString(a[:ja])
		rb, nb := utf8.DecodeLastRuneInString(b[:jb])
		if ra != rb || na != nb {
			break
		}
		ja, jb = ja-na, jb-nb
		suffix++
	}
	return prefix, suffix
}
