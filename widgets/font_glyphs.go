package widgets

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

// drawsItself returns whether the font in res has a glyph for a rune:
// runes it lacks, Fyne draws in a fallback font found on the machine (or
// as a missing glyph), and that changes where text after them stands (see
// runsOf). The answer is read from the font's character map, parsed once
// per font for the whole process. A font that cannot be parsed is taken to
// draw nothing itself, which only makes positions slower to work out.
func drawsItself(res fyne.Resource) func(r rune) bool {
	if res == nil {
		return nil
	}
	v, _ := parsedFonts.LoadOrStore(res.Name(), sync.OnceValue(func() *font.Face {
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			fyne.LogError("the theme's text font cannot be read", err)
			return nil
		}
		return face
	}))
	face := v.(func() *font.Face)()
	return func(r rune) bool {
		if r < utf8.RuneSelf {
			return face != nil
		}
		if face == nil {
			return false
		}
		_, ok := face.NominalGlyph(r)
		return ok
	}
}

// parsedFonts holds each font parsed, by resource name.
var parsedFonts sync.Map
