package suggest

import (
	"encoding/binary"
	"iter"
	"math"
	"slices"
	"sync"
)

// termDict is the inverted index of content words (stemmed, stopwords
// left out). It finds paraphrases and quoted fragments, which share words
// but few 3-word shingles, and its counts weight words by rarity and tell
// names from ordinary words.
type termDict struct {
	ids   map[uint64]uint32 // term hash → index into stats
	stats []termStats
	// free lists the indexes of stats no term uses, for reuse: a term's
	// index never changes while it is in use, because pieces record their
	// contributions by index (termContrib).
	free []uint32
}

type termStats struct {
	// post lists the sentences that contain the term, ascending, as
	// uvarint gaps from the one before (the first from 0): a common word's
	// gaps take a byte, a quarter of a sentence number. It may still hold
	// removed sentences until the next compaction; df does not.
	post  []byte
	npost uint32 // sentences in post
	last  uint32 // the last of them
	df    uint32
	// mid counts occurrences that do not start a sentence or quotation,
	// midCap those of them that were capitalised: a word capitalised
	// mid-sentence most of the time is a name (entities.go).
	mid, midCap uint32
}

// addPosting appends sentence u, which must follow those in post.
func (s *termStats) addPosting(u uint32) {
	s.post = binary.AppendUvarint(s.post, uint64(u-s.last))
	s.last = u
	s.npost++
}

// postings yields the sentences in post, ascending.
func (s *termStats) postings() iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		u := uint32(0)
		for b := s.post; len(b) > 0; {
			g, n := binary.Uvarint(b)
			b = b[n:]
			u += uint32(g)
			if !yield(u) {
				return
			}
		}
	}
}

// termObs is what one sentence contributes to one term's counts.
type termObs struct {
	term        uint64
	mid, midCap uint16
}

func newTermDict() termDict { return termDict{ids: make(map[uint64]uint32)} }

func (d *termDict) get(h uint64) *termStats {
	if i, ok := d.ids[h]; ok {
		return &d.stats[i]
	}
	return nil
}

// ensure returns the index of the term's stats, adding them if new.
func (d *termDict) ensure(h uint64) uint32 {
	i, ok := d.ids[h]
	if !ok {
		if n := len(d.free); n > 0 {
			i = d.free[n-1]
			d.free = d.free[:n-1]
		} else {
			i = uint32(len(d.stats))
			d.stats = append(d.stats, termStats{})
		}
		d.ids[h] = i
	}
	return i
}

// dropUnused forgets terms no live sentence contains; their postings must
// already be empty. Their stats are kept for reuse rather than the others
// renumbered.
func (d *termDict) dropUnused() {
	for h, i := range d.ids {
		if d.stats[i].df == 0 {
			delete(d.ids, h)
			d.stats[i] = termStats{}
			d.free = append(d.free, i)
		}
	}
	// Map order is random: sorted, the reuse order and so a saved index
	// do not depend on it.
	slices.Sort(d.free)
	slices.Reverse(d.free)
}

// idf is the inverse document frequency of a term found in df of n
// sentences; a term found nowhere gets the largest weight, so an unknown
// word in a query still lowers its similarity to everything.
func idf(df uint32, n int) float64 {
	return math.Log(1 + float64(n)/float64(1+df))
}

func (x *Index) idf(h uint64) float64 {
	var df uint32
	if s := x.terms.get(h); s != nil {
		df = s.df
	}
	return idf(df, x.live)
}

// mostlyCapital reports whether a word is, in this notebook, usually
// capitalised where a capital means something (not at a sentence start).
func (x *Index) mostlyCapital(h uint64) bool {
	s := x.terms.get(h)
	return s != nil && s.midCap >= 1 && 2*s.midCap > s.mid
}

// mostlyLower reports whether a word is, in this notebook, usually written
// in lower case mid-sentence: a capitalised "Security" in a headline-style
// title is then not a name.
func (x *Index) mostlyLower(h uint64) bool {
	s := x.terms.get(h)
	return s != nil && s.mid >= 3 && 3*s.midCap < s.mid
}

// Limits of the content-word channel. Rare words are scanned first; the
// budget keeps a query over the commonest words of a large notebook near a
// millisecond, and words in more than maxDFShare of the sentences are too
// common to find anything by.
const (
	postingBudget = 1 << 18
	maxDFShare    = 0.05
	minDFCap      = 5000 // in a small notebook every word is worth scanning
)

// accPool recycles the per-sentence accumulators of termCandidates.
var accPool sync.Pool

type scoredUnit struct {
	s float32
	u uint32
}

// termCandidates returns up to limit sentences that share the most
// (IDF-weighted) content words with the query, leaving out the pieces
// skip rejects.
func (x *Index) termCandidates(terms []uint64, limit int, skip func(u uint32) bool) []uint32 {
	type qt struct {
		s *termStats
		w float32
	}
	var qs []qt
	for _, h := range terms {
		s := x.terms.get(h)
		if s == nil || s.df == 0 || float64(s.df) > max(maxDFShare*float64(x.live), minDFCap) {
			continue
		}
		w := idf(s.df, x.live)
		qs = append(qs, qt{s, float32(w * w)})
	}
	if len(qs) == 0 {
		return nil
	}
	slices.SortFunc(qs, func(a, b qt) int { return int(a.s.npost) - int(b.s.npost) })

	acc, _ := accPool.Get().(*[]float32)
	if acc == nil || len(*acc) < len(x.units) {
		a := make([]float32, len(x.units)+len(x.units)/4)
		acc = &a
	}
	defer accPool.Put(acc)
	a := (*acc)[:len(x.units)]
	scanned := 0
	for _, t := range qs {
		if scanned > 0 && scanned+int(t.s.npost) > postingBudget {
			break
		}
		scanned += int(t.s.npost)
		// postings(), inlined by hand: this loop is most of a query's time.
		u := uint32(0)
		for b := t.s.post; len(b) > 0; {
			g := uint32(b[0])
			if g < 0x80 {
				b = b[1:]
			} else {
				v, n := binary.Uvarint(b)
				g, b = uint32(v), b[n:]
			}
			u += g
			a[u] += t.w
		}
	}

	// One sequential pass picks the best limit into a min-heap; clearing
	// afterwards is cheaper than keeping a list of the sentences touched.
	// Most sentences fall below the heap's minimum, so the loop's one
	// branch is predictable. A longer sentence shares more words by
	// chance, hence the length normalisation.
	heap := make([]scoredUnit, 0, limit)
	nt := x.nterms[:len(a)]
	var floor float32
	for u, v := range a {
		s := v * invSqrt[nt[u]]
		if s <= floor || skip(uint32(u)) {
			continue
		}
		if len(heap) < limit {
			heap = append(heap, scoredUnit{s, uint32(u)})
			siftUp(heap, len(heap)-1)
		} else {
			heap[0] = scoredUnit{s, uint32(u)}
			siftDown(heap, 0)
		}
		if len(heap) == limit {
			floor = heap[0].s
		}
	}
	clear(a)
	out := make([]uint32, len(heap))
	for i, e := range heap {
		out[i] = e.u
	}
	return out
}

// invSqrt[n] is 1/sqrt(max(n, 4)).
var invSqrt = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(1 / math.Sqrt(float64(max(i, 4))))
	}
	return t
}()

func siftUp(h []scoredUnit, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].s <= h[i].s {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []scoredUnit, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].s < h[l].s {
			m = r
		}
		if h[i].s <= h[m].s {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
