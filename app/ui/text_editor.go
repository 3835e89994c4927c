package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/textnorm"
)

// textStore is what the text editor reads and writes.
type textStore interface {
	Piece(id string) (storage.Piece, error)
	PieceText(id string) (string, error)
	EditPieceText(pieceID, text string) (storage.EditReport, error)
}

// textEditor edits a piece's text one paragraph per box. One wrapped Entry
// holding a whole piece becomes unusable at a few thousand characters
// (fyne#5297); a list of paragraph entries draws only those in view and
// stays fast at 20,000 words. Saving makes a new revision and re-attaches
// every annotation.
type textEditor struct {
	nb      textStore
	win     fyne.Window
	onDone  func(saved bool)
	onError func(error)

	pieceID string
	paras   []string
	unsaved bool // the paragraphs differ from the text as saved

	root    fyne.CanvasObject
	heading *widget.Label
	list    *widget.List
	width   float32
	widths  map[string]float32 // measured word widths
	// Row metrics of a multi-line entry: height = base + rows*row.
	base, row float32
}

func newTextEditor(nb textStore, win fyne.Window, onDone func(bool), onError func(error)) *textEditor {
	return &textEditor{nb: nb, win: win, onDone: onDone, onError: onError}
}

func (e *textEditor) buildUI() fyne.CanvasObject {
	probe := widget.NewMultiLineEntry()
	probe.SetMinRowsVisible(1)
	one := probe.MinSize().Height
	probe.SetMinRowsVisible(2)
	e.row = probe.MinSize().Height - one
	e.base = one - e.row

	e.heading = widget.NewLabel("")
	e.heading.TextStyle.Bold = true
	e.heading.Truncation = fyne.TextTruncateEllipsis
	help := mutedText()
	setMuted(help, "Each box is one paragraph. A blank line inside a box splits it; an empty box removes the paragraph. Annotations are re-attached when you save.")
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), e.cancel)
	save := widget.NewButtonWithIcon("Save as new revision", theme.DocumentSaveIcon(), e.save)
	save.Importance = widget.HighImportance
	e.list = widget.NewList(func() int { return len(e.paras) }, e.createRow, e.updateRow)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(cancel, save), e.heading), help)
	e.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.New(&widthWatcher{onWidth: e.setWidth}, e.list))
	return e.root
}

func (e *textEditor) view() fyne.CanvasObject { return e.root }

// changed keeps the paragraphs being edited: saving is what makes the
// revision, and re-attaches the annotations against the text as saved.
func (e *textEditor) changed(changes) {}

// open loads a piece's current text for editing.
func (e *textEditor) open(id string) error {
	p, err := e.nb.Piece(id)
	if err != nil {
		return err
	}
	text, err := e.nb.PieceText(id)
	if err != nil {
		return err
	}
	e.pieceID, e.unsaved = id, false
	e.paras = e.paras[:0]
	for _, span := range textnorm.Paragraphs(text) {
		e.paras = append(e.paras, text[span[0]:span[1]])
	}
	e.heading.SetText("Editing: " + p.Title)
	e.list.Refresh()
	e.remeasure()
	e.list.ScrollToTop()
	return nil
}

func (e *textEditor) createRow() fyne.CanvasObject {
	en := widget.NewMultiLineEntry()
	en.Wrapping = fyne.TextWrapWord
	return en
}

func (e *textEditor) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	en := o.(*widget.Entry)
	en.OnChanged = nil
	en.SetText(e.paras[i])
	en.OnChanged = func(s string) {
		if i >= len(e.paras) || e.paras[i] == s {
			return
		}
		e.paras[i], e.unsaved = s, true
		e.measure(i)
	}
}

// setWidth re-measures every paragraph when the list's width changes.
func (e *textEditor) setWidth(w float32) {
	if w != e.width {
		e.width = w
		e.remeasure()
	}
}

func (e *textEditor) remeasure() {
	for i := range e.paras {
		e.measure(i)
	}
}

// measure sets row i's height from the lines its text wraps to, by the
// same greedy word wrap the entry does, with word widths cached (prose
// repeats its words).
func (e *textEditor) measure(i int) {
	usable := e.width - 2*theme.InnerPadding() - theme.ScrollBarSize() - 2*theme.Padding()
	if usable <= 0 {
		return
	}
	lines := 0
	for _, l := range strings.Split(e.paras[i], "\n") {
		lines += e.wrappedLines(l, usable)
	}
	e.list.SetItemHeight(i, e.base+float32(lines)*e.row)
}

