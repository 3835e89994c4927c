package argmap

import (
	"image/color"
	"math"
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

// Mark is an edge's end mark as drawn: a filled outline, or strokes in
// the edge's own stroke, and where the edge's line stops so a wide line
// does not blunt the mark.
type Mark struct {
	Fill    []Point   // a filled polygon, or nil
	Strokes [][]Point // polylines, or nil
	LineEnd Point
}

// EndMark is head drawn at the end of a polyline (touching its last
// point), size long along the line; ok is false for a path with no length.
func EndMark(pts []Point, head Head, size float32) (mk Mark, ok bool) {
	n := len(pts)
	if n < 2 {
		return mk, false
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
		return mk, false
	}
	dx, dy := tip.X-from.X, tip.Y-from.Y
	d := hypot(dx, dy)
	dx, dy = dx/d, dy/d
	// at is the point back along the line by a and across it by c.
	at := func(a, c float32) Point { return Point{tip.X - dx*a - dy*c, tip.Y - dy*a + dx*c} }
	half := size * 4 / 9
	switch head {
	case HeadOpen:
		mk.Strokes = [][]Point{{at(size, half), tip, at(size, -half)}}
		mk.LineEnd = tip
	case HeadTee:
		bar := size / 5
		mk.Strokes = [][]Point{{at(bar, half*1.2), at(bar, -half*1.2)}}
		mk.LineEnd = tip
	case HeadDiamond:
		mk.Fill = []Point{tip, at(size*0.6, half), at(size*1.2, 0), at(size*0.6, -half)}
		mk.LineEnd = at(size*1.2, 0)
	case HeadCircle:
		r := half
		for i := range 12 {
			a := -float64(i) * math.Pi / 6
			mk.Fill = append(mk.Fill, at(r+r*float32(math.Cos(a)), r*float32(math.Sin(a))))
		}
		mk.LineEnd = at(2*r, 0)
	default:
		mk.Fill = []Point{tip, at(size, half), at(size, -half)}
		mk.LineEnd = at(size, 0)
	}
	return mk, true
}

// DashPieces cuts a polyline into the pieces a dash pattern (on and off
// lengths in turn) draws; a nil pattern gives the whole line.
func DashPieces(pts []Point, pattern []float32) [][]Point {
	if len(pattern) == 0 || len(pts) < 2 {
		return [][]Point{pts}
	}
	var out [][]Point
	cur := []Point{pts[0]}
	i, left, on := 0, pattern[0], true
	for j := 1; j < len(pts); j++ {
		a, b := pts[j-1], pts[j]
		seg := hypot(b.X-a.X, b.Y-a.Y)
		pos := float32(0)
		for seg-pos > left {
			pos += left
			t := pos / seg
			p := Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}
			if on {
				out = append(out, append(cur, p))
				cur = nil
			} else {
				cur = []Point{p}
			}
			on = !on
			i = (i + 1) % len(pattern)
			left = pattern[i]
		}
		left -= seg - pos
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// ScaledDashes is line's dash pattern for a stroke of the given width, in
// units where the pattern's own lengths are multiplied by unit.
func ScaledDashes(line Line, width, unit float32) []float32 {
	d := line.Dashes()
	k := unit * max(1, width/1.4)
	for i := range d {
		d[i] *= k
	}
	return d
}
