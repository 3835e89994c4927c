package argmap

import (
	"image/color"
	"slices"
)

// Style is how RenderSVG and RenderPNG draw a map.
type Style struct {
	Dark     bool    // light text on a dark background
	Scale    float32 // RenderPNG's pixels per layout unit (1 if 0); SVG is vector
	Margin   float32 // around the map (16 if 0)
	NoLegend bool    // leave out the legend of relation colours
	Selected string  // a node drawn highlighted ("" for none)
	// EmbedFonts puts the Go fonts into the SVG (about 500 KB), so it
	// looks the same where they are not installed; without them the
	// viewer's sans-serif stands in, a little narrower or wider.
	EmbedFonts bool
}

func (st Style) withDefaults() Style {
	if st.Scale <= 0 {
		st.Scale = 1
	}
	if st.Margin <= 0 {
		st.Margin = 16
	}
	return st
}

// Palette is the colours a map is drawn in, besides the relations'.
type Palette struct {
	Background, Foreground, Muted color.NRGBA
	ClaimFill, ClaimBorder        color.NRGBA
	NodeFill, NodeBorder          color.NRGBA
	NoteFill                      color.NRGBA
	Selected                      color.NRGBA
}

// StylePalette is the palette for a light or dark background.
func StylePalette(dark bool) Palette {
	if dark {
		return Palette{
			Background: color.NRGBA{0x1E, 0x1F, 0x24, 0xFF}, Foreground: color.NRGBA{0xEC, 0xEC, 0xEE, 0xFF},
			Muted:     color.NRGBA{0xA8, 0xAA, 0xB2, 0xFF},
			ClaimFill: color.NRGBA{0x2E, 0x31, 0x3B, 0xFF}, ClaimBorder: color.NRGBA{0xD8, 0xDA, 0xE2, 0xFF},
			NodeFill: color.NRGBA{0x29, 0x2B, 0x31, 0xFF}, NodeBorder: color.NRGBA{0x6A, 0x6D, 0x78, 0xFF},
			NoteFill: color.NRGBA{0x3A, 0x36, 0x22, 0xFF}, Selected: color.NRGBA{0x56, 0xB4, 0xE9, 0xFF},
		}
	}
	return Palette{
		Background: color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}, Foreground: color.NRGBA{0x1F, 0x21, 0x26, 0xFF},
		Muted:     color.NRGBA{0x5E, 0x62, 0x6B, 0xFF},
		ClaimFill: color.NRGBA{0xF4, 0xF5, 0xF8, 0xFF}, ClaimBorder: color.NRGBA{0x2A, 0x2D, 0x34, 0xFF},
		NodeFill: color.NRGBA{0xFA, 0xFA, 0xFB, 0xFF}, NodeBorder: color.NRGBA{0x9A, 0x9E, 0xA8, 0xFF},
		NoteFill: color.NRGBA{0xFF, 0xF7, 0xD6, 0xFF}, Selected: color.NRGBA{0x00, 0x72, 0xB2, 0xFF},
	}
}

// UsedRelations are the relations g's edges use, normalised, in legend
// order: the built-ins first, then the others by name.
func UsedRelations(g Graph) []string {
	seen := make(map[string]bool)
	var extra []string
	for _, e := range g.Edges {
		r := NormalRel(e.Rel)
		if !seen[r] {
			seen[r] = true
			if !slices.Contains(Relations(), r) {
				extra = append(extra, r)
			}
		}
	}
	var out []string
	for _, r := range Relations() {
		if seen[r] {
			out = append(out, r)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// EdgeWidth is the stroke width of rel's edges: contradictions are drawn
// heavier, so disagreement stands out even where colour does not.
func EdgeWidth(rel string) float32 {
	if NormalRel(rel) == "contradicts" {
		return 2.4
	}
	return 1.4
}

// Arrowhead is the triangle at the end of a polyline (tip at its last
// point), of the given length and half-width; ok is false for a path with
// no length.
func Arrowhead(pts []Point, length, half float32) (tri [3]Point, ok bool) {
	n := len(pts)
	if n < 2 {
		return tri, false
	}
	tip := pts[n-1]
	var from Point
	for i := n - 2; i >= 0; i-- {
		if pts[i] != tip {
			from = pts[i]
			ok = true
			break
		}
	}
	if !ok {
		return tri, false
	}
	dx, dy := tip.X-from.X, tip.Y-from.Y
	d := hypot(dx, dy)
	dx, dy = dx/d, dy/d
	base := Point{tip.X - dx*length, tip.Y - dy*length}
	return [3]Point{tip, {base.X - dy*half, base.Y + dx*half}, {base.X + dy*half, base.Y - dx*half}}, true
}
