package argmap_test

import (
	"image/color"
	"math"
	"testing"

	"commonplace/widgets/argmap"
)

// TestRelationStylesDifferBeyondColour: every two built-in relations differ
// in line pattern or end mark, so a map reads without colour at all.
func TestRelationStylesDifferBeyondColour(t *testing.T) {
	rels := argmap.Relations()
	for i, a := range rels {
		for _, b := range rels[i+1:] {
			sa, sb := argmap.StyleOf(a), argmap.StyleOf(b)
			if sa.Line == sb.Line && sa.Head == sb.Head {
				t.Errorf("%s and %s differ only in colour", a, b)
			}
		}
	}
	for _, r := range []string{"supports", "evidence", "contradicts"} {
		if !containsRel(rels, r) {
			t.Errorf("%s is not a built-in relation", r)
		}
	}
}

func containsRel(rels []string, r string) bool {
	for _, x := range rels {
		if x == r {
			return true
		}
	}
	return false
}

// Machado, Oliveira and Fernandes (2009) matrices for full dichromacy, in
// linear RGB.
var dichromacies = []struct {
	name string
	m    [3][3]float64
}{
	{"normal vision", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	{"protanopia", [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
	{"deuteranopia", [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
	{"tritanopia", [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}

// minSimulatedDistance is the least CIE76 ΔE two relations' colours keep
// under each simulation: 10 is plainly different side by side.
const minSimulatedDistance = 10

// TestRelationColoursSurviveColourBlindness simulates the common
// colour-vision deficiencies and requires every two built-in relations'
// colours to stay apart, on light and dark backgrounds; and every colour to
// stand 3:1 off its background (WCAG's least for graphics).
func TestRelationColoursSurviveColourBlindness(t *testing.T) {
	rels := argmap.Relations()
	for _, dark := range []bool{false, true} {
		bg := argmap.StylePalette(dark).Background
		for _, r := range rels {
			if c := contrast(argmap.RelationColor(r, dark), bg); c < 3 {
				t.Errorf("dark %v: %s stands only %.2f:1 off the background", dark, r, c)
			}
		}
		for _, d := range dichromacies {
			for i, a := range rels {
				for _, b := range rels[i+1:] {
					la := lab(simulate(argmap.RelationColor(a, dark), d.m))
					lb := lab(simulate(argmap.RelationColor(b, dark), d.m))
					if dist := math.Sqrt(sq(la[0]-lb[0]) + sq(la[1]-lb[1]) + sq(la[2]-lb[2])); dist < minSimulatedDistance {
						t.Errorf("dark %v, %s: %s and %s are only ΔE %.1f apart", dark, d.name, a, b, dist)
					}
				}
			}
		}
	}
}

func sq(v float64) float64 { return v * v }

func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func simulate(c color.NRGBA, m [3][3]float64) [3]float64 {
	in := [3]float64{linear(c.R), linear(c.G), linear(c.B)}
	var out [3]float64
	for i := range out {
		out[i] = min(1, max(0, m[i][0]*in[0]+m[i][1]*in[1]+m[i][2]*in[2]))
	}
	return out
}

// lab is CIE L*a*b* (D65) of a linear RGB colour.
func lab(rgb [3]float64) [3]float64 {
	r, g, b := rgb[0], rgb[1], rgb[2]
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func luminance(c color.NRGBA) float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
