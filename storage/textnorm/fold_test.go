package textnorm

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Sátbayeva":         "satbayeva",
		"Straße":            "strasse",
		"Øresund Łódź":      "oresund lodz",
		"ＡＢＣ ﬁnance":        "abc finance",
		"Ærø, Þórshöfn":     "aero, thorshofn",
		"½ mile":            "12 mile",
		"中国与阿富汗":            "中国与阿富汗",
		"تحليل":             "تحليل",
		"Crème BRÛLÉE — ok": "creme brulee — ok",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldRuneKeepsOneRuneForOne(t *testing.T) {
	for in, want := range map[rune]rune{
		'Á': 'a', 'é': 'e', 'Ø': 'o', 'Ａ': 'a', 'x': 'x', 'Q': 'q',
		'ß':      'ß', // folds to two letters: kept, lower case
		'Æ':      'æ',
		'\u0301': '\u0301', // a lone combining accent stays itself
		'中':      '中',
	} {
		if got := FoldRune(in); got != want {
			t.Errorf("FoldRune(%q) = %q, want %q", in, got, want)
		}
	}
}
