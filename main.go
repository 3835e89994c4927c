// Command commonplace is a research notebook: with no command it opens the
// window on a notebook; with one (import, pieces, show, annotate, …) it runs
// headless. This is the only file that imports Fyne's app package.
package main

import (
	"errors"
	"fmt"
	"io"
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
	"commonplace/storage/importer"
)

func main() {
	notebook, rest, err := splitNotebookFlag(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "commonplace:", err)
		os.Exit(cli.ExitUsage)
	}
	if len(rest) > 0 && !openable(rest) {
		// Run reports an unknown command itself, with a suggestion.
		os.Exit(runCommand(rest, notebook))
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
	defer importer.ClosePDF() // the PDF reader, if an import started it

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
	profileLater()
	w.ShowAndRun()
	return 0
}

// runCommand runs a headless command. With COMMONPLACE_PROFILE_CPU set
// it writes a CPU profile of the whole command there, and with
// COMMONPLACE_PROFILE_HEAP a heap profile COMMONPLACE_PROFILE_AFTER
// seconds in: what an export or an import spends its time and memory on
// (docs/BENCHMARKS.md).
func runCommand(args []string, notebook string) int {
	if heap := os.Getenv("COMMONPLACE_PROFILE_HEAP"); heap != "" {
		t := time.AfterFunc(profileSeconds("COMMONPLACE_PROFILE_AFTER", 40), func() {
			runtime.GC()
			writeProfile(heap, pprof.WriteHeapProfile)
		})
		defer t.Stop()
	}
	path := os.Getenv("COMMONPLACE_PROFILE_CPU")
	if path == "" {
		return cli.Run(args, notebook, cli.OSEnv())
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
		defer f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "commonplace: no CPU profile:", err)
		return cli.Run(args, notebook, cli.OSEnv())
	}
	defer pprof.StopCPUProfile()
	return cli.Run(args, notebook, cli.OSEnv())
}

// profileSeconds reads a number of seconds from the environment.
func profileSeconds(name string, def int) time.Duration {
	if s, err := strconv.Atoi(os.Getenv(name)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return time.Duration(def) * time.Second
}

// profileLater writes profiles of the running window, for issue 13's
// measurements (docs/BENCHMARKS.md says how to read them):
//   - a heap profile to COMMONPLACE_PROFILE_HEAP, COMMONPLACE_PROFILE_AFTER
//     seconds (default 40) into the session: where the memory goes once
//     the indexes are ready;
//   - a CPU profile to COMMONPLACE_PROFILE_CPU, from that moment for
//     COMMONPLACE_PROFILE_FOR seconds (default 20): what an idle window
//     spends its CPU on.
func profileLater() {
	heap, cpu := os.Getenv("COMMONPLACE_PROFILE_HEAP"), os.Getenv("COMMONPLACE_PROFILE_CPU")
	after, span := profileSeconds("COMMONPLACE_PROFILE_AFTER", 40), profileSeconds("COMMONPLACE_PROFILE_FOR", 20)
	if heap != "" {
		time.AfterFunc(after, func() {
			runtime.GC()
			writeProfile(heap, pprof.WriteHeapProfile)
		})
	}
	if cpu != "" {
		time.AfterFunc(after, func() {
			writeProfile(cpu, func(f io.Writer) error {
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				time.Sleep(span)
				pprof.StopCPUProfile()
				return nil
			})
		})
	}
}

func writeProfile(path string, write func(io.Writer) error) {
	f, err := os.Create(path)
	if err != nil {
		fyne.LogError("profile", err)
		return
	}
	defer f.Close()
	if err := write(f); err != nil {
		fyne.LogError("profile", err)
	}
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
