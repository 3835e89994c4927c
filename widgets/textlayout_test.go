package widgets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// monospace measures every rune as 10 units wide.
func monospace(s string) float32 { return float32(utf8.RuneCountInString(s)) * 10 }

func layoutOf(text string, width float32) *textLayout {
	l := newTextLayout(monospace, nil)
	l.setText(text)
	l.wrap(width, 20, 10)
	return l
}

func lineTexts(l *textLayout) []string {
	var out []string
	for _, ln := range l.allLines() {
		out = append(out, ln.text)
	}
	return out
}

func TestWrapBreaksAtSpacesAndParagraphs(t *testing.T) {
	l := layoutOf("one two three four\n\nfive six\nseven", 110)
	want := []string{"one two", "three four", "five six", "seven"}
	if got := lineTexts(l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines = %q, want %q", got, want)
	}
	// The paragraph gap sits between "three four" and "five six" only.
	ys := []float32{0, 20, 50, 70}
	lines := l.allLines()
	for i, ln := range lines {
		if ln.y != ys[i] {
			t.Errorf("line %d at y=%v, want %v", i, ln.y, ys[i])
		}
	}
	if l.height != 90 {
		t.Fatalf("height = %v", l.height)
	}
	// Offsets are runes into the whole text.
	if lines[2].start != 20 || lines[3].start != 29 || lines[3].end != 34 {
		t.Fatalf("offsets = %+v", lines)
	}
}

func TestWrapBreaksWordsWiderThanTheLine(t *testing.T) {
	l := layoutOf("a https://example.org/very/long/path b", 100)
	got := lineTexts(l)
	want := []string{"a", "https://ex", "ample.org/", "very/long/", "path b"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines = %q, want %q", got, want)
	}
}

func TestWrapMixedScripts(t *testing.T) {
	// Offsets count runes, whatever the script: CJK, Arabic and emoji
	// each advance by one per code point.
	text := "中国 与 阿富汗 安全 👩‍🔬 تحليل الأمن الإقليمي"
	l := layoutOf(text, 80)
	total := 0
	lines := l.allLines()
	for i, ln := range lines {
		if ln.text != string([]rune(text)[ln.start:ln.end]) {
			t.Fatalf("line %d text %q does not match its offsets", i, ln.text)
		}
		if monospace(ln.text) > 80 {
			t.Fatalf("line %d %q is wider than the column", i, ln.text)
		}
		total += ln.end - ln.start
	}
	if total == 0 || lines[len(lines)-1].end != utf8.RuneCountInString(text) {
		t.Fatalf("last line ends at %d", lines[len(lines)-1].end)
	}
}

