package argmap_test

import (
	"io"
	"testing"

	"commonplace/widgets/argmap"
	"commonplace/widgets/argmap/argmaptest"
)

// BenchmarkLay500 lays out a 500-node, 1,000-edge map: the target is
// under 200 ms.
func BenchmarkLay500(b *testing.B) {
	g := argmaptest.Generate(500, 1000, 1)
	argmap.GoFontMeasure("warm up", argmap.Font{Size: 13})
	b.ResetTimer()
	for b.Loop() {
		argmap.Lay(g, argmap.Options{})
	}
}

func BenchmarkLay200(b *testing.B) {
	g := argmaptest.Generate(200, 0, 1)
	for b.Loop() {
		argmap.Lay(g, argmap.Options{})
	}
}

func BenchmarkRenderSVG200(b *testing.B) {
	g := argmaptest.Generate(200, 0, 1)
	l := argmap.Lay(g, argmap.Options{})
	for b.Loop() {
		argmap.RenderSVG(io.Discard, g, l, argmap.Style{})
	}
}

func BenchmarkRenderPNG200(b *testing.B) {
	g := argmaptest.Generate(200, 0, 1)
	l := argmap.Lay(g, argmap.Options{})
	for b.Loop() {
		argmap.RenderPNG(io.Discard, g, l, argmap.Style{})
	}
}
