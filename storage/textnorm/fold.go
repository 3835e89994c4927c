package textnorm

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding is how Commonplace compares letters wherever a researcher types
// words to find: search, suggestions of similar passages, find in a
// piece, the library's filter. A folded letter is lower case, without
// accents or other marks, its compatibility form decomposed ("ﬁ" is "fi",
// full-width "Ａ" is "a"); letters that carry no decomposition but read as
// accented plain letters are spelled out ("ß" is "ss", "ø" is "o", "ł" is
// "l"), so a name keyed in on an English keyboard still matches.

// AppendFold appends the folded form of r to dst.
func AppendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if int(r) < len(foldTable) {
		return append(dst, foldTable[r]...)
	}
	return append(dst, foldSlow(r)...)
}

// Fold is s with every letter folded.
func Fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = AppendFold(b, r)
	}
	return string(b)
}

// FoldRune is r folded when its fold is exactly one letter, else r in
// lower case: for callers that compare a text rune for rune and map
// offsets one to one (find in a piece). A mark stays itself.
func FoldRune(r rune) rune {
	var buf [2 * utf8.UTFMax]byte
	f := AppendFold(buf[:0], r)
	if c, size := utf8.DecodeRune(f); size > 0 && size == len(f) {
		return c
	}
	if len(f) == 0 {
		return r
	}
	return unicode.ToLower(r)
}

// specialFold covers letters that carry no decomposition but that readers
// still consider accented forms of plain letters.
var specialFold = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ħ': "h", 'Ħ': "h",
	'ŧ': "t", 'Ŧ': "t", 'ŋ': "n", 'Ŋ': "n", 'ĸ': "k", 'ſ': "s",
}

// foldTable caches the folding of the Latin, Greek and Cyrillic blocks,
// which is nearly every non-ASCII letter a European notebook meets.
var foldTable = func() []string {
	t := make([]string, 0x530)
	for r := rune(0x80); r < rune(len(t)); r++ {
		t[r] = foldSlow(r)
	}
	return t
}()

func foldSlow(r rune) string {
	if s, ok := specialFold[r]; ok {
		return s
	}
	if unicode.IsMark(r) {
		return ""
	}
	var out []byte
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFKD.Bytes(buf[:n])
	if len(d) == n && string(d) == string(buf[:n]) {
		return string(unicode.ToLower(r)) // no decomposition
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if unicode.IsMark(c) {
			continue
		}
		if s, ok := specialFold[c]; ok {
			out = append(out, s...)
			continue
		}
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			// Compatibility forms can hide separators ("½" is "1⁄2"): a
			// folded word must read as one word again.
			continue
		}
		out = utf8.AppendRune(out, unicode.ToLower(c))
	}
	// Han and kana are words of one character each, so a fold that turns
	// a character into several of them ("ゟ" is "より") or puts one inside
	// a word would split differently when the folded word is read again.
	for _, c := range string(out) {
		if isIdeograph(c) && (!isIdeograph(r) || utf8.RuneCount(out) > 1) {
			return string(unicode.ToLower(r))
		}
	}
	return string(out)
}

// isIdeograph reports a rune of a script written without spaces, one
// character a word: Han, Hiragana, Katakana.
func isIdeograph(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}
