package ui

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"commonplace/app/search"
	"commonplace/app/searchindex"
	"commonplace/app/suggestindex"
	"commonplace/storage"
	"commonplace/widgets"
)

// defaultWindowSize fits a 13" laptop screen with room to spare.
var defaultWindowSize = fyne.NewSize(1280, 800)

// Sidebar tabs, in order.
const (
	tabLibrary = "Library"
	tabNotes   = "Notes"
	tabClaims  = "Claims"
)

// mainWindow is the notebook window: library, notes and claims on the
// left; the piece, note, claim, map or disagreements in the middle; the
// open piece's annotations on the right.
type mainWindow struct {
	app     fyne.App
	win     fyne.Window
	nb      notebook
	store   *storage.Store // bundles read and write whole notebooks
	dir     string
	saver   *autosaver
	hist    history
	search  *searchindex.Index
	similar *suggestindex.Index
	unwatch func()

	sidebar       *container.AppTabs
	library       *library
	notes         *notesList
	claims        *claimsList
	reader        *reader
	annotations   *annotationsPanel
	annEditor     *annotationEditor
	noteEditor    *noteEditor
	textEditor    *textEditor
	claimPage     *claimPage
	disagreements *disagreementsView
	mapScreen     *mapScreen
	pieceLinks    *linksPanel
	nav           *navBar
	palette       *widgets.Palette
	results       *resultsScreen
	conflicts     *conflictsView
	undo          *undoBar
	center        *fyne.Container

	paletteSession  *search.Session
	paletteText     string
	paletteCommands map[string]command

	// focusNewNote puts the cursor in the next annotation the panel shows:
	// the one just created.
	focusNewNote bool
	// pendingFocus is a passage to scroll to once its piece has loaded;
	// pendingSelection a span of text to select.
	pendingFocus     pendingSpot
	pendingSelection pendingSpot
	// switchingTab is set while code, not the user, changes the sidebar tab.
	switchingTab bool
}

// NewMainWindow builds the window for a notebook; the files in open (a
// bundle, a Markdown folder, articles) are then opened as if dropped on it.
// quit closes it the way the Quit menu does, saving what is pending (for
// signals).
func NewMainWindow(a fyne.App, s *storage.Store, open ...string) (w fyne.Window, quit func()) {
	m := newMainWindow(a, s)
	if len(open) > 0 {
		uris := make([]fyne.URI, len(open))
		for i, path := range open {
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			uris[i] = fynestorage.NewFileURI(path)
		}
		// Once the window is up: its dialogs need it shown.
		go fyne.Do(func() { m.onDropped(fyne.Position{}, uris) })
	}
	return m.win, m.quit
}

