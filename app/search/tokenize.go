package search

import (
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// maxWordRunes caps indexed words: longer runs of letters are URLs, hashes or
// base64 that nobody types, and they would bloat the vocabulary.
const maxWordRunes = 48

// tokenizer cuts a string into folded words. A word is a run of letters and
// digits (combining marks continue a word); every other character
// separates. Han and kana characters are words on their own, because those
// scripts do not put spaces between words.
//
// After next returns true, the fields describe the current word. The zero
// value is ready to use; reset points it at a new string. It keeps its
// buffer between strings so that indexing allocates nothing per word.
type tokenizer struct {
	s     string
	i, ri int // byte and rune position

	buf                []byte // the folded word; valid until the next call
	hash               uint64 // hashWord of buf, computed on the way
	start, end         int    // byte offsets of the word in s
	runeStart, runeEnd int    // rune offsets of the word in s
	folded             int    // runes in buf

	track  bool  // fill prefix (for highlighting partial words)
	prefix []int // per folded rune: runes of s it covers, from runeStart
}

func (t *tokenizer) reset(s string) {
	t.s, t.i, t.ri = s, 0, 0
}

// word returns the current folded word.
func (t *tokenizer) word() []byte { return t.buf }

// FNV-1a, folded into the tokenizer loop so lookups need no second pass.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// asciiFold maps ASCII letters and digits to their folded byte and every
// other ASCII byte to 0: one load classifies and lowers a byte.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		if isASCIIWord(byte(c)) {
			t[c] = byte(c)
			if 'A' <= c && c <= 'Z' {
				t[c] += 'a' - 'A'
			}
		}
	}
	return t
}()

// next advances to the next word and reports whether there was one.
func (t *tokenizer) next() bool {
	s := t.s
	i, ri := t.i, t.ri
	// Skip separators.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiFold[c] != 0 {
				break
			}
			i++
			ri++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordStart(r) {
			break
		}
		i += size
		ri++
	}
	if i >= len(s) {
		t.i, t.ri = i, ri
		return false
	}
	buf := t.buf[:0]
	t.prefix = t.prefix[:0]
	h := uint64(fnvOffset)
	start, rstart := i, ri
	folded := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			l := asciiFold[c]
			if l == 0 {
				if c == '\'' {
					if j, rj, ok := t.clitic(i, ri); ok {
						i, ri = j, rj
						continue
					}
				}
				break
			}
			if folded < maxWordRunes {
				buf = append(buf, l)
				h = (h ^ uint64(l)) * fnvPrime
				folded++
				if t.track {
					t.prefix = append(t.prefix, ri+1-rstart)
				}
			}
			i++
			ri++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '’' {
			if j, rj, ok := t.clitic(i, ri); ok {
				i, ri = j, rj
				continue
			}
		}
		ideo := isIdeograph(r)
		if ideo && i > start {
			break // the ideograph starts the next word
		}
		if !ideo && !isWordRune(r) {
			break
		}
		if folded < maxWordRunes {
			n := len(buf)
			buf = textnorm.AppendFold(buf, r)
			for k := n; k < len(buf); k++ {
				h = (h ^ uint64(buf[k])) * fnvPrime
				if buf[k] < utf8.RuneSelf || buf[k] >= 0xC0 {
					folded++
					if t.track {
						t.prefix = append(t.prefix, ri+1-rstart)
					}
				}
			}
		}
		i += size
		ri++
		if ideo {
			break
		}
	}
	t.i, t.ri, t.buf = i, ri, buf
	if len(buf) == 0 {
		// A word made only of marks that fold away: skip it.
		return t.next()
	}
	t.hash, t.start, t.end, t.runeStart, t.runeEnd, t.folded = h, start, i, rstart, ri, folded
	return true
}

// hashWord is the hash the tokenizer computes, for words from elsewhere.
func hashWord[S string | []byte](w S) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * fnvPrime
	}
	return h
}

// clitic handles an apostrophe at byte i (rune ri) inside a word.
// "Beijing's" and "don't" keep their first part only, so that a query for
// "beijing" finds them and a stray "s" does not flood the index; the
// apostrophe and clitic are swallowed and clitic returns where the word
// goes on. "O'Brien" and "Qal'a" split in two: ok is false.
func (t *tokenizer) clitic(i, ri int) (int, int, bool) {
	s := t.s
	_, size := utf8.DecodeRuneInString(s[i:])
	j := i + size
	k, n := j, 0
	for k < len(s) {
		r, sz := utf8.DecodeRuneInString(s[k:])
		if !isWordRune(r) || r == '’' || r == '\'' {
			break
		}
		k += sz
		n++
	}
	if n == 0 || n > 2 || !isClitic(s[j:k]) {
		return i, ri, false
	}
	return k, ri + 1 + n, true
}

func isClitic(s string) bool {
	switch s {
	case "s", "S", "t", "T", "d", "D", "ll", "LL", "re", "RE", "ve", "VE", "m", "M":
		return true
	}
	return false
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isIdeograph(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// foldWords returns the folded words of s, as the index sees them.
func foldWords(s string) []string {
	var t tokenizer
	t.reset(s)
	var out []string
	for t.next() {
		out = append(out, string(t.word()))
	}
	return out
}
