package widgets

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// measureFunc gives the width of s in the text style being laid out.
type measureFunc func(s string) float32

// textLine is one wrapped line: runes [start,end) of the whole text, at y.
// Trailing spaces and the newline that ended the line belong to no line.
// Within a unit's lines y is from the unit's top; textLayout.line gives it
// from the text's top.
type textLine struct {
	start, end int
	y          float32
	text       string
}

const (
	// maxUnitRunes bounds a layout unit. A paragraph longer than this (a
	// book pasted without blank lines) is laid out in pieces, cut at a
	// line break or else a space, so that no one step of laying out on
	// demand is slow; a cut at a space starts a new line there.
	maxUnitRunes = 8192
	// keptUnits is how many units keep their lines: the least recently
	// used beyond it are dropped (their measured heights stay), so the
	// memory a piece takes follows what was looked at, not its length.
	keptUnits = 256
	// raggedFill is the share of the column an average wrapped line fills:
	// a word that does not fit goes to the next line.
	raggedFill = 0.93
	// sampleProse is the prose whose average advance sizes the column
	// (measureChars of it) and estimates the height of paragraphs not laid
	// out yet.
	sampleProse = "The quick brown fox jumps over the lazy dog, then rests."
)

// unit is a paragraph (or a piece of a very long one), the unit laid out
// on demand: a unit's lines depend on nothing outside it.
type unit struct {
	start, end int  // runes, without the blank lines after it
	segments   int  // hard lines: its newlines plus one
	gapAfter   bool // a paragraph gap follows it
	measured   bool // h is the laid-out height, not an estimate
	h          float32
}

// unitLines is a laid-out unit: its lines and what is cached per line.
type unitLines struct {
	lines   []textLine // y from the unit's top
	runs    [][]run    // per line, measured on first use: see runsOf
	painted []string   // per line, the text handed to the painter: see paintedText
	height  float32    // of the lines, without the gap after
	used    uint64     // when last asked for, to drop the least recently used
}

// lineRef names a line: unit u's k-th line. Lines are named this way, not
// by an index into the whole text, because the number of lines of a unit
// not laid out yet is unknown.
type lineRef struct{ u, k int }

// textLayout wraps a text's paragraphs to a width. Laying out is the costly
// step (measuring words), so it is done per paragraph on demand, when one
// comes into view or a position in it is asked for, and never per frame or
// per scroll. Paragraphs not laid out yet have an estimated height, from
// their length and the column, so that the text has a height from the
// start; a tree of unit heights turns a y into a unit and back in log
// time. Word widths are cached across paragraphs because prose repeats its
// words.
type textLayout struct {
	text       runeText
	width      float32 // as asked
	wrapWidth  float32 // as used: never narrower than a few words
	lineHeight float32
	paraGap    float32
	height     float32

	units []unit
	tops  heightTree   // unit heights: unit u's top is tops.sum(u)
	laid  []*unitLines // per unit, nil when not laid out (or dropped)
	kept  []int        // the units in laid that are not nil
	use   uint64       // counter behind unitLines.used
	// runesPerLine is the estimate of how many runes a wrapped line holds:
	// from a sample of prose at first, then from the paragraphs laid out
	// (see calibrate), counted in sample.
	runesPerLine float32
	sample       struct{ units, runes, lines int }
	// calibrateAt is the sample's number of lines at which calibrate next
	// re-estimates; 0 once it no longer does.
	calibrateAt int
	// paintedScale is the pixel scale the painted texts were made for.
	paintedScale float32

	// onResize, if set, is told before unit u's height changes by delta
	// (it has just been laid out), so that the view can keep what the
	// reader is looking at in place.
	onResize func(u int, delta float32)

	measure measureFunc
	// ownFont reports whether the font measured draws a rune itself (nil:
	// every rune): see runsOf.
	ownFont func(r rune) bool
	words   map[string]float32
	space   float32
	wraps   int // re-layouts for a new text or width: tests check that scrolling never adds one
	laidOut int // units laid out: tests check that opening a long text lays out few
}

func newTextLayout(measure measureFunc, ownFont func(rune) bool) *textLayout {
	return &textLayout{text: newRuneText(""), measure: measure, ownFont: ownFont, words: map[string]float32{}, space: measure(" ")}
}

