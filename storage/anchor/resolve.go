package anchor

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Thresholds. Similarities are 1 - edits/length. As a yardstick, measured
// on English prose: the 32-rune prefix (or suffix) similarity of an
// unrelated place has a median of 0.22 and exceeds 0.41 once in a hundred
// (letters and spaces line up by chance), the mean of both sides exceeds
// 0.48 once in a thousand; one edited word in a 32-rune context costs
// about 0.15-0.25.
const (
	// minContext is the mean prefix/suffix similarity a place needs before
	// it is trusted without the user: clear of chance level, yet reached
	// when one side of the context was rewritten and the other survived
	// (1 and ~0.2 average to ~0.6).
	minContext = 0.55

	// earlyContext lets the verbatim phases stop before the costly
	// approximate search. Below it, an edited copy of the passage with
	// intact context could still exist and outrank a verbatim one, so the
	// approximate search runs and the decision is taken over all places.
	earlyContext = 0.8

	// movedMinQuote is the least quote similarity for Moved: up to one rune
	// in five changed (typo fixes, a replaced word). Heavier rewrites still
	// resolve within the search budget, but as Review, since the words the
	// user annotated are no longer there.
	movedMinQuote = 0.8

	// ambiguityMargin is how far the best place's combined score must lead
	// the next distinct one. For two verbatim copies it amounts to a context
	// lead of about 0.11, i.e. three or four runes of 32 on each side: less
	// than that and the places are treated as indistinguishable.
	ambiguityMargin = 0.05

	// longQuoteRunes is the quote length from which a single verbatim
	// occurrence is trusted even when its context changed (the passage was
	// moved): six or so words recurring exactly by chance is implausible.
	longQuoteRunes = 32

	// reviewMinContext filters approximate matches for Review. Short quotes
	// match lots of places within a few edits by chance; only those with
	// context above chance level (about the one-in-a-thousand mark above),
	// or long, mostly intact quotes, are worth showing the user.
	reviewMinContext = 0.5

	// oneSideIntact is how well one side of the context must match, all but
	// a typo or so of its 32 runes, for a quote shorter than longQuoteRunes
	// to be trusted on that side alone (the other side rewritten). Short
	// of it, such a quote needs both sides: a context of earlyContext.
	// Prose repeats its own phrasing ("prisons are not only places where
	// radicalised people are held; they are places where radicalised
	// people meet"), so another place matching each side in part, which
	// minContext alone would accept, is no rarity there.
	oneSideIntact = 0.9

	// minFuzzyMovedRunes is the shortest quote that may be Moved onto an
	// inexact match. Below it the quote is a word or so, and one edit turns
	// a word into another ("center" into the "centur" of "century"), so
	// such matches are only offered for Review. Nor is one side of the
	// context enough for such a quote (see contextAlone).
	minFuzzyMovedRunes = 10

	// Quotes shorter than longQuoteRunes are only Moved onto a match that
	// cuts words where the original did: if the stored context joined the
	// quote's first or last letter to a letter (inside a word, as in CJK
	// text) or did not (a word boundary), the match must agree. Otherwise a
	// short quote whose own words were deleted lands inside another word
	// that happens to contain it ("man" in "human").

	// maxPlaces caps how many occurrences of a quote are scored (the ones
	// nearest the old position win); it only bites for quotes of a word or
	// two, which then end in Review anyway.
	maxPlaces = 4096
)

// resolution carries one selector through the phases of Resolve.
type resolution struct {
	t     *Text
	sel   Selector
	quote []rune
	ctx   quoteContext
	hint  int // old start, clamped into the text

	// pos is the match at the selector's own position when that still reads
	// Exact (havePos).
	havePos bool
	pos     candidate

	pool []candidate
}

func (t *Text) newResolution(sel Selector) *resolution {
	return &resolution{
		t:     t,
		sel:   sel,
		quote: []rune(sel.Exact), // invalid bytes become U+FFFD, as in Text
		ctx:   newContext([]rune(sel.Prefix), []rune(sel.Suffix)),
		hint:  clamp(sel.Start, 0, len(t.runes)),
	}
}

