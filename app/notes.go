package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// notesList lists the notebook's notes, most recently updated first.
type notesList struct {
	nb       notebook
	onSelect func(storage.Note)
	onError  func(error)

	notes    []storage.Note
	selected string
	list     *widget.List
	empty    *widget.Label
}

func newNotesList(nb notebook, onSelect func(storage.Note), onError func(error)) *notesList {
	return &notesList{nb: nb, onSelect: onSelect, onError: onError}
}

func (n *notesList) buildUI() fyne.CanvasObject {
	n.list = widget.NewList(func() int { return len(n.notes) }, n.createItem, n.updateItem)
	n.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(n.notes) {
			n.selected = n.notes[i].ID
			n.onSelect(n.notes[i])
		}
	}
	n.empty = widget.NewLabel("No notes yet.\n\nWrite one from the command line:\ncommonplace note TEXT")
	n.empty.Wrapping = fyne.TextWrapWord
	n.empty.Hide()
	return container.NewStack(n.list, n.empty)
}

func (n *notesList) load() { inBackground(n.nb.Notes, n.show, n.onError) }

func (n *notesList) show(notes []storage.Note) {
	n.notes = notes
	n.empty.Hidden = len(notes) > 0
	n.empty.Refresh()
	n.list.Refresh()
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

func (n *notesList) createItem() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.SizeName = theme.SizeNameCaptionText
	meta.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, title, meta)
}

func (n *notesList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	note := n.notes[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(noteTitle(note))
	box.Objects[1].(*widget.Label).SetText(noteMeta(note))
}

func noteTitle(n storage.Note) string {
	if n.Title != "" {
		return n.Title
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

// noteView shows one note in the middle of the window.
type noteView struct {
	nb    notebook
	root  fyne.CanvasObject
	title *widget.Label
	meta  *widget.RichText
	body  *widget.Label
}

func newNoteView(nb notebook) *noteView {
	v := &noteView{nb: nb}
	v.title = widget.NewLabel("")
	v.title.SizeName = theme.SizeNameHeadingText
	v.title.TextStyle.Bold = true
	v.title.Wrapping = fyne.TextWrapWord
	v.meta = mutedText()
	v.body = widget.NewLabel("")
	v.body.Wrapping = fyne.TextWrapWord
	v.body.Selectable = true
	page := container.New(&readingColumn{}, container.NewVBox(v.title, v.meta, v.body))
	v.root = container.NewVScroll(page)
	return v
}

func (v *noteView) show(n storage.Note) {
	v.title.SetText(noteTitle(n))
	meta := noteMeta(n)
	if len(n.Tags) > 0 {
		meta += "  ·  #" + strings.Join(n.Tags, "  #")
	}
	if n.Attached != "" {
		if r, err := v.nb.Ref(n.Attached); err == nil {
			meta += fmt.Sprintf("\nAttached to %s: %s", r.Kind, storage.Excerpt(r.Title, 90))
		}
	}
	setMuted(v.meta, meta)
	v.body.SetText(n.Body)
}
