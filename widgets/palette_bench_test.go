package widgets

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// BenchmarkPaletteKeystroke: one keystroke in the query field, from the
// typed rune to the rows in view refreshed with 50 new results. Keystrokes
// alternate between typing a letter and Backspace; each query returns a
// different slice of a pool of items, so rows are redrawn, not reused.
func BenchmarkPaletteKeystroke(b *testing.B) {
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1100, 800))
	text, _ := benchPiece(1)
	words := strings.Fields(text)
	pool := make([]PaletteItem, 1000)
	for i := range pool {
		title := strings.Join(words[i*7:i*7+5], " ")
		detail := strings.Join(words[i*13:i*13+40], " ")
		pool[i] = PaletteItem{
			ID: fmt.Sprint(i), Icon: theme.DocumentIcon(), Title: title, TitleMatches: [][2]int{{0, 2}, {5, 7}},
			Detail: detail, DetailMatches: [][2]int{{30, 34}}, Aside: "passage",
		}
	}
	p := NewPalette()
	queries := 0
	p.OnQuery = func(text string) ([]PaletteItem, string) {
		queries++
		start := (queries * 37) % (len(pool) - 50)
		return pool[start : start+50], "50 results"
	}
	p.Show(w.Canvas())
	e := p.entry
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			e.TypedRune('k')
		} else {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
	}
	if queries < b.N {
		b.Fatalf("%d queries for %d keystrokes", queries, b.N)
	}
}

// BenchmarkPaletteMove: Down in a list of 50 results.
func BenchmarkPaletteMove(b *testing.B) {
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1100, 800))
	items := make([]PaletteItem, 50)
	for i := range items {
		items[i] = PaletteItem{Title: fmt.Sprint("A title for item ", i), Detail: "in a piece with a long enough title", Aside: "piece"}
	}
	p := NewPalette()
	p.OnQuery = func(string) ([]PaletteItem, string) { return items, "" }
	p.Show(w.Canvas())
	for b.Loop() {
		p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
}
