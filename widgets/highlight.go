package widgets

import "image/color"

// highlightShades maps a highlight colour name to the shade drawn behind the
// text, per theme: light themes get pale, strong fills under dark text; dark
// themes get deeper, translucent ones so light text keeps its contrast.
var highlightShades = map[string][2]color.NRGBA{
	//          light                          dark
	"yellow": {{0xFF, 0xD8, 0x3A, 0x80}, {0xE0, 0xB0, 0x10, 0x60}},
	"green":  {{0x69, 0xDB, 0x7C, 0x70}, {0x2F, 0xB3, 0x4A, 0x60}},
	"blue":   {{0x74, 0xC0, 0xFC, 0x80}, {0x2A, 0x8A, 0xE0, 0x68}},
	"pink":   {{0xF7, 0x83, 0xAC, 0x6A}, {0xD6, 0x33, 0x6C, 0x60}},
	"orange": {{0xFF, 0xA9, 0x4D, 0x78}, {0xE0, 0x70, 0x10, 0x60}},
	"purple": {{0xB1, 0x97, 0xFC, 0x78}, {0x84, 0x5E, 0xF7, 0x68}},
}

// HighlightColor is the fill for a highlight colour name (unknown names are
// yellow) in a light or dark theme.
func HighlightColor(name string, dark bool) color.NRGBA {
	shades, ok := highlightShades[name]
	if !ok {
		shades = highlightShades["yellow"]
	}
	if dark {
		return shades[1]
	}
	return shades[0]
}

// HighlightSwatch is the colour name as a solid swatch (legends, pickers).
func HighlightSwatch(name string, dark bool) color.NRGBA {
	c := HighlightColor(name, dark)
	c.A = 0xFF
	return c
}

// isDark tells a dark theme by its background, which works for any theme
// rather than only the built-in variants.
func isDark(bg color.Color) bool {
	r, g, b, _ := bg.RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}
