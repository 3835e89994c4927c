package bundle

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

// reportPara is one paragraph of a piece as the report shows it.
type reportPara struct {
	Segs []reportSeg
	// Notes are the passages starting in this paragraph: shown under it
	// when the margin is too narrow for them.
	Notes []*reportPassage
}

// reportSeg is a run of text under the same set of passages.
type reportSeg struct {
	Side  []*reportPassage // margin notes of passages starting here
	Marks []reportMark     // outermost first
	Lines []string         // the text, split at single line breaks
	Ends  []*reportPassage // passages ending here, for their numbers
}

// reportMark opens one passage's highlight over a segment.
type reportMark struct {
	Class string
	ID    string // set on the passage's first segment only
}

// rptSpot is a passage with its place in the text in bytes.
type rptSpot struct {
	p          *reportPassage
	start, end int
}

// rptLayout cuts text into paragraphs and segments under passages. It
// returns the paragraphs and the passages that found no place in the text
// (orphaned, or whose span is out of range or falls between paragraphs).
func rptLayout(text string, passages []*reportPassage) ([]reportPara, []*reportPassage) {
	var spots []rptSpot
	var unplaced []*reportPassage
	runes := utf8.RuneCountInString(text)
	for _, p := range passages {
		span, ok := p.ann.Place()
		if !ok || span.Start < 0 || span.End > runes || span.Start >= span.End {
			unplaced = append(unplaced, p)
			continue
		}
		spots = append(spots, rptSpot{p: p, start: span.Start, end: span.End})
	}
	rptToBytes(text, spots)
	slices.SortStableFunc(spots, func(a, b rptSpot) int {
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
	out := make([]reportPara, 0, len(paras))
	first := 0 // spots before it end before the current paragraph
	for _, pr := range paras {
		ps, pe := pr[0], pr[1]
		for first < len(spots) && spots[first].end <= ps {
			first++
		}
		// The passages touching this paragraph: spots are sorted by start,
		// so they are among spots[first:] up to the first starting after pe.
		var here []rptSpot
		for _, sp := range spots[first:] {
			if sp.start >= pe {
				break
			}
			if sp.end > ps {
				here = append(here, sp)
			}
		}
		out = append(out, rptLayoutPara(text, ps, pe, here))
	}
	for _, sp := range spots {
		if !sp.p.shown {
			unplaced = append(unplaced, sp.p)
		}
	}
	return out, unplaced
}

// rptLayoutPara cuts text[ps:pe] at every passage boundary inside it.
func rptLayoutPara(text string, ps, pe int, here []rptSpot) reportPara {
	var para reportPara
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
		seg := reportSeg{Lines: strings.Split(text[s:e], "\n")}
		for _, sp := range here {
			if sp.start <= s && sp.end >= e {
				m := reportMark{Class: sp.p.Class}
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

// rptToBytes turns the spots' rune offsets into byte offsets in one pass.
func rptToBytes(text string, spots []rptSpot) {
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

// rptColor is the CSS class of a highlight colour; an unknown colour
// (from a newer app) shows as the default rather than unstyled.
func rptColor(c string) string {
	if slices.Contains(storage.Colors, c) {
		return "c-" + c
	}
	return "c-" + storage.DefaultColor
}
