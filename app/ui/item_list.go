package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// itemList is the list behind the library, the notes and the claims: a
// title over a caption per item, one item selected. Listing the items
// anew (a reload after a change) keeps the selection without opening the
// item again, and scrolls only when the selection moves, never while the
// user scrolls the list.
type itemList[T any] struct {
	idOf     func(T) string
	row      func(T) (title, caption string)
	onSelect func(T)

	items    []T
	selected string
	scrolled string // the selection last scrolled to
	quiet    bool   // selecting from code: do not open the item
	list     *widget.List
	empty    *widget.Label
}

func newItemList[T any](idOf func(T) string, row func(T) (string, string), onSelect func(T)) *itemList[T] {
	l := &itemList[T]{idOf: idOf, row: row, onSelect: onSelect}
	l.list = widget.NewList(func() int { return len(l.items) },
		func() fyne.CanvasObject { return newTitleRow(true) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			title, caption := l.row(l.items[i])
			setTitleRow(o, title, caption)
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(l.items) {
			return
		}
		l.selected = l.idOf(l.items[i])
		if !l.quiet {
			l.onSelect(l.items[i])
		}
	}
	l.empty = widget.NewLabel("")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()
	return l
}

// view is the list with the message shown in its place when it is empty.
func (l *itemList[T]) view() fyne.CanvasObject { return container.NewStack(l.list, l.empty) }

// show lists items, saying emptyText instead when there are none, and
// keeps the selected item selected.
func (l *itemList[T]) show(items []T, emptyText string) {
	l.items = items
	l.empty.Text = emptyText
	l.empty.Hidden = len(items) > 0
	l.empty.Refresh()
	l.list.Refresh()
	l.selectQuietly(l.selected)
}

// selectQuietly shows id as selected ("": none) without opening it.
func (l *itemList[T]) selectQuietly(id string) {
	l.selected = id
	i := l.indexOf(id)
	selectSilently(l.list, i, &l.quiet)
	if i >= 0 && id != l.scrolled {
		l.scrolled = id
		l.list.ScrollTo(i)
	}
}

// preselect makes id the selection once the items are next listed.
func (l *itemList[T]) preselect(id string) { l.selected = id }

func (l *itemList[T]) indexOf(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(l.items, func(it T) bool { return l.idOf(it) == id })
}

// current is the selected item, if it is listed.
func (l *itemList[T]) current() (T, bool) {
	if i := l.indexOf(l.selected); i >= 0 {
		return l.items[i], true
	}
	var none T
	return none, false
}
