package ui

import "fyne.io/fyne/v2"

// Preference keys: what the window remembers between runs.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefLastPiece  = "reader.lastPiece"
	prefTheme      = "view.theme" // "system", "light" or "dark"
	prefSort       = "library.sort"
	prefLockAfter  = "security.lockAfterMinutes" // an encrypted notebook's idle time before it locks; 0: never
	prefLastFolder = "files.lastFolder"          // the folder a file was last chosen in

	prefBackupFolder = "backup.folder" // where automatic backups go; "": none
	prefBackupEvery  = "backup.everyHours"
	prefBackupKeep   = "backup.keep"
)

// windowSize is the remembered size, or the default on first start.
func windowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWidth, float64(defaultWindowSize.Width))
	h := p.FloatWithFallback(prefHeight, float64(defaultWindowSize.Height))
	// A size from a bigger screen that is gone would hide the window's
	// edges; keep it sane.
	return fyne.NewSize(float32(min(max(w, 640), 3840)), float32(min(max(h, 480), 2160)))
}

func saveWindowSize(p fyne.Preferences, s fyne.Size) {
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}
