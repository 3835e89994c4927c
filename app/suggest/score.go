package suggest

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Scoring. A candidate passage W is compared with the query Q on two
// scales, both in [0,1].
//
// Wording, for recycled text:
//
//	wording = max(J · min(1, J/0.3), C · conf · (0.85 + 0.15·J))
//
//	J     exact Jaccard similarity of the n-word shingle sets (n = 3;
//	      2 for queries under 6 words). Below 0.3 it is discounted
//	      quadratically: a shared stock phrase or the words around a
//	      shared name ("on the Middle Corridor") are not recycled wording.
//	C     containment: shared shingles / shingles of the smaller side, so
//	      a quoted fragment of a longer sentence, or a sentence inside a
//	      long query, still counts as recycled wording.
//	conf  min(1, shared shingles / 10): a handful of shared shingles is
//	      weak evidence of copying, a dozen-word run is strong.
//	      The 0.85 + 0.15·J factor ranks containment below an exact match
//	      and prefers the tightest passage that contains the quote.
//
// Content, for paraphrases and claims:
//
//	para = min(1, cos · (1 + ent · min(1, names/2))) · sqrt(min(1, sQ/sW))
//
//	cos   cosine of the IDF-weighted content-word sets (stemmed, stopwords
//	      and the words of names left out).
//	ent   IDF-weighted share of the query's names found in W; names is
//	      how many were found, so one shared name gives half the boost.
//	      Names boost but never make similarity: with no content words in
//	      common they count for nothing, so a passage on another topic
//	      that happens to mention Badakhshan scores zero.
//	sQ/sW sentences in the query and in W: a passage longer than the
//	      query collects shared words by chance.
//
// Together:
//
//	score = wording + (1 − wording) · 0.6 · para
//
// Identical wording scores 1 whatever else; a paraphrase with no shared
// wording tops out at 0.6, below any near-copy. Passages under MinScore
// (0.25) are not suggested: without shared wording that takes a
// content-word cosine of 0.42; 0.28 if the query names one thing and the
// passage names it too; 0.21 if the passage has all of two or more names.
// The constants were set on the hand-made cases of similar_test.go and
// the planted copies and paraphrases of a generated notebook
// (TestPlantedRecall).
const (
	paraWeight = 0.6
	// MinScore is the least score a suggested passage has.
	MinScore = 0.25
	// nearIdentical is the wording score from which Reason calls the
	// wording near-identical.
	nearIdentical = 0.5
	jaccardKnee   = 0.3
	confShingles  = 10
)

// passage is the analysed form of the query or of one sentence.
type passage struct {
	toks  []token  // words, offsets into the text they came from
	ents  []entity // names
	terms []wterm  // distinct content words outside names, by term
}

type wterm struct {
	term uint64
	idf  float64
}

// windowScore holds the parts of a score, for Reason.
type windowScore struct {
	score, jaccard, contain, wording, cos, ent float64
	nq, nw                                     int // shingles of query and passage
}

// compare scores a passage made of the sentences ps against the query.
func (sc *scorer) compare(ps []*passage) windowScore {
	q := sc.q
	sc.words = sc.words[:0]
	for _, p := range ps {
		for _, t := range p.toks {
			sc.words = append(sc.words, t.word)
		}
	}
	sc.set = shingleSet(sc.set, sc.words, q.n)
	r := windowScore{nq: len(q.shingles), nw: len(sc.set)}
	if inter := intersectCount(q.shingles, sc.set); inter > 0 {
		small := min(len(q.shingles), len(sc.set))
		r.jaccard = float64(inter) / float64(len(q.shingles)+len(sc.set)-inter)
		r.contain = float64(inter) / float64(small)
		conf := min(1, float64(inter)/confShingles)
		r.wording = max(r.jaccard*min(1, r.jaccard/jaccardKnee), r.contain*conf*(0.85+0.15*r.jaccard))
	}

	// Content words: the passage's are the union of its sentences'.
	sc.terms = mergeTerms(sc.terms[:0], ps)
	var dot, norm float64
	i := 0
	for _, t := range sc.terms {
		norm += t.idf * t.idf
		for i < len(q.terms) && q.terms[i].term < t.term {
			i++
		}
		if i < len(q.terms) && q.terms[i].term == t.term {
			dot += t.idf * t.idf
		}
	}
	if dot > 0 {
		r.cos = min(1, dot/math.Sqrt(norm*q.norm))
	}

	boost := 0.0
	if q.entWeight > 0 {
		var got float64
		names := 0
		for qi := range q.ents {
			if sc.hasEntity(&q.ents[qi], ps) {
				got += q.ents[qi].weight
				names++
			}
		}
		r.ent = got / q.entWeight
		boost = r.ent * min(1, float64(names)/2)
	}
	para := min(1, r.cos*(1+boost))
	if sQ := len(q.sentTok) - 1; len(ps) > sQ {
		para *= math.Sqrt(float64(sQ) / float64(len(ps)))
	}
	r.score = min(1, max(0, r.wording+(1-r.wording)*paraWeight*para))
	return r
}