// Resolve re-attaches sel to t:
//
//  1. If the text at sel's position still reads Exact (and its context is
//     unchanged, or no other place clearly beats it), the span is Anchored.
//  2. Otherwise every verbatim occurrence of Exact is scored by prefix,
//     suffix and distance from the old position.
//  3. Failing a confident verbatim match, white-space differences are
//     ignored (re-wrapped lines, doubled spaces).
//  4. Failing that, quotes of at least minApproxRunes are searched for
//     within an edit budget (see errorBudget).
//
// One place clearly ahead of the others, with good context and a mostly
// intact quote, is Moved; plausible but ambiguous or weak places give
// Review; nothing gives Orphaned. Resolve never panics, whatever sel holds.
func (t *Text) Resolve(sel Selector) Result {
	r := t.newResolution(sel)
	if res, ok := r.position(); ok {
		return res
	}
	if res, ok := r.verbatim(); ok {
		return res
	}
	return r.approximate(r.hint)
}

// position checks whether the selector's own position still reads Exact
// with unchanged context, the common case, which needs no search at all.
// It also notes a position that reads Exact among changed context, to
// weigh against the other places later.
func (r *resolution) position() (Result, bool) {
	t := r.t
	if len(r.quote) == 0 {
		return r.orphan(), true
	}
	s, e := r.sel.Start, r.sel.End
	if s >= 0 && e <= len(t.runes) && e-s == len(r.quote) && equalRunes(t.runes[s:e], r.quote) {
		if r.contextUnchanged(s, e) {
			return Result{Start: s, End: e, Status: Anchored, Score: 1, Candidates: 1}, true
		}
		r.havePos = true
		r.pos = r.candidate(s, e, 1, true)
	}
	return Result{}, false
}

// verbatim looks for the quote as is, then ignoring white space. It reports
// false when the approximate search should run.
func (r *resolution) verbatim() (Result, bool) {
	r.addVerbatim()
	if res, ok := r.decide(false); ok {
		return res, true
	}
	if hasSpace(r.quote) {
		r.addCollapsed()
		if res, ok := r.decide(false); ok {
			return res, true
		}
	}
	if len(r.quote) < minApproxRunes {
		return r.decide(true)
	}
	return Result{}, false
}

func (r *resolution) contextUnchanged(s, e int) bool {
	rs := r.t.runes
	p, q := r.ctx.prefix, r.ctx.suffix
	return s >= len(p) && equalRunes(rs[s-len(p):s], p) &&
		e+len(q) <= len(rs) && equalRunes(rs[e:e+len(q)], q)
}

// candidate rates a match at [s, e) of the original text.
func (r *resolution) candidate(s, e int, quote float64, verbatim bool) candidate {
	c := candidate{start: s, end: e, quote: quote, verbatim: verbatim}
	r.ctx.rate(&c, r.t.runes, s, e, positionScore(s, r.hint, len(r.t.runes)))
	return c
}

func (r *resolution) addVerbatim() {
	occ := r.nearest(r.t.occurrences(string(r.quote)))
	for _, s := range occ {
		r.pool = append(r.pool, r.candidate(s, s+len(r.quote), 1, true))
	}
}

// addCollapsed finds the quote with white-space runs collapsed on both
// sides and rates the places in that form, so that re-spacing inside the
// context does not count against them either.
func (r *resolution) addCollapsed() {
	c := r.t.collapsed()
	q := collapseSpace(r.quote)
	cx := newContext(collapseSpace(r.ctx.prefix), collapseSpace(r.ctx.suffix))
	n := len(r.t.runes)
	hint := c.toCollapsed(r.hint)
	occ := indexAll(c.str, c.byteOf, string(q))
	if len(occ) > maxPlaces {
		sortByDistance(occ, hint)
		occ = occ[:maxPlaces]
	}
	for _, s := range occ {
		e := s + len(q)
		cand := candidate{start: c.from[s], end: c.to[e-1], quote: 1, verbatim: true}
		cx.rate(&cand, c.runes, s, e, positionScore(cand.start, r.hint, n))
		r.pool = append(r.pool, cand)
	}
}

