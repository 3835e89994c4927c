package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoShown is how long the undo bar stays after a deletion.
const undoShown = 12 * time.Second

// undoBar offers to take back the last deletion or link: a line at the
// bottom of the window, and Edit → Undo while it is there.
type undoBar struct {
	root    *fyne.Container
	message *widget.Label
	button  *widget.Button
	undo    func()
	timer   *time.Timer
	offers  int // numbers offers, so an old offer's timer cannot hide a new one
}

func newUndoBar() *undoBar {
	u := &undoBar{message: widget.NewLabel("")}
	btn := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), u.run)
	btn.Importance = widget.HighImportance
	u.button = btn
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), u.dismiss)
	closeBtn.Importance = widget.LowImportance
	// A long message (a link's sentence) is cut short rather than widen
	// the window.
	u.message.Truncation = fyne.TextTruncateEllipsis
	u.root = container.NewBorder(nil, nil, nil, container.NewHBox(btn, closeBtn), u.message)
	u.root.Hide()
	return u
}

// offer shows message with an Undo button that calls undo; with a nil
// undo, the message alone (a change taken back another way).
func (u *undoBar) offer(message string, undo func()) {
	u.message.SetText(message)
	u.undo = undo
	if undo == nil {
		u.button.Hide()
	} else {
		u.button.Show()
	}
	u.root.Show()
	if u.timer != nil {
		u.timer.Stop()
	}
	u.offers++
	offer := u.offers
	// A timer that fired just before this offer may still have its dismiss
	// queued: it must only dismiss its own offer.
	u.timer = time.AfterFunc(undoShown, func() {
		fyne.Do(func() {
			if u.offers == offer {
				u.dismiss()
			}
		})
	})
}

// available reports whether there is something to undo.
func (u *undoBar) available() bool { return u.undo != nil }

func (u *undoBar) run() {
	undo := u.undo
	u.dismiss()
	if undo != nil {
		undo()
	}
}

func (u *undoBar) dismiss() {
	u.undo = nil
	u.root.Hide()
}