// setText replaces the text; call wrap afterwards.
func (l *textLayout) setText(text string) {
	l.text = newRuneText(text)
	// Fresh arrays: a huge piece's are not to outlive it.
	l.units, l.tops, l.laid, l.kept = nil, heightTree{}, nil, nil
	l.findUnits()
}

// wrap prepares to lay the text out to width, unless it already is: every
// unit gets an estimated height, and is laid out when first needed.
func (l *textLayout) wrap(width, lineHeight, paraGap float32) {
	if width == l.width && lineHeight == l.lineHeight && paraGap == l.paraGap && l.laid != nil {
		return
	}
	l.width, l.lineHeight, l.paraGap = width, lineHeight, paraGap
	if l.units == nil {
		l.findUnits() // an empty layout: one empty line
	}
	l.wraps++
	// Before the first real size, a zero width would break every word into
	// single runes: lay out as if a few words fit.
	l.wrapWidth = max(width, 10*l.space)
	advance := averageAdvance(l.measure)
	l.runesPerLine = max(1, l.wrapWidth*raggedFill/max(advance, 0.1))
	l.sample.units, l.sample.runes, l.sample.lines = 0, 0, 0
	l.calibrateAt = firstCalibration
	l.dropLines()
	l.laid = make([]*unitLines, len(l.units))
	heights := make([]float32, len(l.units))
	for u := range l.units {
		l.units[u].h, l.units[u].measured = l.estimate(u), false
		heights[u] = l.units[u].h
	}
	l.tops.reset(heights)
	l.height = float32(l.tops.total())
}

// findUnits cuts the text into paragraphs at blank lines (single newlines
// inside one are hard line breaks), and very long paragraphs into pieces.
// It works on bytes with the string searches, which are fast, since it
// reads the whole text on every open.
func (l *textLayout) findUnits() {
	s := l.text.s
	r := 0 // rune offset of byte b
	for b := 0; b < len(s); {
		end := len(s)
		if k := strings.Index(s[b:], "\n\n"); k >= 0 {
			end = b + k
		}
		para := s[b:end]
		n := len(para)
		if !l.text.ascii {
			n = utf8.RuneCountInString(para)
		}
		for n > maxUnitRunes {
			cut, skip := cutPoint(para)
			runes := cut
			if !l.text.ascii {
				runes = utf8.RuneCountInString(para[:cut])
			}
			l.addUnit(r, r+runes, para[:cut])
			r, n, para = r+runes+skip, n-runes-skip, para[cut+skip:]
		}
		l.addUnit(r, r+n, para)
		r += n
		next := end
		for next < len(s) && s[next] == '\n' {
			next++
		}
		r += next - end // newlines are a byte and a rune each
		l.units[len(l.units)-1].gapAfter = next < len(s)
		b = next
	}
	if len(l.units) == 0 {
		l.addUnit(0, 0, "")
	}
}

// cutPoint is where a paragraph too long for one unit is cut, in bytes,
// and how many bytes after the cut (a newline or space) belong to neither
// side: at its last line break within maxUnitRunes runes, or else at its
// last space, or right there in a space-less run.
func cutPoint(para string) (cut, skip int) {
	limit := 0
	for range maxUnitRunes {
		_, size := utf8.DecodeRuneInString(para[limit:])
		limit += size
	}
	window := para[:limit]
	if k := strings.LastIndexByte(window, '\n'); k > 0 {
		return k, 1
	}
	if k := strings.LastIndexByte(window, ' '); k > 0 {
		return k, 1
	}
	return limit, 0
}

func (l *textLayout) addUnit(start, end int, text string) {
	segments := strings.Count(text, "\n") + 1
	l.units = append(l.units, unit{start: start, end: end, segments: segments})
}

// estimate is the height unit u is given before it is laid out.
func (l *textLayout) estimate(u int) float32 {
	un := l.units[u]
	lines := max(un.segments, int(math.Ceil(float64(float32(un.end-un.start)/l.runesPerLine))))
	return float32(lines)*l.lineHeight + l.gapOf(u)
}

func (l *textLayout) gapOf(u int) float32 {
	if l.units[u].gapAfter {
		return l.paraGap
	}
	return 0
}

