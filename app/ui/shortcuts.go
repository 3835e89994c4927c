package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keyboard shortcuts, all in one place. They live on main-menu
// items, which Fyne checks before the focused widget, so they work while
// typing in a note too. ShortcutDefault is Ctrl on Linux and Windows and Cmd
// on macOS.
var (
	shortcutQuit       = ctrl(fyne.KeyQ)
	shortcutImport     = ctrl(fyne.KeyO)
	shortcutExport     = ctrlShift(fyne.KeyS)
	shortcutNewPiece   = ctrlShift(fyne.KeyN)
	shortcutQuickNote  = ctrl(fyne.KeyN)
	shortcutAnnotate   = ctrl(fyne.KeyE)
	shortcutLibrary    = ctrl(fyne.Key1)
	shortcutNotes      = ctrl(fyne.Key2)
	shortcutDetails    = ctrl(fyne.KeyI)
	shortcutClaims     = ctrl(fyne.Key3)
	shortcutLink       = ctrl(fyne.KeyL)
	shortcutNewClaim   = ctrlShift(fyne.KeyE)
	shortcutMap        = ctrl(fyne.KeyM)
	shortcutDisagree   = ctrlShift(fyne.KeyD)
	shortcutFind       = ctrl(fyne.KeyF)
	shortcutBackToText = ctrl(fyne.KeyT) // from an editor back to the piece's text
	shortcutSearch     = ctrl(fyne.KeyK)
	shortcutSearchAlt  = ctrl(fyne.KeyP)
	shortcutBack       = alt(fyne.KeyLeft)
	shortcutForward    = alt(fyne.KeyRight)
	shortcutLock       = ctrlShift(fyne.KeyL) // an encrypted notebook only

	// The standard editing shortcuts; the menu forwards them to the
	// focused widget.
	shortcutUndo      = &fyne.ShortcutUndo{}
	shortcutCut       = &fyne.ShortcutCut{}
	shortcutCopy      = &fyne.ShortcutCopy{}
	shortcutPaste     = &fyne.ShortcutPaste{}
	shortcutSelectAll = &fyne.ShortcutSelectAll{}
)

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}
