package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// paletteEntry is the palette's query field. It keeps the keyboard focus
// the whole time the palette is open, so typing never has to find its way
// back: the keys that work the list (arrows, pages, Enter, Escape, Tab)
// are taken here before the entry would use them to move its cursor.
type paletteEntry struct {
	widget.Entry
	p     *Palette
	shift bool
}

var (
	_ fyne.Widget     = (*paletteEntry)(nil)
	_ fyne.Tabbable   = (*paletteEntry)(nil)
	_ desktop.Keyable = (*paletteEntry)(nil)
)

func newPaletteEntry(p *Palette) *paletteEntry {
	e := &paletteEntry{p: p}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab keeps Tab from moving the focus to the list: it moves the
// selection instead.
func (e *paletteEntry) AcceptsTab() bool { return true }

// KeyDown tracks Shift for Shift+Tab, which arrives as a plain Tab.
func (e *paletteEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

// KeyUp implements desktop.Keyable.
func (e *paletteEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

// FocusLost forgets Shift: its release may go to another widget.
func (e *paletteEntry) FocusLost() {
	e.shift = false
	e.Entry.FocusLost()
}

// TypedKey hands the list's keys to the palette and the rest to the entry.
func (e *paletteEntry) TypedKey(ev *fyne.KeyEvent) {
	p := e.p
	switch ev.Name {
	case fyne.KeyDown:
		p.move(1, true)
	case fyne.KeyUp:
		p.move(-1, true)
	case fyne.KeyTab:
		if e.shift {
			p.move(-1, true)
		} else {
			p.move(1, true)
		}
	case fyne.KeyPageDown:
		p.move(p.pageRows(), false)
	case fyne.KeyPageUp:
		p.move(-p.pageRows(), false)
	case fyne.KeyReturn, fyne.KeyEnter:
		p.choose(p.selected)
	case fyne.KeyEscape:
		p.dismiss()
	default:
		e.Entry.TypedKey(ev)
	}
}
