package ui

import (
	"fmt"
	"strings"
	"unicode"
)

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
