package widgets

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

const twoParagraphs = "Beijing worries about militants.\n\nThe Wakhan corridor must stay closed."

// runeIndex is the rune offset of sub's first occurrence in s.
func runeIndex(t testing.TB, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return runeLen(s[:i])
}

func wantSelection(t *testing.T, a *AnnotatedText, log selectionLog, start, end int, text string) {
	t.Helper()
	if s, e := a.Selection(); s != start || e != end {
		t.Errorf("Selection() = %d,%d, want %d,%d", s, e, start, end)
	}
	if got := log.last(); got != [2]int{start, end} {
		t.Errorf("OnSelectionChanged last reported %v, want %d,%d", got, start, end)
	}
	if got := a.SelectedText(); got != text {
		t.Errorf("SelectedText() = %q, want %q", got, text)
	}
}

func TestDragSelectsWithinALine(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	wraps := p.layout.wraps
	dragFrom(p, posOf(p, 8), posOf(p, 12), posOf(p, 15))
	endDrag(p, posOf(p, 15))
	wantSelection(t, a, log, 8, 15, "worries")
	// Every step was reported once it changed, starting with the caret
	// the press put down.
	if log[0] != [2]int{8, 8} || log[1] != [2]int{8, 12} {
		t.Errorf("reports = %v", log)
	}
	// Dragging leftwards selects the same runes, normalised.
	dragFrom(p, posOf(p, 21), posOf(p, 16))
	endDrag(p, posOf(p, 16))
	wantSelection(t, a, log, 16, 21, "about")
	if p.layout.wraps != wraps {
		t.Errorf("selecting re-wrapped the text: %d layouts", p.layout.wraps-wraps)
	}
}

func TestDragSelectsAcrossParagraphs(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	start, end := runeIndex(t, twoParagraphs, "militants"), runeIndex(t, twoParagraphs, " corridor")
	dragFrom(p, posOf(p, start), posOf(p, end))
	endDrag(p, posOf(p, end))
	wantSelection(t, a, log, start, end, "militants.\n\nThe Wakhan")
	// One selection rectangle per line it covers.
	if n := countSelectionRects(a); n != 2 {
		t.Errorf("%d selection rectangles drawn, want 2", n)
	}
	// Past the end of the text selects to its end.
	dragFrom(p, posOf(p, start), fyne.NewPos(10, p.MinSize().Height+50))
	endDrag(p, fyne.NewPos(10, p.MinSize().Height+50))
	if _, e := a.Selection(); e != runeLen(twoParagraphs) {
		t.Errorf("dragging below the text selected to %d", e)
	}
}

func countSelectionRects(a *AnnotatedText) int {
	sel := theme.ColorForWidget(theme.ColorNameSelection, a.page)
	n := 0
	for _, o := range test.WidgetRenderer(a.page).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == sel {
			n++
		}
	}
	return n
}

func TestDragPastTheViewScrolls(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, longText(5_000), nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	wraps := p.layout.wraps
	h := a.scroll.Size().Height
	// at is a point at view height y, in page coordinates as events carry
	// them: they move with the scroll.
	at := func(y float32) fyne.Position { return fyne.NewPos(p.colX+20, y+a.scroll.Offset.Y) }
	hold := func(y float32, ticks int) (scrolled float32) {
		dragFrom(p, at(h/2), at(y))
		before := a.scroll.Offset.Y
		testClock.advance(time.Duration(ticks) * autoscrollTick)
		scrolled = a.scroll.Offset.Y - before
		endDrag(p, at(y))
		return scrolled
	}

	dragFrom(p, at(h/2), at(h+100)) // held 100px below the view
	_, end0 := a.Selection()
	testClock.advance(40 * autoscrollTick)
	y1 := a.scroll.Offset.Y
	_, end1 := a.Selection()
	if y1 <= 0 || end1 <= end0 {
		t.Fatalf("holding below the view: offset %v, selection end %d -> %d", y1, end0, end1)
	}
	// The selection follows the text now under the (unmoved) pointer.
	if want := p.offsetAtPos(at(h + 100)); end1 != want {
		t.Errorf("selection ends at %d, the pointer is over %d", end1, want)
	}
	// Releasing stops it.
	endDrag(p, at(h+100))
	testClock.advance(10 * autoscrollTick)
	if a.scroll.Offset.Y != y1 {
		t.Errorf("kept scrolling after the button was released")
	}

	// Further out scrolls faster.
	slow, fast := hold(h+10, 10), hold(h+200, 10)
	if !(slow > 0 && fast > 2*slow) {
		t.Errorf("scrolled %v px at 10 px out, %v px at 200 px out", slow, fast)
	}
	// Above the view scrolls up.
	if up := hold(-60, 10); up >= 0 {
		t.Errorf("holding above the view scrolled %v", up)
	}
	// Coming back into the view stops it.
	dragFrom(p, at(h/2), at(-50))
	testClock.advance(2 * autoscrollTick)
	ev := &fyne.DragEvent{}
	ev.Position = at(h / 2)
	p.Dragged(ev)
	y2 := a.scroll.Offset.Y
	testClock.advance(10 * autoscrollTick)
	if a.scroll.Offset.Y != y2 {
		t.Errorf("kept scrolling with the pointer back in the view")
	}
	endDrag(p, at(h/2))
	if p.layout.wraps != wraps {
		t.Errorf("autoscrolling re-wrapped the text")
	}
}

