package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/widgets"
)

// noteStore is what the note editor reads and writes.
type noteStore interface {
	Note(id string) (storage.Note, error)
	Ref(id string) (storage.ItemRef, error)
	AddNote(n storage.Note) (storage.Note, error)
	UpdateNote(n storage.Note) (storage.Note, error)
	UpdateNoteText(id, title, body string, tags []string, place string) (storage.Note, error)
}

// noteEditor writes and edits a note in the middle of the window. Like the
// annotation editor it has no Save button: a new note is created with its
// first words and every change is written shortly after typing pauses.
type noteEditor struct {
	nb      noteStore
	saver   *autosaver
	onError func(error)
	// onCreated is told about a note created by typing into a blank editor.
	onCreated func(storage.Note)
	// onDelete asks the window to delete the note (with undo).
	onDelete func()
	// onGone is told that the note shown was deleted elsewhere.
	onGone func()
	links  *linksPanel

	current storage.Note // ID "" while a new note is still blank
	loading bool

	root     fyne.CanvasObject
	title    *widget.Entry
	place    *widget.Entry
	tags     *widgets.TagEntry
	body     *widgets.ProseEntry
	meta     *widget.RichText
	attached *widget.Label
	detach   *widget.Button
	del      *widget.Button
}

func newNoteEditor(nb noteStore, saver *autosaver) *noteEditor {
	return &noteEditor{nb: nb, saver: saver}
}

func (e *noteEditor) buildUI() fyne.CanvasObject {
	e.title = widget.NewEntry()
	e.title.SetPlaceHolder("Title")
	e.title.TextStyle.Bold = true
	e.place = widget.NewEntry()
	e.place.SetPlaceHolder("Place (e.g. Termez, Uzbekistan)")
	e.tags = widgets.NewTagEntry()
	e.body = widgets.NewProseEntry()
	e.body.SetMinRowsVisible(16)
	e.body.SetPlaceHolder("Write here. It is saved as you type.")
	for _, en := range []*widget.Entry{e.title, e.place, &e.tags.Entry, &e.body.Entry} {
		en.OnChanged = func(string) { e.edited() }
	}
	e.meta = mutedText()
	e.attached = widget.NewLabel("")
	e.attached.Wrapping = fyne.TextWrapWord
	e.detach = widget.NewButtonWithIcon("Detach", theme.ContentClearIcon(), e.onDetach)
	e.detach.Importance = widget.LowImportance
	e.del = widget.NewButtonWithIcon("Delete note", theme.DeleteIcon(), func() { e.onDelete() })
	e.del.Importance = widget.DangerImportance
	form := container.NewVBox(
		e.title,
		container.NewGridWithColumns(2, e.place, e.tags),
		container.NewBorder(nil, nil, nil, e.detach, e.attached),
		e.body,
		container.NewBorder(nil, nil, nil, e.del, e.meta),
		widget.NewSeparator(),
		e.links.root,
	)
	scroll := container.NewVScroll(container.New(&readingColumn{}, form))
	e.body.OnFocusGained = func() { scrollIntoView(scroll, e.body) }
	e.tags.OnFocusGained = func() { scrollIntoView(scroll, e.tags) }
	e.root = scroll
	return e.root
}

func (e *noteEditor) view() fyne.CanvasObject { return e.root }

// changed brings the note being edited in line with the store (detached
// because its passage went, or deleted elsewhere), keeping what is being
// typed.
func (e *noteEditor) changed(c changes) {
	if !c.notes || e.current.ID == "" {
		return
	}
	n, err := e.nb.Note(e.current.ID)
	if errors.Is(err, storage.ErrNotFound) {
		e.load(storage.Note{}, true)
		if e.onGone != nil {
			e.onGone()
		}
		return
	}
	if err != nil {
		e.onError(err)
		return
	}
	e.load(n, false)
}

// suggestTags offers the notebook's tags as the tags field's completions.
func (e *noteEditor) suggestTags(tags []string) { e.tags.SetOptions(tags) }

// note is the id of the note being edited ("": none, or a new note not
// written yet).
func (e *noteEditor) note() string { return e.current.ID }

