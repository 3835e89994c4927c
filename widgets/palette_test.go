package widgets

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var paletteTitles = []string{
	"The Wakhan corridor", "Beijing and the Taliban", "Water rights on the Amu Darya",
	"Notes on Pamir roads", "Wakhi herders in winter", "A short history of the Great Game",
}

// titleSearch lists the titles containing text (any case), with the match
// marked, and logs each query it was asked.
func titleSearch(log *[]string) func(string) ([]PaletteItem, string) {
	return func(text string) ([]PaletteItem, string) {
		*log = append(*log, text)
		var items []PaletteItem
		q := []rune(strings.ToLower(text))
		for i, title := range paletteTitles {
			k := strings.Index(strings.ToLower(title), string(q))
			if k < 0 {
				continue
			}
			start := len([]rune(title[:k]))
			items = append(items, PaletteItem{
				ID: fmt.Sprint("piece", i), Icon: theme.DocumentIcon(), Title: title,
				TitleMatches: [][2]int{{start, start + len(q)}},
				Detail:       "in the library", Aside: "piece",
			})
		}
		return items, fmt.Sprintf("%d results", len(items))
	}
}

type paletteHarness struct {
	p       *Palette
	w       fyne.Window
	c       fyne.Canvas
	queries []string
	chosen  []string
	closed  int
	page    *widget.Entry // has the focus before the palette opens
}

func openPalette(t testing.TB) *paletteHarness {
	t.Helper()
	test.NewTempApp(t)
	h := &paletteHarness{page: widget.NewEntry()}
	h.w = test.NewTempWindow(t, h.page)
	h.w.Resize(fyne.NewSize(800, 600))
	h.c = h.w.Canvas()
	h.c.Focus(h.page)
	h.p = NewPalette()
	h.p.Placeholder = "Search everything… (> for commands)"
	h.p.OnQuery = titleSearch(&h.queries)
	h.p.OnChosen = func(item PaletteItem, i int) { h.chosen = append(h.chosen, fmt.Sprint(i, ":", item.Title)) }
	h.p.OnClosed = func() { h.closed++ }
	h.p.Show(h.c)
	return h
}

func (h *paletteHarness) typeKey(name fyne.KeyName) {
	h.c.Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// rows are the palette's rows on screen, by item index.
func (h *paletteHarness) rows() map[int]*paletteRow {
	rows := map[int]*paletteRow{}
	walkObjects(h.p.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*paletteRow); ok && r.Visible() && r.index >= 0 {
			rows[r.index] = r
		}
	})
	return rows
}

// walkObjects calls f for o and everything drawn inside it. (Unlike
// test.LaidOutObjects, it uses the renderers the widgets have, rather
// than making new ones.)
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walkObjects(ch, f)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			walkObjects(ch, f)
		}
	}
}

// absolutePosition is where o is inside root, found by walking the
// renderers: the test driver's AbsolutePositionForObject does not look in
// overlays.
func absolutePosition(root, o fyne.CanvasObject) fyne.Position {
	var find func(at fyne.CanvasObject, off fyne.Position) (fyne.Position, bool)
	find = func(at fyne.CanvasObject, off fyne.Position) (fyne.Position, bool) {
		pos := off.Add(at.Position())
		if at == o {
			return pos, true
		}
		var children []fyne.CanvasObject
		switch c := at.(type) {
		case fyne.Widget:
			children = test.WidgetRenderer(c).Objects()
		case *fyne.Container:
			children = c.Objects
		}
		for _, ch := range children {
			if p, ok := find(ch, pos); ok {
				return p, true
			}
		}
		return fyne.Position{}, false
	}
	p, _ := find(root, fyne.Position{})
	return p
}

func (h *paletteHarness) shownTitles() []string {
	rows := h.rows()
	titles := make([]string, len(rows))
	for i, r := range rows {
		if i < len(titles) {
			titles[i] = r.item.Title
		}
	}
	return titles
}

func TestPaletteQueriesEachKeystroke(t *testing.T) {
	h := openPalette(t)
	if h.c.Focused() != h.p.entry {
		t.Fatalf("focus on %T, not the query field", h.c.Focused())
	}
	test.Type(h.c.Focused(), "wak")
	if got := strings.Join(h.queries, "|"); got != "|w|wa|wak" {
		t.Fatalf("queries %q", got)
	}
	if got := strings.Join(h.shownTitles(), "|"); got != "The Wakhan corridor|Wakhi herders in winter" {
		t.Fatalf("shown %q", got)
	}
	if h.p.Selected() != 0 || h.p.panel.status.Text != "2 results" {
		t.Fatalf("selected %d, status %q", h.p.Selected(), h.p.panel.status.Text)
	}
	h.typeKey(fyne.KeyBackspace)
	if got := h.queries[len(h.queries)-1]; got != "wa" || len(h.queries) != 5 {
		t.Fatalf("after Backspace: %q", h.queries)
	}
	// Keys that do not change the text query nothing.
	h.typeKey(fyne.KeyLeft)
	h.typeKey(fyne.KeyHome)
	if len(h.queries) != 5 {
		t.Fatalf("queried again for the same text: %q", h.queries)
	}
}