func TestMultiClickSelectsWordsAndParagraphs(t *testing.T) {
	test.NewTempApp(t)
	text := "Zürich’s café serves naïve crème brûlée, ‘quoted’ don't 2025 中国与阿富汗 安全 تحليل الأمن.\n\nSecond paragraph, with a hard\nline break.\n\nThird."
	a, _ := showText(t, text, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	for _, c := range []struct{ at, want string }{
		{"ürich", "Zürich’s"}, // ’s belongs to its word
		{"afé", "café"},
		{"aïve", "naïve"},
		{"rûlée", "brûlée"},
		{"uoted", "quoted"}, // quotes around a word do not
		{"on't", "don't"},
		{"025", "2025"},
		{"与", "中国与阿富汗"}, // a run of ideographs is one unit
		{"حليل", "تحليل"},
		{",", ","},
	} {
		at := runeIndex(t, text, c.at)
		click(p, posOf(p, at), 0)
		quickClick(p, posOf(p, at), 0)
		start := runeIndex(t, text, c.want)
		wantSelection(t, a, log, start, start+runeLen(c.want), c.want)
	}
	// A third click selects the paragraph, across its hard line break.
	at := runeIndex(t, text, "paragraph")
	click(p, posOf(p, at), 0)
	quickClick(p, posOf(p, at), 0)
	quickClick(p, posOf(p, at), 0)
	para := "Second paragraph, with a hard\nline break."
	start := runeIndex(t, text, para)
	wantSelection(t, a, log, start, start+runeLen(para), para)
	// Slow clicks are separate clicks: the second just moves the caret.
	click(p, posOf(p, at), 0)
	click(p, posOf(p, at), 0)
	wantSelection(t, a, log, at, at, "")
}

func TestDoubleClickDragExtendsByWords(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	click(p, posOf(p, 10), 0)
	testClock.advance(50 * time.Millisecond)
	p.MouseDown(mouseEvent(posOf(p, 10), 0)) // the second press, held
	ev := &fyne.DragEvent{}
	ev.Position = posOf(p, 18) // inside "about"
	p.Dragged(ev)
	endDrag(p, ev.Position)
	wantSelection(t, a, log, 8, 21, "worries about")
}

func TestShiftClickExtendsFromTheAnchor(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	click(p, posOf(p, 8), 0)
	click(p, posOf(p, 21), fyne.KeyModifierShift)
	wantSelection(t, a, log, 8, 21, "worries about")
	// The anchor stays where the selection began, on either side.
	click(p, posOf(p, 0), fyne.KeyModifierShift)
	wantSelection(t, a, log, 0, 8, "Beijing ")
	// A Shift key held (tracked through KeyDown) extends as well.
	p.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	click(p, posOf(p, 15), 0)
	p.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	wantSelection(t, a, log, 8, 15, "worries")
	// A plain click collapses it.
	click(p, posOf(p, 3), 0)
	wantSelection(t, a, log, 3, 3, "")
}

func TestClickOnAHighlightReportsItAndCollapsesTheSelection(t *testing.T) {
	test.NewTempApp(t)
	spans := []Span{
		{ID: "outer", Start: 34, End: 70, Color: "blue"},
		{ID: "inner", Start: 38, End: 53, Color: "green"},
	}
	a, _ := showText(t, twoParagraphs, spans)
	var log selectionLog
	log.watch(a)
	var tapped []string
	a.OnSpanTapped = func(id string) { tapped = append(tapped, id) }
	p := a.page
	a.SelectAll()
	click(p, posOf(p, 40), 0)
	wantSelection(t, a, log, 40, 40, "")
	click(p, posOf(p, 60), 0)
	// Neither a drag, nor a double-click, nor a shift-click is a tap on
	// the span, nor is a click right of a line's end.
	dragFrom(p, posOf(p, 40), posOf(p, 45))
	endDrag(p, posOf(p, 45))
	quickClick(p, posOf(p, 45), 0)
	click(p, posOf(p, 60), fyne.KeyModifierShift)
	click(p, fyne.NewPos(p.colX+p.layout.width-2, posOf(p, 60).Y), 0)
	if strings.Join(tapped, ",") != "inner,outer,inner" {
		t.Fatalf("tapped %v", tapped)
	}
}

func TestClickFocusesAndShowsACaret(t *testing.T) {
	test.NewTempApp(t)
	a, w := showText(t, twoParagraphs, nil)
	p := a.page
	if w.Canvas().Focused() != nil || caretDrawn(a) {
		t.Fatal("focused, or a caret drawn, before any click")
	}
	click(p, posOf(p, 5), 0)
	if w.Canvas().Focused() != p || !caretDrawn(a) {
		t.Fatal("a click did not focus the text and show the caret")
	}
	a.SetSelection(2, 6)
	if caretDrawn(a) {
		t.Error("a caret drawn over a selection")
	}
	w.Canvas().Unfocus()
	a.SetSelection(2, 2)
	if caretDrawn(a) {
		t.Error("a caret drawn without focus")
	}
}

func caretDrawn(a *AnnotatedText) bool {
	for _, o := range test.WidgetRenderer(a.page).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Size().Width == 1 {
			return true
		}
	}
	return false
}

