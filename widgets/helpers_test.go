package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// manualClock stands in for timers and the click clock in tests: nothing
// fires on another goroutine, and tests decide when time passes.
type manualClock struct {
	t       time.Time
	pending []*manualTimer
}

type manualTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

var testClock = &manualClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}

func (c *manualClock) now() time.Time { return c.t }

func (c *manualClock) after(d time.Duration, f func()) (cancel func()) {
	mt := &manualTimer{at: c.t.Add(d), f: f}
	c.pending = append(c.pending, mt)
	return func() { mt.stopped = true }
}

// advance moves the clock on by d, running the timers due on the way.
func (c *manualClock) advance(d time.Duration) {
	end := c.t.Add(d)
	for {
		next := -1
		for i, mt := range c.pending {
			if !mt.stopped && !mt.at.After(end) && (next < 0 || mt.at.Before(c.pending[next].at)) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		mt := c.pending[next]
		c.pending = append(c.pending[:next], c.pending[next+1:]...)
		c.t = mt.at
		mt.f()
	}
	c.t = end
	live := c.pending[:0]
	for _, mt := range c.pending {
		if !mt.stopped {
			live = append(live, mt)
		}
	}
	c.pending = live
}

// posOf is a point (page coordinates) just right of rune offset off's left
// edge, halfway down its line: clicking there hits off, or the rune at off.
func posOf(p *textPage, off int) fyne.Position {
	l := p.layout
	i := l.lineOf(off)
	return fyne.NewPos(p.colX+l.xOf(i, off)+1, p.top+l.line(i).y+l.lineHeight/2)
}

func mouseEvent(pos fyne.Position, mod fyne.KeyModifier) *desktop.MouseEvent {
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mod}
	ev.Position = pos
	return ev
}

// click is a separate click at pos, as the glfw driver delivers it:
// MouseDown, MouseUp, Tapped.
func click(p *textPage, pos fyne.Position, mod fyne.KeyModifier) {
	testClock.advance(time.Second)
	quickClick(p, pos, mod)
}

// quickClick follows the previous click at once, as in a double-click.
func quickClick(p *textPage, pos fyne.Position, mod fyne.KeyModifier) {
	testClock.advance(50 * time.Millisecond)
	p.MouseDown(mouseEvent(pos, mod))
	p.MouseUp(mouseEvent(pos, mod))
	p.Tapped(&fyne.PointEvent{Position: pos})
}

// dragFrom presses at from and drags through the points given, as glfw
// does: each event holds the pointer's position and the move since the
// last one. It leaves the button down; call endDrag.
func dragFrom(p *textPage, from fyne.Position, through ...fyne.Position) {
	testClock.advance(time.Second)
	p.MouseDown(mouseEvent(from, 0))
	last := from
	for _, to := range through {
		ev := &fyne.DragEvent{Dragged: fyne.NewDelta(to.X-last.X, to.Y-last.Y)}
		ev.Position = to
		p.Dragged(ev)
		last = to
	}
}

func endDrag(p *textPage, at fyne.Position) {
	p.MouseUp(mouseEvent(at, 0))
	p.DragEnd()
}

// selectionLog records what OnSelectionChanged reports.
type selectionLog [][2]int

func (s *selectionLog) watch(a *AnnotatedText) {
	a.OnSelectionChanged = func(start, end int) { *s = append(*s, [2]int{start, end}) }
}

func (s selectionLog) last() [2]int {
	if len(s) == 0 {
		return [2]int{-1, -1}
	}
	return s[len(s)-1]
}

func key(p *textPage, name fyne.KeyName) {
	p.TypedKey(&fyne.KeyEvent{Name: name})
}

func shiftKey(p *textPage, name fyne.KeyName) {
	p.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	p.TypedKey(&fyne.KeyEvent{Name: name})
	p.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}
