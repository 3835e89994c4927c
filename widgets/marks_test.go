package widgets

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// wordMarks marks every occurrence of word in text, as a find would.
func wordMarks(text, word string) [][2]int {
	runes, w := []rune(text), []rune(word)
	var marks [][2]int
	for i := 0; i+len(w) <= len(runes); i++ {
		if string(runes[i:i+len(w)]) == word && (i+len(w) == len(runes) || !unicode.IsLetter(runes[i+len(w)]) && !unicode.IsDigit(runes[i+len(w)])) {
			marks = append(marks, [2]int{i, i + len(w)})
			i += len(w) - 1
		}
	}
	return marks
}

// markRects are the boxes drawn for marks (the only outlined rectangles),
// and those of them that are filled (the current mark).
func markRects(a *AnnotatedText) (boxes, filled []*canvas.Rectangle) {
	for _, o := range test.WidgetRenderer(a.page).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 {
			boxes = append(boxes, r)
			if r.FillColor != nil {
				filled = append(filled, r)
			}
		}
	}
	return boxes, filled
}

func TestMarksDrawnOnlyInView(t *testing.T) {
	test.NewTempApp(t)
	text := longText(20_000)
	marks := wordMarks(text, "word3")
	if len(marks) < 500 {
		t.Fatalf("only %d marks", len(marks))
	}
	// 5,000 marks: every fourth word.
	var many [][2]int
	for i, w := 0, 0; i < len(text) && len(many) < 5000; w++ {
		j := strings.IndexAny(text[i:], " \n")
		if j < 0 {
			j = len(text) - i
		}
		if w%4 == 0 {
			many = append(many, [2]int{i, i + j})
		}
		i += j + 1
	}
	a, _ := showText(t, text, nil)
	a.SetMarks(many)
	boxes, _ := markRects(a)
	texts, _ := countObjects(a)
	// About a quarter of the words on the lines drawn: 10 or so a line.
	if len(boxes) == 0 || len(boxes) > 4*texts {
		t.Fatalf("%d mark boxes on %d lines", len(boxes), texts)
	}
	a.ScrollToOffset(len(text) / 2)
	top, h := a.scroll.Offset.Y, a.scroll.Size().Height
	lh := a.page.layout.lineHeight
	boxes, _ = markRects(a)
	if len(boxes) == 0 || len(boxes) > 4*texts {
		t.Fatalf("after scrolling: %d mark boxes", len(boxes))
	}
	for _, b := range boxes {
		if y := b.Position().Y; y < top-(overscanLines+1)*lh || y > top+h+(overscanLines+1)*lh {
			t.Fatalf("a mark drawn at y %v, out of the view at %v+%v", y, top, h)
		}
	}
}

func TestCurrentMarkScrollsIntoView(t *testing.T) {
	test.NewTempApp(t)
	text := longText(20_000)
	marks := wordMarks(text, "word3")
	a, _ := showText(t, text, nil)
	a.SetMarks(marks)
	far := len(marks) * 3 / 4
	a.SetCurrentMark(far)
	off, h := a.scroll.Offset.Y, a.scroll.Size().Height
	y := a.page.yOf(marks[far][0])
	if off == 0 || y < off || y > off+h {
		t.Fatalf("mark at y %v, view %v+%v", y, off, h)
	}
	if mid := off + h/2; y < mid-2*a.page.layout.lineHeight || y > mid+a.page.layout.lineHeight {
		t.Fatalf("mark at y %v, not near the middle %v", y, mid)
	}
	_, filled := markRects(a)
	if len(filled) != 1 {
		t.Fatalf("%d current marks drawn", len(filled))
	}
	// The next hit, already in view: nothing moves.
	a.SetCurrentMark(far + 1)
	if a.scroll.Offset.Y != off {
		t.Fatalf("scrolled from %v to %v for a mark in view", off, a.scroll.Offset.Y)
	}
	a.SetCurrentMark(-1)
	if _, filled := markRects(a); len(filled) != 0 {
		t.Fatal("the current mark is still drawn")
	}
	a.SetCurrentMark(len(marks)) // out of range: none, no panic
}

