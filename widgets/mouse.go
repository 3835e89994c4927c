package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

var (
	_ fyne.Tappable      = (*textPage)(nil)
	_ fyne.Draggable     = (*textPage)(nil)
	_ desktop.Mouseable  = (*textPage)(nil)
	_ desktop.Cursorable = (*textPage)(nil)
)

const (
	// multiClickSlop is how far apart (px) presses may be and still count
	// as one double- or triple-click.
	multiClickSlop = 4
	// autoscrollTick is how often a drag held past the view's edge scrolls.
	autoscrollTick = 16 * time.Millisecond
	// autoscrollRate is the fraction of the pointer's distance past the
	// edge scrolled per tick: the further out, the faster.
	autoscrollRate = 0.25
)

// pointerState is what a press, drag or click is doing.
type pointerState struct {
	pressed    bool // the primary button is down on the page
	dragging   bool
	tapPending bool // a press was handled here; its Tapped is still to come
	shiftClick bool
	refocus    bool // the focus was lost mid-drag

	clicks    int // 1, 2 or 3: the press selects runes, a word or a paragraph
	lastPress time.Time
	lastPos   fyne.Position

	// The word or paragraph a double- or triple-click selected: dragging
	// from it extends the selection a whole unit at a time and never drops it.
	unitStart, unitEnd int

	view           fyne.Position // the dragging pointer, in view coordinates
	autoscrolling  bool
	autoscrollGen  int
	stopAutoscroll func()
}

// Cursor implements desktop.Cursorable: any of the page can be selected.
func (p *textPage) Cursor() desktop.Cursor {
	return desktop.TextCursor
}

// MouseDown starts a selection: a press puts the caret there (Shift extends
// the selection to it instead), a second and third quick press select the
// word and the paragraph. Clicks are counted here rather than by being
// fyne.DoubleTappable because the driver holds back Tapped on double-
// tappable widgets for the double-tap delay, which would make every click
// on a highlight feel slow.
func (p *textPage) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	m := &p.mouse
	t := p.clock.now()
	d := ev.Position.Subtract(m.lastPos)
	if m.clicks > 0 && t.Sub(m.lastPress) <= doubleTapDelay() &&
		max(d.X, -d.X) <= multiClickSlop && max(d.Y, -d.Y) <= multiClickSlop {
		m.clicks = m.clicks%3 + 1
	} else {
		m.clicks = 1
	}
	m.lastPress, m.lastPos = t, ev.Position
	p.press(ev.Position, ev.Modifier&fyne.KeyModifierShift != 0 || p.shift)
	m.tapPending = true
}

// MouseUp implements desktop.Mouseable.
func (p *textPage) MouseUp(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonPrimary {
		p.mouse.pressed = false
		p.stopAutoscroll()
	}
}

// Tapped reports the innermost span under a plain click. A tap that came
// without a MouseDown (touch, test drivers) still places the caret first.
func (p *textPage) Tapped(ev *fyne.PointEvent) {
	m := &p.mouse
	if !m.tapPending {
		m.clicks = 1
		p.press(ev.Position, false)
		m.pressed = false
	}
	m.tapPending = false
	if m.clicks != 1 || m.shiftClick || p.owner.OnSpanTapped == nil {
		return
	}
	if i := p.spanAt(ev.Position, false); i >= 0 {
		p.owner.OnSpanTapped(p.spans[i].ID)
	}
}

// Dragged extends the selection to the rune nearest the pointer, and keeps
// scrolling while the pointer is held above or below the view.
func (p *textPage) Dragged(ev *fyne.DragEvent) {
	m := &p.mouse
	if !m.pressed {
		// No MouseDown came first (touch, test drivers): the drag began
		// where the pointer was when it started moving.
		m.clicks = 1
		p.press(ev.Position.Subtract(ev.Dragged), false)
	}
	m.dragging, m.tapPending = true, false
	m.view = ev.Position.Subtract(p.scrollOffset())
	p.dragTo(ev.Position)
	p.autoscroll()
}

// DragEnd implements fyne.Draggable.
func (p *textPage) DragEnd() {
	if p.mouse.refocus {
		p.requestFocus()
	}
	p.endPointerGesture()
}

// endPointerGesture forgets a press or drag in progress.
func (p *textPage) endPointerGesture() {
	p.mouse.pressed, p.mouse.dragging, p.mouse.tapPending, p.mouse.refocus = false, false, false, false
	p.stopAutoscroll()
}

// press handles the primary button going down at pos (page coordinates).
func (p *textPage) press(pos fyne.Position, shift bool) {
	m := &p.mouse
	p.cancelTooltip()
	p.requestFocus()
	m.pressed, m.dragging, m.shiftClick = true, false, false
	p.goalX = -1
	off := p.offsetAtPos(pos)
	runes := &p.layout.text
	switch m.clicks {
	case 2:
		r := p.runeAtPos(pos)
		if r < 0 {
			r = max(off-1, 0) // past a line's end: the word it ends with
		}
		m.unitStart, m.unitEnd = wordAt(runes, r)
		p.setSelection(m.unitStart, m.unitEnd, true)
	case 3:
		m.unitStart, m.unitEnd = paragraphAt(runes, off)
		p.setSelection(m.unitStart, m.unitEnd, true)
	default:
		if shift {
			m.shiftClick = true
			p.setSelection(p.sel.anchor, off, true)
			return
		}
		p.setSelection(off, off, true)
	}
}