// load shows n for editing, first writing any pending edit of the one
// shown. fresh (going to the note) fills every field from n; otherwise (a
// save coming back) what is being typed is kept and only what cannot be
// typed here is refreshed.
func (e *noteEditor) load(n storage.Note, fresh bool) {
	// Write what is pending before the fields are filled anew; a change
	// coming back (not fresh, same note) fills none, so there is nothing
	// to write — and it may be reported while that very edit is written.
	if e.current.ID != "" && (fresh || n.ID != e.current.ID) {
		e.saver.flushKey(e.current.ID)
	}
	if !fresh && n.ID != "" && n.ID == e.current.ID {
		e.current.Attached, e.current.Created = n.Attached, n.Created
		e.showAttachment()
		e.showMeta()
		return
	}
	e.loading = true
	e.current = n
	e.title.SetText(n.Title)
	e.place.SetText(n.Place)
	e.tags.SetText(strings.Join(n.Tags, ", "))
	e.body.SetText(n.Body)
	e.loading = false
	e.showAttachment()
	e.showMeta()
	e.showLinks()
}

// showLinks lists the note's links; a note not yet written has none.
func (e *noteEditor) showLinks() {
	e.links.root.Hidden = e.current.ID == ""
	e.del.Hidden = e.current.ID == ""
	if e.current.ID != "" {
		e.links.show(e.current.ID)
	}
}

// startNew shows a blank note attached to attach (may be ""); it is created
// with the first words typed.
func (e *noteEditor) startNew(attach string, c fyne.Canvas) {
	e.load(storage.Note{Attached: attach}, true)
	if c != nil {
		c.Focus(e.body)
	}
}

func (e *noteEditor) showAttachment() {
	if e.current.Attached == "" {
		e.attached.SetText("Not attached to a piece or passage")
		e.detach.Hide()
		return
	}
	text := "Attached to " + e.current.Attached
	if r, err := e.nb.Ref(e.current.Attached); err == nil {
		what := string(r.Kind)
		if r.Kind == storage.KindAnnotation {
			what = "passage"
		}
		text = fmt.Sprintf("Attached to %s: %s", what, storage.Excerpt(r.Title, 90))
		if r.PieceTitle != "" {
			text += " — " + storage.Excerpt(r.PieceTitle, 50)
		}
	}
	e.attached.SetText(text)
	e.detach.Show()
}

func (e *noteEditor) showMeta() {
	if e.current.ID == "" {
		setMuted(e.meta, "New note — it is saved as soon as you type.")
		return
	}
	setMuted(e.meta, fmt.Sprintf("Written %s · saved automatically", e.current.Created.Local().Format("2 Jan 2006 15:04")))
}

// onDetach detaches the note at once (autosave writes only its words).
func (e *noteEditor) onDetach() {
	if e.current.ID != "" {
		e.saver.flushKey(e.current.ID)
		n, err := e.nb.Note(e.current.ID)
		if err == nil {
			n.Attached = ""
			_, err = e.nb.UpdateNote(n)
		}
		if err != nil {
			e.onError(err)
			return
		}
	}
	e.current.Attached = ""
	e.showAttachment()
}

// edited creates the note with its first words, or schedules a save.
func (e *noteEditor) edited() {
	if e.loading {
		return
	}
	n := e.current
	n.Title, n.Place, n.Body = e.title.Text, e.place.Text, e.body.Text
	n.Tags = storage.NormalizeTags([]string{e.tags.Tags()})
	e.current.Title, e.current.Place, e.current.Body, e.current.Tags = n.Title, n.Place, n.Body, n.Tags
	if n.ID == "" {
		if strings.TrimSpace(n.Title+n.Body) == "" {
			return
		}
		// Created now, on the UI goroutine, so the next keystroke already
		// has an id to save under; one small durable write.
		n.Created = time.Now()
		saved, err := e.nb.AddNote(n)
		if err != nil {
			e.onError(err)
			return
		}
		e.current.ID, e.current.Created = saved.ID, saved.Created
		e.showMeta()
		e.showLinks()
		if e.onCreated != nil {
			e.onCreated(saved)
		}
		return
	}
	nb, id := e.nb, n.ID
	e.saver.schedule(id, func() error {
		// Only the words: the attachment is changed on its own (detach),
		// and may have been changed by a deletion meanwhile.
		_, err := nb.UpdateNoteText(id, n.Title, n.Body, n.Tags, n.Place)
		return err
	})
}