// dropLines forgets every unit's lines (a new text or width).
func (l *textLayout) dropLines() {
	clear(l.laid)
	l.kept = l.kept[:0]
}

// unitLines is unit u laid out: its lines are made now if they are not
// kept. Laying a unit out replaces its estimated height with its own,
// which moves everything below it.
func (l *textLayout) unitLines(u int) *unitLines {
	l.use++
	if ul := l.laid[u]; ul != nil {
		ul.used = l.use
		return ul
	}
	ul := l.layUnit(u)
	ul.used = l.use
	h := ul.height + l.gapOf(u)
	if d := h - l.units[u].h; d != 0 {
		if l.onResize != nil {
			l.onResize(u, d)
		}
		l.tops.add(u, d)
		l.units[u].h = h
		l.height = float32(l.tops.total())
	}
	if !l.units[u].measured && l.units[u].segments == 1 {
		l.sample.units++
		l.sample.runes += l.units[u].end - l.units[u].start
		l.sample.lines += len(ul.lines)
	}
	l.units[u].measured = true
	l.laid[u] = ul
	l.kept = append(l.kept, u)
	l.laidOut++
	if len(l.kept) > keptUnits {
		l.dropLeastUsed()
	}
	return ul
}

// The estimate of the paragraphs not laid out is made again from those
// that are when they reach firstCalibration lines (about a screen), and
// again each time that doubles, up to lastCalibration: each time costs a
// pass over the paragraphs.
const (
	firstCalibration = 12
	lastCalibration  = 2000
)

// calibrate, as enough paragraphs have been laid out, re-estimates the
// heights of those that have not from the runes per line of those that
// have: the sample of English the first estimate comes from can be far
// off (another script, a narrow font, all capitals), and the scroll bar
// would be off by as much. It returns where y (of the text being read) has
// moved to, so that the view can stay on it.
func (l *textLayout) calibrate(y float32) float32 {
	if l.calibrateAt == 0 || l.sample.lines < l.calibrateAt {
		return y
	}
	if l.calibrateAt *= 2; l.calibrateAt > lastCalibration {
		l.calibrateAt = 0
	}
	// A paragraph's last line is half full, on average.
	perLine := float32(l.sample.runes) / (float32(l.sample.lines) - 0.5*float32(l.sample.units))
	if perLine <= 0 || math.Abs(float64(perLine/l.runesPerLine-1)) < 0.03 {
		return y
	}
	u := l.unitAtY(y)
	dy := y - l.unitTop(u)
	l.runesPerLine = perLine
	heights := make([]float32, len(l.units))
	for v := range l.units {
		if !l.units[v].measured {
			l.units[v].h = l.estimate(v)
		}
		heights[v] = l.units[v].h
	}
	l.tops.reset(heights)
	l.height = float32(l.tops.total())
	return l.unitTop(u) + dy
}

// dropLeastUsed forgets the lines of the least recently used quarter of
// the kept units. Their heights stay: they are exact, and laying them out
// again gives the same lines.
func (l *textLayout) dropLeastUsed() {
	slices.SortFunc(l.kept, func(a, b int) int {
		ua, ub := l.laid[a].used, l.laid[b].used
		switch {
		case ua < ub:
			return -1
		case ua > ub:
			return 1
		}
		return 0
	})
	drop := len(l.kept) - keptUnits*3/4
	for _, u := range l.kept[:drop] {
		l.laid[u] = nil
	}
	l.kept = append(l.kept[:0], l.kept[drop:]...)
}

// layUnit wraps unit u's hard lines to the width.
func (l *textLayout) layUnit(u int) *unitLines {
	un := l.units[u]
	ul := &unitLines{}
	y := float32(0)
	for s := un.start; s <= un.end; {
		e := s
		for e < un.end && l.text.at(e) != '\n' {
			e++
		}
		y = l.wrapSegment(ul, s, e, y)
		s = e + 1
	}
	ul.height = y
	ul.runs = make([][]run, len(ul.lines))
	ul.painted = make([]string, len(ul.lines))
	return ul
}

