package suggest

import (
	"slices"
	"testing"
)

// entityNames returns the names found in s, sentence by sentence.
func entityNames(x *Index, s string) []string {
	var tz tokenizer
	var out []string
	for _, sp := range sentences(s, nil) {
		toks := tz.tokens(s[sp.start:sp.end], sp.start, nil)
		for _, e := range x.entities(s, toks, nil) {
			out = append(out, e.display)
		}
	}
	return out
}

func TestEntities(t *testing.T) {
	x := NewIndex()
	// What the notebook has seen decides sentence-initial words: here
	// "Kazakhstan" is capitalised mid-sentence, "officials" is not.
	x.Add(Doc{PieceID: "stats", Text: "Trade with Kazakhstan grew. Rail links to Kazakhstan improved. " +
		"Senior officials met. Local officials left. The officials agreed. Many officials spoke. " +
		"A report on security appeared. The security services said. Security was tight in Security Council debates. " +
		"Regional security improved."})
	tests := []struct {
		text string
		want []string
	}{
		{"In Badakhshan, the Taliban and ISKP clashed near the Wakhan Corridor.",
			[]string{"Badakhshan", "Taliban", "ISKP", "Wakhan Corridor"}},
		{"The Middle Corridor runs through Kazakhstan.", []string{"Middle Corridor", "Kazakhstan"}},
		{"Kazakhstan signed. Officials in Kabul said so.", []string{"Kazakhstan", "Kabul"}},
		{"Dr. Rahimova met President Xi Jinping in Mazar-i-Sharif.", []string{"Rahimova", "Xi Jinping", "Mazar-i-Sharif"}},
		{"A letter from the Ministry of Foreign Affairs reached Abu Bakr al-Baghdadi.",
			[]string{"Ministry of Foreign Affairs", "Abu Bakr al-Baghdadi"}},
		{"He said: “The Wakhan is closed.”", []string{"Wakhan"}},
		{"TALIBAN SEIZE KUNDUZ AFTER LONG SIEGE", nil},
		{"Meanwhile, Europol and the U.S. Treasury disagreed in March.", []string{"Europol", "U.S. Treasury"}},
		{"Loans from China’s banks to Sátbayeva’s ministry", []string{"China", "Sátbayeva"}},
		{"A report, Security in Asia, came out.", []string{"Asia"}},
	}
	for _, tc := range tests {
		if got := entityNames(x, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%q:\n got  %q\n want %q", tc.text, got, tc.want)
		}
	}
}

func TestSameEntity(t *testing.T) {
	x := NewIndex()
	ent := func(s string) entity {
		var tz tokenizer
		es := x.entities(s, tz.tokens(s, 0, nil), nil)
		if len(es) != 1 {
			t.Fatalf("%q: %d names", s, len(es))
		}
		return es[0]
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"we met Xi Jinping", "we met President Xi Jinping", true},
		{"we met Islamic State", "we met Islamic State Khorasan Province", true},
		{"we met Sátbayeva", "we met Satbayeva", true},
		{"we met Wakhan Corridor", "we met Middle Corridor", false},
		{"we met Kabul", "we met Kabul River Basin", true},
		{"we met Kabul", "we met Kandahar", false},
	} {
		a, b := ent(tc.a), ent(tc.b)
		if got := sameEntity(&a, &b); got != tc.want {
			t.Errorf("%s ~ %s: %v, want %v", a.display, b.display, got, tc.want)
		}
	}
}
