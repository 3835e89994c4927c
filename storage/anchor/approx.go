package anchor

import (
	"math"
	"sort"
)

// Approximate search budget. Hypothesis allows up to half the quote's length
// in edits, which for short quotes matches nearly anything; here the budget
// is 30% of the quote: a fixed typo, a replaced word or two, a re-punctuated
// sentence. Beyond that the passage was rewritten and the user should look.
const (
	// minApproxRunes: shorter quotes are matched verbatim only; one or two
	// edits in a few runes turn any word into many others.
	minApproxRunes = 6
	// maxErrorPercent of the quote's runes may be edited.
	maxErrorPercent = 30
	// maxErrors caps the budget (as Hypothesis does) so that the cost of a
	// very long quote stays linear in the text.
	maxErrors = 256

	// Quotes longer than maxApproxRunes (a long passage, some 350 words)
	// are not searched whole: the bit-parallel search and the start finding
	// grow with the square of the quote around a match. Instead its first
	// and last pieceRunes are searched, each with its own budget of 153
	// edits. A match within maxErrors edits has at most half of them in one
	// of the two pieces, so that piece is found (nothing is missed), and a
	// banded alignment of the whole quote from there verifies the match.
	maxApproxRunes = 2048
	pieceRunes     = 512

	// A match near the expected place that is decisive (quote and every
	// context side at least this similar) ends the search without scanning
	// the rest of the text: another place could only compete by repeating
	// the passage and its surroundings nearly verbatim, and verbatim repeats
	// of the quote were already found by the verbatim phase.
	decisive = 0.9
	// localSlack is how far beyond the quote's own length (plus budget) the
	// first, local, scan looks around the expected place.
	localSlack = 256

	// maxEnds caps the match ends examined; a short quote in a long text can
	// otherwise produce thousands of weak matches. The fewest-edit and
	// nearest ones are kept.
	maxEnds = 256
	// maxTies caps the match lengths of each kind that boundary compares.
	maxTies = 3
)

func errorBudget(m int) int {
	return clamp(m*maxErrorPercent/100, 1, maxErrors)
}

// approximate runs the edit-distance phase, first around at (where the quote
// is expected) and then, unless that was decisive, over the whole text.
func (r *resolution) approximate(at int) Result {
	m, n := len(r.quote), len(r.t.runes)
	k := errorBudget(m)
	if m < minApproxRunes || m-k > n {
		res, _ := r.decide(true)
		return res
	}
	scan := r.wholeQuote(k)
	if m > maxApproxRunes {
		scan = r.quotePieces(k)
	}
	reach := m + k + localSlack
	lo, hi := clamp(at-reach, 0, n), clamp(at+m+reach, 0, n)
	if 2*(hi-lo) < n {
		before := len(r.pool)
		scan(lo, hi)
		if r.decisive(before) {
			res, _ := r.decide(true)
			return res
		}
		r.pool = r.pool[:before]
	}
	scan(0, n)
	res, _ := r.decide(true)
	return res
}

// decisive reports whether a candidate added after index from is near
// certain on its own.
func (r *resolution) decisive(from int) bool {
	for _, c := range r.pool[from:] {
		if c.quote < decisive {
			continue
		}
		if (len(r.ctx.prefix) > 0 || len(r.ctx.suffix) > 0) &&
			(len(r.ctx.prefix) == 0 || c.prefix >= decisive) &&
			(len(r.ctx.suffix) == 0 || c.suffix >= decisive) {
			return true
		}
	}
	return false
}

// wholeQuote returns a scanner adding the matches of the whole quote within
// k edits that lie in [lo, hi).
func (r *resolution) wholeQuote(k int) func(lo, hi int) {
	a := r.t.alphabet()
	fw := compilePattern(r.quote, a, false)
	bw := compilePattern(r.quote, a, true)
	m := len(r.quote)
	return func(lo, hi int) {
		ids := a.ids[lo:hi]
		for _, e := range r.matchEnds(fw, ids, k, lo) {
			// Fix the end, choose the start; then fix that start and
			// choose the end again, now knowing where the match begins.
			c, ok := r.boundary(bw.anchoredScores(ids, e.at, -1, m+k), k, lo+e.at, -1)
			if !ok {
				continue
			}
			s := e.at - c
			sc := fw.anchoredScores(ids, s, 1, m+k)
			if c, ok = r.boundary(sc, k, lo+s, 1); ok {
				r.consider(lo+s, lo+s+c, sc[c])
			}
		}
	}
}

// quotePieces returns a scanner for long quotes: matches of the first and
// last pieceRunes of the quote, each within its own budget, extended to the
// whole quote by banded alignments within k edits.
func (r *resolution) quotePieces(k int) func(lo, hi int) {
	a := r.t.alphabet()
	m := len(r.quote)
	rs := r.t.runes
	head, tail := r.quote[:pieceRunes], r.quote[m-pieceRunes:]
	kp := errorBudget(pieceRunes)
	headFw, headBw := compilePattern(head, a, false), compilePattern(head, a, true)
	tailFw := compilePattern(tail, a, false)
	// from a start, align the whole quote and choose its end
	finish := func(s int) int {
		sc := bandedScores(r.quote, rs, s, 1, k)
		if sc == nil {
			return -1
		}
		c, ok := r.boundary(sc, k, s, 1)
		if !ok {
			return -1
		}
		r.consider(s, s+c, sc[c])
		return s + c
	}
	// Each alignment costs len(quote)*(2k+1), so a place reached from its
	// head is not aligned again from its tail.
	return func(lo, hi int) {
		ids := a.ids[lo:hi]
		var reached []int
		for _, e := range r.matchEnds(headFw, ids, kp, lo) {
			c, ok := r.boundary(headBw.anchoredScores(ids, e.at, -1, pieceRunes+kp), kp, lo+e.at, -1)
			if !ok {
				continue
			}
			if end := finish(lo + e.at - c); end >= 0 {
				reached = append(reached, end)
			}
		}
	tails:
		for _, e := range r.matchEnds(tailFw, ids, kp, lo) {
			end := lo + e.at
			for _, x := range reached {
				if absInt(x-end) <= k {
					continue tails
				}
			}
			sc := bandedScores(r.quote, rs, end, -1, k)
			if sc == nil {
				continue
			}
			if c, ok := r.boundary(sc, k, end, -1); ok {
				finish(end - c)
			}
		}
	}
}

