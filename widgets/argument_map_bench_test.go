package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"commonplace/widgets/argmap/argmaptest"
)

// BenchmarkMapPan is one drag step on a 500-node, 1,000-edge map at 1x,
// where text is drawn: the target is under 5 ms.
func BenchmarkMapPan(b *testing.B) {
	test.NewTempApp(b)
	m, _ := showMap(b, argmaptest.Generate(500, 1000, 1), fyne.NewSize(1200, 800))
	m.Select("c3") // zooms in to where text shows
	step := fyne.NewDelta(3, 2)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%200 == 100 {
			step = fyne.NewDelta(-step.DX, -step.DY) // wander back and forth
		}
		m.Dragged(&fyne.DragEvent{Dragged: step})
	}
}

// BenchmarkMapPanFitted pans the whole 500-node map fitted to the view,
// boxes and edges only.
func BenchmarkMapPanFitted(b *testing.B) {
	test.NewTempApp(b)
	m, _ := showMap(b, argmaptest.Generate(500, 1000, 1), fyne.NewSize(1200, 800))
	step := fyne.NewDelta(3, 2)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%200 == 100 {
			step = fyne.NewDelta(-step.DX, -step.DY)
		}
		m.Dragged(&fyne.DragEvent{Dragged: step})
	}
}

func BenchmarkMapSetGraph500(b *testing.B) {
	test.NewTempApp(b)
	g := argmaptest.Generate(500, 1000, 1)
	m, _ := showMap(b, g, fyne.NewSize(1200, 800))
	for b.Loop() {
		m.SetGraph(g)
	}
}
