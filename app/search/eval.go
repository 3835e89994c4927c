package search

import (
	"runtime"
	"slices"
	"sort"
	"sync"
)

// maxTerms bounds the words a query ANDs (free words plus phrase words);
// the per-item match counters are 16 bits wide.
const maxTerms = 64

// plan is a query resolved against the index: vocabulary words per query
// word, compiled filters and exclusions.
type plan struct {
	terms      []*termMatch // all must match; cheapest first
	ignored    []string     // query words that match nothing anywhere
	none       bool         // the query cannot match anything
	filt       *filters
	phrases    [][]uint32
	notPhrases [][]uint32
	exclude    bitset // items containing a left-out word
}

// termSource finds a query word's vocabulary matches; sessions cache them.
type termSource func(term string, exact bool) *termMatch

func (e *Engine) matchTerm(term string, exact bool) *termMatch {
	return e.voc.matchTerm(term, e.df, exact)
}

func (e *Engine) df(id uint32) int { return len(e.post[id].docs) }

// newPlan resolves q. The caller holds the read lock.
//
// A free word that matches nothing in the whole notebook is ignored (and
// reported in Results.Ignored) as long as another word matched: one typo
// too many should not blank a list the user is narrowing. A query whose
// words all match nothing finds nothing.
func (e *Engine) newPlan(q Query, src termSource) *plan {
	if src == nil {
		src = e.matchTerm
	}
	p := &plan{}
	words := q.Words
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	matched := 0
	for _, w := range words {
		tm := src(w, false)
		if len(tm.words) == 0 {
			p.ignored = append(p.ignored, w)
			continue
		}
		matched++
		p.terms = append(p.terms, tm)
	}
	if len(words) > 0 && matched == 0 {
		p.none = true
	}
	for _, ph := range q.Phrases {
		ids := make([]uint32, len(ph))
		for i, w := range ph {
			tm := src(w, true)
			if len(tm.words) == 0 {
				p.none = true
				break
			}
			ids[i] = tm.words[0].id
			if len(p.terms) < maxTerms && !slices.ContainsFunc(p.terms, func(t *termMatch) bool { return t.term == w && len(t.words) == 1 && t.words[0].class == classExact }) {
				p.terms = append(p.terms, tm)
			}
		}
		if len(ph) > 1 {
			p.phrases = append(p.phrases, ids)
		}
	}
	if len(p.terms) > maxTerms {
		p.terms = p.terms[:maxTerms]
	}
	// Rarest first: the candidate list shrinks fastest, and later words
	// can be probed instead of scanned.
	slices.SortStableFunc(p.terms, func(a, b *termMatch) int { return a.postings - b.postings })
	for _, w := range q.Not {
		if id, ok := e.voc.id(w); ok && e.df(id) > 0 {
			if p.exclude == nil {
				p.exclude = newBitset(len(e.kinds))
			}
			for _, d := range e.post[id].docs {
				p.exclude.set(d)
			}
		}
	}
next:
	for _, ph := range q.NotPhrases {
		ids := make([]uint32, len(ph))
		for i, w := range ph {
			id, ok := e.voc.id(w)
			if !ok {
				continue next // cannot occur, excludes nothing
			}
			ids[i] = id
		}
		p.notPhrases = append(p.notPhrases, ids)
	}
	p.filt = e.compileFilters(q.Filters)
	if p.filt.none {
		p.none = true
	}
	return p
}

// scratch holds per-slot arrays for one evaluation. They are all zero
// between uses: evaluation resets exactly the slots it touched.
type scratch struct {
	cnt     []uint16  // query words matched so far (offset by one when restricted)
	cur     []float32 // best score of the current word
	acc     []float32 // sum over finished words
	inTitle []uint64  // query words found in the title
	lists   [2][3][]uint32
	matches [2][]uint32
	phrase  [2][]uint32
}

func (e *Engine) getScratch() *scratch {
	n := len(e.kinds)
	s, _ := e.pool.Get().(*scratch)
	if s == nil || len(s.cnt) < n {
		n += n/8 + 64
		s = &scratch{cnt: make([]uint16, n), cur: make([]float32, n), acc: make([]float32, n), inTitle: make([]uint64, n)}
	}
	return s
}

// part is one worker's share of an evaluation.
type part struct {
	lo, hi   uint32   // slot range
	restrict []uint32 // sorted candidate slots within the range, or nil
	top      topK
	total    int
	matches  []uint32 // matching slots, sorted, when wanted
}

