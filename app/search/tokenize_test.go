package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestFoldWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Sátbayeva", []string{"satbayeva"}},
		{"SATBAYEVA", []string{"satbayeva"}},
		{"Sa\u0301tbayeva", []string{"satbayeva"}}, // decomposed accent
		{"Østergaard Kovač Łukasik Müller", []string{"ostergaard", "kovac", "lukasik", "muller"}},
		{"Straße Æsir œuvre", []string{"strasse", "aesir", "oeuvre"}},
		{"China's role, don't panic", []string{"china", "role", "don", "panic"}},
		{"China’s role", []string{"china", "role"}},
		{"O'Brien Qal'a", []string{"o", "brien", "qal", "a"}},
		{"Mazar-i-Sharif", []string{"mazar", "i", "sharif"}},
		{"covid-19 in 2021", []string{"covid", "19", "in", "2021"}},
		{"北京的安全", []string{"北", "京", "的", "安", "全"}},
		{"Beijing北京", []string{"beijing", "北", "京"}},
		{"Ελλάδα Москва Йошкар", []string{"ελλαδα", "москва", "иошкар"}},
		{"  ...  ", nil},
		{"", nil},
		{"ﬁnance ½", []string{"finance"}},
	} {
		if got := foldWords(c.in); !slices.Equal(got, c.want) {
			t.Errorf("foldWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokenizerOffsets(t *testing.T) {
	s := "Ça va, Sátbayeva's  北京\nend"
	var tk tokenizer
	tk.track = true
	tk.reset(s)
	runes := []rune(s)
	for tk.next() {
		if got := string(runes[tk.runeStart:tk.runeEnd]); got != s[tk.start:tk.end] {
			t.Errorf("rune range %q != byte range %q", got, s[tk.start:tk.end])
		}
		if tk.hash != hashWord(tk.word()) {
			t.Errorf("hash of %q differs from hashWord", tk.word())
		}
		if tk.folded != utf8.RuneCount(tk.word()) || len(tk.prefix) != tk.folded {
			t.Errorf("%q: folded %d, prefix %v", tk.word(), tk.folded, tk.prefix)
		}
	}
	// The possessive is part of the word's span but not of the word.
	tk.reset("Sátbayeva's")
	tk.next()
	if string(tk.word()) != "satbayeva" || tk.runeEnd != 11 {
		t.Errorf("got %q ending at %d", tk.word(), tk.runeEnd)
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Sátbayeva", "ǅemal", "İstanbul", "ﬀ", "Ω ohm Å", "ſtraße"} {
		once := foldWords(s)
		var again []string
		for _, w := range once {
			again = append(again, foldWords(w)...)
		}
		if !slices.Equal(once, again) {
			t.Errorf("%q folds to %q, then to %q", s, once, again)
		}
	}
}

func TestOSA(t *testing.T) {
	for _, c := range []struct {
		a, b   string
		k      int
		prefix bool
		want   int
	}{
		{"security", "security", 2, false, 0},
		{"secrity", "security", 1, false, 1},
		{"secuirty", "security", 1, false, 1}, // a swap counts once
		{"scurity", "security", 1, false, 1},
		{"securty", "security", 1, false, 1},
		{"sekurity", "security", 1, false, 1},
		{"scrty", "security", 2, false, 3},
		{"secri", "security", 1, true, 1},
		{"secur", "security", 1, true, 0},
		{"xecur", "security", 1, true, 1},
		{"afganistan", "afghanistan", 2, false, 1},
		{"chin", "china", 1, false, 1},
		{"", "abc", 1, false, 2},
		{"", "abc", 1, true, 0},
	} {
		if got := osa([]byte(c.a), []byte(c.b), c.k, c.prefix); got != c.want {
			t.Errorf("osa(%q,%q,%d,%v) = %d, want %d", c.a, c.b, c.k, c.prefix, got, c.want)
		}
		if got := osa([]rune(c.a), []rune(c.b), c.k, c.prefix); got != c.want {
			t.Errorf("osa runes(%q,%q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if !subsequence([]byte("afghnstn"), []byte("afghanistan")) || subsequence([]byte("fghn"), []byte("afghanistan")) {
		t.Error("subsequence")
	}
}

func TestMatchTerm(t *testing.T) {
	e := New()
	e.Add(Doc{ID: "1", Text: "security secure china chinese chin afghanistan afghan sector seer scurvy"})
	classes := func(term string) map[string]matchClass {
		out := map[string]matchClass{}
		for _, w := range e.matchTerm(term, false).words {
			out[e.voc.words[w.id]] = w.class
		}
		return out
	}
	for _, c := range []struct {
		term string
		want map[string]matchClass
	}{
		{"sec", map[string]matchClass{"security": classPrefix, "secure": classPrefix, "sector": classPrefix}},
		{"secrity", map[string]matchClass{"security": classFuzzy}},
		{"chin", map[string]matchClass{"chin": classExact, "china": classPrefix, "chinese": classPrefix}},
		{"afgh", map[string]matchClass{"afghanistan": classPrefix, "afghan": classPrefix}},
		{"afghnstn", map[string]matchClass{"afghanistan": classSubseq}},
		{"secri", map[string]matchClass{"security": classFuzzyPrefix}},
		{"zzzz", map[string]matchClass{}},
	} {
		got := classes(c.term)
		for w, cl := range c.want {
			if g, ok := got[w]; !ok || g != cl {
				t.Errorf("%q: %q class %v (found %v), want %v", c.term, w, g, ok, cl)
			}
		}
		if c.term == "zzzz" && len(got) > 0 {
			t.Errorf("zzzz matched %v", got)
		}
	}
}
