package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
)

func tagEntryInWindow(t *testing.T) (*TagEntry, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := NewTagEntry()
	e.SetOptions([]string{"afghanistan", "china", "china-afghanistan", "security", "wakhan"})
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(400, 300))
	w.Canvas().Focus(e)
	return e, w
}

func typeInto(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

func TestTagEntrySuggestsAndCompletes(t *testing.T) {
	e, w := tagEntryInWindow(t)
	c := w.Canvas()
	typeInto(c, "wakhan, ch")
	if got := strings.Join(e.Suggestions(), ","); got != "china,china-afghanistan" {
		t.Fatalf("suggestions for ch: %q", got)
	}
	// Typing goes on while the list is open.
	typeInto(c, "i")
	if e.Text != "wakhan, chi" {
		t.Fatalf("typing while suggesting: %q", e.Text)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.Text != "wakhan, china, " || e.Suggestions() != nil {
		t.Fatalf("after Enter: %q, %v", e.Text, e.Suggestions())
	}
	if c.Focused() != e {
		t.Fatal("focus did not come back to the entry")
	}
}

func TestTagEntryFuzzyAndExclusions(t *testing.T) {
	e, w := tagEntryInWindow(t)
	c := w.Canvas()
	typeInto(c, "china, scty")
	if got := strings.Join(e.Suggestions(), ","); got != "security" {
		t.Fatalf("fuzzy suggestions: %q", got)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Suggestions() != nil || e.Text != "china, scty" {
		t.Fatalf("after Escape: %q %v", e.Text, e.Suggestions())
	}
	e.SetText("china, ")
	typeInto(c, "chi")
	for _, s := range e.Suggestions() {
		if s == "china" {
			t.Fatal("suggested a tag already in the entry")
		}
	}
	// A tag written the other ways a tag is written is there too.
	e.SetText("#China, ")
	typeInto(c, "chi")
	for _, s := range e.Suggestions() {
		if s == "china" {
			t.Fatal("suggested a tag already in the entry as #China")
		}
	}
}

// TestTagEntryLeavesOutTheTagBeingChosen: while the completion list is
// open the half-typed tag is not a tag yet ("ch"); once the list closes —
// Escape, or the focus gone — it is, and OnChanged says so.
func TestTagEntryLeavesOutTheTagBeingChosen(t *testing.T) {
	e, w := tagEntryInWindow(t)
	c := w.Canvas()
	var reported []string
	e.OnChanged = func(string) { reported = append(reported, e.Tags()) }
	typeInto(c, "wakhan, ch")
	if e.Suggestions() == nil || e.Tags() != "wakhan" {
		t.Fatalf("while choosing: tags %q", e.Tags())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Tags() != "wakhan, ch" || reported[len(reported)-1] != "wakhan, ch" {
		t.Fatalf("after Escape: tags %q, reported %q", e.Tags(), reported)
	}
	typeInto(c, "i")
	if e.Suggestions() == nil {
		t.Fatal("no suggestions for chi")
	}
	c.Unfocus()
	if e.Suggestions() != nil || e.Tags() != "wakhan, chi" || reported[len(reported)-1] != "wakhan, chi" {
		t.Fatalf("after the focus went: tags %q, reported %q", e.Tags(), reported)
	}
}

// TestTagEntryListOpensAboveAtTheFoot: an entry at the foot of the window
// opens its completion list above itself, never over itself.
func TestTagEntryListOpensAboveAtTheFoot(t *testing.T) {
	test.NewTempApp(t)
	e := NewTagEntry()
	e.SetOptions([]string{"china", "china-afghanistan", "chitral"})
	w := test.NewTempWindow(t, container.NewBorder(nil, e, nil, nil, layout.NewSpacer()))
	w.Resize(fyne.NewSize(400, 300))
	w.Canvas().Focus(e)
	typeInto(w.Canvas(), "ch")
	if e.popup == nil || !e.popup.Visible() {
		t.Fatal("no suggestions")
	}
	entryTop := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Y
	listBottom := e.popup.Content.Position().Y + e.popup.Content.Size().Height
	if listBottom > entryTop+1 {
		t.Errorf("the list (bottom at %v) covers the entry (top at %v)", listBottom, entryTop)
	}
}

// TestTagEntryNewTextClosesTheList: another item's tags loaded while the
// list is open are all tags — none is taken for one being chosen.
func TestTagEntryNewTextClosesTheList(t *testing.T) {
	e, w := tagEntryInWindow(t)
	typeInto(w.Canvas(), "wakhan, ch")
	if e.Suggestions() == nil {
		t.Fatal("no suggestions")
	}
	e.SetText("alpha, china")
	if e.Suggestions() != nil || e.Tags() != "alpha, china" {
		t.Fatalf("after loading other tags: tags %q, list open %v", e.Tags(), e.Suggestions() != nil)
	}
}
