package widgets

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Reading typography: a size a little above the UI's, generous leading, and
// a measure of about 70 characters, which reads best for long prose.
const (
	readingScale  = 1.15
	leading       = 1.6
	paraGapLines  = 0.7
	measureChars  = 70
	overscanLines = 2
)

// textPage is the scrolled content of an AnnotatedText: as tall as the whole
// text, but holding canvas objects only for the lines in view.
type textPage struct {
	widget.BaseWidget
	owner *AnnotatedText
	clock clock

	layout   *textLayout
	textSize float32
	colX     float32 // left edge of the text column, at a whole pixel
	colAt    float32 // where the column is centred, before rounding
	pad      float32
	top      float32 // y of the first line: below the padding and header

	spans  []Span
	active string
	marks  markSet

	// viewShifted: the view was moved to keep its top line in place as a
	// paragraph above it was laid out; the scroller is still to hear of it.
	viewShifted bool
	// refreshing guards the renderer's Refresh, which tells the scroller
	// of a new height, against the scroller refreshing the page back.
	refreshing bool

	sel      selection
	reported [2]int // the selection OnSelectionChanged last saw
	focused  bool
	shift    bool    // a Shift key is held: keys and clicks extend the selection
	goalX    float32 // x that Up and Down keep across lines; < 0: none yet
	mouse    pointerState
	hover    hoverState
}

var _ fyne.Widget = (*textPage)(nil)

func newTextPage(owner *AnnotatedText) *textPage {
	p := &textPage{owner: owner, clock: realClock{}, goalX: -1}
	p.hover.span = -1
	p.ExtendBaseWidget(p)
	p.textSize = p.readingSize()
	p.layout = newTextLayout(p.measure, p.fontDraws())
	p.layout.onResize = p.keepViewInPlace
	return p
}

func (p *textPage) readingSize() float32 {
	// Whole pixels: fractional sizes render unevenly along a line.
	return float32(math.Round(float64(theme.SizeForWidget(theme.SizeNameText, p) * readingScale)))
}

// fontDraws tells which runes the theme's reading font draws itself.
func (p *textPage) fontDraws() func(rune) bool {
	return drawsItself(theme.CurrentForWidget(p).Font(fyne.TextStyle{}))
}

func (p *textPage) measure(s string) float32 {
	return fyne.MeasureText(s, p.textSize, fyne.TextStyle{}).Width
}

func (p *textPage) setText(text string) {
	p.layout.setText(text)
	if w := p.Size().Width; w > 0 {
		p.layout.width = -1 // force a re-wrap at the current width
		p.wrapTo(w)
	}
}

// scale is the canvas's pixels per unit (1 until the page is shown).
func (p *textPage) scale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		return c.Scale()
	}
	return 1
}

// placeColumn puts the column's left edge at a whole pixel of this scale,
// so that the text is painted where the highlights and the selection are
// drawn (see crisptext.go).
func (p *textPage) placeColumn(scale float32) { p.colX = wholePixel(p.colAt, scale) }

// wrapTo lays the text out for a page of the given width.
func (p *textPage) wrapTo(width float32) {
	if size := p.readingSize(); size != p.textSize {
		p.textSize = size
		p.layout = rebuiltLayout(p.layout, p.measure, p.fontDraws())
	}
	p.pad = theme.SizeForWidget(theme.SizeNamePadding, p) * 4
	maxCol := averageAdvance(p.measure) * measureChars
	col := max(min(width-2*p.pad, maxCol), 0)
	p.colAt = (width - col) / 2
	p.placeColumn(p.scale())
	p.layout.wrap(col, p.textSize*leading, p.textSize*leading*paraGapLines)
	p.top = p.pad
	if h := p.owner.Header; h != nil && h.Visible() {
		// A wrapping header knows its height only once it has its width.
		// Labels inset their text; widen the header by that inset so its
		// words line up with the text's left edge.
		inset := theme.SizeForWidget(theme.SizeNameInnerPadding, p)
		w := col + 2*inset
		h.Resize(fyne.NewSize(w, h.MinSize().Height))
		hh := h.MinSize().Height
		h.Resize(fyne.NewSize(w, hh))
		h.Move(fyne.NewPos(p.colX-inset, p.pad-inset))
		hh -= inset
		p.top += hh + p.layout.paraGap
	}
}

