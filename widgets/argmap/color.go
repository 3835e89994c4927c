package argmap

import (
	"hash/fnv"
	"image/color"
	"math"
)

// Line is the pattern an edge's line is drawn in.
type Line uint8

const (
	LineSolid Line = iota
	LineDashed
	LineDotted
	LineDashDot
)

// Dashes are the line's on and off lengths in turn, in pixels at 1x and a
// stroke of 1.4 (nil for a solid line); renderers scale them with the
// stroke, so a thick line gets longer dashes.
func (l Line) Dashes() []float32 {
	switch l {
	case LineDashed:
		return []float32{6, 4}
	case LineDotted:
		return []float32{1.6, 2.8}
	case LineDashDot:
		return []float32{7, 3, 1.6, 3}
	}
	return nil
}

// Head is the mark at an edge's end, where it meets what it bears on.
type Head uint8

const (
	HeadTriangle Head = iota // a filled arrowhead
	HeadOpen                 // an open arrowhead: two strokes
	HeadTee                  // a bar across the line: ⊣
	HeadDiamond              // a filled diamond
	HeadCircle               // a filled dot
)

// RelationStyle is how the edges of one relation are drawn: a colour for
// light and one for dark backgrounds, a line pattern, an end mark and a
// stroke width.
type RelationStyle struct {
	Light, Dark color.NRGBA
	Line        Line
	Head        Head
	Width       float32
}

// Color is the style's colour on a light or a dark background.
func (s RelationStyle) Color(dark bool) color.NRGBA {
	if dark {
		return s.Dark
	}
	return s.Light
}

// relationStyles are the built-in relations in legend order: the one
// table the widget, the SVG and the PNG draw relations from. No two differ
// in colour alone: each pair differs in line pattern or end mark, so the
// map reads in greyscale and for the colour-blind. The colours are
// Okabe–Ito hues (deepened on white, lightened on dark) checked apart under
// simulated protanopia, deuteranopia and tritanopia (TestRelationStyles).
// Contradicts is the one warm, saturated hue, dashed, heavier and barred,
// so disagreement stands out; evidence (blue, open head) is set apart from
// supports (green, filled head), which it used to look like; cites is grey
// because it is bookkeeping rather than argument.
var relationStyles = []struct {
	rel string
	RelationStyle
}{
	{"supports", RelationStyle{rgb(0x009E73), rgb(0x2EC49A), LineSolid, HeadTriangle, 1.6}},
	{"evidence", RelationStyle{rgb(0x0072B2), rgb(0x3A8FE0), LineSolid, HeadOpen, 1.3}},
	{"contradicts", RelationStyle{rgb(0xD55E00), rgb(0xFF7A3D), LineDashed, HeadTee, 2.4}},
	{"qualifies", RelationStyle{rgb(0xA84E8F), rgb(0xD98FC4), LineDashDot, HeadDiamond, 1.4}},
	{"elaborates", RelationStyle{rgb(0xCC79A7), rgb(0xF5C6E6), LineDotted, HeadTriangle, 1.6}},
	{"cites", RelationStyle{rgb(0x666666), rgb(0x8A8A92), LineDotted, HeadOpen, 1.3}},
	{"same-as", RelationStyle{rgb(0x1F2126), rgb(0xECECEE), LineSolid, HeadCircle, 1.4}},
}

func rgb(v uint32) color.NRGBA { return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF} }

// Relations lists the built-in relations in legend order.
func Relations() []string {
	out := make([]string, len(relationStyles))
	for i, rs := range relationStyles {
		out[i] = rs.rel
	}
	return out
}

// StyleOf is how edges of rel are drawn. Unknown relations get a solid
// line, a filled head and a colour hashed from the name, so a
// user-defined relation keeps its colour from one session to the next.
func StyleOf(rel string) RelationStyle {
	rel = NormalRel(rel)
	for _, rs := range relationStyles {
		if rs.rel == rel {
			return rs.RelationStyle
		}
	}
	h := fnv.New32a()
	h.Write([]byte(rel))
	hue := float64(h.Sum32()%360) / 360
	return RelationStyle{Light: hsl(hue, 0.65, 0.38), Dark: hsl(hue, 0.6, 0.66), Width: 1.4}
}

// RelationColor is the colour edges of rel are drawn in, for a light or a
// dark background.
func RelationColor(rel string, dark bool) color.NRGBA { return StyleOf(rel).Color(dark) }

// hsl converts a hue, saturation and lightness, each in [0,1], to an opaque
// colour.
func hsl(h, s, l float64) color.NRGBA {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h*6, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch int(h * 6) {
	case 0:
		r, g = c, x
	case 1:
		r, g = x, c
	case 2:
		g, b = c, x
	case 3:
		g, b = x, c
	case 4:
		r, b = x, c
	default:
		r, b = c, x
	}
	u := func(v float64) uint8 { return uint8(math.Round((v + m) * 255)) }
	return color.NRGBA{u(r), u(g), u(b), 0xFF}
}

// GroupTint is the fill behind the nodes of a group (a piece), hashed from
// its name: pale on light backgrounds, deep on dark ones, so the node's
// text keeps its contrast. Nodes of no group get no tint (ok false).
func GroupTint(group string, dark bool) (c color.NRGBA, ok bool) {
	if group == "" {
		return color.NRGBA{}, false
	}
	h := fnv.New32a()
	h.Write([]byte(group))
	hue := float64(h.Sum32()%360) / 360
	if dark {
		return hsl(hue, 0.35, 0.22), true
	}
	return hsl(hue, 0.6, 0.93), true
}
