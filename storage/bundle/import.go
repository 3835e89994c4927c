package bundle

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// ImportOptions tunes an import.
type ImportOptions struct {
	Source   string                // the bundle's file name, shown with kept conflicts
	DryRun   bool                  // work out the report without changing the notebook
	Progress func(done, total int) // called now and then; may be nil
	Cancel   <-chan struct{}       // closing it aborts with ErrCancelled, changing nothing
}

// ImportReport says what an import did, or would do (DryRun).
type ImportReport struct {
	Added, Updated, Skipped, Conflicts int // items
	// Reattached counts, by the status they ended with, the annotations
	// re-anchored because the text of their piece differed: ours when the
	// bundle's text replaced it, the bundle's when they landed on a text
	// of ours that differs from theirs.
	Reattached map[anchor.Status]int
	// Outside lists the references not imported: those the bundle's
	// manifest says were left out of it, and any the merge left out.
	Outside []scope.OutsideRef
	Details []ImportItem // one per item, in the order merged
}

// ImportItem is what the import does with one item, for the preview.
type ImportItem struct {
	ID, Kind, Title string
	Action          string // "add", "update", "skip" or "conflict"
	Why             string
}

// Import checks the bundle (see Open) and merges it into the notebook by
// id, all or nothing: it plans every item against the notebook first,
// then applies the plan in one batch, or staged (copy and swap) when the
// change is too large for one. A refusal leaves the notebook untouched.
func Import(s *storage.Store, r io.ReaderAt, size int64, opt ImportOptions) (ImportReport, error) {
	defer collectSooner()()
	phases := 3 // check, plan, apply
	if opt.DryRun {
		phases = 2
	}
	prog := &progress{fn: opt.Progress, phases: phases}
	bun, err := open(r, size, prog, opt.Cancel)
	if err != nil {
		return ImportReport{}, err
	}
	if opt.Source == "" {
		opt.Source = "a bundle"
	}
	m := &merger{s: s, bun: bun, opt: opt, prog: prog}
	m.dry = opt.DryRun
	planned := s.Commits()
	if err := s.Peek(m.plan); err != nil {
		return ImportReport{}, err
	}
	if opt.DryRun || m.writes == 0 {
		prog.finish()
		return m.report(), nil
	}
	m.dry = false
	run := s.BigBatch
	if m.weight > stageAbove {
		run = s.Staged // certain not to fit one transaction: skip the attempt
	}
	applyFrom := prog.done
	applied := false
	err = run(func(b *storage.Batch) error {
		prog.done = applyFrom
		// The plan stands if nothing was written since it was made (the
		// write lock is held now) and no earlier attempt applied it; else
		// plan again against the notebook as it is.
		if applied || s.Commits() != planned {
			m.quiet = true
			err := m.plan(b)
			m.quiet = false
			if err != nil {
				return err
			}
		}
		applied = true
		return m.apply(b)
	})
	if err != nil {
		return ImportReport{}, err
	}
	prog.finish()
	return m.report(), nil
}

// stageAbove is the estimated size of the writes beyond which an import
// goes straight to a staged change: Badger's transactions here hold about
// 4 MB.
const stageAbove = 2 << 20

// ImportFile imports the bundle at path (see Import).
func ImportFile(s *storage.Store, path string, opt ImportOptions) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{}, fmt.Errorf("cannot open the bundle: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ImportReport{}, fmt.Errorf("cannot open the bundle: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return ImportReport{}, refuse("%s is not a file", filepath.Base(path))
	}
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	return Import(s, f, fi.Size(), opt)
}

// progress spreads the caller's progress over the phases of an import,
// each of which visits every item once.
type progress struct {
	fn          func(done, total int)
	phases      int
	done, total int
}

// setItems sizes the progress once the manifest says how many items come.
func (p *progress) setItems(n int) {
	if p != nil {
		p.total = max(1, n*p.phases)
	}
}

func (p *progress) tick() {
	if p == nil {
		return
	}
	p.done++
	if p.fn != nil && p.done <= p.total && (p.done%500 == 0 || p.done == p.total) {
		p.fn(p.done, p.total)
	}
}

func (p *progress) finish() {
	if p != nil && p.fn != nil {
		p.fn(p.total, p.total)
	}
}

// ImportPath imports whatever path is, as the window and the command line
// take it: a folder is a Markdown folder, a W3C Web Annotation file comes
// with texts (the files it annotates), anything else is a bundle.
func ImportPath(s *storage.Store, path string, texts []string, opt ImportOptions) (ImportReport, error) {
	info, err := os.Stat(path)
	if err != nil {
		return ImportReport{}, fmt.Errorf("%s: no such file or folder", path)
	}
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	switch {
	case info.IsDir():
		return ImportMarkdown(s, path, opt)
	case IsWebAnnotationFile(path):
		return ImportWebAnnotationFiles(s, path, texts, opt)
	}
	return ImportFile(s, path, opt)
}