// rebuiltLayout starts a fresh layout (new text size: cached widths are stale).
func rebuiltLayout(old *textLayout, m measureFunc, ownFont func(rune) bool) *textLayout {
	l := newTextLayout(m, ownFont)
	l.text, l.units, l.onResize = old.text, old.units, old.onResize
	return l
}

// MinSize is the full height of the wrapped text: the scroller needs it.
func (p *textPage) MinSize() fyne.Size {
	return fyne.NewSize(p.textSize*10, p.top+p.layout.height+p.pad)
}

// yOf is the page y of rune offset off.
func (p *textPage) yOf(off int) float32 {
	if !p.layout.ready() {
		return 0
	}
	return p.top + p.layout.line(p.layout.lineOf(off)).y
}

// viewHeight is the height of the view onto the page. Before the view
// has a size of its own (the reader sets a text while the widget is still
// hidden), it is at most unsizedView: the page's own height would be the
// whole piece, and laying all of it out on the UI thread — seconds for a
// 5 MB report — is what laying out on demand is for avoiding.
func (p *textPage) viewHeight() float32 {
	if h := p.owner.scroll.Size().Height; h > 0 {
		return h
	}
	return min(p.Size().Height, unsizedView)
}

// unsizedView is the view's height taken before it has one: a tall screen.
const unsizedView = 1600

// offsetAtTop is the rune offset at the start of the line at the view's
// top; false when the view is at the top of the page or has no size yet.
func (p *textPage) offsetAtTop() (int, bool) {
	l, s := p.layout, p.owner.scroll
	if !l.ready() || s.Size().Height <= 0 || s.Offset.Y <= p.top {
		return 0, false
	}
	return l.line(l.lineAt(s.Offset.Y - p.top)).start, true
}

// keepViewInPlace is told that unit u is about to change height by delta,
// having been laid out. If u is above the unit at the view's top, the view
// moves with the text, so that what the reader is looking at stays put.
func (p *textPage) keepViewInPlace(u int, delta float32) {
	s := p.owner.scroll
	if s.Size().Height <= 0 {
		return
	}
	if p.layout.unitAtY(s.Offset.Y-p.top) > u {
		s.Offset.Y += delta
		p.viewShifted = true
	}
}

// layOutAround lays out a view's height of text around rune offset off,
// so that scrolling to it lands where it was asked to: the estimated
// heights between the view's top and off are corrected before the view is
// placed, not after.
func (p *textPage) layOutAround(off int) {
	l := p.layout
	if !l.ready() {
		return
	}
	h := p.viewHeight()
	u := l.lineOf(off).u
	l.layOutBetween(l.unitTop(u)-h, l.unitTop(u)+h)
}

// settledYOf is yOf once the text around off is laid out: where to scroll
// to show off (see layOutAround).
func (p *textPage) settledYOf(off int) float32 {
	p.layOutAround(off)
	return p.yOf(off)
}

// prepareView lays out the units in view, and a few lines either side,
// keeping the view's top line in place as heights above it are corrected,
// and tells the scroller of the text's new height.
func (p *textPage) prepareView() {
	l := p.layout
	if !l.ready() || l.lineHeight == 0 {
		return
	}
	s := p.owner.scroll
	for range 4 {
		height, off := l.height, s.Offset.Y
		if y := l.calibrate(off - p.top); off > p.top {
			s.Offset.Y = p.top + y
		}
		top := s.Offset.Y - p.top
		l.layOutBetween(top-overscanLines*l.lineHeight, top+p.viewHeight()+overscanLines*l.lineHeight)
		if l.height == height && s.Offset.Y == off && !p.viewShifted {
			return
		}
		p.viewShifted = false
		// The scroller moves its bar, and clamps the offset to the new
		// height, which may bring more into view: look again.
		s.Refresh()
	}
}

// textOrigin is where the text column's first line box starts on the page:
// layout coordinates are relative to it.
func (p *textPage) textOrigin() fyne.Position {
	return fyne.NewPos(p.colX, p.top)
}

// scrollOffset is how far the page is scrolled: page y minus view y.
func (p *textPage) scrollOffset() fyne.Position {
	return p.owner.scroll.Offset
}

// CreateRenderer implements fyne.Widget.
func (p *textPage) CreateRenderer() fyne.WidgetRenderer {
	return &textPageRenderer{p: p}
}

