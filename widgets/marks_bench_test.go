package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
)

// BenchmarkMarksScroll: a scroll-wheel step through the large piece with
// 5,000 find hits marked (every fourth word) and one current.
func BenchmarkMarksScroll(b *testing.B) {
	w := benchWindow(b)
	text, spans := benchPiece(1)
	a := openPiece(b, w, text, spans)
	layOutWhole(a)
	runes := []rune(text)
	var marks [][2]int
	for i, words := 0, 0; i < len(runes) && len(marks) < 5000; {
		j := i
		for j < len(runes) && runes[j] != ' ' && runes[j] != '\n' {
			j++
		}
		if words%4 == 0 {
			marks = append(marks, [2]int{i, j})
		}
		words++
		i = j + 1
	}
	if len(marks) != 5000 {
		b.Fatalf("%d marks", len(marks))
	}
	a.SetMarks(marks)
	a.SetCurrentMark(2500)
	ev := &fyne.ScrollEvent{}
	ev.Scrolled.DY = -37
	bottom := a.page.MinSize().Height - a.scroll.Size().Height
	for b.Loop() {
		if a.scroll.Offset.Y >= bottom {
			ev.Scrolled.DY = 37
		} else if a.scroll.Offset.Y <= 0 {
			ev.Scrolled.DY = -37
		}
		a.scroll.Scrolled(ev)
	}
	if boxes, _ := markRects(a); len(boxes) == 0 || len(boxes) > 200 {
		b.Fatalf("%d mark boxes drawn", len(boxes))
	}
}
