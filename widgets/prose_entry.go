package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// ProseEntry is a multi-line entry for prose — a note, a claim, a piece's
// text — in which Tab and Shift+Tab move the focus to the next or previous
// field, as in every desktop form, instead of typing a tab character:
// prose never needs one, and a keyboard-only researcher must be able to
// go from the note to its tags without the mouse. Fyne's multi-line Entry
// takes Tab as text (it is fyne.Tabbable and accepts it).
type ProseEntry struct {
	widget.Entry
	// OnFocusGained, if set, is called when the entry gets the focus:
	// an editor scrolls it into view.
	OnFocusGained func()
}

var _ fyne.Tabbable = (*ProseEntry)(nil)

// NewProseEntry makes an empty multi-line entry that wraps at words.
func NewProseEntry() *ProseEntry {
	e := &ProseEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained reports the focus to OnFocusGained.
func (e *ProseEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocusGained != nil {
		e.OnFocusGained()
	}
}

// AcceptsTab is false: Tab moves the focus on.
func (e *ProseEntry) AcceptsTab() bool { return false }
