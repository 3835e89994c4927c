package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"commonplace/app/intake"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/markdown"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

func runExport(c *context, args []string) error {
	var tags, pieces, claims stringList
	fs := c.flags()
	out := fs.String("out", "", "FILE.zip to write")
	md := fs.String("markdown", "", "write a Markdown folder DIR instead (Obsidian-friendly)")
	from := fs.String("from", "", "pieces published on or after this date (YYYY[-MM[-DD]])")
	to := fs.String("to", "", "pieces published on or before this date")
	fs.Var(&tags, "tag", "pieces with this tag (repeatable)")
	fs.Var(&pieces, "piece", "this piece (repeatable)")
	fs.Var(&claims, "claim", "this claim with its evidence (repeatable)")
	encrypt := fs.Bool("encrypt", false, "encrypt the bundle with a passphrase (an age file; name it FILE.zip.age)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	if (*out == "") == (*md == "") {
		return usagef("give --out FILE.zip or --markdown DIR (one of them)")
	}
	if *out != "" && !*encrypt && !strings.EqualFold(filepath.Ext(*out), ".zip") {
		return usagef("--out names a .zip file")
	}
	if *encrypt && *out != "" && !strings.EqualFold(filepath.Ext(*out), ".age") {
		return usagef("an encrypted bundle is named FILE.zip.age")
	}
	if *encrypt && *md != "" {
		return usagef("--encrypt encrypts a bundle (--out); a Markdown folder is for reading in other apps")
	}
	for i := range pieces {
		if err := checkID("--piece", &pieces[i]); err != nil {
			return err
		}
	}
	for i := range claims {
		if err := checkID("--claim", &claims[i]); err != nil {
			return err
		}
	}
	s, err := c.readPreferWrite()
	if err != nil {
		return err
	}
	sc := scope.Scope{Tags: tags, Pieces: pieces, Claims: claims, From: *from, To: *to}
	var counts scope.Counts
	var outside int
	if *out != "" {
		var opt bundle.ExportOptions
		if *encrypt {
			if opt.Passphrase, err = c.newPassphrase(envBundlePassphrase); err != nil {
				return err
			}
		}
		m, err := bundle.ExportFile(s, sc, *out, opt)
		if err != nil {
			return err
		}
		counts, outside = m.Counts, len(m.Outside)
	} else {
		sel, err := scope.Select(s, sc)
		if err != nil {
			return err
		}
		if counts, err = markdown.Export(s, sel, *md); err != nil {
			return err
		}
		outside = len(sel.Outside)
	}
	where := *out + *md
	c.printf("exported %d pieces, %d annotations, %d claims, %d links, %d notes to %s\n",
		counts.Pieces, counts.Annotations, counts.Claims, counts.Links, counts.Notes, where)
	if outside > 0 {
		c.printf("%d referenced items outside the selection are named in it but not included\n", outside)
	}
	return nil
}

// runImportWhole brings in a bundle, a Markdown folder, a folder of
// articles, or a W3C Web Annotation file with the texts it annotates,
// keeping a progress line up to date while it runs on a terminal.
func runImportWhole(c *context, path string, texts []string, dryRun, asJSON bool) error {
	opt := merge.Options{DryRun: dryRun, CountsOnly: !dryRun && !asJSON} // printImportReport prints only the counts
	sealed := intake.IsSealed(path)
	var err error
	// Asked before the notebook is opened (or created), unless it is the
	// line after the notebook's passphrase on standard input.
	if sealed && !c.passphraseStdin {
		if opt.Passphrase, err = c.bundlePassphrase(); err != nil {
			return err
		}
	}
	s, err := c.openToImport(dryRun)
	if err != nil {
		return err
	}
	if sealed && c.passphraseStdin {
		if opt.Passphrase, err = c.bundlePassphrase(); err != nil {
			return err
		}
	}
	line := c.progressLine("importing " + filepath.Base(path))
	if !asJSON {
		opt.Progress = line.show
	}
	rep, err := intake.Import(s, path, texts, opt)
	line.clear()
	if err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	return printImportReport(c, rep, dryRun, asJSON)
}

// printImportReport prints what a merge did, or would do.
func printImportReport(c *context, rep merge.Report, dryRun, asJSON bool) error {
	if asJSON {
		return c.printJSON(rep)
	}
	prefix := ""
	if dryRun {
		prefix = "would import: "
	}
	c.printf("%sadded %d, updated %d, conflicts %d, skipped %d\n", prefix, rep.Added, rep.Updated, rep.Conflicts, rep.Skipped)
	if len(rep.Outside) > 0 {
		c.printf("%d references to items not in the bundle were left out\n", len(rep.Outside))
	}
	return nil
}
