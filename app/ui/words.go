package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// snapToWords widens [start,end) so it neither starts nor ends inside a
// word: a drag that stops a letter short ("the freight ya") still marks the
// whole word, which is what a reader means. Apostrophes inside words
// (Beijing’s) count as part of them. Offsets are in runes, as the reader's
// are; text is read where the ends are, with no rune copy of a piece that
// may be 50 MB.
func snapToWords(text string, start, end int) (int, int) {
	start = max(0, start)
	bs := byteOffset(text, 0, start)
	be := byteOffset(text, bs, end-start)
	end = start + utf8.RuneCountInString(text[bs:be]) // clamped to the text
	if start >= end {
		return start, end
	}
	for bs > 0 {
		_, size := utf8.DecodeLastRuneInString(text[:bs])
		if !inWord(text, bs-size) || !inWord(text, bs) {
			break
		}
		bs -= size
		start--
	}
	for be < len(text) {
		_, before := utf8.DecodeLastRuneInString(text[:be])
		if !inWord(text, be-before) || !inWord(text, be) {
			break
		}
		_, size := utf8.DecodeRuneInString(text[be:])
		be += size
		end++
	}
	return start, end
}

// byteOffset is the byte offset n runes after byte offset from in text,
// or len(text) if it has fewer.
func byteOffset(text string, from, n int) int {
	for i := range text[from:] {
		if n == 0 {
			return from + i
		}
		n--
	}
	return len(text)
}

// inWord reports whether the rune at byte offset i of text belongs to a
// word.
func inWord(text string, i int) bool {
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	if r == '\'' || r == '’' || r == '-' {
		// Only between letters: "Beijing’s", "Mazar-i-Sharif".
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+size:])
		return i > 0 && i+size < len(text) && unicode.IsLetter(before) && unicode.IsLetter(after)
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
