package ui

import "fyne.io/fyne/v2"

// async starts background work. Tests replace it to run work inline, so
// they see its result without racing the goroutine.
var async = func(work func()) { go work() }

// inBackground runs load off the UI goroutine and hands its result to show
// on it: the one place where background work meets widgets. Errors go to
// onError, also on the UI goroutine.
func inBackground[T any](load func() (T, error), show func(T), onError func(error)) {
	async(func() {
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