func TestCurrentMarkSetBeforeLayoutScrollsWhenShown(t *testing.T) {
	test.NewTempApp(t)
	text := longText(5_000)
	marks := wordMarks(text, "word3")
	a := NewAnnotatedText()
	a.page.clock = testClock
	a.SetText(text)
	a.SetMarks(marks)
	a.SetCurrentMark(len(marks) - 1)
	w := test.NewTempWindow(t, a)
	w.Resize(fyne.NewSize(700, 500))
	y := a.page.yOf(marks[len(marks)-1][0])
	if off := a.scroll.Offset.Y; y < off || y > off+a.scroll.Size().Height {
		t.Fatalf("mark at y %v, view from %v", y, off)
	}
}

func TestSetMarksNilClears(t *testing.T) {
	test.NewTempApp(t)
	text := longText(2_000)
	a, _ := showText(t, text, []Span{{ID: "s", Start: 0, End: 30}})
	a.SetMarks(wordMarks(text, "word3"))
	a.SetCurrentMark(0)
	if boxes, _ := markRects(a); len(boxes) == 0 {
		t.Fatal("no marks drawn")
	}
	a.SetMarks(nil)
	if boxes, _ := markRects(a); len(boxes) != 0 {
		t.Fatalf("%d marks left after SetMarks(nil)", len(boxes))
	}
	if _, rects := countObjects(a); rects != 1 {
		t.Fatalf("%d rectangles: the highlight should be left", rects)
	}
	a.SetMarks(wordMarks(text, "word3"))
	a.SetText(text)
	if boxes, _ := markRects(a); len(boxes) != 0 {
		t.Fatal("SetText kept the marks")
	}
}

func TestMarkAcrossALineWrapIsBoxedOnBothLines(t *testing.T) {
	test.NewTempApp(t)
	text := longText(300)
	a, _ := showText(t, text, nil)
	l := a.page.layout
	mk := [2]int{l.line(lineRef{0, 0}).end - 3, l.line(lineRef{0, 1}).start + 3}
	a.SetMarks([][2]int{mk})
	a.SetCurrentMark(0)
	_, filled := markRects(a)
	if len(filled) != 2 || filled[0].Position().Y == filled[1].Position().Y {
		t.Fatalf("%d boxes for a mark across the wrap", len(filled))
	}
	a.SetMarks([][2]int{mk})
	boxes, _ := markRects(a)
	if len(boxes) != 2 {
		t.Fatalf("%d boxes for a mark across the wrap", len(boxes))
	}
}

func TestMarksWithBadRangesDoNotPanic(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, "A short text.", nil)
	a.SetMarks([][2]int{{-5, 3}, {10, 2}, {2, 1000}, {7, 7}, {1 << 40, -1}})
	for i := -1; i < 6; i++ {
		a.SetCurrentMark(i)
	}
	if boxes, _ := markRects(a); len(boxes) != 2 { // {0,3} and {2,13}
		t.Fatalf("%d boxes", len(boxes))
	}
}

func TestAnnotatedTextMarksMarkup(t *testing.T) {
	test.NewTempApp(t)
	text := "A short piece about a corridor.\n\nIts second paragraph has a marked passage on the corridor in it, and runs on long enough to wrap onto a second line."
	a, w := showText(t, text, []Span{{ID: "a", Start: 59, End: 85, Color: "blue"}})
	a.SetMarks(wordMarks(text, "corridor"))
	a.SetCurrentMark(1)
	a.SetSelection(33, 36)
	test.AssertRendersToMarkup(t, "annotated_text_marks.xml", w.Canvas())
}

func TestCurrentMarkStaysInViewThroughAResize(t *testing.T) {
	test.NewTempApp(t)
	text := longText(20_000)
	marks := wordMarks(text, "word3")
	a, w := showText(t, text, nil)
	a.SetMarks(marks)
	cur := len(marks) / 2
	a.SetCurrentMark(cur)
	inView := func() bool {
		top, bottom := a.page.extentOf(marks[cur])
		off := a.scroll.Offset.Y
		return top >= off && bottom <= off+a.scroll.Size().Height
	}
	w.Resize(fyne.NewSize(420, 500))
	if !inView() {
		t.Fatal("the current mark left the view when the text re-wrapped")
	}
	// Scrolled away by the reader, it stays where the reader put it.
	a.scrollTo(0)
	a.Refresh()
	w.Resize(fyne.NewSize(700, 500))
	if a.scroll.Offset.Y != 0 {
		t.Fatalf("scrolled back to the mark: offset %v", a.scroll.Offset.Y)
	}
}
