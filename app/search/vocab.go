package search

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// vocab interns every distinct folded word once and keeps what term
// matching needs to reject most words without looking at their letters: a
// length and a bitmask of the letters used.
type vocab struct {
	// table maps words to ids by open addressing: each entry packs the
	// low 32 bits of the word's mixed hash above its id; 0 is empty. It
	// is a third of the size of a Go map and is probed with the hash the
	// tokenizer already computed.
	table []uint64
	shift uint // 64 - log2(len(table))

	words []string // by id; id 0 is unused
	masks []uint32 // letterMask of each word
	lens  []uint8  // folded runes, capped at 255

	// sorted holds every id in word order, for prefix ranges; ids added
	// since the last merge wait in fresh.
	sorted []uint32
	fresh  []uint32
}

func newVocab() *vocab {
	return &vocab{table: make([]uint64, 1024), shift: 64 - 10, words: []string{""}, masks: []uint32{0}, lens: []uint8{0}}
}

// mix spreads FNV's weak high bits before the table uses them.
func mix(h uint64) uint64 {
	h ^= h >> 31
	h *= 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// lookup finds w, whose hashWord is h.
func (v *vocab) lookup(w []byte, h uint64) (uint32, bool) {
	h = mix(h)
	tag := uint32(h)
	mask := uint64(len(v.table) - 1)
	for i := h >> v.shift; ; i = (i + 1) & mask {
		e := v.table[i]
		if e == 0 {
			return 0, false
		}
		if uint32(e>>32) == tag && v.words[uint32(e)] == string(w) {
			return uint32(e), true
		}
	}
}

func (v *vocab) id(w string) (uint32, bool) { return v.lookup([]byte(w), hashWord(w)) }

// intern returns w's id, adding it if needed.
func (v *vocab) intern(w []byte) uint32 {
	h := hashWord(w)
	if id, ok := v.lookup(w, h); ok {
		return id
	}
	s := string(w)
	id := uint32(len(v.words))
	v.words = append(v.words, s)
	v.masks = append(v.masks, letterMask(s))
	v.lens = append(v.lens, uint8(min(utf8.RuneCountInString(s), 255)))
	v.fresh = append(v.fresh, id)
	if 2*len(v.words) > len(v.table) {
		v.grow()
	} else {
		v.place(mix(h), id)
	}
	return id
}

func (v *vocab) place(h uint64, id uint32) {
	mask := uint64(len(v.table) - 1)
	i := h >> v.shift
	for v.table[i] != 0 {
		i = (i + 1) & mask
	}
	v.table[i] = uint64(uint32(h))<<32 | uint64(id)
}

// grow doubles the table, keeping it at most half full.
func (v *vocab) grow() {
	v.table = make([]uint64, 2*len(v.table))
	v.shift--
	for id := 1; id < len(v.words); id++ {
		v.place(mix(hashWord(v.words[id])), uint32(id))
	}
}

// settle merges the words added since the last call into the sorted order.
// Index writers call it once per batch, so a bulk load sorts once.
func (v *vocab) settle() {
	if len(v.fresh) == 0 {
		return
	}
	less := func(a, b uint32) int { return strings.Compare(v.words[a], v.words[b]) }
	slices.SortFunc(v.fresh, less)
	merged := make([]uint32, 0, len(v.sorted)+len(v.fresh))
	i, j := 0, 0
	for i < len(v.sorted) && j < len(v.fresh) {
		if less(v.sorted[i], v.fresh[j]) <= 0 {
			merged = append(merged, v.sorted[i])
			i++
		} else {
			merged = append(merged, v.fresh[j])
			j++
		}
	}
	merged = append(merged, v.sorted[i:]...)
	merged = append(merged, v.fresh[j:]...)
	v.sorted, v.fresh = merged, v.fresh[:0]
}

// prefixRange returns the ids of the words starting with p, in word order.
func (v *vocab) prefixRange(p string) []uint32 {
	lo := sort.Search(len(v.sorted), func(i int) bool { return v.words[v.sorted[i]] >= p })
	hi := lo
	for hi < len(v.sorted) && strings.HasPrefix(v.words[v.sorted[hi]], p) {
		hi++
	}
	return v.sorted[lo:hi]
}

// nonASCIIBit marks words that need rune-wise comparison.
const nonASCIIBit = 1 << 31

// letterMask has a bit per letter a–z, one for any digit and four hashed
// bits for other characters. Each typo changes at most one bit in each
// direction, so a word missing more of the query's bits than the typo
// budget cannot match it.
func letterMask(s string) uint32 {
	var m uint32
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			m |= 1 << (r - 'a')
		case '0' <= r && r <= '9':
			m |= 1 << 26
		case r >= utf8.RuneSelf:
			m |= 1<<(27+uint(r)%4) | nonASCIIBit
		default:
			m |= 1 << 30
		}
	}
	return m
}

// matchClass says how a vocabulary word matched a query word; ranking
// trusts them in this order.
type matchClass uint8

