package widgets

import (
	"time"

	"fyne.io/fyne/v2"
)

// clock is the time a widget reads (to tell a double click from two
// clicks) and the timers it sets (tooltips, autoscroll). Widgets use the
// real one; tests give a widget a manual clock, so nothing fires on
// another goroutine and the test decides when time passes.
type clock interface {
	now() time.Time
	// after runs f on the UI goroutine after d; cancel stops it if it has
	// not fired. Callers still check that what they scheduled for is
	// current: a stopped timer's f may already be queued.
	after(d time.Duration, f func()) (cancel func())
}

// realClock is the system's clock; its timers fire on their own goroutine,
// so f goes through fyne.Do.
type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

func (realClock) after(d time.Duration, f func()) (cancel func()) {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}
