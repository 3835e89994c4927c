package widgets

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// selection is a range of runes: anchor is where the user started it and
// stays put while caret, the end that keys and drags move, follows them.
type selection struct{ anchor, caret int }

// bounds is the selection as [start,end), start <= end.
func (s selection) bounds() (start, end int) {
	return min(s.anchor, s.caret), max(s.anchor, s.caret)
}

// Selection returns the selected runes [start,end), start <= end; start ==
// end is a caret with nothing selected.
func (t *AnnotatedText) Selection() (start, end int) {
	return t.page.sel.bounds()
}

// SetSelection selects runes [start,end), clamped to the text. It draws the
// selection but scrolls nothing and does not call OnSelectionChanged.
func (t *AnnotatedText) SetSelection(start, end int) {
	t.page.setSelection(start, end, false)
}

// SelectedText returns the selected text ("" when nothing is selected).
func (t *AnnotatedText) SelectedText() string {
	start, end := t.Selection()
	return strings.Clone(t.page.layout.text.slice(start, end))
}

// WordSelection is the selection widened so it neither starts nor ends
// inside a word: a drag that stops a letter short ("the freight ya") still
// marks the whole word, which is what a reader means by it.
func (t *AnnotatedText) WordSelection() (start, end int) {
	start, end = t.Selection()
	return snapToWords(&t.page.layout.text, start, end)
}

// SelectAll selects the whole text and reports it to OnSelectionChanged:
// it is what the user's Ctrl+A or Edit > Select All does. (Main-menu
// shortcuts reach the window before the focused widget, so an app with an
// Edit menu forwards its items here.)
func (t *AnnotatedText) SelectAll() {
	t.page.setSelection(0, t.page.layout.text.len(), true)
}

// Copy puts the selected text on clipboard, as Ctrl+C does. With nothing
// selected it leaves the clipboard alone rather than emptying it.
func (t *AnnotatedText) Copy(clipboard fyne.Clipboard) {
	if clipboard == nil {
		clipboard = fyne.CurrentApp().Clipboard()
	}
	if text := t.SelectedText(); text != "" {
		clipboard.SetContent(text)
	}
}

// setSelection moves the selection to anchor..caret (clamped) and redraws
// it. Changes the user made are reported; changes the app made are not,
// but either way the next report is relative to what is now drawn.
func (p *textPage) setSelection(anchor, caret int, byUser bool) {
	n := p.layout.text.len()
	s := selection{min(max(anchor, 0), n), min(max(caret, 0), n)}
	if s != p.sel {
		p.sel = s
		p.Refresh()
	}
	start, end := s.bounds()
	if p.reported == [2]int{start, end} {
		return
	}
	p.reported = [2]int{start, end}
	if f := p.owner.OnSelectionChanged; byUser && f != nil {
		f(start, end)
	}
}

// resetSelection puts the caret at the start of a new text, unreported.
func (p *textPage) resetSelection() {
	p.sel, p.reported, p.goalX = selection{}, [2]int{}, -1
}

// drawSelection fills the selected part of each visible line, behind the
// text and over the highlights. Like a highlight, a selection that runs on
// to the next line also covers the space where the line wrapped, so a
// selection reads as one piece. It fills the whole line box so that the
// lines of a selection join up.
func (r *textPageRenderer) drawSelection(rect func(x, y, w, h float32, fill color.Color)) {
	p, l := r.p, r.p.layout
	start, end := p.sel.bounds()
	if start == end {
		return
	}
	fill := theme.ColorForWidget(theme.ColorNameSelection, p)
	for _, v := range r.visible {
		i, ln := v.ref, v.line
		if end <= ln.start || start > ln.end {
			continue
		}
		x1 := l.xOf(i, start)
		x2 := l.xOf(i, end)
		if end > ln.end && l.nextStartsBy(i, end) {
			x2 += l.space
		}
		if x2 > x1 {
			rect(p.colX+x1, p.top+ln.y, x2-x1, l.lineHeight, fill)
		}
	}
}

// drawCaret marks where keys will move from: a thin static bar, only while
// the text has the keyboard and nothing is selected.
func (r *textPageRenderer) drawCaret(textH float32, rect func(x, y, w, h float32, fill color.Color)) {
	p, l := r.p, r.p.layout
	if !p.focused || p.sel.anchor != p.sel.caret || len(r.visible) == 0 {
		return
	}
	i := l.lineOf(p.sel.caret)
	if i.before(r.visible[0].ref) || r.visible[len(r.visible)-1].ref.before(i) {
		return
	}
	y := p.top + l.line(i).y + (l.lineHeight-textH)/2 - 2
	rect(p.colX+l.xOf(i, p.sel.caret), y, 1, textH+4, theme.ColorForWidget(theme.ColorNameForeground, p))
}
