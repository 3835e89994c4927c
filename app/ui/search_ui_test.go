package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"commonplace/app/search"
)

func typeText(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

func TestPaletteFindsAndOpensAPassage(t *testing.T) {
	m, s := demoWindow(t)
	item := menuItem(t, m, "Search Everything…")
	if item.Shortcut != shortcutSearch || menuItem(t, m, "Go to…").Shortcut != shortcutSearchAlt {
		t.Fatal("the palette has lost Ctrl+K or Ctrl+P")
	}
	item.Action()
	c := m.win.Canvas()
	if !m.palette.visible() {
		t.Fatal("palette not shown")
	}
	typeText(c, "smartphone safe haven") // words out of order
	want := annotationWith(t, s, "The threat no longer needs a safe haven; it needs only")
	// Step down to the wanted passage with the arrows, as a user would.
	for i := 0; i < 10 && !strings.Contains(m.paletteHitTitle(m.palette.view.Selected()), "it needs only a signal and a smartphone."); i++ {
		key(c, fyne.KeyDown)
	}
	key(c, fyne.KeyReturn)
	if m.palette.visible() {
		t.Fatal("palette stayed open")
	}
	if m.reader.pieceID != want.PieceID || m.annEditor.current.ID != want.ID {
		t.Fatalf("opened %q / %q, want the passage %q", m.reader.pieceID, m.annEditor.current.ID, want.ID)
	}
}

// paletteHitTitle is the title of the palette row i, from the last query.
func (m *mainWindow) paletteHitTitle(i int) string {
	items, _ := m.palette.query(m.palette.text)
	if i < 0 || i >= len(items) {
		return ""
	}
	return items[i].Title
}

func TestPaletteCommands(t *testing.T) {
	m, _ := demoWindow(t)
	m.palette.open()
	m.palette.view.SetText(">argmap")
	items, _ := m.palette.query(">argmap")
	if len(items) == 0 || items[0].Title != "Argument Map" || items[0].Aside != "Ctrl+M" {
		t.Fatalf("commands for argmap: %+v", items)
	}
	key(m.win.Canvas(), fyne.KeyReturn)
	if !m.showing(m.mapScreen) {
		t.Fatal("the command did not run")
	}
}

func TestFindInPiece(t *testing.T) {
	m, s := demoWindow(t)
	wakhan := annotationWith(t, s, "less a trade route than a door")
	m.goTo(place{kind: placePiece, id: wakhan.PieceID})
	menuItem(t, m, "Find in Piece…").Action()
	c := m.win.Canvas()
	typeText(c, "WAKHAN")
	n := len(m.reader.find.hits)
	if n < 2 || m.reader.find.count.Text != "1 of "+itoa(n) {
		t.Fatalf("find: %d hits, %q", n, m.reader.find.count.Text)
	}
	key(c, fyne.KeyReturn)
	if m.reader.find.count.Text != "2 of "+itoa(n) {
		t.Fatalf("Enter did not step: %q", m.reader.find.count.Text)
	}
	key(c, fyne.KeyUp)
	key(c, fyne.KeyUp)
	if m.reader.find.count.Text != itoa(n)+" of "+itoa(n) {
		t.Fatalf("Up did not wrap: %q", m.reader.find.count.Text)
	}
	key(c, fyne.KeyEscape)
	if m.reader.find.root.Visible() || m.reader.find.hits != nil {
		t.Fatal("Esc did not close the find bar")
	}
}

func TestResultsScreen(t *testing.T) {
	m, _ := demoWindow(t)
	m.showResults("kind:passage china")
	if !m.showing(m.results) || len(m.results.hits) == 0 {
		t.Fatalf("results: %d", len(m.results.hits))
	}
	for _, h := range m.results.hits {
		if h.Kind != search.KindPassage {
			t.Fatalf("kind filter let through %+v", h)
		}
	}
	if len(m.results.chips.Objects) != 1 {
		t.Fatalf("chips: %d", len(m.results.chips.Objects))
	}
	m.results.chips.Objects[0].(interface{ Tapped(*fyne.PointEvent) }).Tapped(nil)
	if strings.Contains(m.results.query.Text, "kind:") || len(m.results.chips.Objects) != 0 {
		t.Fatalf("taking the chip off left %q", m.results.query.Text)
	}
	m.results.sortBy.SetSelected(sortNewest)
	if h := m.results.hits[0]; h.Date < 20000101 {
		t.Fatalf("the newest hit has no date: %+v", h)
	}
	for i := 1; i < len(m.results.hits); i++ {
		if m.results.hits[i-1].Date < m.results.hits[i].Date {
			t.Fatal("not newest first")
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// One hit is "Show all 1 result", and the row opens the results screen.
func TestShowAllOneResult(t *testing.T) {
	s, _ := testNotebook(t)
	m := newTestWindow(test.NewTempApp(t), s)
	t.Cleanup(func() { m.win.Close() })
	m.indexes.Settle()
	m.palette.open()
	m.palette.view.SetText("Badakhshan")
	items, _ := m.palette.query("Badakhshan")
	if len(items) != 2 || items[1].ID != showAllID {
		t.Fatalf("palette rows for one hit: %+v", items)
	}
	if items[1].Title != "Show all 1 result" {
		t.Fatalf("the show-all row reads %q", items[1].Title)
	}
	m.palette.chosen(items[1], 1)
	if !m.showing(m.results) || len(m.results.hits) != 1 {
		t.Fatalf("the results screen shows %d hits", len(m.results.hits))
	}
}
