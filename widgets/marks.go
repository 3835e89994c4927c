package widgets

import (
	"image/color"
	"slices"
	"sort"

	"fyne.io/fyne/v2/theme"
)

// Find hits are boxed in the primary colour: an outline reads as "found
// here" over any highlight colour and cannot be mistaken for a highlight
// or for the selection, which are fills. The current hit is filled too.
const (
	markStroke        = 1.5
	currentMarkStroke = 2
	currentMarkAlpha  = 0x66 // about 40%
)

// markSet is the find hits on a page. A common word in a long piece has
// thousands, so they are kept sorted with a running maximum of their ends:
// a redraw finds the first one in view by binary search and draws only
// those in view.
type markSet struct {
	given  [][2]int // as SetMarks had them, clamped: SetCurrentMark indexes these
	sorted [][2]int // the non-empty ones, by start
	reach  []int    // reach[k] is the largest end in sorted[:k+1]
	// current is the hit drawn stronger; ok is false for none.
	current [2]int
	ok      bool
	// scrollDue: the current hit is to be scrolled into view once the
	// page has a size to scroll in.
	scrollDue bool
}

func (m *markSet) set(marks [][2]int, n int) {
	*m = markSet{}
	if len(marks) == 0 {
		return
	}
	m.given = make([][2]int, len(marks))
	for i, mk := range marks {
		a, b := min(max(mk[0], 0), n), min(max(mk[1], 0), n)
		m.given[i] = [2]int{a, b}
		if a < b {
			m.sorted = append(m.sorted, m.given[i])
		}
	}
	slices.SortFunc(m.sorted, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	m.reach = make([]int, len(m.sorted))
	for k, mk := range m.sorted {
		m.reach[k] = mk[1]
		if k > 0 {
			m.reach[k] = max(mk[1], m.reach[k-1])
		}
	}
}

// SetMarks shows the hits of a find: rune ranges [start,end), boxed in the
// primary colour over the highlights and under the selection. Ranges are
// clamped to the text; empty ones are not drawn. It clears the current
// mark; nil clears all. SetText clears them too: they belong to a text.
func (t *AnnotatedText) SetMarks(marks [][2]int) {
	t.page.marks.set(marks, t.page.layout.text.len())
	t.page.Refresh()
}

// SetCurrentMark draws marks[i] (as given to SetMarks) stronger, as the
// hit the find is on, and scrolls it to the middle of the view unless it is
// in view already; -1 (or an index out of range) for none.
func (t *AnnotatedText) SetCurrentMark(i int) {
	m := &t.page.marks
	m.ok, m.scrollDue = false, false
	if i >= 0 && i < len(m.given) && m.given[i][0] < m.given[i][1] {
		m.current, m.ok = m.given[i], true
		m.scrollDue = true
		t.scrollToCurrentMark()
	}
	t.page.Refresh()
}

// scrollToCurrentMark brings the current mark's lines into view, centred,
// if they are not in it. Before the first layout there is no view to
// scroll: it stays due, and the layout calls here again.
func (t *AnnotatedText) scrollToCurrentMark() {
	p, m := t.page, &t.page.marks
	l := p.layout
	h := t.scroll.Size().Height
	if !m.scrollDue || !m.ok || h <= 0 || !l.ready() || l.width <= 0 {
		return
	}
	m.scrollDue = false
	p.layOutAround(m.current[0])
	top, bottom := p.extentOf(m.current)
	off := t.scroll.Offset.Y
	if top >= off && bottom <= off+h {
		return
	}
	t.scrollTo(top - (h-(bottom-top))/2)
}

// currentMarkDue tells whether a layout is to scroll to the current mark:
// it is due to be scrolled to, or the text is to re-wrap and the mark is in
// view now. (Other layouts leave the view alone: the reader may have
// scrolled the mark half out of it.)
func (t *AnnotatedText) currentMarkDue(rewrap bool) bool {
	p, m := t.page, &t.page.marks
	l := p.layout
	if !m.ok {
		return false
	}
	if m.scrollDue {
		return true
	}
	h := t.scroll.Size().Height
	if !rewrap || h <= 0 || !l.ready() {
		return false
	}
	top, bottom := p.extentOf(m.current)
	off := t.scroll.Offset.Y
	return top < off+h && bottom > off
}

// extentOf is the page y of the top of rune range mk's first line and of
// the bottom of its last.
func (p *textPage) extentOf(mk [2]int) (top, bottom float32) {
	l := p.layout
	first, last := p.linesOf(mk)
	// The first line's unit is laid out first: that can move the last
	// line, and laying out the last line's unit cannot move the first.
	top = p.top + l.line(first).y
	return top, p.top + l.line(last).y + l.lineHeight
}

// linesOf is the first and last line that rune range mk is drawn on.
func (p *textPage) linesOf(mk [2]int) (first, last lineRef) {
	l := p.layout
	first = l.lineOf(mk[0])
	if next, ok := l.next(first); ok && l.line(first).end <= mk[0] {
		first = next // mk starts where first ends
	}
	last = l.lineOf(mk[1])
	if prev, ok := l.prev(last); ok && l.line(last).start >= mk[1] {
		last = prev
	}
	if last.before(first) {
		last = first
	}
	return first, last
}

// drawMarks boxes the marks on the visible lines: those that can reach
// them are found by binary search, so the cost is that of the marks in
// view whatever the number of marks.
func (r *textPageRenderer) drawMarks(textH float32, box func(x, y, w, h float32, fill, stroke color.Color, strokeWidth float32)) {
	p, m := r.p, &r.p.marks
	if len(m.sorted) == 0 || len(r.visible) == 0 {
		return
	}
	primary := theme.ColorForWidget(theme.ColorNamePrimary, p)
	lo, hi := r.visible[0].line.start, r.visible[len(r.visible)-1].line.end
	k := sort.Search(len(m.sorted), func(k int) bool { return m.reach[k] > lo })
	for ; k < len(m.sorted) && m.sorted[k][0] < hi; k++ {
		if mk := m.sorted[k]; mk[1] > lo && !(m.ok && mk == m.current) {
			r.boxMark(mk, textH, func(x, y, w, h float32) { box(x, y, w, h, nil, primary, markStroke) })
		}
	}
	if m.ok && m.current[1] > lo && m.current[0] < hi {
		// On the page's own background, so the current hit is the same
		// blue over any highlight: primary over yellow would be grey.
		bg := theme.ColorForWidget(theme.ColorNameBackground, p)
		fill := withAlpha(primary, currentMarkAlpha)
		r.boxMark(m.current, textH, func(x, y, w, h float32) {
			box(x, y, w, h, bg, nil, 0)
			box(x, y, w, h, fill, primary, currentMarkStroke)
		})
	}
}

// boxMark calls draw with a box around the glyphs of mk on each visible
// line it covers: a hit across a line wrap is boxed on both lines.
func (r *textPageRenderer) boxMark(mk [2]int, textH float32, draw func(x, y, w, h float32)) {
	p, l := r.p, r.p.layout
	for _, v := range r.visible {
		i, ln := v.ref, v.line
		if ln.end <= mk[0] || ln.start >= mk[1] {
			continue
		}
		x1, x2 := l.xOf(i, mk[0]), l.xOf(i, mk[1])
		if x2 <= x1 {
			continue
		}
		// The box of a highlight, a pixel wider each side, so an outline
		// round a highlighted word stays clear of its letters.
		y := p.top + ln.y + (l.lineHeight-textH)/2 - 3
		draw(p.colX+x1-2, y, x2-x1+4, textH+6)
	}
}

func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
