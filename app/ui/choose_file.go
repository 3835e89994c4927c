package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"commonplace/widgets"
)

// chooserSize is the file chooser's size: room for long names and a
// dozen rows.
var chooserSize = fyne.NewSize(780, 560)

// Every file and folder the app asks for is chosen in widgets.FileChooser,
// not in Fyne's file dialog: that one cannot be used from the keyboard,
// and Fyne 2.7 logs an error each time it opens on a computer without a
// Videos folder.

// chooseFiles asks for a file with one of exts (none: any), or several
// with multi, and gives their paths to onChosen.
func chooseFiles(win fyne.Window, title string, exts []string, multi bool, onChosen func(paths []string)) {
	showChooser(win, title, widgets.FileChoice{Extensions: exts, Multiple: multi}, onChosen)
}

// chooseFolder asks for a folder, opening on start if it is given.
func chooseFolder(win fyne.Window, title, start string, onChosen func(path string)) {
	showChooser(win, title, widgets.FileChoice{Mode: widgets.OpenFolder, Folder: start},
		func(paths []string) { onChosen(paths[0]) })
}

// chooseSaveFile asks where to write a new file, suggesting
// suggestedName; ext is added to a name typed without it. Choosing a
// file that exists asks first whether to replace it.
func chooseSaveFile(win fyne.Window, title, suggestedName, ext string, onChosen func(path string)) {
	choice := widgets.FileChoice{Mode: widgets.SaveFile, FileName: suggestedName}
	if ext != "" {
		choice.Extensions = []string{ext}
	}
	showChooser(win, title, choice,
		func(paths []string) { onChosen(paths[0]) })
}

func showChooser(win fyne.Window, title string, choice widgets.FileChoice, onChosen func(paths []string)) {
	prefs := fyne.CurrentApp().Preferences()
	last := prefs.String(prefLastFolder)
	if choice.Folder == "" {
		choice.Folder = last
	}
	choice.Places = filePlaces(last)
	fc := widgets.NewFileChooser(choice)
	d := dialog.NewCustomWithoutButtons(title, fc, win)
	fc.OnCancelled = d.Hide
	fc.OnChosen = func(paths []string) {
		done := func() {
			d.Hide()
			folder := filepath.Dir(paths[0])
			if choice.Mode == widgets.OpenFolder {
				folder = paths[0]
			}
			prefs.SetString(prefLastFolder, folder)
			onChosen(paths)
		}
		if choice.Mode != widgets.SaveFile {
			done()
			return
		}
		if _, err := os.Stat(paths[0]); err != nil {
			done() // nothing there to replace
			return
		}
		name := filepath.Base(paths[0])
		ask := dialog.NewConfirm("Replace “"+name+"”?",
			fmt.Sprintf("“%s” already exists in “%s”. Replacing it overwrites what it holds.", name, filepath.Dir(paths[0])),
			func(replace bool) {
				if replace {
					done()
					return
				}
				fc.FocusStart(win.Canvas())
			}, win)
		ask.SetConfirmText("Replace")
		ask.SetDismissText("Cancel")
		ask.Show()
	}
	d.Resize(chooserSize)
	d.Show()
	fc.FocusStart(win.Canvas())
}

// filePlaces are the folders offered above the chooser's list: home and
// the usual folders in it that exist, found by name (not through
// xdg-user-dir, which most computers outside Linux desktops lack), and
// the folder last chosen from; on Windows, the drives.
func filePlaces(last string) []widgets.FilePlace {
	var places []widgets.FilePlace
	isDir := func(p string) bool {
		info, err := os.Stat(p)
		return err == nil && info.IsDir()
	}
	if home, err := os.UserHomeDir(); err == nil && isDir(home) {
		places = append(places, widgets.FilePlace{Name: "Home", Path: home})
		for _, name := range []string{"Documents", "Desktop", "Downloads"} {
			if p := filepath.Join(home, name); isDir(p) {
				places = append(places, widgets.FilePlace{Name: name, Path: p})
			}
		}
	}
	if runtime.GOOS == "windows" {
		// Other drives are reached from here: going up stops at a drive's
		// root. (A: and B: are left out: asking a floppy drive waits.)
		for d := 'C'; d <= 'Z'; d++ {
			if root := string(d) + `:\`; isDir(root) {
				places = append(places, widgets.FilePlace{Name: string(d) + ":", Path: root})
			}
		}
	}
	if last != "" && isDir(last) {
		for _, p := range places {
			if p.Path == filepath.Clean(last) {
				return places
			}
		}
		places = append(places, widgets.FilePlace{Name: "Last Used", Path: last})
	}
	return places
}
