package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/indexes"
	"commonplace/storage"
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
// open piece's annotations on the right. It is where the screens meet: it
// builds them, wires their callbacks to each other, decides which page is
// in view, and hands every change the store reports to the screens (see
// screen.go), each of which refreshes itself.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	store *storage.Store
	dir   string
	// splitRows are the rows of the Split into Articles dialog last shown.
	splitRows []splitProposal
	bg        *background
	saver     *autosaver
	hist      history
	indexes   *indexes.Follower
	unwatch   func()

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
	palette       *searchPalette
	transfers     *transfers
	backups       *backups
	results       *resultsScreen
	conflicts     *conflictsView
	undo          *undoBar
	center        *fyne.Container

	// followers are told of every change; shown is the page in view.
	followers []follower
	shown     page

	// focusNewNote puts the cursor in the next annotation the panel shows:
	// the one just created.
	focusNewNote bool
	// pendingFocus is a passage to scroll to once its piece has loaded.
	pendingFocus pendingSpot
	// switchingTab is set while code, not the user, changes the sidebar tab.
	switchingTab bool

	// onLock, for an encrypted notebook, closes it and shows the unlock
	// screen (lock.go); idle calls it when the window is left alone.
	onLock func()
	idle   *idleTimer
}

// NewMainWindow builds the window for a notebook; the files in open (a
// bundle, a folder, articles) are then opened as if dropped on it.
// quit closes it the way the Quit menu does, saving what is pending (for
// signals).
func NewMainWindow(a fyne.App, s *storage.Store, open ...string) (w fyne.Window, quit func()) {
	m := newMainWindow(a, s)
	m.openFiles(open)
	go sizeHeapWhenReady(m.indexes) // the process's, so not in tests' windows
	return m.win, m.quit
}

// openFiles opens files (a bundle, a folder, articles) as if dropped on
// the window.
func (m *mainWindow) openFiles(open []string) {
	if len(open) == 0 {
		return
	}
	uris := make([]fyne.URI, len(open))
	for i, path := range open {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		uris[i] = fynestorage.NewFileURI(path)
	}
	// Once the window is up: its dialogs need it shown.
	go fyne.Do(func() { m.transfers.onDropped(fyne.Position{}, uris) })
}

func newMainWindow(a fyne.App, s *storage.Store) *mainWindow {
	return newMainWindowTimed(a, s, onGoroutines, saveDelay)
}

// newMainWindowTimed is newMainWindow with how background work runs and
// how long typing pauses before it is saved: tests run the work inline and
// save only when they flush.
func newMainWindowTimed(a fyne.App, s *storage.Store, start func(work func()), delay time.Duration) *mainWindow {
	m := &mainWindow{app: a, store: s, dir: s.Dir(), bg: &background{start: start}, indexes: indexes.Follow(s)}
	title := "Commonplace — " + m.dir
	if s.ReadOnly() {
		title += " (read only)"
	}
	m.win = a.NewWindow(title)
	m.saver = newAutosaver(m.showError, delay)
	m.saver.onTyping = func() { m.idle.touch() }
	a.Settings().SetTheme(themeFor(a.Preferences().String(prefTheme)))
	m.buildUI()
	m.win.SetMainMenu(m.menu())
	m.win.Resize(windowSize(a.Preferences()))
	m.win.SetCloseIntercept(m.quit)
	m.win.SetOnDropped(m.transfers.onDropped)
	m.unwatch = s.Watch(func(ch []storage.Change) { fyne.Do(func() { m.onChanged(ch) }) })
	m.win.SetOnClosed(m.release)
	m.backups.start()
	m.library.preselect(a.Preferences().String(prefLastPiece))
	m.library.load()
	m.notes.load()
	m.claims.load()
	return m
}

