package widgets

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// runeSource is text addressed by rune offset: what the word and
// paragraph finders read.
type runeSource interface {
	at(i int) rune
	len() int
}

// runeMarkEvery is how many runes apart runeText notes byte offsets.
const runeMarkEvery = 256

// runeText is a piece's text kept as the string it came in, addressed by
// rune offset (offsets everywhere are runes). A 50 MB piece as []rune
// would take 200 MB and a slow conversion before anything is shown; this
// takes nothing for ASCII text, where a rune offset is a byte offset, and a
// byte offset per 256 runes otherwise. Lookups start from the last one
// (they mostly walk through the text) or from the nearest noted offset.
// Substrings share the text's memory.
type runeText struct {
	s     string
	n     int   // runes
	ascii bool  // every rune is a byte
	marks []int // marks[k] is the byte offset of rune k*runeMarkEvery
	// The last rune offset looked up and its byte offset.
	lastRune, lastByte int
}

func newRuneText(s string) runeText {
	t := runeText{s: s}
	i := asciiPrefix(s)
	if i == len(s) {
		t.ascii, t.n = true, len(s)
		return t
	}
	t.marks = make([]int, 0, len(s)/runeMarkEvery+1)
	r := 0
	for b := 0; b < len(s); r++ {
		if r%runeMarkEvery == 0 {
			t.marks = append(t.marks, b)
		}
		if s[b] < utf8.RuneSelf {
			b++
		} else {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
		}
	}
	t.n = r
	return t
}

// asciiPrefix is the length of s's leading run of ASCII bytes, read eight
// at a time: it is the whole of most pieces, and checked on every open.
func asciiPrefix(s string) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	return i
}

func (t *runeText) len() int { return t.n }

// at is the rune at offset i (0 <= i < len).
func (t *runeText) at(i int) rune {
	if t.ascii {
		return rune(t.s[i])
	}
	r, _ := utf8.DecodeRuneInString(t.s[t.byteAt(i):])
	return r
}

// slice is runes [i,j) as a substring of the text.
func (t *runeText) slice(i, j int) string {
	if t.ascii {
		return t.s[i:j]
	}
	b := t.byteAt(i)
	return t.s[b:t.byteAt(j)]
}

// byteAt is the byte offset of rune offset i (0 <= i <= len).
func (t *runeText) byteAt(i int) int {
	if t.ascii || len(t.marks) == 0 { // the zero runeText is empty
		return i
	}
	k := min(i/runeMarkEvery, len(t.marks)-1)
	r, b := k*runeMarkEvery, t.marks[k]
	if d := i - t.lastRune; max(d, -d) < i-r {
		r, b = t.lastRune, t.lastByte
	}
	for ; r < i; r++ {
		if t.s[b] < utf8.RuneSelf {
			b++
		} else {
			_, size := utf8.DecodeRuneInString(t.s[b:])
			b += size
		}
	}
	for ; r > i; r-- {
		_, size := utf8.DecodeLastRuneInString(t.s[:b])
		b -= size
	}
	t.lastRune, t.lastByte = i, b
	return b
}
