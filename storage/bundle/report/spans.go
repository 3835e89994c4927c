package report

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/textnorm"
)

// The report shows a piece's text as paragraphs cut into segments wherever
// a passage starts or ends, so overlapping passages never need crossing
// tags: each segment opens one <mark> per passage covering it, outermost
// first, and closes them all again. Translucent highlight colours then
// layer where passages overlap.

// paraView is one paragraph of a piece as the report shows it.
type paraView struct {
	Segs []segView
	// Notes are the passages starting in this paragraph: shown under it
	// when the margin is too narrow for them.
	Notes []*passageView
}

// segView is a run of text under the same set of passages.
type segView struct {
	Side  []*passageView // margin notes of passages starting here
	Marks []markView     // outermost first
	Lines []string       // the text, split at single line breaks
	Ends  []*passageView // passages ending here, for their numbers
}

// markView opens one passage's highlight over a segment.
type markView struct {
	Class string
	ID    string // set on the passage's first segment only
}

// spot is a passage with its place in the text in bytes.
type spot struct {
	p          *passageView
	start, end int
}

// layout cuts text into paragraphs and segments under passages. It
// returns the paragraphs and the passages that found no place in the text
// (orphaned, or whose span is out of range or falls between paragraphs).
func layout(text string, passages []*passageView) ([]paraView, []*passageView) {
	var spots []spot
	var unplaced []*passageView
	runes := utf8.RuneCountInString(text)
	for _, p := range passages {
		span, ok := p.ann.Place()
		if !ok || span.Start < 0 || span.End > runes || span.Start >= span.End {
			unplaced = append(unplaced, p)
			continue
		}
		spots = append(spots, spot{p: p, start: span.Start, end: span.End})
	}
	toBytes(text, spots)
	slices.SortStableFunc(spots, func(a, b spot) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end), strings.Compare(a.p.ann.ID, b.p.ann.ID))
	})
	// Numbers follow the order a reader meets the passages in.
	n := 0
	for _, sp := range spots {
		if !sp.p.quiet {
			n++
			sp.p.Num = n
		}
	}

	paras := textnorm.Paragraphs(text)
	out := make([]paraView, 0, len(paras))
	first := 0 // spots before it end before the current paragraph
	for _, pr := range paras {
		ps, pe := pr[0], pr[1]
		for first < len(spots) && spots[first].end <= ps {
			first++
		}
		// The passages touching this paragraph: spots are sorted by start,
		// so they are among spots[first:] up to the first starting after pe.
		var here []spot
		for _, sp := range spots[first:] {
			if sp.start >= pe {
				break
			}
			if sp.end > ps {
				here = append(here, sp)
			}
		}
		out = append(out, layoutPara(text, ps, pe, here))
	}
	for _, sp := range spots {
		if !sp.p.shown {
			unplaced = append(unplaced, sp.p)
		}
	}
	return out, unplaced
}

// layoutPara cuts text[ps:pe] at every passage boundary inside it.
func layoutPara(text string, ps, pe int, here []spot) paraView {
	var para paraView
	cuts := []int{ps, pe}
	for _, sp := range here {
		if sp.start > ps {
			cuts = append(cuts, sp.start)
		}
		if sp.end < pe {
			cuts = append(cuts, sp.end)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		seg := segView{Lines: strings.Split(text[s:e], "\n")}
		for _, sp := range here {
			if sp.start <= s && sp.end >= e {
				m := markView{Class: sp.p.Class}
				if !sp.p.shown {
					sp.p.shown = true
					m.ID = sp.p.ann.ID
					if !sp.p.quiet {
						seg.Side = append(seg.Side, sp.p)
						para.Notes = append(para.Notes, sp.p)
					}
				}
				seg.Marks = append(seg.Marks, m)
			}
			if sp.end == e && !sp.p.quiet {
				seg.Ends = append(seg.Ends, sp.p)
			}
		}
		para.Segs = append(para.Segs, seg)
	}
	return para
}

// toBytes turns the spots' rune offsets into byte offsets in one pass.
func toBytes(text string, spots []spot) {
	if len(spots) == 0 {
		return
	}
	type ref struct {
		at  int
		dst *int
	}
	refs := make([]ref, 0, 2*len(spots))
	for i := range spots {
		refs = append(refs, ref{spots[i].start, &spots[i].start}, ref{spots[i].end, &spots[i].end})
	}
	slices.SortFunc(refs, func(a, b ref) int { return cmp.Compare(a.at, b.at) })
	r, k := 0, 0
	for b := range text {
		for k < len(refs) && refs[k].at == r {
			*refs[k].dst = b
			k++
		}
		r++
	}
	for ; k < len(refs); k++ {
		*refs[k].dst = len(text)
	}
}

// colorClass is the CSS class of a highlight colour; an unknown colour
// (from a newer app) shows as the default rather than unstyled.
func colorClass(c string) string {
	if slices.Contains(storage.Colors, c) {
		return "c-" + c
	}
	return "c-" + storage.DefaultColor
}