// wrappedLines counts the lines s wraps to at width.
func (e *textEditor) wrappedLines(s string, width float32) int {
	if e.widths == nil {
		e.widths = map[string]float32{}
	}
	measure := func(w string) float32 {
		if v, ok := e.widths[w]; ok {
			return v
		}
		v := fyne.MeasureText(w, theme.TextSize(), fyne.TextStyle{}).Width
		e.widths[w] = v
		return v
	}
	space := measure(" ")
	lines, x := 1, float32(0)
	for _, w := range strings.Fields(s) {
		ww := measure(w)
		switch {
		case x == 0:
			x = ww
		case x+space+ww > width:
			lines++
			x = ww
		default:
			x += space + ww
		}
		for x > width { // a word longer than the line is broken
			lines++
			x -= width
		}
	}
	return lines
}

// text is the edited text: the paragraphs, split where the user left blank
// lines, empty ones dropped.
func (e *textEditor) text() string {
	return textnorm.Normalize(strings.Join(e.paras, "\n\n"))
}

func (e *textEditor) save() {
	if e.saveChanges() {
		e.onDone(true)
	}
}

// saveChanges writes the edited text as a new revision and says how the
// annotations re-attached; false when it failed (the edits stay).
func (e *textEditor) saveChanges() bool {
	rep, err := e.nb.EditPieceText(e.pieceID, e.text())
	if err != nil {
		e.onError(err)
		return false
	}
	e.unsaved = false
	if !rep.Unchanged {
		dialog.ShowInformation("Saved revision "+fmt.Sprint(rep.Revision), reattachSummary(rep), e.win)
	}
	return true
}

func (e *textEditor) cancel() {
	if !e.unsaved {
		e.onDone(false)
		return
	}
	dialog.ShowConfirm("Discard changes?", "Your edits to the text will be lost.", func(ok bool) {
		if ok {
			e.unsaved = false
			e.onDone(false)
		}
	}, e.win)
}

// reattachSummary says in words what saving did to the annotations.
func reattachSummary(rep storage.EditReport) string {
	total := 0
	for _, n := range rep.Counts {
		total += n
	}
	if total == 0 {
		return "The piece has no annotations to re-attach."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s re-attached:\n", plural(total, "annotation", "annotations"))
	lines := []struct {
		st        anchor.Status
		one, many string
	}{
		{anchor.Anchored, "stayed where it was", "stayed where they were"},
		{anchor.Moved, "moved with its words", "moved with their words"},
		{anchor.Review, "needs you to check where it is (flagged)", "need you to check where they are (flagged)"},
		{anchor.Orphaned, "lost its words and is kept, flagged, for you to re-attach or delete", "lost their words and are kept, flagged, for you to re-attach or delete"},
	}
	for _, l := range lines {
		if n := rep.Counts[l.st]; n > 0 {
			b.WriteString("\n• " + plural(n, l.one, l.many))
		}
	}
	return b.String()
}

// widthWatcher lays out its one child full size and reports width changes.
type widthWatcher struct{ onWidth func(float32) }

func (w *widthWatcher) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (w *widthWatcher) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w.onWidth(size.Width)
	objects[0].Resize(size)
	objects[0].Move(fyne.NewPos(0, 0))
}

// leave runs then, first asking what to do with unsaved edits: save them,
// discard them, or stay.
func (e *textEditor) leave(then func()) {
	if !e.unsaved {
		then()
		return
	}
	save := widget.NewButton("Save as new revision", nil)
	discard := widget.NewButton("Discard changes", nil)
	stay := widget.NewButton("Keep editing", nil)
	save.Importance = widget.HighImportance
	msg := widget.NewLabel("The piece's text has unsaved changes.")
	d := dialog.NewCustomWithoutButtons("Unsaved text", container.NewVBox(msg, container.NewHBox(stay, discard, save)), e.win)
	save.OnTapped = func() {
		d.Hide()
		if e.saveChanges() {
			then()
		}
	}
	discard.OnTapped = func() {
		d.Hide()
		e.unsaved = false
		then()
	}
	stay.OnTapped = d.Hide
	d.Show()
}
