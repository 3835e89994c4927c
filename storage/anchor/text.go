package anchor

import (
	"index/suffixarray"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Text is a piece's text prepared once for many Describe and Resolve calls:
// it decodes the runes and builds the search indexes lazily, on first need,
// so that resolving hundreds of annotations pays for them once. A Text is
// immutable and safe for concurrent use.
//
// Invalid UTF-8 bytes count as one code point each (U+FFFD), exactly as Go's
// range loop decodes them, so rune offsets agree with the rest of the program.
type Text struct {
	s     string // as given; byte offsets refer to it
	valid string // s with invalid bytes as U+FFFD; quotes are searched in it
	runes []rune

	// byteOf[i] is the byte offset in s of rune i (len = Len+1); nil when s
	// is ASCII, where rune and byte offsets coincide.
	byteOf []int
	// validByteOf is byteOf for valid; it aliases byteOf unless s held
	// invalid bytes (which grow to three bytes each in valid).
	validByteOf []int

	alphaOnce sync.Once
	alpha     *alphabet

	wsOnce sync.Once
	ws     *collapsedText

	saOnce sync.Once
	sa     atomic.Pointer[suffixarray.Index]
}

// NewText prepares s.
func NewText(s string) *Text {
	t := &Text{s: s}
	if isASCII(s) {
		t.valid = s
		t.runes = make([]rune, len(s))
		for i := 0; i < len(s); i++ {
			t.runes[i] = rune(s[i])
		}
		return t
	}
	n := utf8.RuneCountInString(s)
	t.runes = make([]rune, 0, n)
	t.byteOf = make([]int, 0, n+1)
	for i, r := range s {
		t.runes = append(t.runes, r)
		t.byteOf = append(t.byteOf, i)
	}
	t.byteOf = append(t.byteOf, len(s))
	if utf8.ValidString(s) {
		t.valid, t.validByteOf = s, t.byteOf
	} else {
		t.valid = string(t.runes)
		t.validByteOf = runeOffsets(t.valid)
	}
	return t
}

// Len returns the length of the text in code points.
func (t *Text) Len() int { return len(t.runes) }

// String returns the text exactly as given to NewText.
func (t *Text) String() string { return t.s }

// Slice returns the runes [start, end), with both bounds clamped into the
// text; an inverted span yields "". The result is always valid UTF-8.
func (t *Text) Slice(start, end int) string {
	n := len(t.runes)
	start = clamp(start, 0, n)
	end = clamp(end, start, n)
	if t.validByteOf == nil {
		return t.valid[start:end]
	}
	return t.valid[t.validByteOf[start]:t.validByteOf[end]]
}

// RuneToByte converts a code-point offset, clamped into the text, to a byte
// offset in String().
func (t *Text) RuneToByte(runeOffset int) int {
	runeOffset = clamp(runeOffset, 0, len(t.runes))
	if t.byteOf == nil {
		return runeOffset
	}
	return t.byteOf[runeOffset]
}

// ByteToRune converts a byte offset in String(), clamped into the text, to
// a code-point offset. An offset inside a multi-byte character maps to that
// character, so a caret can never land mid-rune.
func (t *Text) ByteToRune(byteOffset int) int {
	byteOffset = clamp(byteOffset, 0, len(t.s))
	if t.byteOf == nil {
		return byteOffset
	}
	return runeAt(t.byteOf, byteOffset)
}

// validRuneAt maps a byte offset in t.valid (as returned by string search)
// to a rune offset.
func (t *Text) validRuneAt(byteOffset int) int {
	if t.validByteOf == nil {
		return byteOffset
	}
	return runeAt(t.validByteOf, byteOffset)
}

// runeAt finds the rune whose encoding contains byte b, given the sorted
// byte offsets of each rune.
func runeAt(byteOf []int, b int) int {
	return sort.Search(len(byteOf), func(i int) bool { return byteOf[i] > b }) - 1
}

// runeOffsets returns the byte offset of every rune of s plus len(s), or nil
// when s is ASCII.
func runeOffsets(s string) []int {
	if isASCII(s) {
		return nil
	}
	offs := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
