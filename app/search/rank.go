package search

import "math"

// Ranking weights. A hit's score is the sum, over query words, of
//
//	class weight × idf × field score
//
// for the vocabulary word that matched it best. The class weight says how
// well the word matched (exact, prefix, typo…); idf is the query word's,
// taken from its most frequent reading so that a rare misspelling in the
// notebook never outweighs the word meant; the field score says where and
// how often it occurs (BM25F-like). The sum is then raised by up to 5% for
// recency and by 30% when the title holds every query word. Each factor
// can be read off the match positions, so a ranking can always be
// explained. The values were set against testdata/relevance.json.
const (
	// How much each kind of word match is trusted.
	wExact        = 1.0
	wPrefixBase   = 0.6 // a prefix counts 0.6–0.9: more as it covers more of the word
	wPrefixSpan   = 0.3
	wFuzzy1       = 0.6
	wFuzzy2       = 0.4
	wFuzzyPrefix1 = 0.45
	wFuzzyPrefix2 = 0.3
	wSubseq       = 0.25

	// Field boosts: the words that name an item say more about it than
	// those in its body.
	bTitle      = 3.0
	bText       = 1.0
	bPieceTitle = 0.8
	bTags       = 2.0
	bAuthors    = 2.0
	bOutlet     = 1.5
	bLinkNotes  = 0.5

	// BM25 saturation and length normalisation: a word found in a short
	// field weighs more than in a long one.
	kField  = 2.0
	bLenTxt = 0.75
	bLenTtl = 0.5

	// A hit whose title (quote, statement) holds every query word is
	// very likely the one meant.
	wAllInTitle = 0.3

	// Recency multiplies a score by at most 1+wRecency: a tie-breaker,
	// never a reason to show a worse match first.
	wRecency        = 0.05
	recencyHalfDays = 730
)

// classWeight is how much a match of class c at distance d counts, for a
// query word of m runes matching a word of n runes.
func classWeight(c matchClass, d, m, n int) float32 {
	switch c {
	case classExact:
		return wExact
	case classPrefix:
		return float32(wPrefixBase + wPrefixSpan*float64(m)/float64(max(n, 1)))
	case classFuzzy:
		if d <= 1 {
			return wFuzzy1
		}
		return wFuzzy2
	case classFuzzyPrefix:
		if d <= 1 {
			return wFuzzyPrefix1
		}
		return wFuzzyPrefix2
	}
	return wSubseq
}

// otherBoost sums the boosts of the short fields for each combination of
// field bits, so scoring a posting does one lookup for them.
var otherBoost = func() (t [fieldMask + 1]float32) {
	for m := range t {
		var v float32
		f := uint16(m)
		if f&fPieceTitle != 0 {
			v += bPieceTitle
		}
		if f&fTags != 0 {
			v += bTags
		}
		if f&fAuthors != 0 {
			v += bAuthors
		}
		if f&fOutlet != 0 {
			v += bOutlet
		}
		if f&fLinkNotes != 0 {
			v += bLinkNotes
		}
		t[m] = v
	}
	return t
}()

// idf is BM25's inverse document frequency.
func idf(n, df int) float32 {
	return float32(math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}

// scorer holds what scoring a posting needs.
type scorer struct {
	titleNorm, textNorm []float32
}

func (e *Engine) newScorer() scorer {
	return scorer{titleNorm: e.titleNorm, textNorm: e.textNorm}
}

// field scores a posting's field bits and term frequency for slot d, the
// BM25F way: the fields' weighted, length-normalised frequencies add up to
// one pseudo-frequency, which then saturates. A word in the title counts
// most; finding it in the tags and the text as well adds less and less.
func (s *scorer) field(meta uint16, d uint32) float32 {
	f := meta & fieldMask
	x := otherBoost[f]
	if f&fTitle != 0 {
		x += bTitle * s.titleNorm[d]
	}
	if f&fText != 0 {
		x += bText * float32(meta>>tfShift) * s.textNorm[d]
	}
	return saturate(x)
}

func saturate(x float32) float32 { return x * (kField + 1) / (x + kField) }

// recency is 1 for the newest item in the index, 1/2 for one two years
// older, and 0 for items without a date.
func recency(day, newest int32) float32 {
	if day == 0 {
		return 0
	}
	age := float32(newest - day)
	return 1 / (1 + max(age, 0)/recencyHalfDays)
}

// scored is a candidate hit during evaluation.
type scored struct {
	score float32
	slot  uint32
}

// better orders hits: higher score, then newer, then by id, so results are
// the same however the work was split.
func (e *Engine) better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if da, db := e.day[a.slot], e.day[b.slot]; da != db {
		return da > db
	}
	return e.recs[a.slot].ID < e.recs[b.slot].ID
}

// topK keeps the k best hits seen in a min-heap: the worst kept hit is at
// the root, so most candidates are rejected with one comparison.
type topK struct {
	e *Engine
	k int
	h []scored
}

func (t *topK) push(s scored) {
	if t.k <= 0 {
		return
	}
	if len(t.h) < t.k {
		t.h = append(t.h, s)
		i := len(t.h) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !t.e.better(t.h[p], t.h[i]) {
				break
			}
			t.h[p], t.h[i] = t.h[i], t.h[p]
			i = p
		}
		return
	}
	if !t.e.better(s, t.h[0]) {
		return
	}
	t.h[0] = s
	i := 0
	for {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(t.h) && t.e.better(t.h[w], t.h[l]) {
			w = l
		}
		if r < len(t.h) && t.e.better(t.h[w], t.h[r]) {
			w = r
		}
		if w == i {
			return
		}
		t.h[w], t.h[i] = t.h[i], t.h[w]
		i = w
	}
}
