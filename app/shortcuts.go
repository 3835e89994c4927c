package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keyboard shortcuts, all in one place. They live on main-menu
// items, which Fyne checks before the focused widget, so they work while
// typing in an entry too. ShortcutDefault is Ctrl on Linux and Windows and
// Cmd on macOS.
var (
	shortcutQuit = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
)
