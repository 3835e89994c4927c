package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tooltipDelay is how long the pointer rests on a highlight before its
// note shows; tests set it to 0 to show notes at once.
const tooltipDelay = 400 * time.Millisecond

// tooltipWidth is the measure notes wrap at.
const tooltipWidth = 360

var _ desktop.Hoverable = (*textPage)(nil)

// hoverState is the note shown, or due to show, for the span under the
// pointer.
type hoverState struct {
	span   int // index in textPage.spans; -1: none
	shown  bool
	pos    fyne.Position // the pointer, in page coordinates
	gen    int           // bumped to disown a timer already queued
	cancel func()
}

// MouseIn implements desktop.Hoverable.
func (p *textPage) MouseIn(ev *desktop.MouseEvent) { p.hoverAt(ev.Position) }

// MouseMoved implements desktop.Hoverable.
func (p *textPage) MouseMoved(ev *desktop.MouseEvent) { p.hoverAt(ev.Position) }

// MouseOut implements desktop.Hoverable.
func (p *textPage) MouseOut() { p.cancelTooltip() }

// hoverAt (re)starts the wait for a note when the pointer moves onto a span
// that has one; moving within a span whose note is up leaves it be, moving
// off it hides it.
func (p *textPage) hoverAt(pos fyne.Position) {
	p.owner.readerActive()
	h := &p.hover
	if p.mouse.pressed {
		return
	}
	i := p.spanAt(pos, true)
	if i < 0 {
		p.cancelTooltip()
		return
	}
	h.pos = pos
	if i == h.span && h.shown {
		return
	}
	if i != h.span {
		p.cancelTooltip()
		h.pos = pos
	}
	h.span = i
	if h.cancel != nil {
		h.cancel()
	}
	h.gen++
	gen := h.gen
	h.cancel = p.clock.after(tooltipDelay, func() {
		if gen == h.gen && h.span >= 0 && !h.shown {
			p.showTooltip()
		}
	})
}

// cancelTooltip hides the note and forgets any that was due.
func (p *textPage) cancelTooltip() {
	h := &p.hover
	h.gen++
	if h.cancel != nil {
		h.cancel()
		h.cancel = nil
	}
	h.span = -1
	if h.shown {
		h.shown = false
		p.owner.tip.Hide()
	}
}

func (p *textPage) showTooltip() {
	h := &p.hover
	l := p.layout
	if h.span < 0 || h.span >= len(p.spans) || !l.ready() {
		return
	}
	h.shown = true
	off := p.scrollOffset()
	top := p.top + l.line(l.lineAt(h.pos.Y-p.top)).y - off.Y
	p.owner.showTooltip(p.spans[h.span].Tooltip, h.pos.Subtract(off), top, top+l.lineHeight)
}

// showTooltip shows text in a box just below the line the pointer is on
// (above it when there is no room below), inside the widget. It is drawn
// by the widget rather than as a pop-up on the window's overlay stack: an
// overlay takes the pointer and the keyboard focus from everything under
// it, which would hide the note at the next mouse move and stop the keys.
func (t *AnnotatedText) showTooltip(text string, pointer fyne.Position, lineTop, lineBottom float32) {
	size := t.Size()
	pad := theme.SizeForWidget(theme.SizeNamePadding, t)
	t.tip.setText(text, min(tooltipWidth, size.Width-2*pad))
	ts := t.tip.MinSize()
	t.tip.Resize(ts)
	x := max(pad, min(pointer.X-2*pad, size.Width-ts.Width-pad))
	y := lineBottom + pad
	if y+ts.Height > size.Height-pad && lineTop-pad-ts.Height >= pad {
		y = lineTop - pad - ts.Height
	}
	t.tip.Move(fyne.NewPos(x, y))
	t.tip.Show()
	t.tip.Refresh()
	// A canvas learns of objects when it draws them, so it does not yet
	// know the tooltip, hidden until now: its own refreshes reach no
	// canvas. Refreshing the widget, which the canvas knows, redraws it.
	canvas.Refresh(t)
}

// tooltip is a wrapped note in a box in the overlay colours. It takes no
// input, so the pointer passes through it to the text.
type tooltip struct {
	widget.BaseWidget
	text     string
	maxWidth float32
	layout   *textLayout
	lines    []textLine // all of the note's: it is short
	size     float32    // text size
	width    float32    // widest wrapped line
}

var _ fyne.Widget = (*tooltip)(nil)

func newTooltip() *tooltip {
	t := &tooltip{}
	t.ExtendBaseWidget(t)
	t.Hide()
	return t
}

func (t *tooltip) setText(text string, maxWidth float32) {
	t.text, t.maxWidth = text, maxWidth
	t.wrap()
}

// wrap lays the note out with the same wrapping as the page, at the UI's
// text size.
func (t *tooltip) wrap() {
	size := theme.SizeForWidget(theme.SizeNameText, t)
	measure := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	inset := theme.SizeForWidget(theme.SizeNameInnerPadding, t)
	t.size = size
	t.layout = newTextLayout(measure, nil) // only wrapped, never hit-tested
	t.layout.setText(t.text)
	t.layout.wrap(max(t.maxWidth-2*inset, 0), size*1.4, size*0.5)
	t.lines = t.layout.allLines()
	t.width = 0
	for _, ln := range t.lines {
		t.width = max(t.width, measure(ln.text))
	}
}

func (t *tooltip) MinSize() fyne.Size {
	if t.layout == nil {
		return fyne.Size{}
	}
	inset := theme.SizeForWidget(theme.SizeNameInnerPadding, t)
	return fyne.NewSize(t.width+2*inset, t.layout.height+2*inset*0.75)
}

// CreateRenderer implements fyne.Widget.
func (t *tooltip) CreateRenderer() fyne.WidgetRenderer {
	r := &tooltipRenderer{t: t, bg: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type tooltipRenderer struct {
	t       *tooltip
	bg      *canvas.Rectangle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *tooltipRenderer) Destroy()                     {}
func (r *tooltipRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *tooltipRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *tooltipRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *tooltipRenderer) Refresh() {
	t := r.t
	r.bg.FillColor = theme.ColorForWidget(theme.ColorNameOverlayBackground, t)
	r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameInputBorder, t)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, t)
	r.bg.Resize(t.Size())
	r.objects = append(r.objects[:0], r.bg)
	if t.layout == nil {
		canvas.Refresh(r.bg)
		return
	}
	inset := theme.SizeForWidget(theme.SizeNameInnerPadding, t)
	fg := theme.ColorForWidget(theme.ColorNameForeground, t)
	textH := fyne.MeasureText("Mg", t.size, fyne.TextStyle{}).Height
	l := t.layout
	for i, ln := range t.lines {
		if i == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		tx := r.texts[i]
		tx.Text, tx.Color, tx.TextSize = ln.text, fg, t.size
		tx.Move(fyne.NewPos(inset, inset*0.75+ln.y+(l.lineHeight-textH)/2))
		tx.Resize(fyne.NewSize(t.width, textH))
		tx.Refresh()
		r.objects = append(r.objects, tx)
	}
	canvas.Refresh(r.bg)
}
