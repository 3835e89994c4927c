package bundle

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
)

// Import checks the bundle (see Open) and merges it into the notebook by
// id (see merge.Run): all or nothing, a refusal (ErrBadBundle) leaving the
// notebook untouched.
func Import(s *storage.Store, r io.ReaderAt, size int64, opt merge.Options) (merge.Report, error) {
	return importWithin(s, r, size, opt, formatLimits)
}

// importWithin is Import with the reader's limits as a parameter.
func importWithin(s *storage.Store, r io.ReaderAt, size int64, opt merge.Options, lim limits) (merge.Report, error) {
	if IsSealed(r) {
		var err error
		if r, size, err = unseal(r, size, opt.Passphrase); err != nil {
			return merge.Report{}, err
		}
	}
	b, err := openUnchecked(r, size, lim)
	if err != nil {
		return merge.Report{}, err
	}
	if opt.Source == "" {
		opt.Source = "a bundle"
	}
	rep, err := merge.Run(s, b, opt)
	return rep, merge.RefusedAs(err, ErrBadBundle)
}

// ImportFile imports the bundle at path (see Import).
func ImportFile(s *storage.Store, path string, opt merge.Options) (merge.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return merge.Report{}, fmt.Errorf("cannot open the bundle: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return merge.Report{}, fmt.Errorf("cannot open the bundle: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return merge.Report{}, refuse("%s is not a file", filepath.Base(path))
	}
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	return Import(s, f, fi.Size(), opt)
}
