package bundle

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// The plan goes into the notebook the way a bundle does, through the
// same checked, all-or-nothing merge: it is written into a throwaway
// notebook, exported from there as a bundle and that bundle imported.
// Dry runs, previews, merging by id, kept conflicts and the report then
// behave exactly as for a colleague's bundle, and the Web Annotation
// reader cannot write anything the bundle reader would not accept.

// run imports the plan into s and adds to the report the annotations
// left out and, in Reattached, how the passages added were found.
func (pl *waPlan) run(s *storage.Store, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{Reattached: map[anchor.Status]int{}}
	if len(pl.pieces) > 0 {
		var err error
		if rep, err = pl.merge(s, opt); err != nil {
			return ImportReport{}, err
		}
		if rep.Reattached == nil {
			rep.Reattached = map[anchor.Status]int{}
		}
		for _, d := range rep.Details {
			if d.Kind == string(storage.KindAnnotation) && d.Action == actAdd.String() {
				rep.Reattached[pl.status[d.ID]]++
			}
		}
	}
	rep.Details = append(rep.Details, pl.skips...)
	rep.Skipped += len(pl.skips)
	return rep, nil
}

// merge builds the bundle in a temporary folder and imports it.
func (pl *waPlan) merge(s *storage.Store, opt ImportOptions) (ImportReport, error) {
	dir, err := os.MkdirTemp("", "commonplace-webanno-")
	if err != nil {
		return ImportReport{}, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "annotations.zip")
	if err := pl.writeBundle(filepath.Join(dir, "nb"), path, opt.Cancel); err != nil {
		return ImportReport{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ImportReport{}, err
	}
	return Import(s, f, fi.Size(), opt)
}

// writeBundle writes the plan into a new notebook at nbDir and exports
// all of it to path.
func (pl *waPlan) writeBundle(nbDir, path string, cancel <-chan struct{}) error {
	tmp, err := storage.Open(nbDir)
	if err != nil {
		return fmt.Errorf("cannot make a temporary notebook: %w", err)
	}
	defer tmp.Close()
	err = tmp.BigBatch(func(b *storage.Batch) error {
		for _, r := range pl.rels {
			if err := b.ImportRelation(r); err != nil {
				return err
			}
		}
		for _, p := range pl.pieces {
			if err := b.ImportPiece(p.p, p.text, nil); err != nil {
				return err
			}
		}
		for _, a := range pl.anns {
			if err := b.ImportAnnotation(a); err != nil {
				return err
			}
		}
		for _, l := range pl.links {
			if err := b.ImportLink(l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sel, err := scope.Select(tmp, scope.Scope{})
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	if _, _, err := export(tmp, sel, w, ExportOptions{App: "Commonplace (Web Annotation import)", Cancel: cancel}); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
