package widgets

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// longText is about words words in paragraphs of 100.
func longText(words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			if i%100 == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "word%d", i%37)
	}
	return b.String()
}

func showText(t testing.TB, text string, spans []Span) (*AnnotatedText, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	a := NewAnnotatedText()
	a.page.clock = testClock
	a.SetText(text)
	a.SetSpans(spans)
	w.SetContent(a)
	w.Resize(fyne.NewSize(700, 500))
	return a, w
}

func countObjects(a *AnnotatedText) (texts, rects int) {
	r := test.WidgetRenderer(a.page)
	for _, o := range r.Objects() {
		switch o.(type) {
		case *canvas.Text:
			texts++
		case *canvas.Rectangle:
			rects++
		}
	}
	return texts, rects
}

func TestOnlyVisibleLinesAreDrawn(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, longText(20_000), nil)
	lines := a.page.layout.height / a.page.layout.lineHeight
	texts, _ := countObjects(a)
	if lines < 1000 || texts == 0 || texts > 40 {
		t.Fatalf("%v lines high, %d drawn", lines, texts)
	}
	a.ScrollToOffset(50_000)
	first := test.WidgetRenderer(a.page).Objects()[0].(*canvas.Text).Text
	if !strings.HasPrefix(first, "word") || a.scroll.Offset.Y < 1000 {
		t.Fatalf("after scrolling, offset %v, first line %q", a.scroll.Offset.Y, first)
	}
}

func TestSpansAreHighlightedAndTappable(t *testing.T) {
	test.NewTempApp(t)
	text := "Beijing worries about militants.\n\nThe Wakhan corridor must stay closed."
	spans := []Span{
		{ID: "outer", Start: 34, End: 70, Color: "blue"},
		{ID: "inner", Start: 38, End: 53, Color: "green", Flagged: true},
	}
	a, _ := showText(t, text, spans)
	_, rects := countObjects(a)
	if rects != 3 { // two fills and the flag's underline
		t.Fatalf("%d rectangles drawn", rects)
	}
	var tapped []string
	a.OnSpanTapped = func(id string) { tapped = append(tapped, id) }
	p := a.page
	at := func(off int) fyne.Position {
		i := p.layout.lineOf(off)
		return fyne.NewPos(p.colX+p.layout.xOf(i, off)+2, p.top+p.layout.line(i).y+p.layout.lineHeight/2)
	}
	test.TapAt(p, at(40)) // in both: the inner, drawn on top, wins
	test.TapAt(p, at(60)) // only in the outer
	test.TapAt(p, at(5))  // in neither
	if strings.Join(tapped, ",") != "inner,outer" {
		t.Fatalf("tapped %v", tapped)
	}
}

func TestAnnotatedTextMarkup(t *testing.T) {
	test.NewTempApp(t)
	_, w := showText(t, "A short piece.\n\nIts second paragraph has a marked passage in it.", []Span{{ID: "a", Start: 41, End: 55, Color: "yellow"}})
	test.AssertRendersToMarkup(t, "annotated_text.xml", w.Canvas())
}