// textPageRenderer keeps pools of text and rectangle objects and, on each
// refresh, fills them for the lines in view only.
type textPageRenderer struct {
	p       *textPage
	visible []visibleLine // the lines being drawn, top to bottom
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *textPageRenderer) Destroy()                     {}
func (r *textPageRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *textPageRenderer) MinSize() fyne.Size           { return r.p.MinSize() }
func (r *textPageRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *textPageRenderer) Refresh() {
	p := r.p
	if p.refreshing {
		return // the outer Refresh draws what is there now
	}
	p.refreshing = true
	defer func() { p.refreshing = false }()
	p.prepareView()
	l := p.layout
	r.objects = r.objects[:0]
	r.visible = r.visible[:0]
	if h := p.owner.Header; h != nil && h.Visible() {
		r.objects = append(r.objects, h)
	}
	if !l.ready() || l.lineHeight == 0 {
		return
	}
	top, height := p.owner.scroll.Offset.Y, p.viewHeight()
	first := l.lineAt(top - p.top - overscanLines*l.lineHeight)
	last := l.lineAt(top - p.top + height + overscanLines*l.lineHeight)
	for i := first; ; {
		r.visible = append(r.visible, visibleLine{i, l.line(i)})
		next, ok := l.next(i)
		if !ok || i == last {
			break
		}
		i = next
	}

	fg := theme.ColorForWidget(theme.ColorNameForeground, p)
	dark := isDark(theme.ColorForWidget(theme.ColorNameBackground, p))
	warn := theme.ColorForWidget(theme.ColorNameError, p)
	textH := fyne.MeasureText("Mg", p.textSize, fyne.TextStyle{}).Height
	scale := p.scale()
	p.placeColumn(scale) // the window may have moved to a screen of another density
	nr, nt := 0, 0
	box := func(x, y, w, h float32, fill, stroke color.Color, strokeWidth float32) {
		if nr == len(r.rects) {
			r.rects = append(r.rects, canvas.NewRectangle(nil))
		}
		o := r.rects[nr]
		nr++
		o.FillColor, o.CornerRadius = fill, 2
		o.StrokeColor, o.StrokeWidth = stroke, strokeWidth
		if w < 4 {
			o.CornerRadius = 0 // a caret
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		r.objects = append(r.objects, o)
	}
	rect := func(x, y, w, h float32, fill color.Color) { box(x, y, w, h, fill, nil, 0) }
	for _, v := range r.visible {
		i, ln := v.ref, v.line
		y := p.top + ln.y
		for _, s := range p.spans {
			if s.End <= ln.start || s.Start >= ln.end && !(s.Start == ln.end && s.Start == s.End) {
				continue
			}
			x1 := l.xOf(i, s.Start)
			x2 := l.xOf(i, s.End)
			if s.End > ln.end && l.nextStartsBy(i, s.End) {
				x2 += l.space // run on across the gap to the next line
			}
			fill := HighlightColor(s.Color, dark)
			if s.ID == p.active {
				fill.A = activeAlpha(fill.A)
			}
			hy := y + (l.lineHeight-textH)/2 - 2
			rect(p.colX+x1-1, hy, x2-x1+2, textH+4, fill)
			if s.Flagged {
				rect(p.colX+x1, hy+textH+3, x2-x1, 2, warn)
			}
		}
	}
	r.drawMarks(textH, box)
	r.drawSelection(rect)
	for _, v := range r.visible {
		i, ln := v.ref, v.line
		if nt == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		t := r.texts[nt]
		nt++
		t.Text, t.Color, t.TextSize = l.paintedText(i, scale), fg, p.textSize
		t.Move(fyne.NewPos(p.colX, p.top+ln.y+(l.lineHeight-textH)/2))
		t.Resize(fyne.NewSize(l.width, textH))
		t.Refresh()
		r.objects = append(r.objects, t)
	}
	r.drawCaret(textH, rect)
}

// visibleLine is a line being drawn, with y from the text's top.
type visibleLine struct {
	ref  lineRef
	line textLine
}

// activeAlpha is the stronger fill of the selected span: twice the
// opacity, computed wide so it cannot wrap around to transparent.
func activeAlpha(a uint8) uint8 { return uint8(min(0xFF, 2*int(a))) }
