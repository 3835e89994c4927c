package ui

import "testing"

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
		s, e := snapToWords(text, start, end)
		if got := string(runes[s:e]); got != c.want {
			t.Errorf("%q…%q → %q, want %q", c.from, c.to, got, c.want)
		}
	}
	if s, e := snapToWords(text, 80, 1000); e != len(runes) || s > 80 {
		t.Errorf("an end past the text: %d…%d, want it clamped to %d", s, e, len(runes))
	}
}

func TestPluralAgreesWithItsCount(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "0 results were"}, {1, "1 result was"}, {2, "2 results were"}, {21, "21 results were"},
	}
	for _, c := range cases {
		if got := plural(c.n, "result was", "results were"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
