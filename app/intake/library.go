package intake

import (
	"fmt"
	"path/filepath"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/library"
)

// LibraryReport is what importing a reference library did, entry by
// entry; AsMerge is the same as every other import reports it.
type LibraryReport struct {
	library.Report
}

// ImportLibrary reads the reference library at path whole, with its
// attachments' texts, before the notebook is touched (a file it cannot
// read is refused naming the line, and nothing is written), then imports
// it: opt.DryRun previews, opt.Progress is told when it is done.
func ImportLibrary(s *storage.Store, path string, opt merge.Options) (LibraryReport, error) {
	if cancelled(opt.Cancel) {
		return LibraryReport{}, merge.ErrCancelled
	}
	l, err := library.ReadFile(path)
	if err != nil {
		return LibraryReport{}, err
	}
	if cancelled(opt.Cancel) {
		return LibraryReport{}, merge.ErrCancelled
	}
	rep, err := l.Import(s, library.Options{DryRun: opt.DryRun})
	if err != nil {
		return LibraryReport{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if opt.Progress != nil {
		opt.Progress(1, 1)
	}
	return LibraryReport{rep}, nil
}

// AsMerge is the report in the merge's terms, for the preview every
// import shows: a created piece is added, a filled-in one updated, a
// matched one with nothing new and an entry not imported are skipped,
// each saying which entry and why.
func (r LibraryReport) AsMerge() merge.Report {
	rep := merge.Report{Added: r.Created, Updated: r.Updated, Skipped: r.Unchanged + r.Skipped}
	for _, o := range r.Outcomes {
		action := "skip"
		switch o.Action {
		case library.Created:
			action = "add"
		case library.Updated:
			action = "update"
		}
		rep.Details = append(rep.Details, merge.Item{ID: o.PieceID, Kind: string(storage.KindPiece), Title: o.Title,
			Action: action, Why: o.Entry + ": " + o.Why})
	}
	return rep
}

// LibraryExtensions are the file name extensions of reference libraries,
// for a file chooser.
func LibraryExtensions() []string { return library.Extensions() }