// wrapSegment breaks runes [s,e) — no newlines inside — into lines from y,
// returning the y below them.
func (l *textLayout) wrapSegment(ul *unitLines, s, e int, y float32) float32 {
	lineStart, x := s, float32(0)
	lastEnd := s // end of the last word placed on the current line
	emit := func(start, end int) {
		ul.lines = append(ul.lines, textLine{start: start, end: end, y: y, text: l.text.slice(start, end)})
		y += l.lineHeight
	}
	i := s
	for i < e {
		for i < e && l.text.at(i) == ' ' {
			i++
		}
		if i >= e {
			break
		}
		w := i
		for w < e && l.text.at(w) != ' ' {
			w++
		}
		ww := l.wordWidth(i, w)
		switch {
		case x > 0 && x+l.space+ww > l.wrapWidth:
			emit(lineStart, lastEnd)
			lineStart, x = i, 0
			fallthrough
		case x == 0:
			for ww > l.wrapWidth && w-i > 1 {
				// A word wider than the line (a URL, a long compound) is
				// broken where it must be.
				cut := i + l.fit(i, w)
				emit(i, cut)
				i, lineStart = cut, cut
				ww = l.wordWidth(i, w)
			}
			x = ww
		default:
			x += l.space + ww
		}
		lastEnd, i = w, w
	}
	emit(lineStart, lastEnd)
	return y
}

func (l *textLayout) wordWidth(i, j int) float32 {
	word := l.text.slice(i, j)
	if w, ok := l.words[word]; ok {
		return w
	}
	w := l.measure(word)
	l.words[strings.Clone(word)] = w // not holding on to the whole text
	return w
}

// fit is how many runes from i (at least one) fit in the line width.
func (l *textLayout) fit(i, j int) int {
	n := sort.Search(j-i, func(k int) bool { return l.measure(l.text.slice(i, i+k+1)) > l.wrapWidth })
	return max(n, 1)
}

// ready reports whether the text has been wrapped since it was set, so
// that lines can be asked for.
func (l *textLayout) ready() bool { return l.laid != nil && len(l.laid) == len(l.units) }

// unitTop is the y of unit u's top.
func (l *textLayout) unitTop(u int) float32 { return float32(l.tops.sum(u)) }

// unitAtY is the unit whose box (its lines and the gap after) holds y,
// clamped to the text.
func (l *textLayout) unitAtY(y float32) int {
	return min(l.tops.find(float64(y)), len(l.units)-1)
}

// line is line r with y from the text's top.
func (l *textLayout) line(r lineRef) textLine {
	ln := l.unitLines(r.u).lines[r.k]
	ln.y += l.unitTop(r.u)
	return ln
}

// next is the line after r; false at the last line.
func (l *textLayout) next(r lineRef) (lineRef, bool) {
	if r.k+1 < len(l.unitLines(r.u).lines) {
		return lineRef{r.u, r.k + 1}, true
	}
	if r.u+1 < len(l.units) {
		return lineRef{r.u + 1, 0}, true
	}
	return r, false
}

// prev is the line before r; false at the first line.
func (l *textLayout) prev(r lineRef) (lineRef, bool) {
	if r.k > 0 {
		return lineRef{r.u, r.k - 1}, true
	}
	if r.u > 0 {
		return lineRef{r.u - 1, len(l.unitLines(r.u-1).lines) - 1}, true
	}
	return r, false
}

// lastLine is the text's last line.
func (l *textLayout) lastLine() lineRef {
	u := len(l.units) - 1
	return lineRef{u, len(l.unitLines(u).lines) - 1}
}

// before reports whether line a comes before line b.
func (a lineRef) before(b lineRef) bool { return a.u < b.u || a.u == b.u && a.k < b.k }

// lineAt is the line at height y (clamped): in the gap between
// paragraphs, the line after it.
func (l *textLayout) lineAt(y float32) lineRef {
	u := l.unitAtY(y)
	for {
		ul := l.unitLines(u) // may change u's height, never its top
		top := l.unitTop(u)
		k := sort.Search(len(ul.lines), func(k int) bool { return top+ul.lines[k].y+l.lineHeight > y })
		switch {
		case k < len(ul.lines):
			return lineRef{u, k}
		case u+1 == len(l.units):
			return lineRef{u, len(ul.lines) - 1}
		case y < top+ul.height+l.gapOf(u):
			return lineRef{u + 1, 0}
		}
		// The unit was estimated taller than it is: y is further down.
		u = max(u+1, l.unitAtY(y))
	}
}