func (m *mainWindow) buildUI() {
	m.reader = newReader(m.store, m.bg, m.showError)
	m.reader.onAnnotate = m.annotateSelection
	m.reader.onDetails = m.editDetails
	m.reader.onEditText = m.editText
	m.reader.onSelection = func(start, end int) { m.annEditor.setCanReattach(end > start) }

	m.annEditor = newAnnotationEditor(m.store, m.saver)
	m.annEditor.onDelete = m.deleteAnnotation
	m.annEditor.onReanchor = m.reanchor
	m.annEditor.onAddToClaim = m.evidenceFor
	m.annEditor.links = m.newLinksPanel()
	m.annEditor.similar = m.newSuggestionsPanel()
	m.pieceLinks = m.newLinksPanel()
	m.annotations = newAnnotationsPanel(m.annEditor, m.pieceLinks, m.onAnnotationSelected)
	m.annotations.onShown = m.onAnnotationsShown
	m.reader.onSpanTapped = m.annotations.selectID
	m.reader.onAnnotations = m.annotations.show
	m.reader.onClosed = func() {
		m.library.preselect("")
		m.annotations.clear("")
		m.pieceLinks.clear()
	}

	m.noteEditor = newNoteEditor(m.store, m.saver)
	m.noteEditor.onError = m.showError
	m.noteEditor.onCreated = m.onNoteCreated
	m.noteEditor.onGone = func() { m.annotations.clear("This note was deleted.") }
	m.noteEditor.links = m.newLinksPanel()
	m.noteEditor.onDelete = m.deleteNote
	m.textEditor = newTextEditor(m.store, m.win, m.onTextEdited, m.showError)
	m.claimPage = newClaimPage(m.store, m.bg, m.saver, m.newLinksPanel())
	m.claimPage.similar = m.newSuggestionsPanel()
	m.claimPage.onOpen, m.claimPage.onError = m.openItem, m.showError
	m.claimPage.onRemoveEvidence, m.claimPage.onDelete = m.removeEvidence, m.deleteClaim
	m.disagreements = newDisagreementsView(m.store, m.bg, m.openItem, m.showError)
	m.mapScreen = newMapScreen(m.store, m.bg, m.win, m.openItem, m.showError)
	m.results = newResultsScreen(m.indexes.Search, m.openItem)
	m.results.onQuery = func(q string) {
		if m.hist.here.kind == placeResults {
			m.hist.here.query = q // Back returns to the query as refined
		}
	}
	m.conflicts = newConflictsView(m.store, m.bg, m.openItem, m.showError)
	m.transfers = &transfers{store: m.store, win: m.win, bg: m.bg, flush: func() { m.saver.flush() }, onError: m.showError,
		onArticles: m.showImportedArticles, onConflicts: func() { m.goTo(place{kind: placeConflicts}) }, inView: m.exportable}
	m.backups = newBackups(m.store, m.win, m.bg, m.app.Preferences(), m.showError)
	m.palette = newSearchPalette(m.indexes.Search, m.win, m.commands, m.openByID, m.showResults)

	m.library = newLibrary(m.store, m.bg, m.app.Preferences(), func(id string) { m.goTo(place{kind: placePiece, id: id}) }, m.showError)
	m.library.onImport, m.library.onNewPiece = m.transfers.importFiles, m.newPiece
	m.library.onFirstLoad = m.openFirstPiece
	m.library.onTags = func(tags []string) {
		m.annEditor.suggestTags(tags)
		m.noteEditor.suggestTags(tags)
		m.claimPage.suggestTags(tags)
	}
	m.notes = newNotesList(m.store, m.bg, func(n storage.Note) { m.goTo(place{kind: placeNote, id: n.ID}) }, m.showError)
	m.notes.onNew = func() { m.quickNote() }
	m.claims = newClaimsList(m.store, m.bg, func(id string) { m.goTo(place{kind: placeClaim, id: id}) }, m.newClaim, m.showError)
	m.followers = append(m.followers, m.library, m.notes, m.claims)
	m.undo = newUndoBar()
	m.nav = newNavBar(m.goBack, m.goForward)

	m.sidebar = container.NewAppTabs(
		container.NewTabItem(tabLibrary, m.library.buildUI()),
		container.NewTabItem(tabNotes, m.notes.buildUI()),
		container.NewTabItem(tabClaims, m.claims.buildUI()),
	)
	m.sidebar.OnSelected = m.onSidebarTab
	m.center = container.NewStack()
	for _, b := range []interface{ buildUI() fyne.CanvasObject }{
		m.reader, m.noteEditor, m.textEditor, m.claimPage, m.disagreements, m.mapScreen, m.results, m.conflicts,
	} {
		b.buildUI()
	}
	m.showPage(m.reader)
	readerSplit := container.NewHSplit(pane(container.NewBorder(m.nav.root, nil, nil, nil, m.center)), pane(m.annotations.buildUI()))
	readerSplit.Offset = 0.7
	split := container.NewHSplit(pane(m.sidebar), readerSplit)
	split.Offset = 0.24
	var top fyne.CanvasObject
	if m.store.ReadOnly() {
		top = readOnlyBanner()
	}
	m.win.SetContent(container.NewBorder(top, container.NewPadded(m.undo.root), nil, nil, split))
}

// readOnlyBanner tells, above everything, that nothing done in this
// window is saved: the notebook's folder cannot be written here.
func readOnlyBanner() fyne.CanvasObject {
	text := widget.NewLabel("Read only: this notebook’s folder cannot be written here (an archive, a disc, a colleague’s folder). " +
		"You can read, search and export; changes are not saved.")
	text.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	return container.NewPadded(container.NewBorder(nil, nil, icon, nil, text))
}

// openFirstPiece opens, once the library has loaded, the piece open when
// the window was last closed, else the first one listed.
func (m *mainWindow) openFirstPiece() {
	if m.hist.here.kind != placeNone {
		return // the user went somewhere already
	}
	if id := m.library.selectedOrFirst(); id != "" {
		m.goTo(place{kind: placePiece, id: id})
	}
}

// onNoteCreated gives a note started blank its place in the sidebar and
// in the history, once its first words made it.
func (m *mainWindow) onNoteCreated(n storage.Note) {
	m.notes.preselect(n.ID)
	if m.hist.here.kind == placeNote && m.hist.here.id == "" {
		m.hist.here.id = n.ID
	}
	m.nav.update(m.hist, m.placeTitle(m.hist.here))
}