func TestSetSelectionClampsAndIsNotReported(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	y := a.scroll.Offset
	a.SetSelection(60, 8)
	if s, e := a.Selection(); s != 8 || e != 60 || len(log) != 0 || a.scroll.Offset != y {
		t.Fatalf("SetSelection(60, 8): %d,%d, reported %v", s, e, log)
	}
	a.SetSelection(-5, 1000)
	if s, e := a.Selection(); s != 0 || e != runeLen(twoParagraphs) {
		t.Fatalf("not clamped: %d,%d", s, e)
	}
	if countSelectionRects(a) != 2 {
		t.Error("the selection set is not drawn")
	}
	a.SetText("new text")
	if s, e := a.Selection(); s != 0 || e != 0 || len(log) != 0 {
		t.Fatalf("SetText kept the selection %d,%d or reported %v", s, e, log)
	}
}

func TestSelectionMarkup(t *testing.T) {
	test.NewTempApp(t)
	text := "A short piece.\n\nIts second paragraph has a marked passage in it, and runs on long enough to wrap onto a second line at this width."
	a, w := showText(t, text, []Span{{ID: "a", Start: 41, End: 55, Color: "yellow"}})
	a.SetSelection(runeIndex(t, text, "piece"), runeIndex(t, text, " paragraph"))
	test.AssertRendersToMarkup(t, "annotated_text_selection.xml", w.Canvas())
	a.SetSelection(runeIndex(t, text, "passage"), runeIndex(t, text, " line"))
	test.AssertRendersToMarkup(t, "annotated_text_selection_wrapped.xml", w.Canvas())
}

func TestDragEndingOffTheTextKeepsTheFocus(t *testing.T) {
	// The glfw driver unfocuses on a release over nothing focusable (past
	// the text, outside the window) before it calls DragEnd.
	test.NewTempApp(t)
	a, w := showText(t, twoParagraphs, nil)
	p := a.page
	dragFrom(p, posOf(p, 8), fyne.NewPos(posOf(p, 8).X, 2000))
	p.MouseUp(mouseEvent(fyne.NewPos(0, 2000), 0))
	w.Canvas().Unfocus()
	p.DragEnd()
	if w.Canvas().Focused() != p {
		t.Fatal("the text lost the keyboard at the end of a drag")
	}
	shiftKey(p, fyne.KeyLeft)
	if s, e := a.Selection(); s != 8 || e != runeLen(twoParagraphs)-1 {
		t.Errorf("Shift+Left after the drag: %d,%d", s, e)
	}
}
