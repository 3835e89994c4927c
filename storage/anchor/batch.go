package anchor

import (
	"sort"
	"strings"
)

// ResolveAll resolves many selectors against the same text, sharing work
// between them. Selectors are taken in text order and each learns from its
// neighbours how far the text shifted: after an insertion or a typo fix,
// most passages sit, unchanged, a fixed distance from where they were. So
// before searching the whole text, a selector is looked for near its old
// position plus the neighbours' shift, and accepted there only with its
// quote and both context sides intact. The remaining ones are searched as
// by Resolve, through a suffix array once enough of them need it, and
// edited passages are looked for next to their neighbours first.
//
// Results equal Resolve's except where a quote recurs with its whole
// context verbatim: Resolve sees the copies as indistinguishable (Review),
// ResolveAll takes the one consistent with the neighbours (Moved).
func (t *Text) ResolveAll(sels []Selector) []Result {
	n := len(t.runes)
	out := make([]Result, len(sels))
	order := make([]int, len(sels))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return clamp(sels[order[a]].Start, 0, n) < clamp(sels[order[b]].Start, 0, n)
	})

	var shifts []shift // in order of old offset, as selectors are taken in order
	var approx []int
	rs := make([]*resolution, len(sels))
	delta, scans := 0, 0
	for _, i := range order {
		r := t.newResolution(sels[i])
		res, ok := r.position()
		if !ok {
			res, ok = r.nearby(clamp(r.hint+delta, 0, n))
		}
		if !ok {
			if scans++; scans > suffixArrayAfterScans && len(t.valid) >= suffixArrayMinBytes {
				t.useSuffixArray()
			}
			res, ok = r.verbatim()
		}
		if !ok {
			rs[i] = r
			approx = append(approx, i)
			continue
		}
		out[i] = res
		if res.Status == Anchored || res.Status == Moved {
			delta = res.Start - r.hint
			shifts = append(shifts, shift{r.hint, delta})
		}
	}
	for _, i := range approx {
		r := rs[i]
		out[i] = r.approximate(clamp(r.hint+nearestShift(shifts, r.hint), 0, n))
	}
	return out
}

// A suffix array costs about as much to build as 75 linear scans of the
// text for a quote (measured: ~50 ns against ~0.7 ns per byte). ResolveAll
// cannot know beforehand how many quotes will need a scan, so it scans
// until it has spent about that much and then builds the array, never
// paying much more than twice the better choice (the ski-rental argument).
// Short texts are always scanned: the array would save little.
const (
	suffixArrayAfterScans = 64
	suffixArrayMinBytes   = 16 << 10
)

// nearbyRunes is how far around its expected place a passage is looked for
// before searching the whole text: a few paragraphs, enough to absorb the
// edits between two neighbouring annotations.
const nearbyRunes = 2048

type shift struct{ old, delta int }

// nearestShift returns the shift of the resolved selector whose old offset
// is nearest to old, or 0 when there is none.
func nearestShift(shifts []shift, old int) int {
	if len(shifts) == 0 {
		return 0
	}
	k := sort.Search(len(shifts), func(k int) bool { return shifts[k].old >= old })
	if k == len(shifts) || k > 0 && old-shifts[k-1].old < shifts[k].old-old {
		k--
	}
	return shifts[k].delta
}

// nearby looks for the quote within nearbyRunes of at, with the stored
// prefix and suffix intact around it. Exactly one such place counts as
// found: it is as strong as a position that still reads Exact.
func (r *resolution) nearby(at int) (Result, bool) {
	t := r.t
	m, n := len(r.quote), len(t.runes)
	if len(r.ctx.prefix) == 0 && len(r.ctx.suffix) == 0 {
		return Result{}, false // nothing to confirm the place with
	}
	lo, hi := clamp(at-nearbyRunes, 0, n), clamp(at+m+nearbyRunes, 0, n)
	from, to := lo, hi
	if t.validByteOf != nil {
		from, to = t.validByteOf[lo], t.validByteOf[hi]
	}
	window, needle := t.valid[from:to], string(r.quote)
	found := -1
	for off := 0; off <= len(window)-len(needle); {
		i := strings.Index(window[off:], needle)
		if i < 0 {
			break
		}
		s := t.validRuneAt(from + off + i)
		if r.contextUnchanged(s, s+m) {
			if found >= 0 {
				return Result{}, false // two of them: leave it to the full search
			}
			found = s
		}
		off += i + 1
		for off < len(window) && window[off]&0xC0 == 0x80 {
			off++ // to the next rune boundary
		}
	}
	if found < 0 {
		return Result{}, false
	}
	c := r.candidate(found, found+m, 1, true)
	return Result{Start: found, End: found + m, Status: Moved, Score: c.score, Candidates: 1}, true
}
