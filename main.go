// Command commonplace is a research notebook: with no command it opens the
// window on a notebook; with one (import, pieces, show, annotate, …) it runs
// headless. This is the only file that imports Fyne's app package.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"commonplace/app"
	"commonplace/app/cli"
	"commonplace/app/demo"
	_ "commonplace/app/locale" // before Fyne reads the locale
	"commonplace/assets"
	"commonplace/storage"
)

func main() {
	notebook, rest, err := splitNotebookFlag(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "commonplace:", err)
		os.Exit(cli.ExitUsage)
	}
	if len(rest) > 0 {
		// Run reports an unknown command itself, with a suggestion.
		os.Exit(cli.Run(rest, notebook, cli.OSEnv()))
	}
	os.Exit(runWindow(notebook))
}

// splitNotebookFlag takes a leading --notebook DIR (or --notebook=DIR) off
// the arguments; commands also accept it after their name.
func splitNotebookFlag(args []string) (string, []string, error) {
	if len(args) == 0 {
		return "", args, nil
	}
	a := strings.TrimPrefix(args[0], "-")
	switch {
	case a == "-notebook" || a == "notebook":
		if len(args) < 2 {
			return "", nil, fmt.Errorf("--notebook needs a folder")
		}
		return args[1], args[2:], nil
	case strings.HasPrefix(a, "-notebook=") || strings.HasPrefix(a, "notebook="):
		_, dir, _ := strings.Cut(a, "=")
		return dir, args[1:], nil
	}
	return "", args, nil
}

// runWindow opens the notebook in the window and returns the exit code.
func runWindow(notebook string) int {
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	if notebook == "" {
		notebook = os.Getenv("COMMONPLACE_NOTEBOOK")
	}
	// The default notebook gets the demo on first start, so a new user sees
	// every feature; a folder the user named starts empty.
	firstDefault := false
	if notebook == "" {
		notebook = filepath.Join(a.Storage().RootURI().Path(), "notebook")
		firstDefault = !storage.Exists(notebook)
	}
	s, err := storage.Open(notebook)
	if err != nil {
		return app.ShowFatal(a, err)
	}
	defer s.Close()
	if firstDefault {
		if _, err := demo.Load(s, assets.Demo()); err != nil {
			fyne.LogError("could not add the demo notebook", err)
		}
	}

	// A terminal's Ctrl+C or a session logout quits like the Quit menu, so
	// the store is closed properly.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()

	app.NewMainWindow(a, s).ShowAndRun()
	return 0
}
