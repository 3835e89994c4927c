package bundle

import (
	"io"
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
	// Passphrase, when set, seals the bundle ExportFile writes (see
	// sealed.go): an age file only its passphrase opens.
	Passphrase []byte
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

// ExportFile selects sc and exports it to path, whole or not at all
// (storage.WriteWhole): path never holds half a bundle, whatever happens.
func ExportFile(s *storage.Store, sc scope.Scope, path string, opt ExportOptions) (*Manifest, error) {
	sel, err := scope.Select(s, sc)
	if err != nil {
		return nil, err
	}
	var m *Manifest
	var bases map[string]string
	err = storage.WriteWhole(path, "the bundle", 0o644, func(w io.Writer) error {
		var err error
		if len(opt.Passphrase) == 0 {
			m, bases, err = export(s, sel, w, opt)
			return err
		}
		sealed, err := sealWriter(w, opt.Passphrase)
		if err != nil {
			return err
		}
		if m, bases, err = export(s, sel, sealed, opt); err != nil {
			return err
		}
		return sealed.Close()
	})
	if err != nil {
		return nil, err
	}
	return m, s.RecordSyncBases(bases)
}
