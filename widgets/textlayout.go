package widgets

import (
	"slices"
	"sort"
	"unicode/utf8"
)

// measureFunc gives the width of s in the text style being laid out.
type measureFunc func(s string) float32

// textLine is one wrapped line: runes [start,end) of the whole text, at y.
// Trailing spaces and the newline that ended the line belong to no line.
type textLine struct {
	start, end int
	y          float32
	text       string
}

// textLayout wraps a text's paragraphs to a width. Laying out is the costly
// step (measuring words), so it is done once per text and width, never per
// frame or per scroll; word widths are cached across paragraphs because
// prose repeats its words.
type textLayout struct {
	runes      []rune
	width      float32 // as asked
	wrapWidth  float32 // as used: never narrower than a few words
	lineHeight float32
	paraGap    float32
	lines      []textLine
	height     float32
	runs       [][]run  // per line, measured on first use: see runsOf
	painted    []string // per line, the text handed to the painter: see paintedText
	// paintedScale is the pixel scale painted was made for.
	paintedScale float32

	measure measureFunc
	// ownFont reports whether the font measured draws a rune itself (nil:
	// every rune): see runsOf.
	ownFont func(r rune) bool
	words   map[string]float32
	space   float32
	wraps   int // full layouts done: tests check that scrolling never adds one
}

func newTextLayout(measure measureFunc, ownFont func(rune) bool) *textLayout {
	return &textLayout{measure: measure, ownFont: ownFont, words: map[string]float32{}, space: measure(" ")}
}

// setText replaces the text; call wrap afterwards.
func (l *textLayout) setText(text string) {
	l.runes = []rune(text)
	l.lines = nil
	l.width = 0
}

// wrap lays the text out to width, unless it already is.
func (l *textLayout) wrap(width, lineHeight, paraGap float32) {
	if width == l.width && lineHeight == l.lineHeight && paraGap == l.paraGap && l.lines != nil {
		return
	}
	l.width, l.lineHeight, l.paraGap = width, lineHeight, paraGap
	l.wraps++
	// Before the first real size, a zero width would break every word into
	// single runes: lay out as if a few words fit.
	l.wrapWidth = max(width, 10*l.space)
	l.lines = l.lines[:0]
	y := float32(0)
	n := len(l.runes)
	i := 0
	for i < n {
		// A paragraph runs to the next blank line; single newlines inside it
		// are hard line breaks.
		end := i
		for end < n && !(l.runes[end] == '\n' && end+1 < n && l.runes[end+1] == '\n') {
			end++
		}
		for s := i; s <= end; {
			e := s
			for e < end && l.runes[e] != '\n' {
				e++
			}
			y = l.wrapSegment(s, e, y)
			s = e + 1
		}
		i = end
		for i < n && l.runes[i] == '\n' {
			i++
		}
		if i < n {
			y += paraGap
		}
	}
	if len(l.lines) == 0 {
		l.lines = append(l.lines, textLine{y: 0})
		y = lineHeight
	}
	l.height = y
	l.runs = slices.Grow(l.runs[:0], len(l.lines))[:len(l.lines)]
	clear(l.runs)
	l.painted = slices.Grow(l.painted[:0], len(l.lines))[:len(l.lines)]
	clear(l.painted)
}

// wrapSegment breaks runes [s,e) — no newlines inside — into lines from y,
// returning the y below them.
func (l *textLayout) wrapSegment(s, e int, y float32) float32 {
	lineStart, x := s, float32(0)
	lastEnd := s // end of the last word placed on the current line
	emit := func(start, end int) {
		l.lines = append(l.lines, textLine{start: start, end: end, y: y, text: string(l.runes[start:end])})
		y += l.lineHeight
	}
	i := s
	for i < e {
		for i < e && l.runes[i] == ' ' {
			i++
		}
		if i >= e {
			break
		}
		w := i
		for w < e && l.runes[w] != ' ' {
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
	word := string(l.runes[i:j])
	if w, ok := l.words[word]; ok {
		return w
	}
	w := l.measure(word)
	l.words[word] = w
	return w
}

// fit is how many runes from i (at least one) fit in the line width.
func (l *textLayout) fit(i, j int) int {
	n := sort.Search(j-i, func(k int) bool { return l.measure(string(l.runes[i:i+k+1])) > l.wrapWidth })
	return max(n, 1)
}

// lineAt is the index of the line at height y (clamped).
func (l *textLayout) lineAt(y float32) int {
	i := sort.Search(len(l.lines), func(i int) bool { return l.lines[i].y+l.lineHeight > y })
	return min(i, len(l.lines)-1)
}

// lineOf is the index of the line holding rune offset off (or the line
// just after it, for an offset between lines).
func (l *textLayout) lineOf(off int) int {
	i := sort.Search(len(l.lines), func(i int) bool { return l.lines[i].end >= off })
	return min(i, len(l.lines)-1)
}

// runeLen is a helper for tests and callers working in bytes.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
