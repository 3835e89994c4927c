package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"commonplace/storage"
)

// defaultWindowSize fits a 13" laptop screen with room to spare.
var defaultWindowSize = fyne.NewSize(1280, 800)

// mainWindow is the notebook window: library and notes on the left, the
// piece (or note) being read in the middle, its annotations on the right.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	nb    notebook
	dir   string
	saver *autosaver

	sidebar     *container.AppTabs
	library     *library
	notes       *notesList
	reader      *reader
	annotations *annotationsPanel
	annEditor   *annotationEditor
	noteEditor  *noteEditor
	textEditor  *textEditor
	undo        *undoBar
	center      *fyne.Container

	// focusNewNote puts the cursor in the next annotation the panel shows:
	// the one just created.
	focusNewNote bool
}

// NewMainWindow builds the window for a notebook. quit closes it the way
// the Quit menu does, saving what is pending (for signals).
func NewMainWindow(a fyne.App, s *storage.Store) (w fyne.Window, quit func()) {
	m := newMainWindow(a, s, s.Dir())
	return m.win, m.quit
}

func newMainWindow(a fyne.App, nb notebook, dir string) *mainWindow {
	m := &mainWindow{app: a, nb: nb, dir: dir}
	m.win = a.NewWindow("Commonplace — " + dir)
	m.saver = newAutosaver(m.showError)
	a.Settings().SetTheme(themeFor(a.Preferences().String(prefTheme)))
	m.buildUI()
	m.win.SetMainMenu(m.menu())
	m.win.Resize(windowSize(a.Preferences()))
	m.win.SetCloseIntercept(m.quit)
	m.win.SetOnDropped(m.onDropped)
	nb.Watch(func(ch []storage.Change) { fyne.Do(func() { m.onChanged(ch) }) })
	m.library.selected = a.Preferences().String(prefLastPiece)
	m.library.load()
	m.notes.load()
	return m
}

func (m *mainWindow) buildUI() {
	m.reader = newReader(m.nb, m.showError)
	m.reader.onAnnotate = m.annotateSelection
	m.reader.onDetails = m.editDetails
	m.reader.onEditText = m.editText
	m.reader.onSelection = func(start, end int) { m.annEditor.setCanReattach(end > start) }
	m.annEditor = newAnnotationEditor(m.nb, m.saver)
	m.annEditor.onDelete = m.deleteAnnotation
	m.annEditor.onReanchor = m.reanchor
	m.annotations = newAnnotationsPanel(m.annEditor, m.onAnnotationSelected)
	m.annotations.onShown = m.onAnnotationsShown
	m.reader.onSpanTapped = m.annotations.selectID
	m.noteEditor = newNoteEditor(m.nb, m.saver)
	m.noteEditor.onError = m.showError
	m.noteEditor.onCreated = func(n storage.Note) { m.notes.selected = n.ID }
	m.textEditor = newTextEditor(m.nb, m.win, m.onTextEdited, m.showError)
	m.library = newLibrary(m.nb, m.app.Preferences(), m.onPieceSelected, m.showError)
	m.library.onImport, m.library.onNewPiece = m.importFiles, m.newPiece
	m.library.onTags = func(tags []string) {
		m.annEditor.tags.SetOptions(tags)
		m.noteEditor.tags.SetOptions(tags)
	}
	m.notes = newNotesList(m.nb, m.onNoteSelected, m.showError)
	m.notes.onNew = func() { m.quickNote() }
	m.undo = newUndoBar()

	m.sidebar = container.NewAppTabs(
		container.NewTabItem("Library", m.library.buildUI()),
		container.NewTabItem("Notes", m.notes.buildUI()),
	)
	m.sidebar.OnSelected = m.onSidebarTab
	m.center = container.NewStack(m.reader.buildUI())
	m.noteEditor.buildUI()
	m.textEditor.buildUI()
	readerSplit := container.NewHSplit(m.center, m.annotations.buildUI())
	readerSplit.Offset = 0.7
	split := container.NewHSplit(m.sidebar, readerSplit)
	split.Offset = 0.24
	m.win.SetContent(container.NewBorder(nil, container.NewPadded(m.undo.root), nil, nil, split))
}

func (m *mainWindow) onPieceSelected(id string) {
	m.showCenter(m.reader.root)
	m.app.Preferences().SetString(prefLastPiece, id)
	m.reader.open(id, m.annotations.show)
}

func (m *mainWindow) onNoteSelected(n storage.Note) {
	m.noteEditor.load(n)
	m.showCenter(m.noteEditor.root)
	m.annotations.clear("Annotations belong to pieces; this is a note.")
}

// onSidebarTab brings back what the tab was showing: the open piece for the
// library, the selected note for notes.
func (m *mainWindow) onSidebarTab(tab *container.TabItem) {
	switch tab.Text {
	case "Library":
		if m.reader.pieceID != "" {
			m.onPieceSelected(m.reader.pieceID)
		}
	case "Notes":
		if n, ok := m.notes.current(); ok {
			m.onNoteSelected(n)
		}
	}
}

func (m *mainWindow) showCenter(o fyne.CanvasObject) {
	if len(m.center.Objects) == 1 && m.center.Objects[0] == o {
		return
	}
	m.center.Objects = []fyne.CanvasObject{o}
	m.center.Refresh()
}

func (m *mainWindow) onAnnotationSelected(a storage.Annotation) {
	m.reader.focus(a.ID)
}

// onAnnotationsShown runs after the panel lists a piece's annotations.
func (m *mainWindow) onAnnotationsShown() {
	if m.focusNewNote && m.annEditor.current.ID != "" {
		m.focusNewNote = false
		m.reader.text.SetActive(m.annEditor.current.ID)
		m.annEditor.focusNote(m.win.Canvas())
	}
}

// onChanged refreshes what a committed change makes stale.
func (m *mainWindow) onChanged(changes []storage.Change) {
	pieces, notes := false, false
	for _, c := range changes {
		switch c.Kind {
		case storage.KindPiece, storage.KindAnnotation:
			pieces = true
		case storage.KindNote:
			notes = true
		}
	}
	if pieces {
		m.library.load()
		m.reader.reload()
	}
	if notes {
		m.notes.load()
	}
}

func (m *mainWindow) showError(err error) {
	dialog.ShowError(err, m.win)
}

// quit writes everything pending and remembers the window before closing:
// nothing typed is lost by closing the window, the Quit menu or a signal.
func (m *mainWindow) quit() {
	m.saver.flush()
	saveWindowSize(m.app.Preferences(), m.win.Canvas().Size())
	m.app.Quit()
}