// nearest keeps at most maxPlaces offsets, preferring the old position.
func (r *resolution) nearest(occ []int) []int {
	if len(occ) > maxPlaces {
		sortByDistance(occ, r.hint)
		occ = occ[:maxPlaces]
	}
	return occ
}

func sortByDistance(occ []int, hint int) {
	sort.SliceStable(occ, func(a, b int) bool { return absInt(occ[a]-hint) < absInt(occ[b]-hint) })
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (r *resolution) orphan() Result {
	n := len(r.t.runes)
	s := clamp(r.sel.Start, 0, n)
	return Result{Start: s, End: clamp(r.sel.End, s, n), Status: Orphaned}
}

// places returns the distinct places of the pool, best first: overlapping
// matches are the same place found twice (by different phases, or with
// slightly different boundaries), and only one of them counts. A verbatim
// match stands for its place even when an approximate one overlapping it
// scores a little higher (by taking in words inserted next to the passage,
// say, to line up the old context): the user annotated those exact words.
func (r *resolution) places() []candidate {
	pool := slices.Clone(r.pool)
	sort.SliceStable(pool, func(a, b int) bool {
		x, y := pool[a], pool[b]
		if x.verbatim != y.verbatim {
			return x.verbatim
		}
		return r.better(x, y)
	})
	var kept []candidate
	var spans []candidate // kept, ordered by start, for the overlap test
	for _, c := range pool {
		i := sort.Search(len(spans), func(i int) bool { return spans[i].start >= c.start })
		if (i > 0 && spans[i-1].end > c.start) || (i < len(spans) && spans[i].start < c.end) {
			continue
		}
		spans = slices.Insert(spans, i, c)
		kept = append(kept, c)
	}
	sort.SliceStable(kept, func(a, b int) bool { return r.better(kept[a], kept[b]) })
	return kept
}

// better orders places by score, then verbatim first, then nearest to the
// old position, then earliest.
func (r *resolution) better(x, y candidate) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	if x.verbatim != y.verbatim {
		return x.verbatim
	}
	if dx, dy := absInt(x.start-r.hint), absInt(y.start-r.hint); dx != dy {
		return dx < dy
	}
	return x.start < y.start
}

// decide turns the pool into a Result. When final is false it only answers
// if no later phase could change the answer, and otherwise reports false.
func (r *resolution) decide(final bool) (Result, bool) {
	places := r.places()
	if len(places) == 0 {
		if r.havePos {
			// cannot happen (the position itself is a verbatim place), but a
			// position that reads Exact must never be orphaned
			return r.stay(places, final)
		}
		if final {
			return r.orphan(), true
		}
		return Result{}, false
	}
	best := places[0]
	runner := -1.0
	if len(places) > 1 {
		runner = places[1].score
	}
	res := Result{Start: best.start, End: best.end, Score: best.score, Candidates: len(places)}
	if r.havePos {
		// The verbatim phase has found every rival of the position by now,
		// so leaving it is judged by the final standard at once.
		elsewhere := best.start != r.pos.start || best.end != r.pos.end
		if elsewhere && r.confident(best, runner, len(places), true) && best.score-r.pos.score >= ambiguityMargin {
			res.Status = Moved
			return res, true
		}
		return r.stay(places, final)
	}
	switch {
	case r.confident(best, runner, len(places), final):
		res.Status = Moved
	case final:
		res.Status = Review
	default:
		return Result{}, false
	}
	return res, true
}

