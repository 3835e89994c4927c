package bundle

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/scope"
)

// ExportOptions tunes an export.
type ExportOptions struct {
	App      string                // the app and version for the manifest, e.g. "Commonplace 0.1.0"
	Now      func() time.Time      // the manifest's created time (tests fix it); nil is the clock
	Progress func(done, total int) // called now and then with items written; may be nil
	Cancel   <-chan struct{}       // closing it aborts the export with merge.ErrCancelled, leaving no file
}

// Export writes the selected items to w as a bundle, streaming: texts and
// annotations are read and written one at a time, never all held at once.
// Once the bundle is whole, it records each item's hash as its sync base,
// so a later import of the colleague's copy can tell who changed what.
func Export(s *storage.Store, sel *scope.Selection, w io.Writer, opt ExportOptions) (*Manifest, error) {
	m, bases, err := export(s, sel, w, opt)
	if err != nil {
		return nil, err
	}
	return m, s.RecordSyncBases(bases)
}

// ExportFile selects sc and exports it to path. The bundle is written to
// a temporary file beside path and renamed into place only when complete,
// so path never holds half a bundle, whatever happens.
func ExportFile(s *storage.Store, sc scope.Scope, path string, opt ExportOptions) (*Manifest, error) {
	sel, err := scope.Select(s, sc)
	if err != nil {
		return nil, err
	}
	dropStalePartials(path)
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return nil, cannotWrite(path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	m, bases, err := export(s, sel, bw, opt)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == tmp {
		return nil, cannotWrite(path, err) // the disk filled up, a size limit was reached
	}
	if err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, cannotWrite(path, err)
	}
	// A rename can reach the disk before the data it names: sync first.
	if err := f.Sync(); err != nil {
		return nil, cannotWrite(path, err)
	}
	if err := f.Close(); err != nil {
		return nil, cannotWrite(path, err)
	}
	os.Chmod(tmp, 0o644) // a bundle is for sharing; CreateTemp made it private
	if err := os.Rename(tmp, path); err != nil {
		return nil, cannotWrite(path, err)
	}
	done = true
	syncDir(filepath.Dir(path))
	return m, s.RecordSyncBases(bases)
}

// syncDir makes a rename durable where the system allows it (best effort:
// Windows cannot open a folder for syncing).
// partialAge is how long a partial bundle may stand untouched before the
// next export to the same name takes it for the litter of one that was
// killed: an export under way writes to its file all the time.
const partialAge = 10 * time.Minute

// dropStalePartials removes the temporary files that exports to path left
// when they were killed before renaming them into place.
func dropStalePartials(path string) {
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".*.partial"))
	for _, p := range stale {
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > partialAge {
			os.Remove(p)
		}
	}
}

// globEscape makes a file name match itself in a glob pattern.
func globEscape(name string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(name)
}

// cannotWrite says why the bundle could not be written to path, naming
// path rather than the temporary file it was being written into.
func cannotWrite(path string, err error) error {
	return storage.FileError("cannot write the bundle to "+path, err)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
