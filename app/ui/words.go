package ui

import (
	"fmt"
	"strings"
	"unicode"
)

// snapToWords widens [start,end) so it neither starts nor ends inside a
// word: a drag that stops a letter short ("the freight ya") still marks the
// whole word, which is what a reader means. Apostrophes inside words
// (Beijing’s) count as part of them.
func snapToWords(text []rune, start, end int) (int, int) {
	start, end = max(0, start), min(len(text), end)
	if start >= end {
		return start, end
	}
	for start > 0 && inWord(text, start-1) && inWord(text, start) {
		start--
	}
	for end < len(text) && inWord(text, end-1) && inWord(text, end) {
		end++
	}
	return start, end
}

// inWord reports whether text[i] belongs to a word.
func inWord(text []rune, i int) bool {
	r := text[i]
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	if r == '\'' || r == '’' || r == '-' {
		// Only between letters: "Beijing’s", "Mazar-i-Sharif".
		return i > 0 && i+1 < len(text) && unicode.IsLetter(text[i-1]) && unicode.IsLetter(text[i+1])
	}
	return false
}

// elideMiddle shortens s, when it is longer than head+tail runes, to its
// first head and last tail runes around " … ", cutting at spaces so that
// no word is broken: the start and end of a long passage say which it is.
func elideMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return s
	}
	h, t := head, len(r)-tail
	for h > head/2 && !unicode.IsSpace(r[h]) {
		h--
	}
	for t < len(r)-tail/2 && !unicode.IsSpace(r[t-1]) {
		t++
	}
	return strings.TrimRightFunc(string(r[:h]), unicode.IsSpace) + " … " + strings.TrimLeftFunc(string(r[t:]), unicode.IsSpace)
}

// plural is a count with the words that agree with it: one when n is 1,
// many otherwise ("1 result", "3 results"). Both forms are written out, so
// irregular nouns and the verb after the noun agree as well
// (plural(n, "item was", "items were")).
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
