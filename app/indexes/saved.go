package indexes

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"

	"commonplace/storage"
)

// An index is built once and kept: the follower saves each index into the
// notebook (storage.SaveDerived: sealed, with the notebook's key when it
// is encrypted) once it is built and again a while after changes, and the
// next start loads it, asks the store what was written after the stamp it
// was saved at (storage.ChangedSince: keys only, no record read), applies
// just that, and is ready. Anything wrong with the saved index — missing,
// damaged, of another database or schema, or too far behind to be worth
// patching — and the index is built afresh as before.
//
// Saving is never urgent: an index saved late costs the next start a few
// more changes to apply, not correctness, so the follower saves when the
// notebook has been quiet for saveQuiet, and never holds up closing.

// staleShare is the share of a notebook's items that may have changed
// since an index was saved for applying the changes to beat building it
// afresh: a change is applied item by item, a build reads in bulk.
const staleShare = 4 // one in four

// catchUp lists the changes since at to items of the given kinds (all
// if none): items written after it, and items the saved index knows that
// the store no longer holds (deleted). known lists what the saved index
// knows, by id, with its kind (a link only matters through its ends, so it
// is told apart); stop ends the walk.
func catchUp(s *storage.Store, at storage.Stamp, kinds []storage.Kind, known map[string]storage.Kind, stop <-chan struct{}) ([]storage.Change, error) {
	if s.Stamp() == at {
		// Nothing was committed since (the notebook reopened as it was
		// left, the common case): no walk of every key.
		return nil, nil
	}
	var changes []storage.Change
	seen := map[string]bool{} // a piece is met twice, by record and text
	err := s.ChangedSince(at, kinds, func(k storage.Kind, id []byte, changed bool) error {
		delete(known, string(id))
		if changed && !seen[string(id)] {
			seen[string(id)] = true
			changes = append(changes, storage.Change{Op: storage.OpUpdate, Kind: k, ID: string(id)})
		}
		return stopped(stop)
	})
	if err != nil {
		return nil, err
	}
	for id, k := range known {
		changes = append(changes, storage.Change{Op: storage.OpDelete, Kind: k, ID: id})
	}
	return changes, nil
}

// tooStale reports whether so many items changed that a build is cheaper.
func tooStale(changes, items int) bool {
	return changes > 1000 && changes > items/staleShare
}

// errTrailing is a saved index with bytes after its end.
var errTrailing = errors.New("the saved index goes on after its end")

// atEnd checks that r has nothing left: the sealed stream checks its last
// chunk only when it is read to its end.
func atEnd(r io.Reader) error {
	var b [1]byte
	switch n, err := io.ReadFull(r, b[:]); {
	case n > 0:
		return errTrailing
	case errors.Is(err, io.EOF):
		return nil
	default:
		return err
	}
}

// stopWriter fails the write of a saved index once stop is closed, so
// that closing the notebook never waits for a save: the half-written file
// is dropped (storage.WriteWhole) and the last whole one stays.
type stopWriter struct {
	w    io.Writer
	stop <-chan struct{}
}

func (w stopWriter) Write(p []byte) (int, error) {
	if err := stopped(w.stop); err != nil {
		return 0, err
	}
	return w.w.Write(p)
}

// Link ends are saved beside the search engine, before it (search.Load
// refuses bytes after its end), with encoding/gob: the file is sealed, so
// what is read back is what was written.

func writeEnds(w io.Writer, ends map[string][2]string) error {
	return gob.NewEncoder(w).Encode(ends)
}

// readEnds reads what writeEnds wrote. r is a bufio.Reader, which gob
// reads without buffering ahead, so the engine's bytes that follow are
// left for search.Load.
func readEnds(r *bufio.Reader) (map[string][2]string, error) {
	ends := map[string][2]string{}
	if err := gob.NewDecoder(r).Decode(&ends); err != nil {
		return nil, fmt.Errorf("saved link ends: %w", err)
	}
	return ends, nil
}
