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
	app     fyne.App
	win     fyne.Window
	nb      notebook
	title   string
	sidebar *container.AppTabs

	library     *library
	notes       *notesList
	reader      *reader
	annotations *annotationsPanel
	noteView    *noteView
	center      *fyne.Container
}

// NewMainWindow builds the window for a notebook.
func NewMainWindow(a fyne.App, s *storage.Store) fyne.Window {
	return newMainWindow(a, s, s.Dir()).win
}

func newMainWindow(a fyne.App, nb notebook, dir string) *mainWindow {
	m := &mainWindow{app: a, nb: nb, title: "Commonplace — " + dir}
	m.win = a.NewWindow(m.title)
	m.buildUI()
	m.win.SetMainMenu(m.menu())
	m.win.Resize(defaultWindowSize)
	nb.Watch(func(ch []storage.Change) { fyne.Do(func() { m.onChanged(ch) }) })
	m.library.load()
	m.notes.load()
	return m
}

func (m *mainWindow) buildUI() {
	m.reader = newReader(m.nb, m.showError)
	m.annotations = newAnnotationsPanel(m.onAnnotationSelected)
	m.reader.onSpanTapped = m.annotations.selectID
	m.noteView = newNoteView(m.nb)
	m.library = newLibrary(m.nb, m.onPieceSelected, m.showError)
	m.notes = newNotesList(m.nb, m.onNoteSelected, m.showError)

	m.sidebar = container.NewAppTabs(
		container.NewTabItem("Library", m.library.buildUI()),
		container.NewTabItem("Notes", m.notes.buildUI()),
	)
	m.sidebar.OnSelected = m.onSidebarTab
	m.center = container.NewStack(m.reader.buildUI())
	readerSplit := container.NewHSplit(m.center, m.annotations.buildUI())
	readerSplit.Offset = 0.7
	split := container.NewHSplit(m.sidebar, readerSplit)
	split.Offset = 0.24
	m.win.SetContent(split)
}

func (m *mainWindow) menu() *fyne.MainMenu {
	about := fyne.NewMenuItem("About Commonplace", func() {
		dialog.ShowInformation("Commonplace",
			"A research notebook: keep pieces, mark passages, link arguments.\n\nNotebook: "+m.title, m.win)
	})
	quit := fyne.NewMenuItem("Quit", m.app.Quit)
	quit.IsQuit = true // replaces the one Fyne would add, which has no shortcut on Linux
	quit.Shortcut = shortcutQuit
	return fyne.NewMainMenu(
		fyne.NewMenu("File", quit),
		fyne.NewMenu("Help", about),
	)
}

func (m *mainWindow) onPieceSelected(id string) {
	m.showCenter(m.reader.root)
	m.reader.open(id, m.annotations.show)
}

func (m *mainWindow) onNoteSelected(n storage.Note) {
	m.noteView.show(n)
	m.showCenter(m.noteView.root)
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
