package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func tooltipText(a *AnnotatedText) string {
	if !a.tip.Visible() {
		return ""
	}
	s := ""
	for _, o := range test.WidgetRenderer(a.tip).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			if s != "" {
				s += " "
			}
			s += t.Text
		}
	}
	return s
}

// canvasPos is where page position pos is on the window's canvas.
func canvasPos(a *AnnotatedText, pos fyne.Position) fyne.Position {
	return pos.Subtract(a.scroll.Offset).Add(fyne.CurrentApp().Driver().AbsolutePositionForObject(a))
}

func TestTooltipShowsAfterARestAndHides(t *testing.T) {
	test.NewTempApp(t)
	note := "Chinese officials have raised the Wakhan corridor with Kabul several times since 2021, fearing militants would cross it."
	spans := []Span{
		{ID: "outer", Start: 34, End: 70, Color: "blue", Tooltip: "Outer note"},
		{ID: "inner", Start: 38, End: 53, Color: "green", Tooltip: note},
		{ID: "bare", Start: 0, End: 7, Color: "pink"},
	}
	a, w := showText(t, twoParagraphs, spans)
	p := a.page
	c := w.Canvas()

	test.MoveMouse(c, canvasPos(a, posOf(p, 40)))
	if tooltipText(a) != "" {
		t.Fatal("the note showed before the pointer rested")
	}
	testClock.advance(tooltipDelay / 2)
	test.MoveMouse(c, canvasPos(a, posOf(p, 42))) // still moving: wait again
	testClock.advance(tooltipDelay / 2)
	if tooltipText(a) != "" {
		t.Fatal("the note showed while the pointer moved")
	}
	testClock.advance(tooltipDelay / 2)
	if got := tooltipText(a); got != note {
		t.Fatalf("tooltip shows %q", got)
	}
	// Wrapped at the tooltip's measure, below the hovered line, inside the widget.
	tip := a.tip
	if tip.Size().Width > tooltipWidth || len(test.WidgetRenderer(tip).Objects()) < 3 {
		t.Errorf("tooltip %v wide in %d objects", tip.Size().Width, len(test.WidgetRenderer(tip).Objects()))
	}
	if lineBottom := posOf(p, 40).Y + p.layout.lineHeight/2; tip.Position().Y < lineBottom {
		t.Errorf("tooltip at y=%v covers the line ending at %v", tip.Position().Y, lineBottom)
	}
	// Moving within the span keeps it; onto the outer span swaps notes.
	test.MoveMouse(c, canvasPos(a, posOf(p, 50)))
	if tooltipText(a) != note {
		t.Error("moving within the span hid its note")
	}
	test.MoveMouse(c, canvasPos(a, posOf(p, 60)))
	if tooltipText(a) != "" {
		t.Error("the inner note stayed up over the outer span")
	}
	testClock.advance(tooltipDelay)
	if got := tooltipText(a); got != "Outer note" {
		t.Errorf("over the outer span: %q", got)
	}
	// A span without a note shows none.
	test.MoveMouse(c, canvasPos(a, posOf(p, 3)))
	testClock.advance(tooltipDelay)
	if tooltipText(a) != "" {
		t.Error("a note over a span that has none")
	}
	// MouseOut hides it, and a pending one never comes.
	test.MoveMouse(c, canvasPos(a, posOf(p, 40)))
	testClock.advance(tooltipDelay)
	test.MoveMouse(c, fyne.NewPos(-10, -10))
	if tooltipText(a) != "" {
		t.Error("MouseOut left the note up")
	}
	test.MoveMouse(c, canvasPos(a, posOf(p, 40)))
	p.MouseOut()
	testClock.advance(tooltipDelay)
	if tooltipText(a) != "" {
		t.Error("a note came after MouseOut")
	}
}

func TestTooltipHidesOnPressAndScroll(t *testing.T) {
	test.NewTempApp(t)
	text := longText(2_000)
	a, w := showText(t, text, []Span{{ID: "s", Start: 10, End: 40, Tooltip: "a note"}})
	p := a.page
	c := w.Canvas()
	test.MoveMouse(c, canvasPos(a, posOf(p, 20)))
	testClock.advance(tooltipDelay)
	if tooltipText(a) != "a note" {
		t.Fatal("no note after the delay")
	}
	p.MouseDown(mouseEvent(posOf(p, 20), 0))
	if tooltipText(a) != "" {
		t.Error("pressing left the note up")
	}
	p.MouseUp(mouseEvent(posOf(p, 20), 0))
	test.MoveMouse(c, canvasPos(a, posOf(p, 21)))
	test.Scroll(c, canvasPos(a, posOf(p, 21)), 0, -40)
	if a.scroll.Offset.Y == 0 || tooltipText(a) != "" {
		t.Errorf("scrolled to %v; note %q", a.scroll.Offset.Y, tooltipText(a))
	}
	// SetSpans drops a note whose span may be gone.
	a.ScrollToOffset(0)
	test.MoveMouse(c, canvasPos(a, posOf(p, 22)))
	a.SetSpans(nil)
	if tooltipText(a) != "" {
		t.Error("SetSpans left the note up")
	}
}

func TestTooltipTimerIsDisownedWhenStale(t *testing.T) {
	// A timer that fired just as the pointer left must not show a note:
	// the schedule's cancel may come too late.
	test.NewTempApp(t)
	a, w := showText(t, twoParagraphs, []Span{{ID: "s", Start: 38, End: 53, Tooltip: "n"}})
	late := &lateTimers{}
	a.page.clock = late
	test.MoveMouse(w.Canvas(), canvasPos(a, posOf(a.page, 40)))
	a.page.MouseOut()
	late.fire()
	if tooltipText(a) != "" {
		t.Error("a stale timer showed the note")
	}
}

func TestTooltipMarkup(t *testing.T) {
	test.NewTempApp(t)
	note := "Chinese officials have raised the corridor with Kabul several times since 2021."
	a, w := showText(t, twoParagraphs, []Span{{ID: "s", Start: 38, End: 53, Color: "green", Tooltip: note}})
	test.MoveMouse(w.Canvas(), canvasPos(a, posOf(a.page, 40)))
	testClock.advance(tooltipDelay)
	test.AssertRendersToMarkup(t, "annotated_text_tooltip.xml", w.Canvas())
}

// lateTimers keeps the last timer set and fires it when told, even after
// it was cancelled: a timer that fired just as it was stopped.
type lateTimers struct{ f func() }

func (l *lateTimers) now() time.Time { return testClock.t }

func (l *lateTimers) after(_ time.Duration, f func()) func() {
	l.f = f
	return func() {}
}

func (l *lateTimers) fire() { l.f() }
