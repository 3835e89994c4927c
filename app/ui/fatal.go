package ui

import (
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// ShowFatal shows why the notebook cannot be opened in a small window of its
// own — someone who started the app from a launcher never sees stderr —
// and returns the exit code once the user closes it.
func ShowFatal(a fyne.App, err error) int {
	msg := err.Error()
	if errors.Is(err, storage.ErrLocked) {
		msg = "This notebook is open in another Commonplace window.\nSwitch to that window, or close it and try again."
	}
	fmt.Fprintln(os.Stderr, "commonplace:", err)
	w := a.NewWindow("Commonplace")
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(quit), nil, nil, label)))
	w.Resize(fyne.NewSize(460, 160))
	w.ShowAndRun()
	return 1
}
