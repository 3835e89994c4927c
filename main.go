// Command commonplace is a research notebook: with no command it opens the
// window on a notebook; with one (import, pieces, show, annotate, …) it runs
// headless. This is the only file that imports Fyne's app package.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"commonplace/app/cli"
	"commonplace/app/demo"
	_ "commonplace/app/locale" // before Fyne reads the locale
	"commonplace/app/ui"
	"commonplace/assets"
	"commonplace/storage"
)

func main() {
	notebook, rest, err := splitNotebookFlag(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "commonplace:", err)
		os.Exit(cli.ExitUsage)
	}
	if len(rest) > 0 && !openable(rest) {
		// Run reports an unknown command itself, with a suggestion.
		os.Exit(cli.Run(rest, notebook, cli.OSEnv()))
	}
	os.Exit(runWindow(notebook, rest))
}

// splitNotebookFlag takes leading --notebook DIR (or --notebook=DIR, with
// one or two dashes) off the arguments; commands also accept it after their
// name.
func splitNotebookFlag(args []string) (string, []string, error) {
	dir, seen := "", false
	for len(args) > 0 {
		name, value, hasValue := strings.Cut(args[0], "=")
		if name != "--notebook" && name != "-notebook" {
			break
		}
		if seen {
			return "", nil, fmt.Errorf("--notebook is given twice")
		}
		seen = true
		if hasValue {
			dir, args = value, args[1:]
		} else if len(args) > 1 {
			dir, args = args[1], args[2:]
		} else {
			return "", nil, fmt.Errorf("--notebook needs a folder")
		}
		if strings.TrimSpace(dir) == "" {
			return "", nil, fmt.Errorf("--notebook needs a folder")
		}
	}
	return dir, args, nil
}

// openable reports whether args are files to open in the window, as when
// a file manager opens a bundle with Commonplace, rather than a command.
func openable(args []string) bool {
	for _, a := range args {
		if cli.IsCommand(a) {
			return false
		}
		if _, err := os.Stat(a); err != nil {
			return false
		}
	}
	return true
}

// runWindow opens the notebook in the window, then the files in open the
// way dropping them does, and returns the exit code.
func runWindow(notebook string, open []string) int {
	if !haveDisplay() {
		fmt.Fprintln(os.Stderr, "commonplace: there is no display to open the window on; the command line works without one (commonplace help)")
		return 1
	}
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	if notebook == "" {
		notebook = os.Getenv("COMMONPLACE_NOTEBOOK")
	}
	// The default notebook gets the demo on first start, so a new user sees
	// every feature; a folder the user named starts empty.
	firstDefault := false
	if notebook == "" {
		notebook = cli.DefaultNotebook() // in Fyne's storage root, like the command line's
		firstDefault = !storage.Exists(notebook)
	}
	if storage.IsEncrypted(notebook) {
		quit, closeStore := ui.ShowLocked(a, notebook, open...)
		quitOnSignal(quit)
		a.Run()
		closeStore()
		return 0
	}
	s, err := storage.Open(notebook)
	if errors.Is(err, storage.ErrCannotWrite) {
		// An archive, a disc, a colleague's folder: read it all the same.
		s, err = storage.OpenReadOnly(notebook)
	}
	if err != nil {
		return ui.ShowFatal(a, err)
	}
	defer s.Close()
	if firstDefault {
		if _, err := demo.Load(s, assets.Demo()); err != nil {
			fyne.LogError("could not add the demo notebook", err)
		}
	}

	w, quit := ui.NewMainWindow(a, s, open...)
	quitOnSignal(quit)
	profileHeapLater()
	w.ShowAndRun()
	return 0
}

// profileHeapLater writes a heap profile to COMMONPLACE_PROFILE_HEAP, if
// set, COMMONPLACE_PROFILE_AFTER seconds (default 40) into the session:
// where the window's memory goes once its indexes are built (issue 13;
// docs/BENCHMARKS.md says how to read it).
func profileHeapLater() {
	path := os.Getenv("COMMONPLACE_PROFILE_HEAP")
	if path == "" {
		return
	}
	after := 40 * time.Second
	if s, err := strconv.Atoi(os.Getenv("COMMONPLACE_PROFILE_AFTER")); err == nil && s > 0 {
		after = time.Duration(s) * time.Second
	}
	time.AfterFunc(after, func() {
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			fyne.LogError("heap profile", err)
			return
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			fyne.LogError("heap profile", err)
		}
	})
}

// quitOnSignal quits like the Quit menu on a terminal's Ctrl+C or a
// session logout: pending edits are written and the store is closed
// properly.
func quitOnSignal(quit func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(quit)
	}()
}

// haveDisplay reports whether a window can open: on Linux and the BSDs an
// X11 or Wayland session must be there, or GLFW panics.
func haveDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
