package widgets

import (
	"time"

	"fyne.io/fyne/v2"
)

// schedule runs f on the UI goroutine after d; cancel stops it if it has
// not fired. Timers fire on their own goroutine, so f goes through fyne.Do,
// and callers still check that what they scheduled for is current: a stopped
// timer's f may already be queued. Tests swap this for a manual clock.
var schedule = func(d time.Duration, f func()) (cancel func()) {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// now is the clock behind multi-click detection; tests replace it.
var now = time.Now
