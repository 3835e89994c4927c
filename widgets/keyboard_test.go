package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestArrowsMoveTheCaretAndShiftExtends(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	click(p, posOf(p, 8), 0)
	key(p, fyne.KeyRight)
	key(p, fyne.KeyRight)
	wantSelection(t, a, log, 10, 10, "")
	key(p, fyne.KeyLeft)
	wantSelection(t, a, log, 9, 9, "")
	shiftKey(p, fyne.KeyRight)
	shiftKey(p, fyne.KeyRight)
	wantSelection(t, a, log, 9, 11, "or")
	shiftKey(p, fyne.KeyLeft)
	wantSelection(t, a, log, 9, 10, "o")
	// Without Shift, Left and Right collapse a selection to its ends.
	key(p, fyne.KeyRight)
	wantSelection(t, a, log, 10, 10, "")
	shiftKey(p, fyne.KeyLeft)
	shiftKey(p, fyne.KeyLeft)
	key(p, fyne.KeyLeft)
	wantSelection(t, a, log, 8, 8, "")
	// Home and End go to the line's ends; Shift+End selects to it.
	key(p, fyne.KeyHome)
	wantSelection(t, a, log, 0, 0, "")
	key(p, fyne.KeyEnd)
	wantSelection(t, a, log, 32, 32, "")
	shiftKey(p, fyne.KeyHome)
	wantSelection(t, a, log, 0, 32, "Beijing worries about militants.")
	// The caret steps over the blank line between paragraphs in one key.
	key(p, fyne.KeyEnd)
	key(p, fyne.KeyRight)
	wantSelection(t, a, log, 34, 34, "")
	key(p, fyne.KeyLeft)
	wantSelection(t, a, log, 32, 32, "")
	// Ends of the text stop it.
	key(p, fyne.KeyHome)
	key(p, fyne.KeyLeft)
	wantSelection(t, a, log, 0, 0, "")
}

func TestUpAndDownKeepTheColumn(t *testing.T) {
	test.NewTempApp(t)
	text := "aaaa bbbb cccc dddd eeee\nffff\nwwww xxxx yyyy zzzz"
	a, _ := showText(t, text, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	at := runeIndex(t, text, "cc")
	click(p, posOf(p, at), 0)
	key(p, fyne.KeyDown) // onto a short line: its end
	wantSelection(t, a, log, runeIndex(t, text, "\nwwww"), runeIndex(t, text, "\nwwww"), "")
	key(p, fyne.KeyDown) // and back out to the column it started in
	want := p.layout.offsetInLine(lineRef{0, 2}, p.layout.xOf(lineRef{}, at))
	if s, _ := a.Selection(); s != want || s < runeIndex(t, text, "xxxx") {
		t.Errorf("after two Downs, caret at %d, want %d", s, want)
	}
	shiftKey(p, fyne.KeyUp)
	shiftKey(p, fyne.KeyUp)
	if s, e := a.Selection(); s != at || e != want {
		t.Errorf("Shift+Up twice: %d,%d, want %d,%d", s, e, at, want)
	}
	key(p, fyne.KeyUp) // from the first line: the text's start
	if s, e := a.Selection(); s != 0 || e != 0 {
		t.Errorf("Up on the first line: %d,%d", s, e)
	}
}

func TestKeysKeepTheCaretInView(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, longText(5_000), nil)
	p := a.page
	click(p, posOf(p, 0), 0)
	h := a.scroll.Size().Height
	for range 3 {
		key(p, fyne.KeyPageDown)
	}
	caretY := p.yOf(p.sel.caret)
	if off := a.scroll.Offset.Y; caretY < off || caretY+p.layout.lineHeight > off+h || off == 0 {
		t.Fatalf("caret at y=%v, view %v..%v", caretY, off, off+h)
	}
	for range 100 {
		key(p, fyne.KeyDown)
	}
	caretY = p.yOf(p.sel.caret)
	if off := a.scroll.Offset.Y; caretY < off || caretY+p.layout.lineHeight > off+h {
		t.Fatalf("caret at y=%v, view %v..%v", caretY, off, off+h)
	}
	p.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyHome, Modifier: fyne.KeyModifierControl})
	if s, _ := a.Selection(); s != 0 || a.scroll.Offset.Y != 0 {
		t.Fatalf("Ctrl+Home: caret %d, offset %v", s, a.scroll.Offset.Y)
	}
}

func TestWordKeys(t *testing.T) {
	test.NewTempApp(t)
	a, _ := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	click(p, posOf(p, 10), 0)
	ctrl := func(k fyne.KeyName, mod fyne.KeyModifier) {
		p.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | mod})
	}
	ctrl(fyne.KeyRight, 0)
	wantSelection(t, a, log, 15, 15, "")
	ctrl(fyne.KeyRight, fyne.KeyModifierShift)
	wantSelection(t, a, log, 15, 21, " about")
	ctrl(fyne.KeyLeft, 0)
	wantSelection(t, a, log, 16, 16, "")
	ctrl(fyne.KeyEnd, fyne.KeyModifierShift)
	wantSelection(t, a, log, 16, runeLen(twoParagraphs), twoParagraphs[16:])
}

func TestSelectAllAndCopy(t *testing.T) {
	app := test.NewTempApp(t)
	a, w := showText(t, twoParagraphs, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	click(p, posOf(p, 3), 0) // focuses the text, as shortcuts need
	focused, ok := w.Canvas().Focused().(fyne.Shortcutable)
	if !ok || focused != p {
		t.Fatalf("focused: %v", w.Canvas().Focused())
	}
	focused.TypedShortcut(&fyne.ShortcutSelectAll{})
	wantSelection(t, a, log, 0, runeLen(twoParagraphs), twoParagraphs)
	focused.TypedShortcut(&fyne.ShortcutCopy{Clipboard: app.Clipboard()})
	if got := app.Clipboard().Content(); got != twoParagraphs {
		t.Fatalf("clipboard holds %q", got)
	}
	// The Edit menu's ways in: Copy with the app's clipboard, or the
	// shortcut forwarded without one.
	a.SetSelection(8, 15)
	a.Copy(app.Clipboard())
	if got := app.Clipboard().Content(); got != "worries" {
		t.Fatalf("clipboard holds %q", got)
	}
	a.SetSelection(0, 7)
	focused.TypedShortcut(&fyne.ShortcutCopy{})
	if got := app.Clipboard().Content(); got != "Beijing" {
		t.Fatalf("clipboard holds %q", got)
	}
	// Copying nothing leaves the clipboard alone.
	a.SetSelection(3, 3)
	focused.TypedShortcut(&fyne.ShortcutCopy{})
	if got := app.Clipboard().Content(); got != "Beijing" {
		t.Fatalf("copying an empty selection left %q", got)
	}
}