// stay answers for a selector whose position still reads Exact and that no
// other place clearly beats. With weak context, a short quote may be there
// by coincidence (a paragraph inserted above shifted a common phrase into
// the old offsets), so it is only Anchored when the context agrees or the
// quote is long enough not to recur by chance.
//
// A short quote's context must vouch for it as for a move (contextAlone),
// and more: it is not Anchored when its old offsets now cut a word where
// the original did not (a fixed typo has made "wil" the start of "will"),
// nor when another place scores about as well. A paragraph inserted above
// may begin with the words the moved one began with (a speaker's name in
// an interview), so that the old offsets read the quote with one side of
// the context intact while the passage itself, moved down, has the other.
func (r *resolution) stay(places []candidate, final bool) (Result, bool) {
	res := Result{Start: r.pos.start, End: r.pos.end, Candidates: max(1, len(places))}
	long := len(r.quote) >= longQuoteRunes
	trusted := r.pos.context >= minContext && (long ||
		r.contextAlone(r.pos) && r.edgesAgree(r.pos.start, r.pos.end) && !r.rivalled(places))
	// Out of context, a long quote is trusted where it stood only once the
	// approximate search has found no edited original, with its context,
	// that beats it (see confident): the words at the old offsets may be a
	// copy that a paragraph move brought there.
	if !trusted && long && final {
		trusted = !r.bracketed(r.pos)
	}
	switch {
	case trusted:
		res.Status, res.Score = Anchored, 1
	case final:
		res.Status, res.Score = Review, r.pos.score
	default:
		return Result{}, false
	}
	return res, true
}

// rivalled reports whether a place other than the old position scores
// within ambiguityMargin of it, or better.
func (r *resolution) rivalled(places []candidate) bool {
	for _, c := range places {
		if c.end <= r.pos.start || c.start >= r.pos.end {
			if c.score > r.pos.score-ambiguityMargin {
				return true
			}
		}
	}
	return false
}

// confident says whether best may be reported as Moved.
func (r *resolution) confident(best candidate, runner float64, places int, final bool) bool {
	if best.quote < movedMinQuote || best.score-runner < ambiguityMargin ||
		!best.verbatim && (len(r.quote) < minFuzzyMovedRunes || r.edgeInDoubt(best)) ||
		!r.edgesAgree(best.start, best.end) && len(r.quote) < longQuoteRunes {
		return false
	}
	need := earlyContext
	if final {
		need = minContext
	}
	if best.context >= need && (len(r.quote) >= longQuoteRunes || r.contextAlone(best)) {
		return true
	}
	// Only once the approximate search has had its say: an edited original
	// with intact context would beat a verbatim copy elsewhere. One edited
	// beyond the search's budget still shows in its context (bracketed).
	return final && best.verbatim && places == 1 && len(r.quote) >= longQuoteRunes && !r.bracketed(best)
}

// edgeInDoubt reports whether the stored context puts an edge of an
// inexact match elsewhere than the match does: the prefix's last
// boundaryProbe runes read verbatim ending not at the match's start but
// up to half a quote before it, or in the first half of the match, with a
// word in between (and the suffix's first ones likewise around the match's
// end). The quote lost or gained a word at that edge, more than the edit
// budget lets a match leave out or take in, and the match made up for it
// with a neighbour's letters: "The rocks still" for "The rocks will" once
// "will" is gone (the stored suffix beginning " still be"), "very the
// Wakhan" for "near the Wakhan" once "very" is inserted. Inside the match,
// a probe the quote itself contains proves nothing. A side the selector
// lacks counts as a probe at that end of the text.
func (r *resolution) edgeInDoubt(c candidate) bool {
	rs, m, quote := r.t.runes, len(r.quote), string(r.quote)
	mid := c.start + (c.end-c.start)/2
	// displaced says whether a whole word lies between the context's edge
	// at and the match's edge: more than spacing and punctuation, and more
	// than the letter or two by which an inexact match may cut into an
	// edited word at its edge.
	n := len(rs)
	displaced := func(at, edge int) bool {
		from, to := min(at, edge), max(at, edge)
		for i := from; i < to; {
			if !isWordRune(rs[i]) {
				i++
				continue
			}
			j := i
			for j < n && isWordRune(rs[j]) {
				j++
			}
			if j <= to && (i > from || i == 0 || !isWordRune(rs[i-1])) {
				return true
			}
			i = j
		}
		return false
	}
	// A side the selector lacks put the passage at an end of the text: its
	// edge is there.
	if len(r.ctx.prefix) == 0 && c.start <= m/2 && displaced(0, c.start) ||
		len(r.ctx.suffix) == 0 && n-c.end <= m/2 && displaced(c.end, n) {
		return true
	}
	if p := r.ctx.prefix; len(p) >= boundaryProbe {
		probe := p[len(p)-boundaryProbe:]
		in := strings.Contains(quote, string(probe))
		lined := c.start >= boundaryProbe && equalRunes(rs[c.start-boundaryProbe:c.start], probe)
		// j is where an occurrence of the probe ends
		for j := max(c.start-m/2, boundaryProbe); !lined && j <= mid; j++ {
			if (j < c.start || !in) && equalRunes(rs[j-boundaryProbe:j], probe) && displaced(j, c.start) {
				return true
			}
		}
	}
	if x := r.ctx.suffix; len(x) >= boundaryProbe {
		probe := x[:boundaryProbe]
		in := strings.Contains(quote, string(probe))
		lined := c.end+boundaryProbe <= n && equalRunes(rs[c.end:c.end+boundaryProbe], probe)
		// j is where an occurrence of the probe starts
		for j := mid; !lined && j <= c.end+m/2 && j+boundaryProbe <= n; j++ {
			if (j > c.end || !in) && equalRunes(rs[j:j+boundaryProbe], probe) && displaced(c.end, j) {
				return true
			}
		}
	}
	return false
}