// parallelWork is the number of postings (or slots) below which splitting
// across cores costs more than it saves.
const parallelWork = 60_000

// run evaluates p, optionally only over restrict (sorted slots, a superset
// of the answer), and returns the k best hits in order, the number of
// matches and, if want and they are few enough to be worth it, all
// matching slots in order. The caller holds the read lock.
func (e *Engine) run(p *plan, restrict []uint32, k int, want bool) ([]scored, int, []uint32) {
	if p.none {
		// Not remembered: "all words unknown" is not a constraint that a
		// longer query keeps.
		return nil, 0, nil
	}
	n := uint32(len(e.kinds))
	work := 0
	for _, t := range p.terms {
		work += t.postings
	}
	if len(p.terms) == 0 {
		work = int(n)
	}
	if restrict != nil {
		work = min(work, len(restrict)*max(1, len(p.terms))*8)
	}
	workers := 1
	if work >= parallelWork && runtime.GOMAXPROCS(0) > 1 {
		workers = 2
	}
	sc := e.getScratch()
	defer e.pool.Put(sc)
	parts := make([]part, workers)
	for i := range parts {
		lo, hi := n*uint32(i)/uint32(workers), n*uint32(i+1)/uint32(workers)
		pt := &parts[i]
		pt.lo, pt.hi = lo, hi
		pt.top = topK{e: e, k: k}
		pt.matches = sc.matches[i][:0]
		if restrict != nil {
			a, _ := slices.BinarySearch(restrict, lo)
			b, _ := slices.BinarySearch(restrict, hi)
			pt.restrict = restrict[a:b:b]
		}
	}
	if workers == 1 {
		e.runPart(p, sc, 0, &parts[0], restrict != nil, want)
	} else {
		var wg sync.WaitGroup
		for i := range parts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.runPart(p, sc, i, &parts[i], restrict != nil, want)
			}()
		}
		wg.Wait()
	}
	top := topK{e: e, k: k}
	total := 0
	for i := range parts {
		for _, s := range parts[i].top.h {
			top.push(s)
		}
		total += parts[i].total
		sc.matches[i] = parts[i].matches
	}
	// Matches are worth keeping for narrowing only while they are a
	// small part of the index: inside a near-complete list, a search
	// costs more than from scratch.
	var matches []uint32
	if want && total <= len(e.kinds)/4 {
		matches = make([]uint32, 0, total)
		for i := range parts {
			matches = append(matches, parts[i].matches...)
		}
	}
	slices.SortFunc(top.h, func(a, b scored) int {
		if e.better(a, b) {
			return -1
		}
		return 1
	})
	return top.h, total, matches
}