func TestPaletteDownDownEnterChoosesTheThird(t *testing.T) {
	h := openPalette(t)
	h.typeKey(fyne.KeyDown)
	h.typeKey(fyne.KeyDown)
	if h.p.Selected() != 2 {
		t.Fatalf("selected %d", h.p.Selected())
	}
	if h.c.Focused() != h.p.entry {
		t.Fatal("the list took the focus")
	}
	h.typeKey(fyne.KeyReturn)
	if got := strings.Join(h.chosen, "|"); got != "2:"+paletteTitles[2] {
		t.Fatalf("chosen %q", got)
	}
	if h.p.Visible() || len(h.c.Overlays().List()) != 0 || h.closed != 0 {
		t.Fatalf("after choosing: visible %v, %d overlays, closed %d", h.p.Visible(), len(h.c.Overlays().List()), h.closed)
	}
	if h.c.Focused() != h.page {
		t.Fatalf("focus went to %T, not back to the page", h.c.Focused())
	}
}

func TestPaletteUpWrapsToTheLast(t *testing.T) {
	h := openPalette(t)
	h.typeKey(fyne.KeyUp)
	if h.p.Selected() != len(paletteTitles)-1 {
		t.Fatalf("Up from the first selected %d", h.p.Selected())
	}
	h.typeKey(fyne.KeyDown)
	if h.p.Selected() != 0 {
		t.Fatalf("Down from the last selected %d", h.p.Selected())
	}
	h.typeKey(fyne.KeyTab)
	h.c.Focused().(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.typeKey(fyne.KeyTab)
	h.typeKey(fyne.KeyTab)
	h.c.Focused().(desktop.Keyable).KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if h.p.Selected() != len(paletteTitles)-1 || h.c.Focused() != h.p.entry {
		t.Fatalf("Tab, Shift+Tab twice: selected %d, focus %T", h.p.Selected(), h.c.Focused())
	}
}

func TestPalettePagesStopAtTheEnds(t *testing.T) {
	h := openPalette(t)
	var many []PaletteItem
	for i := range 200 {
		many = append(many, PaletteItem{ID: fmt.Sprint(i), Title: fmt.Sprint("item ", i)})
	}
	h.p.OnQuery = func(string) ([]PaletteItem, string) { return many, "" }
	h.p.SetText("i")
	page := h.p.pageRows()
	if page < 2 {
		t.Fatalf("a page of %d rows", page)
	}
	h.typeKey(fyne.KeyPageDown)
	if h.p.Selected() != page {
		t.Fatalf("Page Down selected %d, want %d", h.p.Selected(), page)
	}
	if _, ok := h.rows()[page]; !ok {
		t.Fatalf("row %d not scrolled into view", page)
	}
	h.typeKey(fyne.KeyPageUp)
	h.typeKey(fyne.KeyPageUp)
	if h.p.Selected() != 0 {
		t.Fatalf("Page Up twice selected %d", h.p.Selected())
	}
	// Rows exist only for what is in view.
	if n := len(h.rows()); n == 0 || n > 30 {
		t.Fatalf("%d rows for 200 items", n)
	}
}

func TestPaletteEscapeCloses(t *testing.T) {
	h := openPalette(t)
	test.Type(h.c.Focused(), "x")
	h.typeKey(fyne.KeyEscape)
	if h.closed != 1 || h.p.Visible() || len(h.c.Overlays().List()) != 0 || len(h.chosen) != 0 {
		t.Fatalf("closed %d, visible %v, chosen %v", h.closed, h.p.Visible(), h.chosen)
	}
	if h.c.Focused() != h.page {
		t.Fatalf("focus went to %T, not back to the page", h.c.Focused())
	}
	// It opens again empty, with a single query.
	n := len(h.queries)
	h.p.Show(h.c)
	if h.p.Text() != "" || len(h.queries) != n+1 || h.queries[n] != "" {
		t.Fatalf("reopened with %q after queries %q", h.p.Text(), h.queries)
	}
}

func TestPaletteClickOnARowChoosesIt(t *testing.T) {
	h := openPalette(t)
	row := h.rows()[1]
	pos := absolutePosition(h.c.Overlays().Top(), row)
	test.TapCanvas(h.c, pos.AddXY(40, row.Size().Height/2))
	if got := strings.Join(h.chosen, "|"); got != "1:"+paletteTitles[1] {
		t.Fatalf("chosen %q", got)
	}
	// The row the keys selected can be clicked too.
	h.p.Show(h.c)
	h.typeKey(fyne.KeyDown)
	test.Tap(h.rows()[1])
	if len(h.chosen) != 2 || h.chosen[1] != "1:"+paletteTitles[1] {
		t.Fatalf("chosen %q", h.chosen)
	}
}

func TestPaletteClickOutsideCloses(t *testing.T) {
	h := openPalette(t)
	// On the panel but not on a row: stays open, keeps the keyboard.
	pp := h.p.panel
	test.TapCanvas(h.c, pp.Position().Add(fyne.NewPos(pp.Size().Width-4, pp.Size().Height-4)))
	if !h.p.Visible() || h.closed != 0 || h.c.Focused() != h.p.entry {
		t.Fatalf("a click on the panel: visible %v, closed %d, focus %T", h.p.Visible(), h.closed, h.c.Focused())
	}
	test.TapCanvas(h.c, fyne.NewPos(10, 590))
	if h.p.Visible() || h.closed != 1 || len(h.chosen) != 0 {
		t.Fatalf("a click outside: visible %v, closed %d", h.p.Visible(), h.closed)
	}
}

func TestPaletteSetText(t *testing.T) {
	h := openPalette(t)
	h.p.SetText(">")
	h.p.SetText(">")
	if got := strings.Join(h.queries, "|"); got != "|>" {
		t.Fatalf("queries %q", got)
	}
	if h.p.entry.CursorColumn != 1 {
		t.Fatalf("cursor at %d", h.p.entry.CursorColumn)
	}
	test.Type(h.c.Focused(), "w")
	if h.p.Text() != ">w" {
		t.Fatalf("typed after SetText: %q", h.p.Text())
	}
	h.p.Hide()
	if h.closed != 0 {
		t.Fatal("Hide called OnClosed")
	}
	// Set while hidden: the next Show opens with it, querying once.
	h.queries = nil
	h.p.SetText("beij")
	h.p.Show(h.c)
	if got := strings.Join(h.queries, "|"); got != "beij" || h.p.Text() != "beij" {
		t.Fatalf("queries %q, text %q", got, h.p.Text())
	}
}

func TestPaletteShowElsewhereClosesHere(t *testing.T) {
	h := openPalette(t)
	w2 := test.NewTempWindow(t, widget.NewLabel("another"))
	w2.Resize(fyne.NewSize(500, 400))
	h.p.Show(w2.Canvas())
	if h.closed != 1 || len(h.c.Overlays().List()) != 0 || len(w2.Canvas().Overlays().List()) != 1 {
		t.Fatalf("closed %d, overlays %d here and %d there", h.closed, len(h.c.Overlays().List()), len(w2.Canvas().Overlays().List()))
	}
	if w2.Canvas().Focused() != h.p.entry {
		t.Fatal("the query field has no focus in the new window")
	}
}

func TestPaletteFollowsTheWindowSize(t *testing.T) {
	h := openPalette(t)
	pp := h.p.panel
	if pp.Size().Width != paletteWidth || pp.Position().X != (800-paletteWidth)/2 {
		t.Fatalf("panel %v at %v in 800 wide", pp.Size(), pp.Position())
	}
	h.w.Resize(fyne.NewSize(500, 300))
	if pp.Size().Width != 450 || pp.Size().Height > 180 || pp.Position().Y > 30 {
		t.Fatalf("panel %v at %v in 500x300", pp.Size(), pp.Position())
	}
	// Fewer results, a shorter panel.
	before := pp.Size().Height
	h.w.Resize(fyne.NewSize(800, 900))
	test.Type(h.c.Focused(), "wakhan")
	if pp.Size().Height >= before+100 || len(h.p.items) != 1 {
		t.Fatalf("one result in a panel %v high", pp.Size().Height)
	}
}

func TestPaletteBadRangesDoNotPanic(t *testing.T) {
	h := openPalette(t)
	bad := [][2]int{{-5, 3}, {10, 2}, {2, 1000}, {7, 7}, {1 << 40, -1}, {-9, -2}}
	h.p.OnQuery = func(string) ([]PaletteItem, string) {
		return []PaletteItem{
			{Title: "Short", TitleMatches: bad, Detail: "dé\ntail", DetailMatches: bad},
			{Title: "", TitleMatches: bad, Detail: "", DetailMatches: [][2]int{{0, 1}}},
			{Title: strings.Repeat("long title ", 40), TitleMatches: [][2]int{{300, 305}}, Detail: strings.Repeat("étude ", 100), DetailMatches: [][2]int{{590, 600}}},
		}, ""
	}
	h.p.SetText("x")
	if len(h.rows()) != 3 {
		t.Fatalf("%d rows", len(h.rows()))
	}
	if got := cleanRanges(bad, 5); !slices.Equal(got, [][2]int{{0, 5}}) {
		t.Fatalf("cleaned to %v", got)
	}
	measure := func(s string, bold bool) float32 { return float32(len([]rune(s))) * 7 }
	for _, width := range []float32{-1, 0, 1, 7, 20, 100, 1000} {
		fitPieces([]rune("some text to cut"), cleanRanges(bad, 16), width, true, measure)
	}
}

// The detail's match stays in view when the excerpt is too long, and the
// title is cut with an ellipsis.
func TestPaletteLinesAreCutToShowTheMatch(t *testing.T) {
	measure := func(s string, bold bool) float32 { return float32(len([]rune(s))) * 10 }
	text := []rune(strings.Repeat("word ", 30) + "needle" + strings.Repeat(" more", 30))
	m := [][2]int{{150, 156}}
	pieces := fitPieces(text, m, 300, true, measure)
	var b strings.Builder
	end := float32(0)
	for _, p := range pieces {
		if p.match {
			b.WriteString("[" + p.text + "]")
		} else {
			b.WriteString(p.text)
		}
		end = p.x + p.w
	}
	got := b.String()
	if !strings.HasPrefix(got, ellipsis) || !strings.HasSuffix(got, ellipsis) || !strings.Contains(got, "[needle]") || end > 300 {
		t.Fatalf("cut to %q, %v wide", got, end)
	}
	// Without showMatch it is cut at the end only.
	pieces = fitPieces(text, m, 300, false, measure)
	if pieces[0].text != "word word word word word word" || pieces[1].text != ellipsis {
		t.Fatalf("cut to %+v", pieces)
	}
}

func TestPaletteListShowsOnlyRowsInView(t *testing.T) {
	h := openPalette(t)
	var many []PaletteItem
	for i := range 10_000 {
		many = append(many, PaletteItem{Title: fmt.Sprint("item ", i)})
	}
	h.p.OnQuery = func(string) ([]PaletteItem, string) { return many, "10,000 results" }
	h.p.SetText("i")
	rows := 0
	walkObjects(h.p.list, func(o fyne.CanvasObject) {
		if _, ok := o.(*paletteRow); ok {
			rows++
		}
	})
	if rows == 0 || rows > 30 {
		t.Fatalf("%d rows made for 10,000 items", rows)
	}
}

func TestPaletteMatchesAreEmphasised(t *testing.T) {
	h := openPalette(t)
	test.Type(h.c.Focused(), "wak")
	primary := matchColor(h.rows()[0].title)
	var matched []string
	walkObjects(h.rows()[0].title, func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok && tx.TextStyle.Bold && tx.Color == primary {
			matched = append(matched, tx.Text)
		}
	})
	if strings.Join(matched, "|") != "Wak" {
		t.Fatalf("matched runs %q", matched)
	}
}

func TestPaletteMarkup(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("The page behind the palette."))
	w.Resize(fyne.NewSize(800, 500))
	p := NewPalette()
	p.Placeholder = "Search everything… (> for commands)"
	p.OnQuery = func(string) ([]PaletteItem, string) {
		return []PaletteItem{
			{ID: "p1", Icon: theme.DocumentIcon(), Title: "The Wakhan corridor", TitleMatches: [][2]int{{4, 7}},
				Detail: "in Roads of the Pamirs", Aside: "piece"},
			{ID: "q1", Icon: theme.MailReplyIcon(), Title: "“a corridor nobody wanted”", TitleMatches: [][2]int{{3, 6}},
				Detail: "…the Wakhan was drawn as a buffer, a corridor nobody wanted…", DetailMatches: [][2]int{{5, 8}, {37, 40}}, Aside: "passage"},
		}, "2 results"
	}
	p.Show(w.Canvas())
	test.Type(w.Canvas().Focused(), "wak")
	test.AssertRendersToMarkup(t, "palette.xml", w.Canvas())
}
