package cli

import (
	"os"
	"path/filepath"
	"runtime"
)

// AppID is the application id (FyneApp.toml); Fyne keeps the app's files
// in a folder named after it.
const AppID = "org.commonplace.notebook"

// DefaultNotebook is the notebook the window opens when given none: the
// "notebook" folder in the app's storage root. It repeats Fyne's choice of
// root (fyne.App.Storage) so the command line, which starts no Fyne app,
// finds the same folder.
func DefaultNotebook() string {
	home, _ := os.UserHomeDir()
	var root string
	switch runtime.GOOS {
	case "windows":
		root = filepath.Join(home, "AppData", "Roaming", "fyne")
	case "darwin":
		root = filepath.Join(home, "Library", "Preferences", "fyne")
	default:
		cfg, err := os.UserConfigDir()
		if err != nil {
			cfg = filepath.Join(home, ".config")
		}
		root = filepath.Join(cfg, "fyne")
	}
	return filepath.Join(root, AppID, "notebook")
}