// runPart evaluates p over one slot range. Query words are applied one at
// a time, rarest first: an item stays a candidate while it has matched
// every word so far (cnt counts them), keeping for each word its best
// matching vocabulary word's score. A word's postings are scanned, or,
// when the candidates are few, probed by galloping through them.
func (e *Engine) runPart(p *plan, sc *scratch, wi int, pt *part, restricted, want bool) {
	f := p.filt
	finish := func(d uint32, score float32) {
		if p.exclude != nil && p.exclude.has(d) || !f.pass(e, d) {
			return
		}
		for _, ph := range p.phrases {
			var ok bool
			if ok, sc.phrase[wi] = e.hasPhrase(d, ph, sc.phrase[wi]); !ok {
				return
			}
		}
		for _, ph := range p.notPhrases {
			var ok bool
			if ok, sc.phrase[wi] = e.hasPhrase(d, ph, sc.phrase[wi]); ok {
				return
			}
		}
		pt.total++
		pt.top.push(scored{score: score, slot: d})
		if want {
			pt.matches = append(pt.matches, d)
		}
	}
	if len(p.terms) == 0 {
		// Nothing to rank by but age.
		if restricted {
			for _, d := range pt.restrict {
				finish(d, e.recencyF[d])
			}
			return
		}
		for d := pt.lo; d < pt.hi; d++ {
			if e.kinds[d] != 0 {
				finish(d, e.recencyF[d])
			}
		}
		return
	}

	cnt, cur, acc, inTitle := sc.cnt, sc.cur, sc.acc, sc.inTitle
	lists := &sc.lists[wi]
	sco := e.newScorer()
	nDocs := e.live
	var level uint16
	var cands, touched []uint32
	sorted := false
	if restricted {
		for _, d := range pt.restrict {
			cnt[d] = 1
		}
		level, cands, touched, sorted = 1, pt.restrict, pt.restrict, true
	}
	for ti, t := range p.terms {
		var next []uint32
		switch {
		case ti == 0 && !restricted:
			next = lists[0][:0]
		case ti%2 == 0:
			next = lists[1][:0]
		default:
			next = lists[2][:0]
		}
		up := level + 1
		bit := uint64(1) << ti
		// One idf per query word, from its most frequent reading: a rare
		// misspelling in the notebook must not outrank the word meant.
		tidf := idf(nDocs, t.maxDF)
		if t.initial >= 0 {
			// One letter: some word must start with it; where it does
			// (title or elsewhere) is all that ranks.
			ib, tb := uint64(1)<<t.initial, uint64(1)<<(titleInitialShift+t.initial)
			inT, inB := tidf*wPrefixBase*saturate(bTitle), tidf*wPrefixBase*saturate(bText)
			promote := func(d uint32) {
				m := e.initials[d]
				if m&ib == 0 {
					return
				}
				cnt[d] = up
				cur[d] = inB
				if m&tb != 0 {
					cur[d] = inT
					inTitle[d] |= bit
				}
				next = append(next, d)
			}
			if cands == nil {
				for d := pt.lo; d < pt.hi; d++ {
					promote(d)
				}
			} else {
				for _, d := range cands {
					promote(d)
				}
			}
			goto done
		}
		for _, wm := range t.words {
			pl := &e.post[wm.id]
			base := wm.weight * tidf
			docs, meta := pl.docs, pl.meta
			if pt.lo > 0 || int(pt.hi) < len(e.kinds) {
				a, _ := slices.BinarySearch(docs, pt.lo)
				b, _ := slices.BinarySearch(docs, pt.hi)
				docs, meta = docs[a:b], meta[a:b]
			}
			if sorted && len(cands)*8 < len(docs) {
				j := 0
				for _, d := range cands {
					j = gallop(docs, j, d)
					if j == len(docs) {
						break
					}
					if docs[j] != d {
						continue
					}
					switch cnt[d] {
					case level:
						cnt[d] = up
						cur[d] = base * sco.field(meta[j], d)
						next = append(next, d)
					case up:
						if s := base * sco.field(meta[j], d); s > cur[d] {
							cur[d] = s
						}
					default:
						continue
					}
					if meta[j]&fTitle != 0 {
						inTitle[d] |= bit
					}
				}
				continue
			}
			for j, d := range docs {
				switch cnt[d] {
				case level:
					cnt[d] = up
					cur[d] = base * sco.field(meta[j], d)
					next = append(next, d)
				case up:
					if s := base * sco.field(meta[j], d); s > cur[d] {
						cur[d] = s
					}
				default:
					continue
				}
				if meta[j]&fTitle != 0 {
					inTitle[d] |= bit
				}
			}
		}
	done:
		for _, d := range next {
			acc[d] += cur[d]
		}
		// Keep candidates in slot order: probing needs it, and sessions
		// cache them that way. A long list is cheaper to rebuild by a
		// sweep of the range than to sort.
		if len(next) > int(pt.hi-pt.lo)/16 {
			next = next[:0]
			for d := pt.lo; d < pt.hi; d++ {
				if cnt[d] == up {
					next = append(next, d)
				}
			}
		} else {
			slices.Sort(next)
		}
		switch {
		case ti == 0 && !restricted:
			lists[0] = next
			touched = next
		case ti%2 == 0:
			lists[1] = next
		default:
			lists[2] = next
		}
		cands, sorted, level = next, true, up
		if len(cands) == 0 {
			break
		}
	}
	if len(cands) > 0 { // every query word matched these
		all := uint64(1)<<len(p.terms) - 1
		for _, d := range cands {
			s := acc[d] * (1 + wRecency*e.recencyF[d])
			if len(p.terms) > 1 && inTitle[d] == all {
				s *= 1 + wAllInTitle
			}
			finish(d, s)
		}
	}
	for _, d := range touched {
		cnt[d], cur[d], acc[d], inTitle[d] = 0, 0, 0, 0
	}
}

// gallop returns the first index j >= i with a[j] >= x, by doubling steps
// then binary search: cheap when x is near, logarithmic when far.
func gallop(a []uint32, i int, x uint32) int {
	if i >= len(a) || a[i] >= x {
		return i
	}
	lo, step := i, 1 // a[lo] < x
	for lo+step < len(a) && a[lo+step] < x {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(a)) // a[hi] >= x or hi == len
	return lo + 1 + sort.Search(hi-lo-1, func(k int) bool { return a[lo+1+k] >= x })
}
