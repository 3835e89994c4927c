package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/widgets"
)

// annotationWriter is what the annotation editor writes.
type annotationWriter interface {
	UpdateAnnotation(a storage.Annotation) (storage.Annotation, error)
}

// annotationEditor edits the selected annotation's note, tags and colour.
// There is no Save button: every change is written shortly after the user
// pauses (autosaver), and pending writes are flushed when another
// annotation is selected or the window closes.
type annotationEditor struct {
	nb    annotationWriter
	saver *autosaver
	// onDelete asks the window to delete the annotation (with undo).
	onDelete func(storage.Annotation)
	// onReanchor asks the window to put the annotation on the text selection.
	onReanchor func(storage.Annotation)
	// onAddToClaim asks the window to make this passage evidence for a claim.
	onAddToClaim func(annotationID string)
	links        *linksPanel
	similar      *suggestionsPanel

	current storage.Annotation
	loading bool // fields are being filled in: not an edit

	root  *container.Scroll
	quote *widget.Label
	// wholeQuote shows the whole of a long quote, or clamps it again.
	wholeQuote *widget.Button
	quoteOpen  bool // the whole quote is shown
	flag       *widget.Label
	reattach   *widget.Button
	note       *widgets.ProseEntry
	tags       *widgets.TagEntry
	colors     *colorPicker
}

func newAnnotationEditor(nb annotationWriter, saver *autosaver) *annotationEditor {
	return &annotationEditor{nb: nb, saver: saver}
}

