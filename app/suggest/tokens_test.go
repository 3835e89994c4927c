package suggest

import (
	"slices"
	"testing"
)

func tokenize(s string) []token {
	var tz tokenizer
	return tz.tokens(s, 0, nil)
}

func words(s string) []uint64 {
	var ws []uint64
	for _, t := range tokenize(s) {
		ws = append(ws, t.word)
	}
	return ws
}

func display(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, s[t.start:t.end])
	}
	return out
}

func TestFoldingMakesEqual(t *testing.T) {
	for _, pair := range [][2]string{
		{"Sátbayeva", "Satbayeva"},
		{"Østergaard", "Ostergaard"},
		{"Kovač", "kovac"},
		{"Straße", "strasse"},
		{"don’t", "don't"},
		{"don't", "dont"},
		{"ＩＳＫＰ", "iskp"},
		{"Inès Durand", "ines durand"},
		{"China’s", "China"},
		{"China's", "china"},
		{"1,000", "1000"},
		{"U.S.", "us"},
		{"Mazar-i-Sharif", "Mazar i Sharif"},
		{"“the threat”", "the threat"},
	} {
		if a, b := words(pair[0]), words(pair[1]); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q and %q fold differently", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]string{{"3.5", "35"}, {"Sátbayeva", "Satbayev"}, {"ab", "ba"}} {
		if slices.Equal(words(pair[0]), words(pair[1])) {
			t.Errorf("%q and %q fold the same", pair[0], pair[1])
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"China’s copper, Beijing's loans.", []string{"China", "copper", "Beijing", "loans"}},
		{"The U.S. and e.g. the E.U.-China talks", []string{"The", "U.S.", "and", "e.g.", "the", "E.U.", "China", "talks"}},
		{"3.5 per cent of 1,000", []string{"3.5", "per", "cent", "of", "1,000"}},
		{"O’Brien doesn’t", []string{"O’Brien", "doesn’t"}},
		{"officials’ claims", []string{"officials", "claims"}},
		{"中国 投资", []string{"中", "国", "投", "资"}},
		{"—, … ***", nil},
		{"ʼokina 0,@ʼ", []string{"ʼokina", "0", "ʼ"}}, // U+02BC is a letter; it once stalled the tokenizer
	}
	for _, tc := range tests {
		if got := display(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestTokenFlags(t *testing.T) {
	toks := tokenize(`ISKP said: “Kabul is far.” The U.S. agreed 2024`)
	flags := map[string]uint8{}
	for _, tk := range toks {
		flags[`ISKP said: “Kabul is far.” The U.S. agreed 2024`[tk.start:tk.end]] = tk.flags
	}
	check := func(w string, f uint8, want bool) {
		t.Helper()
		if got := flags[w]&f != 0; got != want {
			t.Errorf("%s: flag %b is %v, want %v", w, f, got, want)
		}
	}
	check("ISKP", tAcronym, true)
	check("ISKP", tInitial, true)
	check("Kabul", tInitial, true) // opens a quotation
	check("Kabul", tAcronym, false)
	check("U.S.", tAcronym, true)
	check("agreed", tCap, false)
	check("2024", tNumber, true)
	check("The", tInitial, false) // after a closing quote, not an opening one
}

func TestStopwordsAndStems(t *testing.T) {
	toks := tokenize("the doubled doubling doubles planned plans")
	if toks[0].term != 0 {
		t.Errorf("stopword has a term")
	}
	if toks[1].term != toks[2].term || toks[2].term != toks[3].term {
		t.Errorf("doubled/doubling/doubles stem differently")
	}
	if toks[4].term != toks[5].term {
		t.Errorf("planned/plans stem differently")
	}
	if toks[1].word == toks[2].word {
		t.Errorf("shingle words must not be stemmed")
	}
}