// lineOf is the line holding rune offset off (or the line just after it,
// for an offset between lines).
func (l *textLayout) lineOf(off int) lineRef {
	n := len(l.units)
	u := min(sort.Search(n, func(u int) bool { return l.units[u].end >= off }), n-1)
	lines := l.unitLines(u).lines
	k := sort.Search(len(lines), func(k int) bool { return lines[k].end >= off })
	if k == len(lines) {
		if u+1 < n {
			return lineRef{u + 1, 0}
		}
		k--
	}
	return lineRef{u, k}
}

// layOutBetween lays out the units between heights y0 and y1.
func (l *textLayout) layOutBetween(y0, y1 float32) {
	for u := l.unitAtY(max(y0, 0)); u < len(l.units) && l.unitTop(u) < y1; u++ {
		l.unitLines(u)
	}
}

// nextStartsBy reports whether the line after i starts at or before rune
// offset off: a highlight or selection reaching that far runs on across
// the space where line i wrapped.
func (l *textLayout) nextStartsBy(i lineRef, off int) bool {
	next, ok := l.next(i)
	if !ok || next.u != i.u && l.units[next.u].start > off {
		return false // without laying out the next unit
	}
	return l.unitLines(next.u).lines[next.k].start <= off
}

// step is the line n lines after r (before it for n < 0); false if that
// is past the text's first or last line.
func (l *textLayout) step(r lineRef, n int) (lineRef, bool) {
	ok := true
	for ; n > 0 && ok; n-- {
		r, ok = l.next(r)
	}
	for ; n < 0 && ok; n++ {
		r, ok = l.prev(r)
	}
	return r, ok
}

// isLast reports whether r is the text's last line.
func (l *textLayout) isLast(r lineRef) bool {
	return r.u == len(l.units)-1 && r.k == len(l.unitLines(r.u).lines)-1
}

// allLines lays out the whole text and returns its lines, y from the top:
// for short texts (tooltips) and tests.
func (l *textLayout) allLines() []textLine {
	var out []textLine
	for u := range l.units {
		top := l.unitTop(u)
		for _, ln := range l.unitLines(u).lines {
			ln.y += top
			out = append(out, ln)
		}
	}
	return out
}

// runeLen is a helper for tests and callers working in bytes.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// heightTree is a Fenwick tree of unit heights: the sum of the first u and
// the unit at a y, both in log time, and one height changed in log time.
// Sums are kept in float64 so that tens of thousands of float32 heights
// add up without drift.
type heightTree struct{ t []float64 } // 1-based

func (f *heightTree) reset(heights []float32) {
	f.t = slices.Grow(f.t[:0], len(heights)+1)[:len(heights)+1]
	clear(f.t)
	for i, h := range heights {
		j := i + 1
		f.t[j] += float64(h)
		if p := j + j&-j; p < len(f.t) {
			f.t[p] += f.t[j]
		}
	}
}

// add changes unit u's height by d.
func (f *heightTree) add(u int, d float32) {
	for j := u + 1; j < len(f.t); j += j & -j {
		f.t[j] += float64(d)
	}
}

// sum is the height of units [0,u).
func (f *heightTree) sum(u int) float64 {
	s := 0.0
	for j := u; j > 0; j -= j & -j {
		s += f.t[j]
	}
	return s
}

func (f *heightTree) total() float64 { return f.sum(len(f.t) - 1) }

// find is the unit u with sum(u) <= y < sum(u+1), or the number of units
// when y is below them all (0 for y < 0).
func (f *heightTree) find(y float64) int {
	n := len(f.t) - 1
	pos := 0
	if n == 0 {
		return 0
	}
	for step := 1 << (bits.Len(uint(n)) - 1); step > 0; step >>= 1 {
		if next := pos + step; next <= n && f.t[next] <= y {
			pos = next
			y -= f.t[next]
		}
	}
	return pos
}

// averageAdvance is the width of an average rune of prose.
func averageAdvance(measure measureFunc) float32 {
	return measure(sampleProse) / float32(runeLen(sampleProse))
}