func (sc *scorer) hasEntity(e *entity, ps []*passage) bool {
	for _, p := range ps {
		for i := range p.ents {
			if sameEntity(e, &p.ents[i]) {
				return true
			}
		}
	}
	return false
}

// mergeTerms appends the union of the sentences' sorted term lists.
func mergeTerms(dst []wterm, ps []*passage) []wterm {
	if len(ps) == 1 {
		return append(dst, ps[0].terms...)
	}
	for _, p := range ps {
		dst = append(dst, p.terms...)
	}
	sortTerms(dst)
	out := dst[:0]
	for i, t := range dst {
		if i == 0 || t.term != out[len(out)-1].term {
			out = append(out, t)
		}
	}
	return out
}

// explain returns the names the passage shares with the query and one
// short sentence saying why it was suggested.
func (sc *scorer) explain(ps []*passage, r windowScore) ([]string, string) {
	q := sc.q
	var shared []string
	for qi := range q.ents {
		if sc.hasEntity(&q.ents[qi], ps) {
			shared = append(shared, q.ents[qi].display)
		}
	}
	unit := "word"
	if q.cjk {
		unit = "character"
	}
	phrase := fmt.Sprintf("%d-%s phrases", q.n, unit)
	if q.n == 1 {
		phrase = unit + "s"
	}
	// One side much shorter and mostly inside the other: a quoted
	// fragment, or a sentence of a long query. Otherwise an edited copy.
	fragment := r.contain >= 0.8 && 10*min(r.nq, r.nw) < 7*max(r.nq, r.nw)
	switch {
	case r.wording >= nearIdentical && fragment && r.nq <= r.nw:
		return shared, fmt.Sprintf("repeats the quoted wording (%d%% of its %s)", pct(r.contain), phrase)
	case r.wording >= nearIdentical && fragment:
		return shared, fmt.Sprintf("reused in the quote (%d%% of its %s)", pct(r.contain), phrase)
	case r.wording >= nearIdentical:
		return shared, fmt.Sprintf("near-identical wording (%d%% of %s shared)", pct(r.jaccard), phrase)
	}
	var parts []string
	if len(shared) > 0 {
		parts = append(parts, "same names: "+strings.Join(shared[:min(len(shared), 3)], ", "))
	}
	if r.wording >= 0.15 {
		parts = append(parts, "similar wording")
	} else if words := sc.sharedWords(ps, 3); len(words) > 0 {
		parts = append(parts, "shared terms: "+strings.Join(words, ", "))
	}
	if len(parts) == 0 {
		return shared, "similar wording"
	}
	return shared, strings.Join(parts, "; ")
}

// sharedWords returns up to n of the query's content words found in the
// passage, rarest first, as the query spells them (in lower case).
func (sc *scorer) sharedWords(ps []*passage, n int) []string {
	sc.terms = mergeTerms(sc.terms[:0], ps)
	in := make(map[uint64]bool, len(sc.terms))
	for _, t := range sc.terms {
		in[t.term] = true
	}
	type word struct {
		s   string
		idf float64
	}
	var ws []word
	seen := make(map[uint64]bool)
	for _, t := range sc.q.toks {
		if t.term == 0 || t.flags&tEntity != 0 || !in[t.term] || seen[t.term] {
			continue
		}
		seen[t.term] = true
		ws = append(ws, word{strings.ToLower(sc.text[t.start:t.end]), sc.x.idf(t.term)})
	}
	slices.SortFunc(ws, func(a, b word) int { return cmp.Or(cmp.Compare(b.idf, a.idf), strings.Compare(a.s, b.s)) })
	out := make([]string, 0, n)
	for _, w := range ws[:min(n, len(ws))] {
		out = append(out, w.s)
	}
	return out
}

func pct(f float64) int { return int(math.Round(100 * f)) }
