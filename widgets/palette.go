package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// PaletteItem is one result or command in a Palette.
type PaletteItem struct {
	ID   string
	Icon fyne.Resource // the kind's icon; nil leaves the space blank
	// Title is the first line, cut with an ellipsis when too long.
	Title string
	// TitleMatches are rune ranges [start,end) of Title drawn as matched.
	// Ranges out of bounds are clamped; empty or inverted ones are ignored.
	TitleMatches [][2]int
	// Detail is the muted second line: an excerpt, or "in <piece>". When its
	// first match would be cut off, the start is elided instead.
	Detail        string
	DetailMatches [][2]int // rune ranges of Detail, as TitleMatches
	// Aside is small text at the right of the title: a kind, a date, a
	// command's shortcut.
	Aside string
}

// Palette is a command and search palette, as in code editors: a query
// field above a list of results that follows every keystroke. It knows
// nothing of what it searches: OnQuery turns the text into items, and the
// palette reports what the user picks.
//
// The keyboard stays in the query field while the palette is open: Up and
// Down (and Tab, Shift+Tab) move the selection, wrapping round; Page Up and
// Page Down move by a page; Enter chooses; Escape closes. A click on a row
// chooses it, and the wheel scrolls the list.
//
// Palette is not itself a canvas object, since Show takes the canvas to
// show on: it floats over the window's content as an overlay. A click
// outside it closes it, as Escape does; the overlay dims the window a
// little to show that the click would do so.
type Palette struct {
	// OnQuery is called on the UI goroutine with the query text each time it
	// changes (never twice in a row for the same text), and once on opening.
	// It returns the items to list and a status line ("123 results", or a
	// hint about the query's syntax). It runs on every keystroke: keep it
	// fast. The palette shows the items slice until the next query, so it
	// must not be changed meanwhile.
	OnQuery func(text string) (items []PaletteItem, status string)
	// OnChosen is called with the item and its index when the user presses
	// Enter or clicks a row. The palette has closed by then, and the focus
	// has gone back where it was, so OnChosen may move it, or open the
	// palette again.
	OnChosen func(item PaletteItem, index int)
	// OnClosed is called when the user closes the palette without choosing:
	// Escape, a click outside it, or Show on another canvas. Hide and
	// choosing do not call it.
	OnClosed func()
	// Placeholder is shown in the empty query field; it is read on Show.
	Placeholder string

	panel   *palettePanel
	entry   *paletteEntry
	list    *widget.List
	overlay *paletteOverlay
	canvas  fyne.Canvas // the palette is shown on; nil while hidden

	items    []PaletteItem
	status   string
	selected int
	text     string // the text OnQuery last saw
	queried  bool   // text is valid: OnQuery has run since Show
	pending  *string
}

// NewPalette makes a palette, hidden until Show.
func NewPalette() *Palette {
	p := &Palette{selected: -1}
	p.entry = newPaletteEntry(p)
	p.entry.OnChanged = p.query
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return newPaletteRow(p) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.items) {
				o.(*paletteRow).set(i, p.items[i])
			}
		})
	p.list.HideSeparators = true
	p.panel = newPalettePanel(p)
	p.overlay = newPaletteOverlay(p)
	return p
}

// Show opens the palette over canvas c, near the top, with the keyboard in
// an empty query field (or the text given to SetText while it was hidden),
// and runs OnQuery for it once. The last query is not kept: an empty field
// is where most searches start, and SetText puts text in when it helps.
// Shown on c already, it only takes the focus back. Shown on another
// canvas, it closes there first (calling OnClosed).
func (p *Palette) Show(c fyne.Canvas) {
	if c == nil {
		return
	}
	if p.canvas == c {
		c.Focus(p.entry)
		return
	}
	if p.canvas != nil {
		p.dismiss()
	}
	text := ""
	if p.pending != nil {
		text, p.pending = *p.pending, nil
	}
	p.entry.SetPlaceHolder(p.Placeholder)
	p.queried = false
	p.setEntryText(text)
	p.canvas = c
	p.overlay.Resize(c.Size())
	c.Overlays().Add(p.overlay)
	p.overlay.Refresh()
	c.Focus(p.entry)
}

// Hide closes the palette without calling OnClosed. The focus goes back
// to what had it before Show.
func (p *Palette) Hide() {
	c := p.canvas
	if c == nil {
		return
	}
	p.canvas = nil
	// Unfocused now, the entry stops its cursor: once the overlay is gone
	// nothing would tell it that it lost the keyboard.
	if c.Focused() == p.entry {
		c.Unfocus()
	}
	c.Overlays().Remove(p.overlay)
}

// Visible tells whether the palette is open.
func (p *Palette) Visible() bool { return p.canvas != nil }

// SetText puts s in the query field, with the cursor at its end, and runs
// OnQuery for it unless it is the text already there. While the palette is
// hidden it runs nothing and keeps s for the next Show: SetText(">") then
// Show opens it in command mode with a single query.
func (p *Palette) SetText(s string) {
	if p.canvas == nil {
		p.pending = &s
		return
	}
	p.setEntryText(s)
}

// Text is the query text.
func (p *Palette) Text() string { return p.entry.Text }

// Selected is the index of the selected item, or -1 when there is none.
func (p *Palette) Selected() int { return p.selected }

// setEntryText replaces the field's text and queries it; the entry reports
// a change itself, but not when the text stays the same, hence the
// explicit (deduplicated) query after it.
func (p *Palette) setEntryText(s string) {
	p.entry.SetText(s)
	p.entry.CursorColumn = len([]rune(s))
	p.entry.Refresh()
	p.query(s)
}

// query runs OnQuery for text unless it has already seen it, and shows
// the results with the first one selected.
func (p *Palette) query(text string) {
	if p.queried && text == p.text {
		return
	}
	p.text, p.queried = text, true
	var items []PaletteItem
	status := ""
	if p.OnQuery != nil {
		items, status = p.OnQuery(text)
	}
	p.items, p.status = items, status
	p.selected = -1
	if len(items) > 0 {
		p.selected = 0
	}
	p.panel.resultsChanged()
}

// move moves the selection by delta rows, wrapping round the ends or
// stopping at them.
func (p *Palette) move(delta int, wrap bool) {
	n := len(p.items)
	if n == 0 {
		return
	}
	i := p.selected + delta
	if wrap {
		i = ((i % n) + n) % n
	} else {
		i = min(max(i, 0), n-1)
	}
	p.selected = i
	p.panel.selectRow(i)
}

// pageRows is how many rows Page Up and Down move: those in view, less
// one kept for context.
func (p *Palette) pageRows() int {
	return max(1, p.panel.rowsInView()-1)
}

// choose closes the palette and reports item i.
func (p *Palette) choose(i int) {
	if i < 0 || i >= len(p.items) {
		return
	}
	item := p.items[i]
	p.Hide()
	if p.OnChosen != nil {
		p.OnChosen(item, i)
	}
}

// dismiss closes the palette for the user, who chose nothing.
func (p *Palette) dismiss() {
	if p.canvas == nil {
		return
	}
	p.Hide()
	if p.OnClosed != nil {
		p.OnClosed()
	}
}