func TestHitTesting(t *testing.T) {
	l := layoutOf("one two three four\n\nfive six", 110)
	cases := []struct {
		x, y float32
		want int
	}{
		{0, 5, 0},      // start of first line
		{14, 5, 1},     // nearer the boundary after "o"
		{16, 5, 2},     // past the middle of "n"
		{66, 5, 7},     // past the middle of the last rune: the line end
		{-5, 25, 8},    // left of line 2: its start
		{25, 25, 10},   // "th|ree"
		{500, 25, 18},  // far right of line 2: its end
		{0, 45, 20},    // in the paragraph gap: the next line
		{30, 1000, 23}, // below the text: the last line
	}
	for _, c := range cases {
		if got := l.offsetAt(c.x, c.y); got != c.want {
			t.Errorf("offsetAt(%v,%v) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if l.lineOf(19) != (lineRef{1, 0}) || l.lineOf(18) != (lineRef{0, 1}) || l.lineOf(0) != (lineRef{}) {
		t.Fatalf("lineOf: %v %v %v", l.lineOf(19), l.lineOf(18), l.lineOf(0))
	}
	if x := l.xOf(lineRef{0, 1}, 10); x != 20 {
		t.Fatalf("xOf = %v", x)
	}
}

func TestWrapIsCachedPerWidth(t *testing.T) {
	calls := 0
	l := newTextLayout(func(s string) float32 { calls++; return monospace(s) }, nil)
	l.setText(strings.Repeat("word ", 1000))
	l.wrap(200, 20, 10)
	l.allLines()
	first := calls
	l.wrap(200, 20, 10)
	l.allLines()
	if calls != first {
		t.Fatalf("re-wrapping at the same width measured %d more times", calls-first)
	}
	if first > 10 {
		t.Fatalf("a repeated word was measured %d times; widths are not cached", first)
	}
}

func TestEmptyText(t *testing.T) {
	l := layoutOf("", 100)
	if lines := l.allLines(); len(lines) != 1 || l.offsetAt(10, 10) != 0 {
		t.Fatalf("empty text: %+v", lines)
	}
}

func TestRuneAt(t *testing.T) {
	l := layoutOf("one two three four\n\nfive six", 110)
	cases := []struct {
		x, y float32
		want int
	}{
		{0, 5, 0},     // the first rune's left edge
		{9, 5, 0},     // still the first rune
		{16, 5, 1},    // the second: a rune, not the nearest boundary (2)
		{65, 5, 6},    // the last rune of the line
		{75, 5, -1},   // past the line's end
		{-1, 5, -1},   // left of the column
		{25, 25, 10},  // "th[r]ee"
		{5, 45, -1},   // in the paragraph gap
		{5, 55, 20},   // "[f]ive"
		{5, 1000, -1}, // below the text
	}
	for _, c := range cases {
		if got := l.runeAt(c.x, c.y); got != c.want {
			t.Errorf("runeAt(%v,%v) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
}

func TestPositionsMatchMeasuredPrefixes(t *testing.T) {
	// xOf sums cached word widths rather than measuring the line up to
	// the offset; with the real font the two must agree, or selections
	// and highlights would drift from the glyphs. Arabic joins its letters
	// differently in a cut word, so there they agree only roughly.
	test.NewTempApp(t)
	text := "The Wakhan corridor,  a narrow strip of Afghan land, reaches China’s Xinjiang: naïve café-goers rarely go there.\n\nتحليل الأمن الإقليمي 中国与阿富汗 安全 an unbreakablewordthatislongerthanthewholelineofthecolumnforsure ok"
	a, _ := showText(t, text, nil)
	l := a.page.layout
	for i, ok := (lineRef{}), true; ok; i, ok = l.next(i) {
		ln := l.line(i)
		tolerance := float32(0.5)
		if strings.ContainsRune(ln.text, 'ت') {
			tolerance = 3
		}
		for off := ln.start; off <= ln.end; off++ {
			want := l.measure(l.text.slice(ln.start, off))
			if got := l.xOf(i, off); got-want > tolerance || want-got > tolerance {
				t.Errorf("line %v offset %d: xOf %v, measured %v", i, off, got, want)
			}
		}
	}
}

// fallbackSpaces measures as Fyne's shaper does on a machine whose
// fallback font has wider spaces than the theme's: a space takes the font
// of the text before it (go-text never changes font for a space), so after
// a rune outside ASCII, drawn in the fallback font, it is 15 units wide;
// every other rune is 10.
func fallbackSpaces(s string) float32 {
	w, fallback := float32(0), false
	for _, r := range s {
		switch {
		case r != ' ':
			fallback = r > 0x7f
			w += 10
		case fallback:
			w += 15
		default:
			w += 10
		}
	}
	return w
}

// TestPositionsFollowFallbackFonts holds positions to the line as drawn
// when spaces take another font's width next to text the theme's font
// lacks: what a machine without CJK or Arabic fonts does. Checked with a
// measure that behaves that way everywhere, so it does not depend on the
// fonts of the machine running it.
func TestPositionsFollowFallbackFonts(t *testing.T) {
	l := newTextLayout(fallbackSpaces, func(r rune) bool { return r < 0x80 })
	l.setText("Talks in 中国 安全 and تحليل الأمن then plain words again")
	l.wrap(10000, 20, 10)
	lines := l.allLines()
	if len(lines) != 1 {
		t.Fatalf("lines = %q", lineTexts(l))
	}
	ln := lines[0]
	for off := ln.start; off <= ln.end; off++ {
		want := fallbackSpaces(l.text.slice(ln.start, off))
		if got := l.xOf(lineRef{}, off); got != want {
			t.Errorf("offset %d: xOf %v, drawn at %v", off, got, want)
		}
	}
	// Hit-testing is the inverse: the middle of each rune finds it.
	for off := ln.start; off < ln.end; off++ {
		mid := (l.xOf(lineRef{}, off) + l.xOf(lineRef{}, off+1)) / 2
		if got := l.runeAt(mid, 5); got != off {
			t.Errorf("runeAt(%v) = %d, want %d", mid, got, off)
		}
	}
}

// The theme's font draws Latin prose itself, typographic quotes and dashes
// included, so such lines are placed by their summed widths; Chinese and
// Arabic come from fallback fonts and are placed by measured prefixes.
func TestThemeFontDrawsLatinItself(t *testing.T) {
	test.NewTempApp(t)
	draws := drawsItself(theme.TextFont())
	for _, r := range "Aa é’“”—…ß" {
		if !draws(r) {
			t.Errorf("the theme's font lacks %q", r)
		}
	}
	for _, r := range "中ت" {
		if draws(r) {
			t.Errorf("the theme's font has %q: the test's fallback lines are not fallback", r)
		}
	}
}
