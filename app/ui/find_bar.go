package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/widgets"
)

// findBar finds words in the open piece (Ctrl+F): every hit is marked in
// the text, and Enter or ↓ steps to the next, ↑ to the previous, Esc closes.
type findBar struct {
	text  *widgets.AnnotatedText
	shown func() string // the text shown, folded when find first runs

	folded  []rune // the piece's text folded for finding; nil until needed
	hits    [][2]int
	current int

	root  *fyne.Container
	entry *keyEntry
	count *widget.Label
}

func newFindBar(text *widgets.AnnotatedText, shown func() string) *findBar {
	f := &findBar{text: text, shown: shown}
	f.entry = newKeyEntry(f.onKey)
	f.entry.SetPlaceHolder("Find in this piece")
	f.entry.OnChanged = func(string) { f.search() }
	f.count = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.step(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { f.step(1) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), f.close)
	for _, b := range []*widget.Button{prev, next, closeBtn} {
		b.Importance = widget.LowImportance
	}
	f.root = container.NewBorder(nil, nil, nil, container.NewHBox(f.count, prev, next, closeBtn), f.entry)
	f.root.Hide()
	return f
}

// open shows the bar with the cursor in it; the last words are kept, so
// Ctrl+F twice finds them again.
func (f *findBar) open(c fyne.Canvas) {
	f.root.Show()
	c.Focus(f.entry)
	f.search()
}

func (f *findBar) close() {
	f.root.Hide()
	f.hits, f.current = nil, -1
	f.text.SetMarks(nil)
	f.text.SetCurrentMark(-1)
}

// reset forgets the hits and folded text of another text (a new piece
// was opened, or its text edited).
func (f *findBar) reset() {
	f.folded = nil
	if f.root.Visible() {
		f.search()
	}
}

func (f *findBar) search() {
	if f.folded == nil {
		f.folded = foldText(f.shown())
	}
	f.hits = findFolded(f.folded, f.entry.Text)
	f.text.SetMarks(f.hits)
	f.current = -1
	if len(f.hits) > 0 {
		f.current = 0
	}
	f.text.SetCurrentMark(f.current)
	f.showCount()
}

func (f *findBar) showCount() {
	switch {
	case f.entry.Text == "":
		f.count.SetText("")
	case len(f.hits) == 0:
		f.count.SetText("not found")
	default:
		f.count.SetText(fmt.Sprintf("%d of %d", f.current+1, len(f.hits)))
	}
}

// step moves to the next (d=1) or previous (d=-1) hit, wrapping round.
func (f *findBar) step(d int) {
	if len(f.hits) == 0 {
		return
	}
	f.current = (f.current + d + len(f.hits)) % len(f.hits)
	f.text.SetCurrentMark(f.current)
	f.showCount()
}

func (f *findBar) onKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDown:
		f.step(1)
	case fyne.KeyUp:
		f.step(-1)
	case fyne.KeyEscape:
		f.close()
	default:
		return false
	}
	return true
}