func (e *annotationEditor) buildUI() fyne.CanvasObject {
	e.quote = widget.NewLabel("")
	e.quote.TextStyle.Italic = true
	e.quote.Wrapping = fyne.TextWrapWord
	e.wholeQuote = widget.NewButton("Show the whole passage", func() {
		e.quoteOpen = !e.quoteOpen
		e.showQuote()
	})
	e.wholeQuote.Importance = widget.LowImportance
	e.flag = widget.NewLabel("")
	e.flag.Wrapping = fyne.TextWrapWord
	e.flag.Importance = widget.WarningImportance
	e.reattach = widget.NewButtonWithIcon("Re-attach to selected text", theme.MediaReplayIcon(), func() {
		e.onReanchor(e.current)
	})
	e.note = widgets.NewProseEntry()
	e.note.SetMinRowsVisible(4)
	e.note.SetPlaceHolder("Why this passage matters…")
	e.note.OnChanged = func(string) { e.edited() }
	e.tags = widgets.NewTagEntry()
	e.tags.OnChanged = func(string) { e.edited() }
	e.colors = newColorPicker(func(string) {
		e.edited()
		e.saver.flushKey(e.current.ID)
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { e.onDelete(e.current) })
	del.Importance = widget.DangerImportance

	noteLabel := widget.NewLabel("Note")
	noteLabel.TextStyle.Bold = true
	tagsLabel := widget.NewLabel("Tags")
	tagsLabel.TextStyle.Bold = true
	toClaim := widget.NewButtonWithIcon("Evidence for a claim…", theme.ContentAddIcon(), func() { e.onAddToClaim(e.current.ID) })
	e.root = container.NewVScroll(container.NewVBox(
		e.quote, container.NewHBox(e.wholeQuote), e.flag, e.reattach,
		noteLabel, e.note,
		tagsLabel, e.tags,
		container.NewHBox(e.colors, layoutSpacer(), del),
		widget.NewSeparator(),
		toClaim,
		e.links.root,
		widget.NewSeparator(),
		e.similar.root,
	))
	// The field that has the focus is always in view, however the user
	// got there (Tab, Shift+Tab, a click).
	e.note.OnFocusGained = func() { scrollIntoView(e.root, e.note) }
	e.tags.OnFocusGained = func() { scrollIntoView(e.root, e.tags) }
	e.colors.OnFocusGained = func() { scrollIntoView(e.root, e.colors) }
	e.root.Hide()
	return e.root
}

// load shows a for editing, first writing any pending edit of the one shown.
// Loading the annotation already shown only refreshes what the user cannot
// edit here (the quote and its flag after a re-attach), so a save coming
// back never overwrites what they are typing.
func (e *annotationEditor) load(a storage.Annotation) {
	was := e.loading
	e.loading = true
	defer func() { e.loading = was }()
	prev := e.current
	same := a.ID == prev.ID
	// a is current before the old edit is written: writing it reports a
	// change that may reload the panel, and so load a again, before this
	// returns.
	e.current = a
	if !same && prev.ID != "" {
		e.saver.flushKey(prev.ID)
	}
	if same {
		e.current.Note, e.current.Tags, e.current.Color = prev.Note, prev.Tags, prev.Color
	} else {
		e.note.SetText(a.Note)
		e.tags.SetText(strings.Join(a.Tags, ", "))
		e.colors.SetSelected(a.Color)
	}
	if !same {
		e.quoteOpen = false
	}
	e.showQuote()
	switch a.Status {
	case anchor.Review:
		e.flag.SetText("⚠ The text changed and this passage may have moved: check the highlighted words. To fix it, select the right words in the text and re-attach.")
	case anchor.Orphaned:
		e.flag.SetText("⚠ The text changed and these words were not found. Select where the passage now is and re-attach, or delete it.")
	}
	flagged := a.Status == anchor.Review || a.Status == anchor.Orphaned
	e.flag.Hidden, e.reattach.Hidden = !flagged, !flagged
	if !same {
		e.setCanReattach(false) // until words are selected for it
	}
	if !same {
		// A reload of the same passage leaves its links as they were:
		// a link change refreshes the panel itself (refreshLinks).
		e.links.show(a.ID)
		e.similar.show(a.ID)
	}
	e.root.Show()
	e.root.Refresh()
}

// quoteClampRunes is the length past which a quote is shown clamped, its
// start and end around an ellipsis: some four lines in the editor at
// its narrowest, so that a paragraph-long passage leaves the note in view.
const quoteClampRunes = 160

// showQuote shows the passage's words, clamped unless opened.
func (e *annotationEditor) showQuote() {
	exact := e.current.Selector.Exact
	long := len([]rune(exact)) > quoteClampRunes
	if long && !e.quoteOpen {
		exact = elideMiddle(exact, quoteClampRunes*3/4, quoteClampRunes/4)
	}
	e.quote.SetText("“" + exact + "”")
	e.wholeQuote.Hidden = !long
	e.wholeQuote.SetText(map[bool]string{false: "Show the whole passage", true: "Show less"}[e.quoteOpen])
}

// annotation is the id of the annotation being edited ("": none).
func (e *annotationEditor) annotation() string { return e.current.ID }

// suggestTags offers the notebook's tags as the tags field's completions.
func (e *annotationEditor) suggestTags(tags []string) { e.tags.SetOptions(tags) }

// colour is the colour picked last: a new annotation takes it.
func (e *annotationEditor) colour() string { return e.colors.selected }

// clear hides the editor after writing any pending edit.
func (e *annotationEditor) clear() {
	prev := e.current.ID
	e.current = storage.Annotation{} // before writing: see load
	e.root.Hide()
	e.links.clear()
	if prev != "" {
		e.saver.flushKey(prev)
	}
}

// focusNote puts the cursor in the note, as after creating an annotation,
// and scrolls the note into view.
func (e *annotationEditor) focusNote(c fyne.Canvas) {
	if c != nil {
		c.Focus(e.note)
	}
	scrollIntoView(e.root, e.note)
}

// setCanReattach enables re-attaching when there is a text selection.
func (e *annotationEditor) setCanReattach(ok bool) {
	if ok {
		e.reattach.Enable()
	} else {
		e.reattach.Disable()
	}
}

// edited schedules a save of what the fields say now.
func (e *annotationEditor) edited() {
	if e.loading || e.current.ID == "" {
		return
	}
	a := e.current
	a.Note = e.note.Text
	a.Tags = storage.NormalizeTags([]string{e.tags.Tags()})
	a.Color = e.colors.selected
	e.current.Note, e.current.Tags, e.current.Color = a.Note, a.Tags, a.Color
	nb := e.nb
	e.saver.schedule(a.ID, func() error {
		_, err := nb.UpdateAnnotation(a)
		return err
	})
}
