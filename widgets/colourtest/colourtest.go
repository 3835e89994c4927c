// Package colourtest measures colours as people see them, for tests that
// hold the app's colours apart: sRGB to linear light, CIE L*a*b*, ΔE*ab,
// WCAG contrast, and a colour drawn translucent over a background. It is
// used by tests only.
package colourtest

import (
	"image/color"
	"math"
)

// Linear is an sRGB channel (0–255) in linear light (0–1).
func Linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// LinearRGB is c, opaque, in linear light.
func LinearRGB(c color.Color) [3]float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return [3]float64{Linear(n.R), Linear(n.G), Linear(n.B)}
}

// Lab is CIE L*a*b* (D65) of a colour in linear light.
func Lab(rgb [3]float64) [3]float64 {
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

// DeltaE is the CIE76 distance between two colours in linear light.
func DeltaE(p, q [3]float64) float64 {
	a, b := Lab(p), Lab(q)
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// Over is c, translucent, drawn over the opaque bg (blended in sRGB, as
// the painter does), opaque.
func Over(c, bg color.Color) color.NRGBA {
	f := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 0xFF}
}

// Contrast is the WCAG contrast ratio of two opaque colours.
func Contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		l := LinearRGB(c)
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
