package argmap

import (
	"strings"
	"testing"
)

func TestWrapText(t *testing.T) {
	f := Font{Size: 13}
	// One unit per rune makes widths easy to reason about.
	m := func(s string, _ Font) float32 { return float32(len([]rune(s))) }
	for _, c := range []struct {
		text  string
		w     float32
		lines int
		want  string
	}{
		{"", 10, 3, ""},
		{"short", 10, 3, "short"},
		{"the quick brown fox", 10, 3, "the quick|brown fox"},
		{"  spaced\n\nout  ", 10, 3, "spaced out"},
		{"abcdefghijklmnopqrstuvwxy", 10, 3, "abcdefghij|klmnopqrst|uvwxy"},
		{"one two three four five six seven", 9, 2, "one two|three…"},
		{"abcdefghijklmnopqrstuvwxyz0123456789", 10, 2, "abcdefghij|klmnopqrs…"},
	} {
		got := strings.Join(wrapText(c.text, c.w, c.lines, f, m), "|")
		if got != c.want {
			t.Errorf("wrapText(%q, %v, %d) = %q, want %q", c.text, c.w, c.lines, got, c.want)
		}
	}
}

func TestGoFontMeasure(t *testing.T) {
	w := GoFontMeasure("Hello, world", Font{Size: 13})
	if w < 60 || w > 100 {
		t.Fatalf("width %v", w)
	}
	if b := GoFontMeasure("Hello, world", Font{Size: 13, Bold: true}); b <= w {
		t.Errorf("bold %v not wider than regular %v", b, w)
	}
	if d := GoFontMeasure("Hello, world", Font{Size: 26}); d < 1.99*w || d > 2.01*w {
		t.Errorf("double size measures %v, want %v", d, 2*w)
	}
}
