package anchor

import (
	"index/suffixarray"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Indexes are built on first use: a Text that is only displayed or described
// never pays for them, and one that resolves many selectors pays once.

// alphabet numbers the distinct runes of a text densely, so the bit-parallel
// matcher can keep its per-character masks in a flat slice rather than a map
// looked up once per text position.
type alphabet struct {
	ids  []int32 // id of each rune of the text, in order
	id   map[rune]int32
	size int
}

func (t *Text) alphabet() *alphabet {
	t.alphaOnce.Do(func() {
		a := &alphabet{ids: make([]int32, len(t.runes)), id: make(map[rune]int32)}
		var ascii [utf8.RuneSelf]int32 // 0 = unseen, else id+1; spares the map for ASCII
		for i, r := range t.runes {
			var id int32
			if r < utf8.RuneSelf {
				if ascii[r] == 0 {
					ascii[r] = int32(a.size) + 1
					a.id[r] = int32(a.size)
					a.size++
				}
				id = ascii[r] - 1
			} else {
				v, ok := a.id[r]
				if !ok {
					v = int32(a.size)
					a.id[r] = v
					a.size++
				}
				id = v
			}
			a.ids[i] = id
		}
		t.alpha = a
	})
	return t.alpha
}

// collapsedText is the text with every run of white space replaced by one
// space, so that re-wrapped or re-spaced passages still match verbatim.
type collapsedText struct {
	runes  []rune
	str    string
	byteOf []int // rune offsets of str, nil when ASCII
	// from[i], to[i] is the span of original runes behind collapsed rune i;
	// a collapsed space stands for the whole white-space run.
	from, to []int
}

func (t *Text) collapsed() *collapsedText {
	t.wsOnce.Do(func() {
		c := &collapsedText{
			runes: make([]rune, 0, len(t.runes)),
			from:  make([]int, 0, len(t.runes)),
			to:    make([]int, 0, len(t.runes)),
		}
		inSpace := false
		for i, r := range t.runes {
			if unicode.IsSpace(r) {
				if inSpace {
					c.to[len(c.to)-1] = i + 1
					continue
				}
				inSpace = true
				r = ' '
			} else {
				inSpace = false
			}
			c.runes = append(c.runes, r)
			c.from = append(c.from, i)
			c.to = append(c.to, i+1)
		}
		c.str = string(c.runes)
		c.byteOf = runeOffsets(c.str)
		t.ws = c
	})
	return t.ws
}

// toCollapsed maps an original rune offset to the collapsed rune that covers
// it (or the next one).
func (c *collapsedText) toCollapsed(i int) int {
	return sort.Search(len(c.from), func(k int) bool { return c.to[k] > i })
}

// collapseSpace applies the collapsedText transformation to a rune slice.
func collapseSpace(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	inSpace := false
	for _, r := range rs {
		if unicode.IsSpace(r) {
			if inSpace {
				continue
			}
			inSpace = true
			r = ' '
		} else {
			inSpace = false
		}
		out = append(out, r)
	}
	return out
}

func hasSpace(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

// useSuffixArray builds the suffix array over the text, after which every
// verbatim lookup is logarithmic instead of a scan of the whole text. See
// suffixArrayAfterScans for when it is worth it.
func (t *Text) useSuffixArray() {
	t.saOnce.Do(func() {
		t.sa.Store(suffixarray.New([]byte(t.valid)))
	})
}

// occurrences returns the rune offsets, ascending, of every (possibly
// overlapping) occurrence of needle in the text. needle must be valid UTF-8
// and non-empty; being valid, its byte matches always start on rune
// boundaries.
func (t *Text) occurrences(needle string) []int {
	if sa := t.sa.Load(); sa != nil {
		offs := sa.Lookup([]byte(needle), -1)
		sort.Ints(offs)
		for i, b := range offs {
			offs[i] = t.validRuneAt(b)
		}
		return offs
	}
	return indexAll(t.valid, t.validByteOf, needle)
}

// indexAll finds every occurrence of needle in hay and converts the byte
// offsets to rune offsets using hay's rune offset table (nil for ASCII).
func indexAll(hay string, byteOf []int, needle string) []int {
	var out []int
	_, step := utf8.DecodeRuneInString(needle)
	for from := 0; from <= len(hay)-len(needle); {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			break
		}
		b := from + i
		if byteOf == nil {
			out = append(out, b)
		} else {
			out = append(out, runeAt(byteOf, b))
		}
		from = b + step
	}
	return out
}
