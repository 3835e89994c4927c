package argmap

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Font is the face a string is drawn in.
type Font struct {
	Size         float32 // pixels at 1x
	Bold, Italic bool
}

// Measurer is the width of text drawn in f. The Fyne widget passes the
// theme's real metrics; GoFontMeasure fits the SVG and PNG renderers.
type Measurer func(text string, f Font) float32

// measureSize is the size the Go fonts' advances are read at; widths at
// other sizes scale linearly, which holds for unhinted outlines.
const measureSize = 64

// goFaces holds one parsed Go font per style, with its rune advances at
// measureSize cached: measuring is then a sum, fast enough to wrap 500
// labels word by word well inside the layout's time budget.
var goFaces struct {
	once  sync.Once
	mu    sync.Mutex
	fonts [4]*opentype.Font
	faces [4]font.Face
	adv   [4]map[rune]float32
}

func styleIndex(f Font) int {
	i := 0
	if f.Bold {
		i |= 1
	}
	if f.Italic {
		i |= 2
	}
	return i
}

func loadGoFonts() {
	goFaces.once.Do(func() {
		for i, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
			f, err := opentype.Parse(ttf)
			if err != nil {
				panic("argmap: embedded Go font: " + err.Error())
			}
			goFaces.fonts[i] = f
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: measureSize, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				panic("argmap: embedded Go font: " + err.Error())
			}
			goFaces.faces[i] = face
			goFaces.adv[i] = make(map[rune]float32)
		}
	})
}

// GoFontMeasure measures text in the Go fonts (golang.org/x/image/font/gofont),
// which RenderPNG draws with and RenderSVG names first. It is safe for
// concurrent use.
func GoFontMeasure(text string, f Font) float32 {
	loadGoFonts()
	i := styleIndex(f)
	goFaces.mu.Lock()
	defer goFaces.mu.Unlock()
	adv, face := goFaces.adv[i], goFaces.faces[i]
	var w float32
	for _, r := range text {
		a, ok := adv[r]
		if !ok {
			fa, _ := face.GlyphAdvance(r)
			a = fixedToF(fa)
			adv[r] = a
		}
		w += a
	}
	return w * f.Size / measureSize
}

func fixedToF(v fixed.Int26_6) float32 { return float32(v) / 64 }

// ellipsis ends a cut line.
const ellipsis = "…"

// wrapText breaks text into at most maxLines lines no wider than maxW,
// at spaces where it can and inside a word where it must; what does not fit
// is cut and the last line ends with an ellipsis. Runs of white space,
// newlines included, read as one space.
func wrapText(text string, maxW float32, maxLines int, f Font, m Measurer) []string {
	words := strings.Fields(text)
	var lines []string
	cur := ""
	full := false
	push := func(s string) {
		if len(lines) == maxLines {
			full = true
			return
		}
		lines = append(lines, s)
	}
	for _, w := range words {
		if full {
			break
		}
		cand := w
		if cur != "" {
			cand = cur + " " + w
		}
		if m(cand, f) <= maxW {
			cur = cand
			continue
		}
		if cur != "" {
			push(cur)
			cur = ""
		}
		// A word wider than the line is broken where it overflows.
		for !full && m(w, f) > maxW {
			n := fitRunes(w, maxW, f, m)
			push(w[:n])
			w = w[n:]
		}
		cur = w
	}
	if cur != "" && !full {
		push(cur)
		cur = ""
	}
	if (full || cur != "") && len(lines) > 0 {
		last := len(lines) - 1
		lines[last] = fitWithEllipsis(lines[last], maxW, f, m)
	}
	return lines
}

// fitRunes is the byte length of the longest prefix of w (at least one
// rune) no wider than maxW.
func fitRunes(w string, maxW float32, f Font, m Measurer) int {
	n := 0
	for n < len(w) {
		// The byte length as decoded: invalid UTF-8 counts one byte.
		_, size := utf8.DecodeRuneInString(w[n:])
		if n > 0 && m(w[:n+size], f) > maxW {
			break
		}
		n += size
	}
	return n
}

// fitWithEllipsis is s with an ellipsis after as much of it as still fits
// in maxW, trailing spaces and punctuation dropped.
func fitWithEllipsis(s string, maxW float32, f Font, m Measurer) string {
	for {
		s = strings.TrimRight(s, " ,;:.-–—")
		if s == "" || m(s+ellipsis, f) <= maxW {
			return s + ellipsis
		}
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
}

// truncate is s cut to fit maxW on one line, with an ellipsis if it was cut.
func truncate(s string, maxW float32, f Font, m Measurer) string {
	s = strings.Join(strings.Fields(s), " ")
	if m(s, f) <= maxW {
		return s
	}
	// Cut to what fits first: trimming a long string a rune at a time
	// would measure it over and over.
	return fitWithEllipsis(s[:fitRunes(s, maxW, f, m)], maxW, f, m)
}
