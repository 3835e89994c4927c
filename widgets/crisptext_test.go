package widgets

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestCrispWidth(t *testing.T) {
	for w, want := range map[float32]bool{556: true, 556.5: true, 556.9: true, 556.172: false, 404.094: false, 0.49: false} {
		if crispWidth(w) != want {
			t.Errorf("crispWidth(%v) = %v", w, !want)
		}
	}
}

// TestEveryPaintedLineIsCrisp: each line of a text is handed to the
// painter at a whole-pixel x with a width in pixels that is whole or at
// least half a pixel over — the widths that Fyne's GL painter draws
// without squeezing its texture (crisptext.go); the words are the line's.
func TestEveryPaintedLineIsCrisp(t *testing.T) {
	test.NewTempApp(t)
	text := strings.Repeat("Durand: There’s a lot of talk about China and Afghan minerals. Do you see that from Termez? "+
		"Ismoilov: I see the talk more than the minerals. It has been condensed for length and clarity.\n\n", 6)
	_, w := showText(t, text, nil)
	n, squeezed := 0, 0
	for _, o := range test.LaidOutObjects(w.Content()) {
		tx, ok := o.(*canvas.Text)
		if !ok || tx.Text == "" {
			continue
		}
		n++
		if !crispWidth(tx.MinSize().Width) || float64(tx.Position().X) != math.Floor(float64(tx.Position().X)) {
			squeezed++
			t.Errorf("line %q at x %v is %v wide", tx.Text, tx.Position().X, tx.MinSize().Width)
		}
		if !strings.Contains(text, strings.TrimRight(tx.Text, " ")) {
			t.Errorf("line %q is not the text's", tx.Text)
		}
	}
	if n < 10 {
		t.Fatalf("only %d lines painted", n)
	}
}

// TestPaintedTextFollowsTheScale: moved to a screen of another density,
// each line is padded again for it.
func TestPaintedTextFollowsTheScale(t *testing.T) {
	measure := func(s string) float32 { return 7.1 * float32(len([]rune(s))) }
	l := newTextLayout(measure, nil)
	l.setText("Trucks wait at the bridge.")
	l.wrap(1000, 20, 10)
	for _, scale := range []float32{1, 1.5, 2, 1.25, 1} {
		s := l.paintedText(lineRef{}, scale)
		if !crispWidth(measure(s)*scale) || strings.TrimRight(s, " ") != "Trucks wait at the bridge." {
			t.Errorf("at scale %v the line is painted as %q, %v pixels wide", scale, s, measure(s)*scale)
		}
	}
}
