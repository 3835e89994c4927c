package anchor

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Long quotes go through the piece search; they must resolve correctly and
// quickly whatever part of them was edited.
func TestResolveLongQuotes(t *testing.T) {
	c := makeCorpus(5, 20000)
	text := c.text
	cases := []struct {
		name   string
		words  int                       // quote length in words
		edit   func(quote string) string // applied to the quote inside the text
		status Status
	}{
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
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			first := 700
			startRune, endRune := c.words[first][0], c.words[first+tc.words-1][1]
			sel, err := Describe(text, startRune, endRune)
			if err != nil {
				t.Fatal(err)
			}
			edited := tc.edit(sel.Exact)
			// the text is ASCII: rune offsets are byte offsets
			newText := insertedParagraph + "\n\n" + text[:startRune] + edited + text[endRune:]
			begin := time.Now()
			nt := NewText(newText)
			res := nt.Resolve(sel)
			took := time.Since(begin)
			checkSpan(t, nt, res)
			wantStart := len(insertedParagraph) + 2 + startRune
			t.Logf("%d runes: %s score %.3f in %v", utf8.RuneCountInString(sel.Exact), res.Status, res.Score, took)
			if res.Status != tc.status || res.Status != Orphaned && (res.Start != wantStart || res.End != wantStart+len(edited)) {
				t.Fatalf("got %+v, want %s at %d..%d", res, tc.status, wantStart, wantStart+len(edited))
			}
			if took > 2*time.Second {
				t.Fatalf("took %v", took)
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
