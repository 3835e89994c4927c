// Package ui is Commonplace's window: the main window, its screens
// (library, reader, annotations, notes, claims, map, search results,
// conflicts), menus and dialogs. It takes a fyne.App, so tests pass
// test.NewTempApp, and it is the only package of the application that
// draws: the command line (app/cli) and the engines (app/search,
// app/suggest, …) need no display.
//
// Each screen is a small struct that builds its own widgets (buildUI),
// keeps its own state, and refreshes itself when the store reports a
// change (see screen.go); the window (window.go) wires them together and
// decides what fills the middle.
package ui
