package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// noteLister is what the notes list reads.
type noteLister interface {
	Notes() ([]storage.Note, error)
}

// notesList lists the notebook's notes, most recently updated first.
type notesList struct {
	nb      noteLister
	bg      *background
	onError func(error)
	onNew   func()

	*itemList[storage.Note]
}

func newNotesList(nb noteLister, bg *background, onSelect func(storage.Note), onError func(error)) *notesList {
	n := &notesList{nb: nb, bg: bg, onError: onError}
	n.itemList = newItemList(func(n storage.Note) string { return n.ID },
		func(n storage.Note) (string, string) { return noteTitle(n), noteMeta(n) }, onSelect)
	return n
}

func (n *notesList) buildUI() fyne.CanvasObject {
	newBtn := widget.NewButtonWithIcon("New note", theme.ContentAddIcon(), func() { n.onNew() })
	return container.NewBorder(newBtn, nil, nil, nil, n.view())
}

// changed lists the notes again when one changed.
func (n *notesList) changed(c changes) {
	if c.notes {
		n.load()
	}
}

func (n *notesList) load() {
	inBackground(n.bg, n.nb.Notes, func(notes []storage.Note) {
		n.show(notes, "No notes yet.\n\nPress Ctrl+N anywhere for a quick note; it is saved as you type.")
	}, n.onError)
}

func noteTitle(n storage.Note) string {
	if n.Title != "" {
		return n.Title
	}
	if n.Body == "" {
		return "Untitled note"
	}
	return storage.Excerpt(n.Body, 80)
}

// noteMeta is "place · date".
func noteMeta(n storage.Note) string {
	parts := []string{}
	if n.Place != "" {
		parts = append(parts, n.Place)
	}
	parts = append(parts, n.Created.Local().Format("2 Jan 2006 15:04"))
	return strings.Join(parts, " · ")
}