type matchEnd struct{ at, errs int }

// matchEnds searches ids (the text from lo) for p within k edits. A real
// match shows up as a run of consecutive ends within budget around its true
// end; the run's first fewest-edit end stands for it (boundary refines it).
func (r *resolution) matchEnds(p *bitPattern, ids []int32, k, lo int) []matchEnd {
	var ends []matchEnd
	prev := -2 // the previous end reported, to tell runs apart
	p.searchEnds(ids, k, func(j, errs int) {
		if j == prev+1 && len(ends) > 0 {
			if last := &ends[len(ends)-1]; errs < last.errs {
				*last = matchEnd{j, errs}
			}
		} else {
			ends = append(ends, matchEnd{j, errs})
		}
		prev = j
	})
	if len(ends) > maxEnds {
		hint := r.hint - lo
		sort.SliceStable(ends, func(a, b int) bool {
			if ends[a].errs != ends[b].errs {
				return ends[a].errs < ends[b].errs
			}
			return absInt(ends[a].at-hint) < absInt(ends[b].at-hint)
		})
		ends = ends[:maxEnds]
		sort.Slice(ends, func(a, b int) bool { return ends[a].at < ends[b].at })
	}
	return ends
}

// boundaryProbe is how many runes of stored context, next to the match,
// must read verbatim for a boundary to be offered on the context's word.
// Eight runes (a word or two) rarely line up by chance.
const boundaryProbe = 8

// boundary chooses how far a match extends from its pinned end at offset
// pinned (reading forwards for dir > 0, backwards for dir < 0); sc[c] is
// the quote's edit distance when the match covers c runes. Where a quote's
// edge was rewritten, lengths differing by many runes cost nearly the same
// edits, and the fewest-edit one may stop in the middle of the rewrite.
// So lengths that put the stored context right against the match compete
// too, and the length that aligns the stored context and the quote with
// the text in the fewest edits overall wins. (Not the Hypothesis weights
// used to rank places: there a rune of quote counts for two of context,
// and a match would rather swallow a word of context than miss a deleted
// word of the quote: "than mining ministry" for "the mining ministry",
// "the" deleted, where the stored prefix ends in "than ".)
func (r *resolution) boundary(sc []int, k, pinned, dir int) (int, bool) {
	m := len(r.quote)
	best := k + 1
	for c := 1; c < len(sc); c++ {
		best = min(best, sc[c])
	}
	if best > k {
		return 0, false
	}
	closer := func(a, b int) bool { return absInt(a-m) < absInt(b-m) }
	var tries []int
	for c := 1; c < len(sc); c++ {
		if sc[c] == best {
			tries = append(tries, c)
		}
	}
	sort.SliceStable(tries, func(a, b int) bool { return closer(tries[a], tries[b]) })
	tries = tries[:min(len(tries), maxTies)]

	side := r.ctx.suffix
	if dir < 0 {
		side = r.ctx.prefix
	}
	rs := r.t.runes
	var near []int
	if len(side) > 0 {
		probe := min(len(side), boundaryProbe)
		for c := 1; c < len(sc); c++ {
			if sc[c] > k {
				continue
			}
			if dir < 0 {
				if s := pinned - c; s >= probe && equalRunes(rs[s-probe:s], side[len(side)-probe:]) {
					near = append(near, c)
				}
			} else if e := pinned + c; e+probe <= len(rs) && equalRunes(rs[e:e+probe], side[:probe]) {
				near = append(near, c)
			}
		}
	}
	if len(near) == 0 {
		return tries[0], true
	}
	sort.SliceStable(near, func(a, b int) bool {
		if sc[near[a]] != sc[near[b]] {
			return sc[near[a]] < sc[near[b]]
		}
		return closer(near[a], near[b])
	})
	tries = append(tries, near[:min(len(near), maxTies)]...)

	choice, fewest, lined := tries[0], math.Inf(1), -1.0
	for _, c := range tries {
		var sim float64
		if dir < 0 {
			s := pinned - c
			sim = prefixSimilarity(side, rs[max(0, s-len(side)):s])
		} else {
			e := pinned + c
			sim = suffixSimilarity(side, rs[e:min(len(rs), e+len(side))])
		}
		// On a tie, the length that lines the context up: a context side of
		// a rune or two (a full stop) is cheap in edits, not in evidence.
		if edits := float64(sc[c]) + (1-sim)*float64(len(side)); edits < fewest || edits == fewest && sim > lined {
			choice, fewest, lined = c, edits, sim
		}
	}
	return choice, true
}

// consider rates an approximate match of the quote at [s, e) with edits
// errors and keeps it if it is worth showing.
func (r *resolution) consider(s, e, edits int) {
	c := r.candidate(s, e, 1-float64(edits)/float64(len(r.quote)), edits == 0)
	if r.plausible(c) {
		r.pool = append(r.pool, c)
	}
}

// plausible filters approximate matches worth showing to the user.
func (r *resolution) plausible(c candidate) bool {
	return c.verbatim || c.context >= reviewMinContext ||
		(c.quote >= movedMinQuote && len(r.quote) >= longQuoteRunes)
}