func newMainWindow(a fyne.App, s *storage.Store) *mainWindow {
	m := &mainWindow{app: a, nb: s, store: s, dir: s.Dir(), search: searchindex.New(s)}
	m.similar = suggestindex.New(s, m.search.Ready())
	m.win = a.NewWindow("Commonplace — " + m.dir)
	m.saver = newAutosaver(m.showError)
	a.Settings().SetTheme(themeFor(a.Preferences().String(prefTheme)))
	m.buildUI()
	m.win.SetMainMenu(m.menu())
	m.win.Resize(windowSize(a.Preferences()))
	m.win.SetCloseIntercept(m.quit)
	m.win.SetOnDropped(m.onDropped)
	m.unwatch = s.Watch(func(ch []storage.Change) { fyne.Do(func() { m.onChanged(ch) }) })
	m.win.SetOnClosed(m.release)
	m.library.selected = a.Preferences().String(prefLastPiece)
	m.library.load()
	m.notes.load()
	m.claims.load()
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
	m.annEditor.onAddToClaim = m.evidenceFor
	m.annEditor.links = m.newLinksPanel()
	m.annEditor.similar = m.newSuggestionsPanel()
	m.pieceLinks = m.newLinksPanel()
	m.annotations = newAnnotationsPanel(m.annEditor, m.pieceLinks, m.onAnnotationSelected)
	m.annotations.onShown = m.onAnnotationsShown
	m.reader.onSpanTapped = m.annotations.selectID

	m.noteEditor = newNoteEditor(m.nb, m.saver)
	m.noteEditor.onError = m.showError
	m.noteEditor.onCreated = func(n storage.Note) {
		m.notes.selected = n.ID
		// The blank note's place in the history gets its id.
		if m.hist.here.kind == placeNote && m.hist.here.id == "" {
			m.hist.here.id = n.ID
		}
		m.nav.update(m.hist, m.placeTitle(m.hist.here))
	}
	m.noteEditor.links = m.newLinksPanel()
	m.noteEditor.onDelete = m.deleteNote
	m.textEditor = newTextEditor(m.nb, m.win, m.onTextEdited, m.showError)
	m.claimPage = newClaimPage(m.nb, m.saver, m.newLinksPanel())
	m.claimPage.similar = m.newSuggestionsPanel()
	m.claimPage.onOpen, m.claimPage.onError = m.openItem, m.showError
	m.claimPage.onRemoveEvidence, m.claimPage.onDelete = m.removeEvidence, m.deleteClaim
	m.disagreements = newDisagreementsView(m.nb, m.openItem, m.showError)
	m.mapScreen = newMapScreen(m.nb, m.win, m.openItem, m.showError)
	m.results = newResultsScreen(m.nb, m.search.Engine, m.search.Building, m.openItem, m.showError)
	m.results.onQuery = func(q string) {
		if m.hist.here.kind == placeResults {
			m.hist.here.query = q // Back returns to the query as refined
		}
	}
	m.conflicts = newConflictsView(m.nb, m.openItem, m.showError)

	m.library = newLibrary(m.nb, m.app.Preferences(), func(id string) { m.goTo(place{kind: placePiece, id: id}) }, m.showError)
	m.library.onImport, m.library.onNewPiece = m.importFiles, m.newPiece
	m.library.onFirstLoad = m.openFirstPiece
	m.library.onTags = func(tags []string) {
		m.annEditor.tags.SetOptions(tags)
		m.noteEditor.tags.SetOptions(tags)
		m.claimPage.tags.SetOptions(tags)
	}
	m.notes = newNotesList(m.nb, func(n storage.Note) { m.goTo(place{kind: placeNote, id: n.ID}) }, m.showError)
	m.notes.onNew = func() { m.quickNote() }
	m.claims = newClaimsList(m.nb, func(id string) { m.goTo(place{kind: placeClaim, id: id}) }, m.newClaim, m.showError)
	m.undo = newUndoBar()
	m.nav = newNavBar(m.goBack, m.goForward)

	m.sidebar = container.NewAppTabs(
		container.NewTabItem(tabLibrary, m.library.buildUI()),
		container.NewTabItem(tabNotes, m.notes.buildUI()),
		container.NewTabItem(tabClaims, m.claims.buildUI()),
	)
	m.sidebar.OnSelected = m.onSidebarTab
	m.center = container.NewStack(m.reader.buildUI())
	m.noteEditor.buildUI()
	m.textEditor.buildUI()
	m.claimPage.buildUI()
	m.disagreements.buildUI()
	m.mapScreen.buildUI()
	m.results.buildUI()
	m.conflicts.buildUI()
	readerSplit := container.NewHSplit(container.NewBorder(m.nav.root, nil, nil, nil, m.center), m.annotations.buildUI())
	readerSplit.Offset = 0.7
	split := container.NewHSplit(m.sidebar, readerSplit)
	split.Offset = 0.24
	m.win.SetContent(container.NewBorder(nil, container.NewPadded(m.undo.root), nil, nil, split))
}

// openFirstPiece opens, once the library has loaded, the piece open when
// the window was last closed, else the first one listed.
func (m *mainWindow) openFirstPiece() {
	if m.hist.here.kind != placeNone {
		return // the user went somewhere already
	}
	id := m.library.selected
	if m.library.indexOf(id) < 0 {
		id = ""
		if len(m.library.pieces) > 0 {
			id = m.library.pieces[0].ID
		}
	}
	if id != "" {
		m.goTo(place{kind: placePiece, id: id})
	}
}

// newSuggestionsPanel makes a panel of similar passages wired to opening
// them and linking to them.
func (m *mainWindow) newSuggestionsPanel() *suggestionsPanel {
	return newSuggestionsPanel(m.similar, m.openText, m.linkSuggestion, m.showError)
}

