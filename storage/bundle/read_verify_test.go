package bundle

import (
	"testing"

	"commonplace/storage/anchor"
)

// TestPieceRunesAnswersAsAnchorText holds the check's reading of a text to
// anchor.Text's, for every span in and around the text, the buffer reused.
func TestPieceRunesAnswersAsAnchorText(t *testing.T) {
	var d pieceRunes
	for _, text := range []string{"", "plain ascii text", "Sátbayeva’s “quote” — 中文 😀 end", "bad \xff bytes é", "ascii again"} {
		d.reset(text)
		want := anchor.NewText(text)
		if d.Len() != want.Len() {
			t.Fatalf("%q: length %d, want %d", text, d.Len(), want.Len())
		}
		for start := -2; start <= want.Len()+2; start++ {
			for end := -2; end <= want.Len()+2; end++ {
				if got, w := d.Slice(start, end), want.Slice(start, end); got != w {
					t.Fatalf("%q [%d, %d): %q, want %q", text, start, end, got, w)
				}
			}
		}
	}
}