// bracketProbe is how many runes of each side of the stored context must
// read verbatim for bracketed: three words or so on each side, at the
// right distance from each other, do not recur by chance (eight runes,
// a common word's ending and a short word, do).
const bracketProbe = ContextRunes / 2

// bracketed reports whether the stored context still brackets other words
// than c, as it does around a passage rewritten where it stood: the
// prefix's last bracketProbe runes and the suffix's first ones read
// verbatim, away from c, with half to twice the quote's length between
// them. A long quote found verbatim only at c, out of its context, is then
// more likely a copy (an author quoting their own words) than the passage
// moved there.
func (r *resolution) bracketed(c candidate) bool {
	p, x := r.ctx.prefix, r.ctx.suffix
	if len(p) < bracketProbe || len(x) < bracketProbe {
		return false
	}
	m := len(r.quote)
	ends := r.t.occurrences(string(p[len(p)-bracketProbe:]))
	starts := r.t.occurrences(string(x[:bracketProbe]))
	for _, s := range ends {
		from := s + bracketProbe // where the bracketed words begin
		for i := sort.SearchInts(starts, from+m/2); i < len(starts) && starts[i] <= from+2*m; i++ {
			if starts[i] <= c.start || from >= c.end {
				return true
			}
		}
	}
	return false
}

// contextAlone says whether the context around c vouches for a quote too
// short to vouch for itself: both sides mostly intact, or one side intact
// but for a typo or so (see oneSideIntact). A side the selector lacks (the
// quote was at an end of the text) is intact when the match is still at
// that end, and otherwise tells nothing. One side is never enough for a
// word or so (below minFuzzyMovedRunes): when the sentence it began is
// deleted, the next one often begins with the same word ("They", a
// speaker's name), right after the same prefix.
func (r *resolution) contextAlone(c candidate) bool {
	if c.context >= earlyContext {
		return true
	}
	if len(r.quote) < minFuzzyMovedRunes {
		return false
	}
	prefixIntact := c.start == 0
	if len(r.ctx.prefix) > 0 {
		prefixIntact = c.prefix >= oneSideIntact
	}
	suffixIntact := c.end == len(r.t.runes)
	if len(r.ctx.suffix) > 0 {
		suffixIntact = c.suffix >= oneSideIntact
	}
	return prefixIntact || suffixIntact
}

// edgesAgree reports whether a match at [s, e) is joined to the letters
// around it exactly as the quote was joined to its stored context. An
// empty context side tells nothing (the quote was at an end of the text,
// or the selector came without context) and always agrees.
func (r *resolution) edgesAgree(s, e int) bool {
	rs, q := r.t.runes, r.quote
	if p := r.ctx.prefix; len(p) > 0 && isWordRune(q[0]) {
		if isWordRune(p[len(p)-1]) != (s > 0 && isWordRune(rs[s-1])) {
			return false
		}
	}
	if x := r.ctx.suffix; len(x) > 0 && isWordRune(q[len(q)-1]) {
		if isWordRune(x[0]) != (e < len(rs) && isWordRune(rs[e])) {
			return false
		}
	}
	return true
}

func isWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c)
}
