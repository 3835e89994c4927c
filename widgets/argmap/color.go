package argmap

import (
	"hash/fnv"
	"image/color"
	"math"
)

// relationColours are the built-in relations in legend order, each with a
// light- and a dark-theme colour from the Okabe–Ito palette, which stays
// distinct under the common colour-vision deficiencies. Contradicts is
// vermilion, the one warm, saturated hue, so disagreement stands out;
// cites is grey because it is bookkeeping rather than argument.
var relationColours = []struct {
	rel         string
	light, dark color.NRGBA
}{
	{"supports", color.NRGBA{0x00, 0x9E, 0x73, 0xFF}, color.NRGBA{0x2E, 0xC4, 0x9A, 0xFF}},
	{"contradicts", color.NRGBA{0xD5, 0x5E, 0x00, 0xFF}, color.NRGBA{0xFF, 0x7A, 0x3D, 0xFF}},
	{"qualifies", color.NRGBA{0xB8, 0x80, 0x00, 0xFF}, color.NRGBA{0xF0, 0xB4, 0x29, 0xFF}},
	{"elaborates", color.NRGBA{0x00, 0x72, 0xB2, 0xFF}, color.NRGBA{0x56, 0xB4, 0xE9, 0xFF}},
	{"cites", color.NRGBA{0x80, 0x80, 0x80, 0xFF}, color.NRGBA{0xA0, 0xA0, 0xA0, 0xFF}},
	{"same-as", color.NRGBA{0xA8, 0x4E, 0x8F, 0xFF}, color.NRGBA{0xD9, 0x8F, 0xC4, 0xFF}},
}

// Relations lists the built-in relations in legend order.
func Relations() []string {
	out := make([]string, len(relationColours))
	for i, rc := range relationColours {
		out[i] = rc.rel
	}
	return out
}

// RelationColor is the colour edges of rel are drawn in, for a light or a
// dark background. Unknown relations get a colour hashed from the name, so
// a user-defined relation keeps its colour from one session to the next.
func RelationColor(rel string, dark bool) color.NRGBA {
	rel = NormalRel(rel)
	for _, rc := range relationColours {
		if rc.rel == rel {
			if dark {
				return rc.dark
			}
			return rc.light
		}
	}
	h := fnv.New32a()
	h.Write([]byte(rel))
	hue := float64(h.Sum32()%360) / 360
	if dark {
		return hsl(hue, 0.6, 0.66)
	}
	return hsl(hue, 0.65, 0.38)
}

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
