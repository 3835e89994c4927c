package ui

import "fyne.io/fyne/v2"

// background starts the window's background work. The app starts each
// piece of work on a goroutine of its own; tests start it inline, so they
// see its result without racing it.
type background struct {
	start func(work func())
}

// onGoroutines is how the app starts background work.
func onGoroutines(work func()) { go work() }

// inBackground runs load off the UI goroutine and hands its result to show
// on it: the one place where background work meets widgets. Errors go to
// onError, also on the UI goroutine.
func inBackground[T any](bg *background, load func() (T, error), show func(T), onError func(error)) {
	bg.start(func() {
		v, err := load()
		fyne.Do(func() {
			if err != nil {
				onError(err)
				return
			}
			show(v)
		})
	})
}
