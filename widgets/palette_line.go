package widgets

import (
	"image/color"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ellipsis marks text cut off at either end of a matchLine.
const ellipsis = "…"

// matchLine is one line of text with the runes a query matched drawn bold
// in a primary colour, cut with an ellipsis to its width. A palette redraws
// a screenful of these on every keystroke, so it draws a handful of
// canvas.Text runs, one per style, and finds where to cut from the widths
// of words, which the measurement cache mostly knows already.
type matchLine struct {
	widget.BaseWidget

	sizeName  fyne.ThemeSizeName
	scale     float32 // of the theme size: secondary lines are a little smaller
	colorName fyne.ThemeColorName
	// showMatch elides the start of a long line rather than its first
	// match: an excerpt is only useful if the hit is in view.
	showMatch bool

	runes   []rune
	matches [][2]int // clamped, sorted, merged
}

var _ fyne.Widget = (*matchLine)(nil)

func newMatchLine(size fyne.ThemeSizeName, scale float32, color fyne.ThemeColorName) *matchLine {
	l := &matchLine{sizeName: size, scale: scale, colorName: color}
	l.ExtendBaseWidget(l)
	return l
}

// set replaces the text and its matched ranges, to be drawn at the next
// Refresh.
func (l *matchLine) set(text string, matches [][2]int) {
	runes := []rune(text)
	// Line breaks and tabs would draw as boxes on a single line; spaces
	// keep the rune offsets of the matches valid.
	for i, r := range runes {
		if r == '\n' || r == '\r' || r == '\t' {
			runes[i] = ' '
		}
	}
	l.runes, l.matches = runes, cleanRanges(matches, len(runes))
}

// cleanRanges clamps rune ranges to [0,n], drops empty and inverted ones,
// and sorts and merges the rest. The ranges come from a search engine the
// widget does not control: bad ones must not panic or draw garbage.
func cleanRanges(ranges [][2]int, n int) [][2]int {
	out := make([][2]int, 0, len(ranges))
	for _, r := range ranges {
		a, b := max(r[0], 0), min(r[1], n)
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	slices.SortFunc(out, func(x, y [2]int) int { return x[0] - y[0] })
	merged := out[:0]
	for _, r := range out {
		if k := len(merged) - 1; k >= 0 && r[0] <= merged[k][1] {
			merged[k][1] = max(merged[k][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

func (l *matchLine) textSize() float32 {
	return theme.SizeForWidget(l.sizeName, l) * l.scale
}

// MinSize is one line's height; any width will do, the text is cut to fit.
func (l *matchLine) MinSize() fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("Mg", l.textSize(), fyne.TextStyle{}).Height)
}

// CreateRenderer implements fyne.Widget.
func (l *matchLine) CreateRenderer() fyne.WidgetRenderer {
	return &matchLineRenderer{l: l}
}

// piece is a run of text drawn in one style at x.
type piece struct {
	text  string
	match bool
	x, w  float32
}

// token is a word or a run of spaces, all matched or all not: lines are cut
// between tokens, and a token's width comes from the measurement cache,
// since results repeat their words. Measuring a string never seen before
// costs tens of microseconds, so cutting by measuring prefixes would cost
// a millisecond a screenful; summing cached word widths costs next to
// nothing, and spaces do not kern with their neighbours.
type token struct {
	a, b         int
	match, space bool
	w            float32 // < 0 until measured
}

// tokenize cuts runes into tokens at spaces and at the matches' bounds.
func tokenize(runes []rune, matches [][2]int) []token {
	var toks []token
	m := 0
	for a := 0; a < len(runes); {
		for m < len(matches) && matches[m][1] <= a {
			m++
		}
		in := m < len(matches) && matches[m][0] <= a
		limit := len(runes) // the next match bound
		if m < len(matches) {
			limit = matches[m][0]
			if in {
				limit = matches[m][1]
			}
		}
		space := runes[a] == ' '
		b := a + 1
		for b < limit && (runes[b] == ' ') == space {
			b++
		}
		toks = append(toks, token{a: a, b: b, match: in, space: space, w: -1})
		a = b
	}
	return toks
}

// fitPieces cuts runes into plain and matched pieces that fit in width,
// with an ellipsis where text was cut off. measure gives a string's width,
// bold for matched runs. With showMatch, a first match that would fall past
// the cut is brought into view by eliding the start instead, leaving about
// a third of the line of context before it. Cuts fall between words, unless
// that would leave much of the line empty (a long URL).
func fitPieces(runes []rune, matches [][2]int, width float32, showMatch bool, measure func(s string, bold bool) float32) []piece {
	if len(runes) == 0 || width <= 0 {
		return nil
	}
	toks := tokenize(runes, matches)
	tw := func(i int) float32 {
		t := &toks[i]
		if t.w < 0 {
			if t.space {
				t.w = float32(t.b-t.a) * measure(" ", t.match)
			} else {
				t.w = measure(string(runes[t.a:t.b]), t.match)
			}
		}
		return t.w
	}
	ellW := measure(ellipsis, false)
	start := 0
	if showMatch && len(matches) > 0 {
		first, x := -1, float32(0)
		for i := 0; i < len(toks) && toks[i].a < matches[0][1]; i++ {
			if first < 0 && toks[i].match {
				first = i
			}
			x += tw(i)
		}
		if first > 0 && x > width-ellW {
			s, before := first, float32(0)
			for s > 0 && ellW+before+tw(s-1) <= width/3 {
				s--
				before += toks[s].w
			}
			for s < first && toks[s].space {
				s++
			}
			start = s
		}
	}
	var out []piece
	x := float32(0)
	if start > 0 {
		out = append(out, piece{text: ellipsis, w: ellW})
		x = ellW
	}
	add := func(a, b int, match bool, w float32) {
		if k := len(out) - 1; k >= 0 && out[k].text != ellipsis && out[k].match == match {
			out[k].text += string(runes[a:b])
			out[k].w += w
		} else {
			out = append(out, piece{text: string(runes[a:b]), match: match, x: x, w: w})
		}
		x += w
	}
	for i := start; i < len(toks); i++ {
		if x+tw(i)+ellW <= width || fitsFrom(i, x, width, tw, len(toks)) {
			add(toks[i].a, toks[i].b, toks[i].match, tw(i))
			continue
		}
		// Cut here. Within the word only if a cut between words would leave
		// a third of the line empty.
		if t := toks[i]; !t.space && width-ellW-x > width/3 {
			k := sort.Search(t.b-t.a, func(k int) bool { return measure(string(runes[t.a:t.a+k+1]), t.match)+ellW > width-x }) // runes that fit
			if k > 0 {
				add(t.a, t.a+k, t.match, measure(string(runes[t.a:t.a+k]), t.match))
			}
		}
		// No spaces before the ellipsis.
		if k := len(out) - 1; k >= 0 && out[k].text != ellipsis {
			trimmed := strings.TrimRight(out[k].text, " ")
			cut := float32(len(out[k].text)-len(trimmed)) * measure(" ", out[k].match)
			x -= cut
			out[k].w -= cut
			out[k].text = trimmed
			if trimmed == "" {
				out = out[:k]
			}
		}
		out = append(out, piece{text: ellipsis, x: x, w: ellW})
		break
	}
	return out
}

// fitsFrom tells whether tokens i onwards fit in width from x, with no
// ellipsis: it measures no further than the width.
func fitsFrom(i int, x, width float32, tw func(int) float32, n int) bool {
	for ; i < n; i++ {
		if x += tw(i); x > width {
			return false
		}
	}
	return true
}

// matchColor is the colour of matched letters: the primary colour, taken
// some way towards the text colour. Pure primary is too dark to read on a
// dark theme's selected row (itself a primary tint); lightened towards the
// foreground it reads there, and darkened a little it reads on a light one.
func matchColor(w fyne.Widget) color.Color {
	fg := color.NRGBAModel.Convert(theme.ColorForWidget(theme.ColorNameForeground, w)).(color.NRGBA)
	pr := color.NRGBAModel.Convert(theme.ColorForWidget(theme.ColorNamePrimary, w)).(color.NRGBA)
	t := 0.15
	if isDark(theme.ColorForWidget(theme.ColorNameBackground, w)) {
		t = 0.45
	}
	mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t + 0.5) }
	return color.NRGBA{R: mix(pr.R, fg.R), G: mix(pr.G, fg.G), B: mix(pr.B, fg.B), A: 0xFF}
}

// matchLineRenderer keeps a pool of texts, one per piece.
type matchLineRenderer struct {
	l       *matchLine
	texts   []*canvas.Text
	objects []fyne.CanvasObject
	width   float32 // as last laid out
}

func (r *matchLineRenderer) Destroy()                     {}
func (r *matchLineRenderer) MinSize() fyne.Size           { return r.l.MinSize() }
func (r *matchLineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *matchLineRenderer) Layout(size fyne.Size) {
	if size.Width != r.width {
		r.Refresh()
	}
}

func (r *matchLineRenderer) Refresh() {
	l := r.l
	size := l.textSize()
	r.width = l.Size().Width
	fg := theme.ColorForWidget(l.colorName, l)
	hi := matchColor(l)
	bold := fyne.TextStyle{Bold: true}
	measure := func(s string, b bool) float32 {
		if b {
			return fyne.MeasureText(s, size, bold).Width
		}
		return fyne.MeasureText(s, size, fyne.TextStyle{}).Width
	}
	pieces := fitPieces(l.runes, l.matches, r.width, l.showMatch, measure)
	h := l.Size().Height
	r.objects = r.objects[:0]
	for i, p := range pieces {
		if i == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		t := r.texts[i]
		t.Text, t.TextSize, t.Color, t.TextStyle = p.text, size, fg, fyne.TextStyle{}
		if p.match {
			t.Color, t.TextStyle = hi, bold
		}
		t.Move(fyne.NewPos(p.x, 0))
		t.Resize(fyne.NewSize(p.w, h))
		r.objects = append(r.objects, t)
		t.Refresh()
	}
	canvas.Refresh(l)
}
