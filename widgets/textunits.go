package widgets

import "unicode"

// Units of text for double- and triple-click selection, on rune offsets.

// runeClass groups runes that a double-click selects together.
type runeClass int

const (
	classWord runeClass = iota
	classIdeograph
	classSpace
	classPunct
)

// classOf classifies the rune at i. An apostrophe (' or ’) between two word
// runes belongs to the word, so "Beijing’s" and "don't" are one word while
// a closing quote after a word is not. Ideographic scripts write no spaces
// between words, so a run of them is one unit, kept apart from Latin words
// it touches.
func classOf(runes runeSource, i int) runeClass {
	r := runes.at(i)
	switch {
	case isIdeographic(r):
		return classIdeograph
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return classWord
	case r == '\'' || r == '’':
		if i > 0 && i+1 < runes.len() && isWordRune(runes.at(i-1)) && isWordRune(runes.at(i+1)) {
			return classWord
		}
		return classPunct
	case unicode.IsSpace(r):
		return classSpace
	}
	return classPunct
}

func isWordRune(r rune) bool {
	return !isIdeographic(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func isIdeographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// wordAt is the run [start,end) of runes of the same class around rune i:
// the word under a double-click, or the spaces or punctuation there. Line
// breaks end every run.
func wordAt(runes runeSource, i int) (start, end int) {
	if i < 0 || i >= runes.len() {
		i = min(max(i, 0), runes.len())
		return i, i
	}
	if runes.at(i) == '\n' {
		return i, i + 1
	}
	c := classOf(runes, i)
	start, end = i, i+1
	for start > 0 && runes.at(start-1) != '\n' && classOf(runes, start-1) == c {
		start--
	}
	for end < runes.len() && runes.at(end) != '\n' && classOf(runes, end) == c {
		end++
	}
	return start, end
}

// paragraphAt is the paragraph [start,end) holding offset i, without the
// blank line around it: the layout's own paragraphs, which end at "\n\n".
func paragraphAt(runes runeSource, i int) (start, end int) {
	n := runes.len()
	i = min(max(i, 0), n)
	// In the blank lines between paragraphs: take the next paragraph.
	if i > 0 && i < n && runes.at(i) == '\n' && runes.at(i-1) == '\n' {
		for i < n && runes.at(i) == '\n' {
			i++
		}
	}
	start = i
	for start > 1 && !(runes.at(start-1) == '\n' && runes.at(start-2) == '\n') {
		start--
	}
	if start == 1 && runes.at(0) != '\n' {
		start = 0
	}
	end = i
	for end < n && !(runes.at(end) == '\n' && end+1 < n && runes.at(end+1) == '\n') {
		end++
	}
	return start, end
}

// wordBoundary is the offset reached from off by a word-wise move (Ctrl+Left
// or Ctrl+Right): the start of the word before it, or the end of the word
// after it, skipping spaces and punctuation on the way.
func wordBoundary(runes runeSource, off int, forward bool) int {
	n := runes.len()
	off = min(max(off, 0), n)
	isWord := func(i int) bool { c := classOf(runes, i); return c == classWord || c == classIdeograph }
	if forward {
		for off < n && !isWord(off) {
			off++
		}
		if off < n {
			_, off = wordAt(runes, off)
		}
		return off
	}
	for off > 0 && !isWord(off-1) {
		off--
	}
	if off > 0 {
		off, _ = wordAt(runes, off-1)
	}
	return off
}

// snapToWords widens [start,end) so it neither starts nor ends inside a
// word. Apostrophes and hyphens between letters belong to the word
// (Beijing’s, Mazar-i-Sharif); an empty span is left as it is.
func snapToWords(runes runeSource, start, end int) (int, int) {
	start, end = max(0, start), min(runes.len(), end)
	if start >= end {
		return start, end
	}
	for start > 0 && inWord(runes, start-1) && inWord(runes, start) {
		start--
	}
	for end < runes.len() && inWord(runes, end-1) && inWord(runes, end) {
		end++
	}
	return start, end
}

// inWord reports whether rune i belongs to a word, for snapToWords: what
// classOf calls a word or an ideograph, and a hyphen between letters.
func inWord(runes runeSource, i int) bool {
	if c := classOf(runes, i); c == classWord || c == classIdeograph {
		return true
	}
	return runes.at(i) == '-' && i > 0 && i+1 < runes.len() &&
		unicode.IsLetter(runes.at(i-1)) && unicode.IsLetter(runes.at(i+1))
}
