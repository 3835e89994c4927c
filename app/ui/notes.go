package ui

import (
	"slices"
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
	nb       noteLister
	bg       *background
	onSelect func(storage.Note)
	onError  func(error)
	onNew    func()

	notes    []storage.Note
	selected string
	quiet    bool // selecting from code: do not reopen the note
	list     *widget.List
	empty    *widget.Label
}

func newNotesList(nb noteLister, bg *background, onSelect func(storage.Note), onError func(error)) *notesList {
	return &notesList{nb: nb, bg: bg, onSelect: onSelect, onError: onError}
}

func (n *notesList) buildUI() fyne.CanvasObject {
	n.list = widget.NewList(func() int { return len(n.notes) }, n.createItem, n.updateItem)
	n.list.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(n.notes) {
			return
		}
		n.selected = n.notes[i].ID
		if !n.quiet {
			n.onSelect(n.notes[i])
		}
	}
	n.empty = widget.NewLabel("No notes yet.\n\nPress Ctrl+N anywhere for a quick note; it is saved as you type.")
	n.empty.Wrapping = fyne.TextWrapWord
	n.empty.Hide()
	newBtn := widget.NewButtonWithIcon("New note", theme.ContentAddIcon(), func() { n.onNew() })
	return container.NewBorder(newBtn, nil, nil, nil, container.NewStack(n.list, n.empty))
}

// changed lists the notes again when one changed.
func (n *notesList) changed(c changes) {
	if c.notes {
		n.load()
	}
}

func (n *notesList) load() { inBackground(n.bg, n.nb.Notes, n.show, n.onError) }

// show lists notes, keeping the selected one selected without reopening it
// (a save while typing reloads the list).
func (n *notesList) show(notes []storage.Note) {
	n.notes = notes
	n.empty.Hidden = len(notes) > 0
	n.empty.Refresh()
	n.list.Refresh()
	n.selectQuietly(n.selected)
}

// preselect makes id the selection once the notes are listed again.
func (n *notesList) preselect(id string) { n.selected = id }

// selectQuietly shows id as selected without opening it again.
func (n *notesList) selectQuietly(id string) {
	n.selected = id
	selectSilently(n.list, slices.IndexFunc(n.notes, func(x storage.Note) bool { return x.ID == id }), &n.quiet)
}

// current is the selected note, if any.
func (n *notesList) current() (storage.Note, bool) {
	for _, note := range n.notes {
		if note.ID == n.selected {
			return note, true
		}
	}
	return storage.Note{}, false
}

func (n *notesList) createItem() fyne.CanvasObject { return newTitleRow(true) }

func (n *notesList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	setTitleRow(o, noteTitle(n.notes[i]), noteMeta(n.notes[i]))
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
