package suggest

import (
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// token is one word of a text. Words are compared by their folded form
// (lower case, accents stripped, apostrophes dropped), so "Sátbayeva" and
// "Satbayeva", "don’t" and "dont" are the same word.
type token struct {
	start, end int32  // byte offsets of the word in the text
	word       uint64 // hash of the folded word: shingles are made of these
	term       uint64 // hash of the stemmed folded word; 0 for stopwords
	flags      uint8
}

const (
	tCap     uint8 = 1 << iota // starts with an upper-case letter
	tAcronym                   // two or more letters, all upper case: ISKP, U.S.
	tInitial                   // first word of a sentence or of a quotation
	tNumber                    // digits only
	tCJK                       // one ideograph or kana
)

// maxWordBytes bounds the folded form of one word; longer runs of letters
// (base64, URLs without separators) are cut, which only loses their tail.
const maxWordBytes = 64

// tokenizer holds scratch space so that tokenising allocates nothing per
// word. It is not safe for concurrent use.
type tokenizer struct {
	buf []byte
}

// tokens appends the words of s to dst, with offsets shifted by base. The
// first word is marked tInitial, as is any word that opens a quotation or
// follows a colon.
func (tz *tokenizer) tokens(s string, base int, dst []token) []token {
	first := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				i += w
				continue
			}
			if isCJK(r) {
				// Ideographs and kana are written without spaces: each is a
				// word, and shingles of three of them play the part of
				// three-word phrases.
				tz.buf = textnorm.AppendFold(tz.buf[:0], r)
				h := hashBytes(tz.buf)
				dst = append(dst, token{start: int32(base + i), end: int32(base + i + w), word: h, term: h ^ termSeed, flags: tCJK})
				i += w
				continue
			}
		}
		end, next, flags := tz.word(s, i)
		if next <= i {
			next = i + 1 // never loop, whatever word does with odd input
		}
		if len(tz.buf) > 0 {
			t := token{start: int32(base + i), end: int32(base + end), flags: flags}
			t.word = hashBytes(tz.buf)
			if !stopHashes[t.word] {
				t.term = hashBytes(stem(tz.buf)) ^ termSeed
			}
			if len(dst) == first || opensQuote(s, i) {
				t.flags |= tInitial
			}
			dst = append(dst, t)
		}
		i = next
	}
	return dst
}

// word folds the word starting at i into tz.buf and returns where the word
// ends (for display), where scanning resumes (past a possessive "’s"), and
// its flags.
func (tz *tokenizer) word(s string, i int) (end, next int, flags uint8) {
	tz.buf = tz.buf[:0]
	if e := initialism(s, i); e > i {
		upper := true
		for k := i; k < e; k++ {
			if c := s[k]; c != '.' {
				upper = upper && c <= 'Z'
				tz.buf = append(tz.buf, c|0x20)
			}
		}
		if upper {
			flags = tCap | tAcronym
		}
		return e, e, flags
	}
	letters, upper, lower := 0, 0, 0
	j := i
scan:
	for j < len(s) {
		c := s[j]
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, w = utf8.DecodeRuneInString(s[j:])
		}
		switch {
		case (r == '\'' || r == '’' || r == 'ʼ') && j > i:
			// Inside a word only: "don’t", "O’Brien"; a possessive ’s
			// ends the word, so "China’s" is "China". (A word may start
			// with "ʼ", which is a letter.)
			if !letterAt(s, j-1) || !letterAt(s, j+w) {
				break scan
			}
			if (s[j+w] == 's' || s[j+w] == 'S') && !wordAt(s, j+w+1) {
				return j, j + w + 1, tokenFlags(s, i, letters, upper, lower)
			}
			j += w
			continue
		case r == '.' || r == ',':
			// Decimals and thousands: "3.5", "1,000".
			if j > i && isDigit(s[j-1]) && j+1 < len(s) && isDigit(s[j+1]) {
				if r == '.' {
					tz.buf = append(tz.buf, '.')
				}
				j++
				continue
			}
			break scan
		case c < utf8.RuneSelf:
			if !isASCIIWord(c) {
				break scan
			}
			if 'A' <= c && c <= 'Z' {
				upper++
				letters++
				c |= 0x20
			} else if 'a' <= c && c <= 'z' {
				lower++
				letters++
			}
			if len(tz.buf) < maxWordBytes {
				tz.buf = append(tz.buf, c)
			}
		default:
			if !isWordRune(r) || isCJK(r) {
				break scan
			}
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
			}
			if len(tz.buf) < maxWordBytes {
				tz.buf = textnorm.AppendFold(tz.buf, r)
			}
		}
		j += w
	}
	return j, j, tokenFlags(s, i, letters, upper, lower)
}

func tokenFlags(s string, i, letters, upper, lower int) uint8 {
	var f uint8
	if letters == 0 {
		return tNumber
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		f |= tCap
	}
	if upper >= 2 && lower == 0 {
		f |= tAcronym
	}
	return f
}

// initialism returns the end of a dotted initialism such as "U.S." or
// "e.g." starting at i (single ASCII letters each followed by a dot, at
// least two), or i if there is none.
func initialism(s string, i int) int {
	n, j := 0, i
	for j+1 < len(s) && isASCIILetter(s[j]) && s[j+1] == '.' && (j+2 == len(s) || !isASCIILetter(s[j+2]) || j+3 < len(s) && s[j+3] == '.') {
		n++
		j += 2
	}
	if n < 2 || (j < len(s) && isASCIILetter(s[j])) {
		return i
	}
	return j
}

// opensQuote reports whether the word at i follows an opening quote or a
// colon, where a capital says nothing about names.
func opensQuote(s string, i int) bool {
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		switch r {
		case ' ':
			i -= w
			continue
		case '“', '"', '‘', '«', '‹', ':', '「', '『', '(', '—':
			return true
		}
		return false
	}
	return false
}

func letterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		// s[i] may be the last byte of a multi-byte letter.
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return unicode.IsLetter(r)
}

func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIIWord(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isASCIIWord(c byte) bool   { return isASCIILetter(c) || isDigit(c) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// termSeed separates term hashes from word hashes, so that a stem that
// happens to be a word ("attack") is not confused with it in debugging.
const termSeed = 0x5bd1e9955bd1e995

// hashBytes is FNV-1a with a final avalanche, so that every bit of the
// result can be used for MinHash and band keys.
func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return mix64(h)
}

// mix64 is the splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
