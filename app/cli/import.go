package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"commonplace/app/intake"
	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/importer"
	"commonplace/storage/library"
)

// runImport imports what its arguments hold, through intake: a bundle, a
// Markdown folder, a reference library, or a W3C annotation file with the
// texts after it, each on its own; otherwise articles and folders of articles, read whole
// before the notebook is opened, then added all or nothing. --dry-run
// writes nothing, not even a new notebook.
func runImport(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	fs.Var(&tags, "tag", "for articles: a tag for every imported piece (repeatable)")
	dryRun := fs.Bool("dry-run", false, "say what would change, change nothing")
	asJSON := fs.Bool("json", false, "print what was imported, or would be, as JSON")
	paths, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("expected at least one file or folder to import")
	}
	if slices.ContainsFunc(paths, func(p string) bool { return strings.TrimSpace(p) == "" }) {
		return usagef("an empty argument names no file or folder to import")
	}
	for i, p := range paths {
		kind, err := intake.KindOf(p)
		if err != nil {
			continue // reading it says what is wrong
		}
		switch {
		case kind == intake.WebAnnotations && i == 0:
			if len(tags) > 0 {
				return usagef("--tag is for articles; a %s brings its own", kind)
			}
			return runImportWhole(c, p, paths[1:], *dryRun, *asJSON)
		case kind == intake.Bundle || kind == intake.MarkdownFolder || kind == intake.WebAnnotations:
			if len(paths) > 1 {
				return usagef("%s is a %s: import it on its own (a Web Annotation file first, with the texts it annotates after it)", p, kind)
			}
			if len(tags) > 0 {
				return usagef("--tag is for articles; a %s brings its own", kind)
			}
			return runImportWhole(c, p, nil, *dryRun, *asJSON)
		case kind == intake.Library:
			if len(paths) > 1 {
				return usagef("%s is a %s: import it on its own", p, kind)
			}
			if len(tags) > 0 {
				return usagef("--tag is for articles; a %s brings its own keywords", kind)
			}
			return runImportLibrary(c, p, *dryRun, *asJSON)
		}
	}
	line := c.progressLine("reading")
	opt := merge.Options{DryRun: *dryRun}
	if !*asJSON {
		opt.Progress = line.show
	}
	a, err := intake.ReadArticles(paths, tags, opt)
	if errors.Is(err, importer.ErrPassword) {
		// An encrypted PDF: asked for only now, so that no other import
		// ever prompts; its wrong password is reported as the first was.
		line.clear()
		var read importer.Options
		if read.Password, err = c.pdfPassword(); err == nil {
			line = c.progressLine("reading")
			a, err = intake.ReadArticlesWith(paths, tags, read, opt)
		}
	}
	line.clear()
	if err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	s, err := c.openToImport(*dryRun)
	if err != nil {
		return err
	}
	line = c.progressLine("importing")
	if !*asJSON {
		opt.Progress = line.show
	}
	rep, err := a.Import(s, opt)
	line.clear()
	if err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	if *dryRun || *asJSON || anyFolder(paths) {
		return printImportReport(c, rep, *dryRun, *asJSON)
	}
	for _, it := range rep.Details { // files named one by one: their ids, in order
		if it.Action == "add" {
			c.println(it.ID)
		}
	}
	return nil
}

// anyFolder reports whether a folder is among paths: its files were not
// named one by one, so the import says how many came rather than listing
// their ids.
func anyFolder(paths []string) bool {
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}

// openToImport opens the notebook an import goes into, creating it; a dry
// run writes nothing, so with no notebook there yet it compares with an
// empty one held in memory.
func (c *context) openToImport(dryRun bool) (*storage.Store, error) {
	if !dryRun {
		return c.create()
	}
	s, err := c.read()
	if errors.Is(err, storage.ErrNoNotebook) {
		if s, err = storage.OpenEmpty(); err == nil {
			c.store = s
		}
	}
	return s, err
}

// runImportLibrary imports a reference library (BibTeX, RIS, CSL-JSON),
// read whole with its attachments before the notebook is opened, and
// prints what became of each entry: created, updated (and with what),
// unchanged, or skipped, and why.
func runImportLibrary(c *context, path string, dryRun, asJSON bool) error {
	l, err := library.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	s, err := c.openToImport(dryRun)
	if err != nil {
		return err
	}
	rep, err := l.Import(s, library.Options{DryRun: dryRun})
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", filepath.Base(path), err)
	}
	if asJSON {
		return c.printJSON(rep)
	}
	prefix := ""
	if dryRun {
		prefix = "would import: "
	}
	c.printf("%s%s (%s): created %d, updated %d, unchanged %d, skipped %d\n", prefix, l.Name, l.Format,
		rep.Created, rep.Updated, rep.Unchanged, rep.Skipped)
	for _, o := range rep.Outcomes {
		c.printf("%-9s %s  %s — %s\n", o.Action, o.Entry, o.Title, o.Why)
	}
	return nil
}