// newLinksPanel makes a links panel wired to the window's navigation and
// link actions.
func (m *mainWindow) newLinksPanel() *linksPanel {
	return newLinksPanel(m.nb, m.openItem, m.deleteLink, m.linkFromCurrent)
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
	m.applyPendingSelection()
	if f := m.pendingFocus; f.piece != "" && f.piece == m.reader.loadedID {
		m.pendingFocus = pendingSpot{}
		m.annotations.selectID(f.annotation)
		m.reader.focus(f.annotation)
	}
	if m.focusNewNote && m.annEditor.current.ID != "" {
		m.focusNewNote = false
		m.reader.text.SetActive(m.annEditor.current.ID)
		m.annEditor.focusNote(m.win.Canvas())
	}
}

// onChanged refreshes what a committed change makes stale.
func (m *mainWindow) onChanged(changes []storage.Change) {
	pieces, notes, claims, links, forgot := false, false, false, false, false
	for _, c := range changes {
		if c.Op == storage.OpReload {
			// A staged import replaced the notebook: everything may differ.
			pieces, notes, claims, links = true, true, true, true
			continue
		}
		switch c.Kind {
		case storage.KindPiece, storage.KindAnnotation:
			pieces = true
		case storage.KindNote:
			notes = true
		case storage.KindClaim:
			claims = true
		case storage.KindLink:
			links = true
		}
		if c.Op == storage.OpDelete {
			m.hist.forget(c.ID)
			forgot = true
		}
	}
	if forgot {
		// Back and Forward may have lost their last place.
		m.nav.update(m.hist, m.placeTitle(m.hist.here))
	}
	if pieces {
		m.library.load()
		// The reader fills the right-hand panel: reload it only when it is
		// in view (going back to it reloads anyway).
		if m.showing(m.reader.root) {
			m.reader.reload()
		}
	}
	if notes {
		m.notes.load()
		if id := m.noteEditor.current.ID; id != "" && m.showing(m.noteEditor.root) {
			m.reloadShownNote(id)
		}
	}
	if claims || links {
		// Summaries count evidence and links; a deletion that takes a
		// passage out of a claim reports the claim changed too.
		m.claims.load()
	}
	if (claims || links || pieces) && m.showing(m.claimPage.root) && m.claimPage.current.ID != "" {
		m.claimPage.load(m.claimPage.current.ID, false) // it shows passages' and pieces' words
	}
	if links || claims {
		m.refreshLinks()
	}
	if m.showing(m.disagreements.root) {
		m.disagreements.load()
	}
	if m.showing(m.mapScreen.root) && (links || claims) {
		m.mapScreen.load(m.mapScreen.focusID)
	}
}

// reloadShownNote brings the note being edited in line with the store
// (detached because its passage went, or deleted elsewhere), keeping what
// is being typed.
func (m *mainWindow) reloadShownNote(id string) {
	n, err := m.nb.Note(id)
	if errors.Is(err, storage.ErrNotFound) {
		m.noteEditor.load(storage.Note{}, true)
		m.annotations.clear("This note was deleted.")
		return
	}
	if err != nil {
		m.showError(err)
		return
	}
	m.noteEditor.load(n, false)
}

// refreshLinks reloads the links panels in view.
func (m *mainWindow) refreshLinks() {
	if id := m.annEditor.current.ID; id != "" {
		m.annEditor.links.show(id)
	}
	if m.reader.pieceID != "" {
		m.pieceLinks.show(m.reader.pieceID)
	}
	if id := m.noteEditor.current.ID; id != "" {
		m.noteEditor.links.show(id)
	}
}

func (m *mainWindow) showing(o fyne.CanvasObject) bool {
	return len(m.center.Objects) == 1 && m.center.Objects[0] == o
}

func (m *mainWindow) showError(err error) {
	dialog.ShowError(err, m.win)
}

// quit writes everything pending and remembers the window before closing:
// nothing typed is lost by closing the window, the Quit menu or a signal.
func (m *mainWindow) quit() {
	m.leaveTextEditor(func() {
		if errs := m.saver.flush(); len(errs) > 0 {
			return // the error is shown; quitting now would lose the words
		}
		saveWindowSize(m.app.Preferences(), m.win.Canvas().Size())
		m.release()
		m.app.Quit()
	})
}

// release stops what the window started on the store: its watch and the
// indexes' background loops.
func (m *mainWindow) release() {
	if m.unwatch != nil {
		m.unwatch()
		m.unwatch = nil
	}
	m.search.Close()
	m.similar.Close()
}

// pendingSpot is where to go in a piece once it has loaded: a passage to
// select, or a span of text to select.
type pendingSpot struct {
	piece      string
	annotation string
	span       storage.Span
}
