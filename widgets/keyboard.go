package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ fyne.Focusable    = (*textPage)(nil)
	_ desktop.Keyable   = (*textPage)(nil)
	_ fyne.Shortcutable = (*textPage)(nil)
)

// FocusGained implements fyne.Focusable: the caret shows while the text has
// the keyboard.
func (p *textPage) FocusGained() {
	p.focused = true
	p.Refresh()
}

// FocusLost implements fyne.Focusable. The selection stays drawn: the
// user may be on their way to a button that acts on it.
func (p *textPage) FocusLost() {
	p.focused, p.shift = false, false
	// The glfw driver unfocuses when the button is released over nothing
	// focusable, as it is when a drag ends past the text's edge; the drag
	// takes the focus back when it ends (DragEnd comes after).
	p.mouse.refocus = p.mouse.dragging
	p.Refresh()
}

// TypedRune implements fyne.Focusable; the text is read-only.
func (p *textPage) TypedRune(rune) {}

// KeyDown implements desktop.Keyable. Shift+arrow arrives as a plain
// TypedKey, so, as Entry does, the page tracks Shift itself.
func (p *textPage) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		p.shift = true
	}
}

// KeyUp implements desktop.Keyable.
func (p *textPage) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		p.shift = false
	}
}

// TypedKey moves the caret: arrows by a rune or a line, Home and End to
// the line's ends, Page Up and Down by a view's height. With Shift held
// they extend the selection instead.
func (p *textPage) TypedKey(ev *fyne.KeyEvent) {
	l := p.layout
	if !l.ready() {
		return
	}
	start, end := p.sel.bounds()
	caret := p.sel.caret
	switch ev.Name {
	case fyne.KeyLeft:
		if start != end && !p.shift {
			caret = start
		} else {
			caret = p.stepRune(caret, -1)
		}
	case fyne.KeyRight:
		if start != end && !p.shift {
			caret = end
		} else {
			caret = p.stepRune(caret, 1)
		}
	case fyne.KeyUp:
		p.moveVertically(-1, p.shift)
		return
	case fyne.KeyDown:
		p.moveVertically(1, p.shift)
		return
	case fyne.KeyPageUp:
		p.moveVertically(-p.linesPerPage(), p.shift)
		return
	case fyne.KeyPageDown:
		p.moveVertically(p.linesPerPage(), p.shift)
		return
	case fyne.KeyHome:
		caret = l.line(l.lineOf(caret)).start
	case fyne.KeyEnd:
		caret = l.line(l.lineOf(caret)).end
	default:
		return
	}
	p.goalX = -1
	p.moveCaret(caret, p.shift)
}

// TypedShortcut handles copy and select-all, and the word- and text-wise
// caret moves that arrive as shortcuts because they hold Ctrl, Alt or Cmd.
func (p *textPage) TypedShortcut(s fyne.Shortcut) {
	switch sh := s.(type) {
	case *fyne.ShortcutCopy:
		p.owner.Copy(sh.Clipboard)
	case *fyne.ShortcutSelectAll:
		p.owner.SelectAll()
	case *desktop.CustomShortcut:
		p.typedModifiedKey(sh.KeyName, sh.Modifier)
	}
}

// typedModifiedKey: Ctrl or Alt with Left/Right moves by words (Alt is
// macOS's word key); Ctrl with Home/End, or Cmd with Up/Down, goes to
// either end of the text; Cmd with Left/Right to the line's ends.
func (p *textPage) typedModifiedKey(key fyne.KeyName, mod fyne.KeyModifier) {
	l := p.layout
	if !l.ready() {
		return
	}
	extend := mod&fyne.KeyModifierShift != 0
	word := mod&(fyne.KeyModifierControl|fyne.KeyModifierAlt) != 0
	super := mod&fyne.KeyModifierSuper != 0
	caret := p.sel.caret
	switch {
	case word && (key == fyne.KeyLeft || key == fyne.KeyRight):
		caret = wordBoundary(&l.text, caret, key == fyne.KeyRight)
	case super && key == fyne.KeyLeft:
		caret = l.line(l.lineOf(caret)).start
	case super && key == fyne.KeyRight:
		caret = l.line(l.lineOf(caret)).end
	case (word && key == fyne.KeyHome) || (super && key == fyne.KeyUp):
		caret = l.line(lineRef{}).start
	case (word && key == fyne.KeyEnd) || (super && key == fyne.KeyDown):
		caret = l.line(l.lastLine()).end
	default:
		return
	}
	p.goalX = -1
	p.moveCaret(caret, extend)
}

// moveCaret puts the caret at off, extending the selection from its anchor
// or collapsing it, and scrolls the caret into view.
func (p *textPage) moveCaret(off int, extend bool) {
	anchor := off
	if extend {
		anchor = p.sel.anchor
	}
	p.setSelection(anchor, off, true)
	p.scrollToCaret()
}

// stepRune is the offset a rune before or after off, stepping over the
// blank lines between paragraphs, where the caret has nowhere to show.
func (p *textPage) stepRune(off, dir int) int {
	l := p.layout
	off = min(max(off+dir, 0), l.text.len())
	for off > 0 && off < l.text.len() && !p.onALine(off) {
		off += dir
	}
	return off
}

// onALine tells whether off is drawn on a line (its start, end or inside).
func (p *textPage) onALine(off int) bool {
	ln := p.layout.line(p.layout.lineOf(off))
	return ln.start <= off && off <= ln.end
}

// moveVertically moves the caret by lines, keeping to the x it had when a
// run of vertical moves began, as editors do. Past the first or last line
// it goes to the text's start or end.
func (p *textPage) moveVertically(lines int, extend bool) {
	l := p.layout
	i := l.lineOf(p.sel.caret)
	if p.goalX < 0 {
		p.goalX = l.xOf(i, p.sel.caret)
	}
	j, ok := l.step(i, lines)
	var off int
	switch {
	case ok:
		off = l.offsetInLine(j, p.goalX)
	case lines < 0:
		off = l.line(lineRef{}).start
	default:
		off = l.line(l.lastLine()).end
	}
	p.moveCaret(off, extend)
}

// linesPerPage is how many lines Page Up and Down move: a view's worth,
// less one line kept for context.
func (p *textPage) linesPerPage() int {
	lh := p.layout.lineHeight
	if lh <= 0 {
		return 1
	}
	return max(1, int(p.owner.scroll.Size().Height/lh)-1)
}

// scrollToCaret scrolls the least that brings the caret's line into view.
func (p *textPage) scrollToCaret() {
	l := p.layout
	i := l.lineOf(p.sel.caret)
	top := p.top + l.line(i).y
	bottom := top + l.lineHeight
	if i == (lineRef{}) {
		top = 0 // and the header above the first line
	}
	if l.isLast(i) {
		bottom = p.MinSize().Height
	}
	off, h := p.scrollOffset().Y, p.owner.scroll.Size().Height
	if h <= 0 {
		return // not laid out yet
	}
	switch {
	case top < off:
		p.owner.scrollTo(top)
	case bottom > off+h:
		p.owner.scrollTo(bottom - h)
	}
}
