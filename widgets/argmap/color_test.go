package argmap_test

import (
	"image/color"
	"testing"

	"commonplace/widgets/argmap"
	"commonplace/widgets/colourtest"
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
			if c := colourtest.Contrast(argmap.RelationColor(r, dark), bg); c < 3 {
				t.Errorf("dark %v: %s stands only %.2f:1 off the background", dark, r, c)
			}
		}
		for _, d := range dichromacies {
			for i, a := range rels {
				for _, b := range rels[i+1:] {
					sa := simulate(argmap.RelationColor(a, dark), d.m)
					sb := simulate(argmap.RelationColor(b, dark), d.m)
					if dist := colourtest.DeltaE(sa, sb); dist < minSimulatedDistance {
						t.Errorf("dark %v, %s: %s and %s are only ΔE %.1f apart", dark, d.name, a, b, dist)
					}
				}
			}
		}
	}
}

func simulate(c color.NRGBA, m [3][3]float64) [3]float64 {
	in := colourtest.LinearRGB(c)
	var out [3]float64
	for i := range out {
		out[i] = min(1, max(0, m[i][0]*in[0]+m[i][1]*in[1]+m[i][2]*in[2]))
	}
	return out
}
