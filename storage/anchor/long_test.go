package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// longQuoteCase is a quote of some words, edited inside the text, and the
// status re-attaching it must reach. The cases are shared by the test
// (correctness) and the benchmark (speed: see docs/BENCHMARKS.md).
type longQuoteCase struct {
	name   string
	words  int                       // quote length in words
	edit   func(quote string) string // applied to the quote inside the text
	status Status
}

var longQuoteCases = []longQuoteCase{
	{"hundreds of runes, typos", 60, typos(3), Moved},
	{"thousands of runes, typos", 600, typos(20), Moved},
	// 5% rewritten at one edge: still the same passage, and the
	// boundary follows the context rather than stopping mid-rewrite.
	{"thousands of runes, head rewritten", 600, func(q string) string {
		return strings.Repeat("rewritten ", 20) + q[200:]
	}, Moved},
	{"thousands of runes, tail rewritten", 600, func(q string) string {
		return q[:len(q)-200] + strings.Repeat(" rewritten", 20)
	}, Moved},
	{"thousands of runes, half rewritten", 600, func(q string) string {
		return strings.Repeat("rewritten ", 180) + q[1800:]
	}, Orphaned},
	{"whole chapter, typos", 8000, typos(40), Moved},
}

// longQuote builds a case: the selector as marked, the edited text, and
// where the edited quote now starts and ends.
func longQuote(t testing.TB, c corpus, tc longQuoteCase) (sel Selector, newText string, wantStart, wantEnd int) {
	first := 700
	startRune, endRune := c.words[first][0], c.words[first+tc.words-1][1]
	sel, err := Describe(c.text, startRune, endRune)
	if err != nil {
		t.Fatal(err)
	}
	edited := tc.edit(sel.Exact)
	// the text is ASCII: rune offsets are byte offsets
	newText = insertedParagraph + "\n\n" + c.text[:startRune] + edited + c.text[endRune:]
	wantStart = len(insertedParagraph) + 2 + startRune
	return sel, newText, wantStart, wantStart + len(edited)
}

// Long quotes go through the piece search; they must resolve correctly
// whatever part of them was edited.
func TestResolveLongQuotes(t *testing.T) {
	c := makeCorpus(5, 20000)
	for _, tc := range longQuoteCases {
		t.Run(tc.name, func(t *testing.T) {
			sel, newText, wantStart, wantEnd := longQuote(t, c, tc)
			nt := NewText(newText)
			res := nt.Resolve(sel)
			checkSpan(t, nt, res)
			t.Logf("%d runes: %s score %.3f", utf8.RuneCountInString(sel.Exact), res.Status, res.Score)
			if res.Status != tc.status || res.Status != Orphaned && (res.Start != wantStart || res.End != wantEnd) {
				t.Fatalf("got %+v, want %s at %d..%d", res, tc.status, wantStart, wantEnd)
			}
		})
	}
}

// BenchmarkResolveLongQuotes times indexing the edited text and
// re-attaching one long quote in it (target: well under a second for a
// whole chapter).
func BenchmarkResolveLongQuotes(b *testing.B) {
	c := makeCorpus(5, 20000)
	for _, tc := range longQuoteCases {
		b.Run(tc.name, func(b *testing.B) {
			sel, newText, _, _ := longQuote(b, c, tc)
			for b.Loop() {
				NewText(newText).Resolve(sel)
			}
		})
	}
}

// typos returns an edit that swaps letters in n evenly spread places.
func typos(n int) func(string) string {
	return func(q string) string {
		b := []byte(q)
		for i := 1; i <= n; i++ {
			at := i * len(b) / (n + 1)
			b[at], b[at+1] = b[at+1], b[at]
		}
		return string(b)
	}
}
