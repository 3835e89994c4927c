package widgets

import "sort"

// Positions within a laid-out line: rune offset to x and back. These run
// on every pointer move, drag step and redraw, so they must not measure
// long strings: measuring a string not seen before costs tens of
// microseconds, whatever its length. A line's words were all measured when
// it was wrapped, so positions are sums of those cached widths, and only a
// part of one word is ever measured afresh.

// run is a word, or a run of spaces, on a line: runes [start,end) drawn
// from x0 to x1.
type run struct {
	start, end int
	x0, x1     float32
	spaces     bool
}

// runsOf is line i cut into words and spaces, made on first use and kept
// with the line's unit.
//
// Summing cached word widths gives the x the line is drawn at as long as
// every rune is drawn in the layout's own font: spaces do not kern with
// their neighbours. Text that font lacks (Arabic, Chinese) is drawn in a
// fallback font found on the machine, or as missing glyphs, and a space
// after it is drawn in that font too, at its width, not ours. Which fonts
// a machine has cannot be known here, so such a line is placed by
// measuring its prefixes at every run boundary instead, which is exactly
// where the glyphs are drawn whatever the fonts.
func (l *textLayout) runsOf(i lineRef) []run {
	ul := l.unitLines(i.u)
	if rs := ul.runs[i.k]; rs != nil {
		return rs
	}
	ln := ul.lines[i.k]
	rs := make([]run, 0, 2*(ln.end-ln.start)/6+1)
	x := float32(0)
	for a := ln.start; a < ln.end; {
		b, spaces := a, l.text.at(a) == ' '
		for b < ln.end && (l.text.at(b) == ' ') == spaces {
			b++
		}
		w := float32(b-a) * l.space
		if !spaces {
			w = l.wordWidth(a, b)
		}
		rs = append(rs, run{start: a, end: b, x0: x, x1: x + w, spaces: spaces})
		x += w
		a = b
	}
	if !l.inOwnFont(ln) {
		l.placeByPrefixes(ln, rs)
	}
	ul.runs[i.k] = rs
	return rs
}

// inOwnFont reports whether the layout's font draws every rune of the line.
func (l *textLayout) inOwnFont(ln textLine) bool {
	if l.ownFont == nil {
		return true
	}
	for _, r := range ln.text {
		if !l.ownFont(r) {
			return false
		}
	}
	return true
}

// placeByPrefixes sets each run's edges to the measured width of the line
// up to them: a word starts where the text before it ends as drawn, and
// ends where its own glyphs do.
func (l *textLayout) placeByPrefixes(ln textLine, rs []run) {
	prefix := func(end int) float32 { return l.measure(l.text.slice(ln.start, end)) }
	for k := range rs {
		if k > 0 {
			rs[k].x0 = rs[k-1].x1
		}
		rs[k].x1 = prefix(rs[k].end)
	}
}

// xIn is the x of offset off, which lies within r.
func (l *textLayout) xIn(r run, off int) float32 {
	switch {
	case off <= r.start:
		return r.x0
	case off >= r.end:
		return r.x1
	case r.spaces:
		// Spaces share the run's width evenly: their font is the one drawn.
		return r.x0 + (r.x1-r.x0)*float32(off-r.start)/float32(r.end-r.start)
	}
	return r.x0 + l.measure(l.text.slice(r.start, off))
}

// xOf is the x of rune offset off within line i, clamped to the line.
func (l *textLayout) xOf(i lineRef, off int) float32 {
	ln := l.unitLines(i.u).lines[i.k]
	off = min(max(off, ln.start), ln.end)
	if off == ln.start {
		return 0
	}
	rs := l.runsOf(i)
	k := sort.Search(len(rs), func(k int) bool { return rs[k].end >= off })
	return l.xIn(rs[k], off)
}

// runeIn finds the run of line i that x falls in and the rune of it under
// x; ok is false past the line's end.
func (l *textLayout) runeIn(i lineRef, x float32) (r run, rn int, ok bool) {
	rs := l.runsOf(i)
	k := sort.Search(len(rs), func(k int) bool { return rs[k].x1 > x })
	if k == len(rs) {
		return run{}, 0, false
	}
	r = rs[k]
	j := sort.Search(r.end-r.start, func(j int) bool { return l.xIn(r, r.start+j+1) > x })
	return r, r.start + j, true
}

// offsetAt is the rune offset nearest to (x, y): the hit test behind
// clicks and selection.
func (l *textLayout) offsetAt(x, y float32) int {
	if !l.ready() {
		return 0
	}
	return l.offsetInLine(l.lineAt(y), x)
}

// offsetInLine is the rune offset of line i nearest to x.
func (l *textLayout) offsetInLine(i lineRef, x float32) int {
	ln := l.unitLines(i.u).lines[i.k]
	if x <= 0 {
		return ln.start
	}
	r, rn, ok := l.runeIn(i, x)
	if !ok {
		return ln.end
	}
	// Before or after the rune x is on, by which half of it x is in.
	if (l.xIn(r, rn)+l.xIn(r, rn+1))/2 >= x {
		return rn
	}
	return rn + 1
}

// runeAt is the offset of the rune drawn at (x, y), or -1 off the text
// (in the margins, past a line's end, between paragraphs). Clicks on
// highlights and double-clicks on words want the rune under the pointer,
// not the boundary nearest to it.
func (l *textLayout) runeAt(x, y float32) int {
	if !l.ready() || x < 0 {
		return -1
	}
	i := l.lineAt(y)
	if ln := l.line(i); y < ln.y || y >= ln.y+l.lineHeight {
		return -1
	}
	if _, rn, ok := l.runeIn(i, x); ok {
		return rn
	}
	return -1
}