// newSuggestionsPanel makes a panel of similar passages wired to opening
// them and linking to them.
func (m *mainWindow) newSuggestionsPanel() *suggestionsPanel {
	p := newSuggestionsPanel(m.indexes.Similar, m.bg, m.openText, m.linkSuggestion, m.showError)
	m.followers = append(m.followers, p)
	return p
}

// newLinksPanel makes a links panel wired to the window's navigation and
// link actions; it keeps itself current.
func (m *mainWindow) newLinksPanel() *linksPanel {
	p := newLinksPanel(m.store, m.bg, m.openItem, m.deleteLink, m.linkFromCurrent)
	m.followers = append(m.followers, p)
	return p
}

// showPage puts p in the middle of the window.
func (m *mainWindow) showPage(p page) {
	if m.shown == p {
		return
	}
	m.shown = p
	m.center.Objects = []fyne.CanvasObject{p.view()}
	m.center.Refresh()
}

// showing reports whether p is the page in view.
func (m *mainWindow) showing(p page) bool { return m.shown == p }

// pieceInView is the piece the reader shows, when the reader is the page
// in view: what the reader's actions (annotate, edit, details) act on.
func (m *mainWindow) pieceInView() (string, bool) {
	id := m.reader.openPiece()
	return id, id != "" && m.showing(m.reader)
}

// showImportedArticles opens the first of articles just imported, with
// the library showing every piece (a filter must not hide them).
func (m *mainWindow) showImportedArticles(ids []string) {
	m.library.clearFilters()
	m.goTo(place{kind: placePiece, id: ids[0]})
}

// exportable is what the export dialog offers beside the whole notebook:
// the piece being read, the claim open, and the notebook's tags.
func (m *mainWindow) exportable() (piece, claim string, tags []string) {
	return m.reader.openPiece(), m.claimPage.claim(), m.library.tags()
}

// readPieceInView reads the piece in view's record, saying why when it
// cannot.
func (m *mainWindow) readPieceInView() (storage.Piece, bool) {
	id, ok := m.pieceInView()
	if !ok {
		return storage.Piece{}, false
	}
	p, err := m.store.Piece(id)
	if err != nil {
		m.showError(err)
		return storage.Piece{}, false
	}
	return p, true
}

func (m *mainWindow) onAnnotationSelected(a storage.Annotation) {
	m.reader.focus(a.ID)
}

// onAnnotationsShown runs after the panel lists a piece's annotations.
func (m *mainWindow) onAnnotationsShown() {
	if f := m.pendingFocus; f.piece != "" && f.piece == m.reader.shownPiece() {
		m.pendingFocus = pendingSpot{}
		m.annotations.selectID(f.annotation)
		m.reader.focus(f.annotation)
	}
	if id := m.annEditor.annotation(); m.focusNewNote && id != "" {
		m.focusNewNote = false
		m.reader.setActive(id)
		m.annEditor.focusNote(m.win.Canvas())
	}
}

// onChanged hands what a committed change made stale to the screens:
// every follower, and the page in view (a page brought back into view
// loads afresh).
func (m *mainWindow) onChanged(report []storage.Change) {
	c := summarize(report)
	for _, id := range c.deleted {
		m.hist.forget(id)
	}
	// The item in view may have a new title, and Back and Forward may
	// have lost their last place.
	m.nav.update(m.hist, m.placeTitle(m.hist.here))
	for _, f := range m.followers {
		f.changed(c)
	}
	m.shown.changed(c)
}

func (m *mainWindow) showError(err error) {
	dialog.ShowError(err, m.win)
}

// quit writes everything pending and remembers the window before closing:
// nothing typed is lost by closing the window, the Quit menu or a signal.
func (m *mainWindow) quit() {
	m.leaveTextEditor(func() {
		// A field that has the focus takes what is typed in it as it
		// stands (a tag half chosen in its completion list) when it
		// loses it.
		m.win.Canvas().Unfocus()
		errs := m.saver.flush()
		if len(errs) > 0 && !m.store.ReadOnly() {
			return // the error is shown; quitting now would lose the words
		}
		if len(errs) > 0 {
			dialog.ShowConfirm("Quit without saving?",
				"This notebook is open read only, so what you typed could not be saved.\nQuit and lose it, or stay and copy it elsewhere?",
				func(ok bool) {
					if ok {
						m.close()
					}
				}, m.win)
			return
		}
		m.backups.atQuit(m.close)
	})
}

// close remembers the window's size and quits.
func (m *mainWindow) close() {
	saveWindowSize(m.app.Preferences(), m.win.Canvas().Size())
	m.release()
	m.app.Quit()
}

// release stops what the window started on the store: its watch and the
// indexes' background loops.
func (m *mainWindow) release() {
	m.idle.stop()
	m.backups.close()
	if m.unwatch != nil {
		m.unwatch()
		m.unwatch = nil
	}
	m.indexes.Close()
}

// pendingSpot is a passage to select once its piece has loaded.
type pendingSpot struct {
	piece      string
	annotation string
}