const (
	classExact       matchClass = iota // the same word
	classPrefix                        // the query word begins it
	classFuzzy                         // one or two typos away
	classFuzzyPrefix                   // a typo away from a word it begins
	classSubseq                        // its letters in order, with gaps
)

// wordMatch is a vocabulary word that a query word could mean.
type wordMatch struct {
	id     uint32
	class  matchClass
	dist   uint8
	weight float32 // how much a hit on this word counts, before idf
}

// termMatch is everything one query word matches in the vocabulary.
type termMatch struct {
	term     string
	runes    int
	words    []wordMatch // ordered by id
	postings int         // total postings of words, the cost of scanning them
	maxDF    int         // postings of its most frequent word
	// initial is the initialBit of a one-letter query word, else -1. Such
	// a word is matched through the items' initials, not through the
	// postings of the thousands of words it begins.
	initial int
}

// maxTypos is the edit budget for a query word of m runes: none for short
// words (every three-letter string is one typo from hundreds of words),
// one up to seven letters, two beyond.
func maxTypos(m int) int {
	switch {
	case m < 4:
		return 0
	case m < 8:
		return 1
	}
	return 2
}

// matchTerm finds the vocabulary words that term (already folded) may mean.
// Words without postings (left behind by removals) are skipped. exact
// limits matching to the word itself, for words inside quotes.
func (v *vocab) matchTerm(term string, df func(uint32) int, exact bool) *termMatch {
	tm := &termMatch{term: term, runes: utf8.RuneCountInString(term), initial: -1}
	if len(term) == 1 && !exact {
		tm.initial = initialBit(term[0])
	}
	add := func(id uint32, c matchClass, d int) {
		n := df(id)
		if n == 0 {
			return
		}
		tm.words = append(tm.words, wordMatch{id: id, class: c, dist: uint8(d), weight: classWeight(c, d, tm.runes, int(v.lens[id]))})
		tm.postings += n
		tm.maxDF = max(tm.maxDF, n)
	}
	if exact {
		if id, ok := v.id(term); ok {
			add(id, classExact, 0)
		}
		return tm
	}
	for _, id := range v.prefixRange(term) {
		if v.words[id] == term {
			add(id, classExact, 0)
		} else {
			add(id, classPrefix, 0)
		}
	}
	m := tm.runes
	k := maxTypos(m)
	if k > 0 && !hasDigit(term) {
		v.scanFuzzy(term, m, k, add)
	}
	slices.SortFunc(tm.words, func(a, b wordMatch) int { return int(a.id) - int(b.id) })
	return tm
}

// scanFuzzy walks the whole vocabulary for words within k typos of term,
// words that term begins but for a typo, and words that hold term's letters
// in order. Lengths and letter masks reject nearly every word before any
// letters are compared.
func (v *vocab) scanFuzzy(term string, m, k int, add func(uint32, matchClass, int)) {
	qmask := letterMask(term)
	ascii := qmask&nonASCIIBit == 0
	qb := []byte(term)
	var qr []rune
	if !ascii {
		qr = []rune(term)
	}
	first, _ := utf8.DecodeRuneInString(term)
	fuzzyPrefix := m >= 5
	subseq := m >= 4
	lens, masks := v.lens, v.masks
	for id := 1; id < len(lens); id++ {
		n := int(lens[id])
		whole := n-m <= k && m-n <= k
		fp := fuzzyPrefix && n > m
		ss := subseq && n > m && n <= 2*m+1
		if !whole && !fp && !ss {
			continue
		}
		miss := bits.OnesCount32(qmask &^ masks[id] &^ nonASCIIBit)
		if miss > k {
			continue
		}
		w := v.words[id]
		if strings.HasPrefix(w, term) {
			continue // found by the prefix range
		}
		wfirst, _ := utf8.DecodeRuneInString(w)
		if ascii && masks[id]&nonASCIIBit == 0 {
			wb := []byte(w)
			if whole {
				if d := osa(qb, wb, k, false); d <= k {
					add(uint32(id), classFuzzy, d)
					continue
				}
			}
			if fp && wfirst == first {
				if d := osa(qb, wb, k, true); d <= k {
					add(uint32(id), classFuzzyPrefix, d)
					continue
				}
			}
			if ss && miss == 0 && subsequence(qb, wb) {
				add(uint32(id), classSubseq, 0)
			}
			continue
		}
		if qr == nil {
			qr = []rune(term)
		}
		wr := []rune(w)
		if whole {
			if d := osa(qr, wr, k, false); d <= k {
				add(uint32(id), classFuzzy, d)
				continue
			}
		}
		if fp && wfirst == first {
			if d := osa(qr, wr, k, true); d <= k {
				add(uint32(id), classFuzzyPrefix, d)
				continue
			}
		}
		if ss && miss == 0 && subsequence(qr, wr) {
			add(uint32(id), classSubseq, 0)
		}
	}
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}
