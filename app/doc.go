// Package app is Commonplace's window: the main window, its screens
// (library, reader, annotations, notes), menus and dialogs. It talks to the
// notebook only through the narrow notebook interface, and takes a fyne.App
// so tests can pass test.NewTempApp.
//
// Its sub-packages hold what needs no display: cli (the command line), demo
// (the demo notebook) and, later, search.
package app