// dragTo moves the selection's free end to pos (page coordinates), by
// whole words or paragraphs after a double- or triple-click.
func (p *textPage) dragTo(pos fyne.Position) {
	m := &p.mouse
	off := p.offsetAtPos(pos)
	if m.clicks < 2 {
		p.setSelection(p.sel.anchor, off, true)
		return
	}
	unit := wordAt
	if m.clicks == 3 {
		unit = paragraphAt
	}
	runes := &p.layout.text
	switch {
	case off < m.unitStart:
		start, _ := unit(runes, off)
		p.setSelection(m.unitEnd, start, true)
	case off > m.unitEnd:
		_, end := unit(runes, off-1)
		p.setSelection(m.unitStart, end, true)
	default:
		p.setSelection(m.unitStart, m.unitEnd, true)
	}
}

// offsetAtPos is the rune offset nearest to pos (page coordinates). Above
// the first line (in the header) is the text's start and below the last
// is its end, so a drag past either end selects all the way.
func (p *textPage) offsetAtPos(pos fyne.Position) int {
	l := p.layout
	if !l.ready() {
		return 0
	}
	o := p.textOrigin()
	y := pos.Y - o.Y
	if y < 0 {
		return l.line(lineRef{}).start
	}
	if y >= l.height {
		return l.line(l.lastLine()).end
	}
	return l.offsetAt(pos.X-o.X, y)
}

// runeAtPos is the rune drawn at pos (page coordinates), or -1.
func (p *textPage) runeAtPos(pos fyne.Position) int {
	o := p.textOrigin()
	return p.layout.runeAt(pos.X-o.X, pos.Y-o.Y)
}

// spanAt is the index in p.spans of the innermost span drawn under pos,
// or -1; withTooltip skips spans without a note.
func (p *textPage) spanAt(pos fyne.Position, withTooltip bool) int {
	r := p.runeAtPos(pos)
	if r < 0 {
		return -1
	}
	// Spans are sorted longest first: the last one holding r is innermost.
	for i := len(p.spans) - 1; i >= 0; i-- {
		s := p.spans[i]
		if s.Start <= r && r < s.End && (!withTooltip || s.Tooltip != "") {
			return i
		}
	}
	return -1
}

func (p *textPage) requestFocus() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c != nil && c.Focused() != p {
		c.Focus(p)
	}
}

func doubleTapDelay() time.Duration {
	return fyne.CurrentApp().Driver().DoubleTapDelay()
}

// autoscroll starts or stops scrolling for a drag whose pointer is past
// the view's top or bottom edge (or within a few pixels of it, so a
// maximised window, whose edge the pointer cannot pass, scrolls too).
func (p *textPage) autoscroll() {
	m := &p.mouse
	if p.edgeDistance() == 0 {
		p.stopAutoscroll()
		return
	}
	if !m.autoscrolling {
		m.autoscrolling = true
		p.scheduleAutoscroll()
	}
}

func (p *textPage) scheduleAutoscroll() {
	m := &p.mouse
	gen := m.autoscrollGen
	m.stopAutoscroll = p.clock.after(autoscrollTick, func() {
		if gen != m.autoscrollGen || !m.autoscrolling {
			return // stopped after this tick was queued
		}
		if p.autoscrollStep() {
			p.scheduleAutoscroll()
		} else {
			m.autoscrolling = false
		}
	})
}

func (p *textPage) stopAutoscroll() {
	m := &p.mouse
	if !m.autoscrolling {
		return
	}
	m.autoscrolling = false
	m.autoscrollGen++
	if m.stopAutoscroll != nil {
		m.stopAutoscroll()
		m.stopAutoscroll = nil
	}
}

// autoscrollStep scrolls once towards the pointer, by more the further
// past the edge it is, and extends the selection to the text now under it.
// It is false once the view cannot scroll that way any more.
func (p *textPage) autoscrollStep() bool {
	d := p.edgeDistance()
	if d == 0 || !p.mouse.dragging {
		return false
	}
	h := p.owner.scroll.Size().Height
	step := max(-h/2, min(d*autoscrollRate, h/2))
	if step > -1 && step < 1 {
		step = 1
		if d < 0 {
			step = -1
		}
	}
	if !p.owner.scrollTo(p.scrollOffset().Y + step) {
		return false
	}
	p.dragTo(p.mouse.view.Add(p.scrollOffset()))
	return true
}

// edgeDistance is how far the dragging pointer is above (< 0) or below
// (> 0) the view's scrolling edges; 0 between them.
func (p *textPage) edgeDistance() float32 {
	h := p.owner.scroll.Size().Height
	edge := min(2*theme.SizeForWidget(theme.SizeNamePadding, p), h/4)
	switch y := p.mouse.view.Y; {
	case y < edge:
		return y - edge
	case y > h-edge:
		return y - (h - edge)
	}
	return 0
}
