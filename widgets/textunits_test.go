package widgets

import "testing"

func TestWordAt(t *testing.T) {
	text := []rune("«Zürich’s» ‘café’ don't; 中国与阿富汗China, تحليل  end\nnext")
	cases := []struct {
		at   int
		want string
	}{
		{1, "Zürich’s"}, {7, "Zürich’s"}, {8, "Zürich’s"}, // the ’ and the s too
		{0, "«"}, {9, "»"}, {12, "café"}, {16, "’"}, {17, " "},
		{18, "don't"}, {21, "don't"}, {23, ";"},
		{25, "中国与阿富汗"}, {30, "中国与阿富汗"}, {31, "China"}, // a change of script ends a word
		{40, "تحليل"}, {43, "  "}, {45, "end"}, {48, "\n"}, {49, "next"},
	}
	for _, c := range cases {
		s, e := wordAt(runeSlice(text), c.at)
		if got := string(text[s:e]); got != c.want {
			t.Errorf("wordAt(%d) = %q, want %q", c.at, got, c.want)
		}
	}
	if s, e := wordAt(runeSlice(text), len(text)); s != e || s != len(text) {
		t.Errorf("wordAt(end) = %d,%d", s, e)
	}
}

func TestParagraphAt(t *testing.T) {
	text := []rune("One.\n\nTwo, with a\nhard break.\n\n\nThree.")
	cases := []struct {
		at   int
		want string
	}{
		{0, "One."}, {4, "One."}, {5, "Two, with a\nhard break."}, {8, "Two, with a\nhard break."},
		{20, "Two, with a\nhard break."}, {32, "Three."}, {len(text), "Three."},
	}
	for _, c := range cases {
		s, e := paragraphAt(runeSlice(text), c.at)
		if got := string(text[s:e]); got != c.want {
			t.Errorf("paragraphAt(%d) = %q, want %q", c.at, got, c.want)
		}
	}
}

func TestWordBoundary(t *testing.T) {
	text := []rune("one, two  three")
	for _, c := range []struct {
		from    int
		forward bool
		want    int
	}{
		{0, true, 3}, {3, true, 8}, {8, true, 15}, {15, true, 15},
		{15, false, 10}, {10, false, 5}, {6, false, 5}, {2, false, 0}, {0, false, 0},
	} {
		if got := wordBoundary(runeSlice(text), c.from, c.forward); got != c.want {
			t.Errorf("wordBoundary(%d, %v) = %d, want %d", c.from, c.forward, got, c.want)
		}
	}
}

func TestSnapToWords(t *testing.T) {
	text := "Ismoilov: Busier than the headlines. The freight yard by Beijing’s Mazar-i-Sharif road."
	runes := []rune(text)
	find := func(s string) int {
		for i := range runes {
			if string(runes[i:min(len(runes), i+len([]rune(s)))]) == s {
				return i
			}
		}
		t.Fatalf("%q not in text", s)
		return -1
	}
	cases := []struct{ from, to, want string }{
		{"oilov", "usier", "Ismoilov: Busier"},        // both ends inside words
		{"The", "freight ya", "The freight yard"},     // end inside a word
		{"The freight", "The freight", "The freight"}, // already whole words
		{"ing’s", "ing’s", "Beijing’s"},               // apostrophe inside the word
		{"i-Sh", "i-Sh", "Mazar-i-Sharif"},            // hyphenated name
		{"headlines", "headlines.", "headlines."},     // punctuation at the end is kept
		{"road.", "road.", "road."},                   // at the very end
		{"Ismoilov", "Ismoilov", "Ismoilov"},          // at the very start
	}
	for _, c := range cases {
		start := find(c.from)
		end := find(c.to) + len([]rune(c.to))
		s, e := snapToWords(runeSlice(runes), start, end)
		if got := string(runes[s:e]); got != c.want {
			t.Errorf("%q…%q → %q, want %q", c.from, c.to, got, c.want)
		}
	}
	if s, e := snapToWords(runeSlice(runes), 80, 1000); e != len(runes) || s > 80 {
		t.Errorf("an end past the text: %d…%d, want it clamped to %d", s, e, len(runes))
	}
}
