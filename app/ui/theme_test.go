package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"commonplace/storage"
	"commonplace/widgets"
)

// over is c drawn over the opaque background bg.
func over(c, bg color.Color) [3]float64 {
	r, g, b, a := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	mix := func(f, b uint32) float64 { return (float64(f) + float64(b)*(1-float64(a)/0xFFFF)) / 0xFFFF }
	return [3]float64{mix(r, br), mix(g, bgg), mix(b, bb)}
}

// lab is an sRGB colour in CIE L*a*b* (D65).
func lab(c [3]float64) [3]float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	r, g, b := lin(c[0]), lin(c[1]), lin(c[2])
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

func deltaE(p, q [3]float64) float64 {
	a, b := lab(p), lab(q)
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// TestSelectionIsNoHighlight: in both themes the text selection, as drawn
// over the background, is far (ΔE*ab ≥ 25) from every highlight colour:
// a selection must never be taken for a mark.
func TestSelectionIsNoHighlight(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: v}
		bg := th.Color(theme.ColorNameBackground, v)
		sel := over(th.Color(theme.ColorNameSelection, v), bg)
		for _, name := range storage.Colors {
			hl := over(widgets.HighlightColor(name, v == theme.VariantDark), bg)
			if d := deltaE(sel, hl); d < 25 {
				t.Errorf("variant %d: the selection is ΔE %.1f from the %s highlight", v, d, name)
			}
		}
	}
}
