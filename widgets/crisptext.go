package widgets

import "math"

// Fyne's GL painter draws a canvas.Text from a texture ceil(w) pixels wide
// into a rectangle round(w) pixels wide, where w is the text's measured
// width in pixels (internal/painter/gl: newGlTextTexture, drawText). When
// w's fraction is under a half the texture is squeezed by one pixel, and
// the squeeze blurs the glyphs over a stretch of the line: spans of body
// text looked dimmer than the rest, at random. A line is therefore handed
// to the painter with trailing spaces, invisible, until its width in
// pixels is whole or its fraction at least a half — then ceil and round
// agree — and at a whole-pixel x, so that nothing else shifts it.

// maxCrispPad bounds the spaces tried: a space's fraction of a pixel
// reaches any half-pixel band within a few.
const maxCrispPad = 8

// paintedText is line i's text as the painter gets it at this pixel scale
// (see above), made on first use and kept with the line's unit.
func (l *textLayout) paintedText(i lineRef, scale float32) string {
	if scale != l.paintedScale { // moved to a screen of another density
		for _, u := range l.kept {
			clear(l.laid[u].painted)
		}
		l.paintedScale = scale
	}
	ul := l.unitLines(i.u)
	if s := ul.painted[i.k]; s != "" {
		return s
	}
	s := crispPadded(ul.lines[i.k].text, l.measure, scale)
	ul.painted[i.k] = s
	return s
}

// crispPadded is text with as many trailing spaces (up to maxCrispPad) as
// make its measured width in pixels whole or its fraction at least a half.
func crispPadded(text string, measure measureFunc, scale float32) string {
	s := text
	for range maxCrispPad {
		if crispWidth(measure(s) * scale) {
			return s
		}
		s += " "
	}
	return text
}

// crispWidth reports whether a texture of w pixels is drawn unsqueezed:
// ceil(w) == round(w).
func crispWidth(w float32) bool {
	return math.Ceil(float64(w)) == math.Round(float64(w))
}

// wholePixel rounds x down to a whole pixel at this scale.
func wholePixel(x, scale float32) float32 {
	return float32(math.Floor(float64(x*scale))) / scale
}
