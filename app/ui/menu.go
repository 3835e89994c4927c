package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// menu builds the main menu. Every global shortcut hangs on an item here
// (see shortcuts.go), so Fyne handles it before any focused widget.
func (m *mainWindow) menu() *fyne.MainMenu {
	item := func(label string, s fyne.Shortcut, action func()) *fyne.MenuItem {
		i := fyne.NewMenuItem(label, func() {
			m.idle.touch()
			action()
		})
		i.Shortcut = s
		return i
	}
	quit := item("Quit", shortcutQuit, m.quit)
	quit.IsQuit = true // replaces the one Fyne adds, which has no shortcut on Linux

	file := fyne.NewMenu("File",
		item("Import Files…", shortcutImport, m.transfers.importFiles),
		fyne.NewMenuItem("Import from URL…", m.transfers.importAddress),
		item("New Piece…", shortcutNewPiece, m.newPiece),
		item("Quick Note", shortcutQuickNote, func() { m.quickNote() }),
		fyne.NewMenuItemSeparator(),
		item("Export…", shortcutExport, m.transfers.exportBundle),
		fyne.NewMenuItem("Import Bundle…", m.transfers.importBundle),
		fyne.NewMenuItem("Import Folder…", m.transfers.importFolder),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Back Up Now", m.backups.onBackUpNow),
		fyne.NewMenuItem("Automatic Backups…", m.backups.onSettings),
		fyne.NewMenuItem("Restore from Backup…", m.backups.onRestore),
		fyne.NewMenuItemSeparator(),
	)
	file.Items = append(append(file.Items, m.lockMenuItems()...), quit)
	edit := fyne.NewMenu("Edit",
		item("Undo", shortcutUndo, m.undoOrForward),
		fyne.NewMenuItemSeparator(),
		item("Cut", shortcutCut, func() { m.forward(&fyne.ShortcutCut{Clipboard: m.app.Clipboard()}) }),
		item("Copy", shortcutCopy, func() { m.forward(&fyne.ShortcutCopy{Clipboard: m.app.Clipboard()}) }),
		item("Paste", shortcutPaste, func() { m.forward(&fyne.ShortcutPaste{Clipboard: m.app.Clipboard()}) }),
		item("Select All", shortcutSelectAll, func() { m.forward(&fyne.ShortcutSelectAll{}) }),
		fyne.NewMenuItemSeparator(),
		item("Search Everything…", shortcutSearch, m.palette.open),
		item("Go to…", shortcutSearchAlt, m.palette.open),
		item("Find in Piece…", shortcutFind, m.findInPiece),
		item("Back to the Text", shortcutBackToText, m.focusText),
		fyne.NewMenuItemSeparator(),
		item("Annotate Selection", shortcutAnnotate, m.annotateSelection),
		item("New Claim from Selection…", shortcutNewClaim, m.claimFromSelection),
		item("Link to…", shortcutLink, m.linkFromCurrent),
		fyne.NewMenuItemSeparator(),
		item("Piece Details…", shortcutDetails, m.editDetails),
		fyne.NewMenuItem("Edit Piece Text…", m.editText),
		fyne.NewMenuItem("Split Here", m.splitHere),
		fyne.NewMenuItem("Split into Articles…", m.splitIntoArticles),
		fyne.NewMenuItem("Delete Piece…", m.deletePiece),
	)
	themeItem := func(label, choice string) *fyne.MenuItem {
		i := fyne.NewMenuItem(label, func() { m.setTheme(choice) })
		i.Checked = m.app.Preferences().StringWithFallback(prefTheme, "system") == choice
		return i
	}
	themes := fyne.NewMenuItem("Theme", nil)
	themes.ChildMenu = fyne.NewMenu("", themeItem("System", "system"), themeItem("Light", "light"), themeItem("Dark", "dark"))
	view := fyne.NewMenu("View",
		item("Back", shortcutBack, m.goBack),
		item("Forward", shortcutForward, m.goForward),
		fyne.NewMenuItemSeparator(),
		item("Library", shortcutLibrary, func() { m.showTab(0) }),
		item("Notes", shortcutNotes, func() { m.showTab(1) }),
		item("Claims", shortcutClaims, func() { m.showTab(2) }),
		item("Argument Map", shortcutMap, m.showMap),
		item("Disagreements", shortcutDisagree, func() { m.goTo(place{kind: placeDisagreements}) }),
		fyne.NewMenuItem("Conflicts", func() { m.goTo(place{kind: placeConflicts}) }),
		fyne.NewMenuItemSeparator(),
		themes,
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard Shortcuts", m.showShortcuts),
		fyne.NewMenuItem("About Commonplace", func() {
			dialog.ShowInformation("Commonplace",
				"A research notebook: keep pieces, mark passages, link arguments.\n\nNotebook: "+m.dir, m.win)
		}),
	)
	return fyne.NewMainMenu(file, edit, view, help)
}

// forward hands a standard editing shortcut to the focused widget: the menu
// items carrying these shortcuts would otherwise swallow them.
func (m *mainWindow) forward(s fyne.Shortcut) {
	if f, ok := m.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	// Nothing focused: copying and selecting still mean the reader's text.
	switch s.(type) {
	case *fyne.ShortcutCopy:
		m.reader.copySelection(m.app.Clipboard())
	case *fyne.ShortcutSelectAll:
		m.reader.selectAll()
	}
}

// undoOrForward undoes the last deletion when one is on offer, else lets the
// focused entry undo its typing.
func (m *mainWindow) undoOrForward() {
	// Typing in a field: Ctrl+Z takes back the typing, never a deletion
	// made some time ago.
	_, typing := m.win.Canvas().Focused().(interface{ SetPlaceHolder(string) }) // an entry of any kind
	if typing || !m.undo.available() {
		m.forward(&fyne.ShortcutUndo{})
		return
	}
	m.saver.flush()
	m.undo.run()
}

func (m *mainWindow) setTheme(choice string) {
	m.app.Preferences().SetString(prefTheme, choice)
	m.app.Settings().SetTheme(themeFor(choice))
	m.win.SetMainMenu(m.menu()) // move the check mark
}

func (m *mainWindow) showShortcuts() {
	dialog.ShowInformation("Keyboard shortcuts", shortcutHelp, m.win)
}

// shortcutHelp lists the shortcuts; Ctrl is Cmd on macOS.
const shortcutHelp = `Ctrl+K or Ctrl+P	Search everything (type > for commands)
Ctrl+F	Find in the open piece
Ctrl+E	Annotate the selected text
Ctrl+Shift+E	Make the selected passage evidence for a claim
Ctrl+L	Link the passage, claim, note or piece in view to another
Alt+Left / Alt+Right	Back / Forward
Ctrl+M	Argument map
Ctrl+Shift+D	Where the sources disagree
Ctrl+3	Claims
Ctrl+N	Quick note (attached to the passage or piece in view)
Ctrl+Shift+N	New piece from pasted text
Ctrl+O	Import files
Ctrl+I	Piece details
Ctrl+1 / Ctrl+2	Library / Notes
Ctrl+C, Ctrl+A	Copy, select all
Ctrl+Z	Undo the last deletion
Ctrl+Shift+L	Lock an encrypted notebook now
Ctrl+Q	Quit

In the text: drag to select, double-click a word, triple-click a
paragraph, Shift+click or Shift+arrows to extend.
On macOS use Cmd for Ctrl.`
