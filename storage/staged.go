package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Folders beside store/ during a staged change.
const (
	stagingDir = "store.staging" // the copy being changed
	oldDir     = "store.old"     // the notebook being replaced, until the swap is done
)

// OpReload tells watchers that the whole notebook changed at once (a
// staged import): reload everything.
const OpReload Op = "reload"

// Staged makes a change too large for one transaction — a big bundle
// import — all or nothing. It copies the notebook, runs fn on the copy
// (committing as it goes), and only if fn succeeds puts the copy in the
// notebook's place. If fn fails, or the process dies at any point, the
// notebook is exactly as it was: an unfinished copy is removed on the next
// open, and a swap cut short is undone.
//
// Other writes wait until Staged returns (their changes would otherwise
// be lost in the swap); reads go on against the notebook as it was.
func (s *Store) Staged(fn func(b *Batch) error) error {
	return s.staged(stagedCopy{options: stagingOptions, key: s.key}, fn)
}

// stagedCopy is how a staged change makes its copy.
type stagedCopy struct {
	options func(dir string) badger.Options // Badger's options for it, but the key
	key     []byte                          // its data key: the notebook's, or a new one
	header  *keyHeader                      // its key header, when the key is new
}

// staged is Staged with how the copy is made as a parameter.
func (s *Store) staged(c stagedCopy, fn func(b *Batch) error) error {
	defer s.deliver() // after the write lock is released: watchers may write
	s.writing.Lock()
	defer s.writing.Unlock()
	s.open.RLock()
	closed := s.closed
	s.open.RUnlock()
	if closed {
		return ErrClosed
	}
	if s.readOnly {
		return ErrReadOnly
	}
	staging := filepath.Join(s.dir, stagingDir)
	os.RemoveAll(staging)
	o := c.options(staging)
	if c.key != nil {
		o = o.WithEncryptionKey(c.key)
	}
	copyDB, err := badger.Open(o)
	if err != nil {
		return fmt.Errorf("cannot prepare the import: %w", err)
	}
	cp := &Store{dir: s.dir, db: copyDB, now: s.now, refs: newRefCache(), stop: make(chan struct{})}
	err = copyInto(s.db, copyDB)
	if err == nil {
		err = cp.bulk(fn)
	}
	if err == nil {
		// The copy's commits were not synced one by one (see
		// stagingOptions): it goes to disk whole before it is swapped in.
		err = copyDB.Sync()
	}
	if cerr := copyDB.Close(); err == nil {
		err = cerr
	}
	if err == nil && c.key != nil {
		// An encrypted copy takes its key header into its folder, so
		// that the swap puts data and header in place together: the
		// notebook's own, or the new one of a conversion.
		h := c.header
		if h == nil {
			live, ok, rerr := readKeyHeader(filepath.Join(s.dir, storeDir))
			if rerr == nil && !ok {
				rerr = errors.New("the notebook's key header is missing")
			}
			err, h = rerr, &live
		}
		if err == nil {
			err = writeKeyHeader(staging, *h)
		}
	}
	if err != nil {
		os.RemoveAll(staging)
		return err
	}
	return s.swapIn(staging, c.key)
}

// Compacting level 0 on close (badgerOptions) merges a session's new table
// into the tables whose keys it falls among; a session whose keys fall
// among none (notes added to a notebook of pieces with no passages: "n/"
// sorts before "p/") leaves a small table of its own at the base level,
// where Badger never merges small tables, and opening slows with each.
// Tables compaction writes are about 2 MB (BaseTableSize): a small one is
// a session's. tidyAbove is how many small tables Close lets stand.
const (
	tidyAbove  = 128
	smallTable = 256 << 10
)

// tidy rewrites the notebook into a few large tables when sessions have
// left many small ones, through a staged change that changes nothing
// (copy and swap, as safe as an import). In the worst case it costs a
// copy of the notebook every tidyAbove sessions (4–7 s for 10,000
// pieces, a few milliseconds for a small notebook); a failure leaves the
// notebook as it was. Left alone, tables would pile up past the open
// files a process may hold (256 by default on macOS).
func (s *Store) tidy() {
	s.open.RLock()
	small := 0
	if !s.closed && !s.readOnly && s.dir != "" {
		for _, t := range s.db.Tables() {
			if t.OnDiskSize < smallTable {
				small++
			}
		}
	}
	s.open.RUnlock()
	if small > tidyAbove {
		// Written as the notebook itself is (compressed): nothing is
		// being loaded in bulk, and the copy is what stays.
		s.staged(stagedCopy{options: func(dir string) badger.Options { return badgerOptions(dir).WithSyncWrites(false) }, key: s.key},
			func(*Batch) error { return nil })
	}
}

// copyInto streams every key of from into to.
func copyInto(from, to *badger.DB) error {
	r, w := io.Pipe()
	go func() {
		_, err := from.Backup(w, 0)
		w.CloseWithError(err)
	}()
	err := to.Load(r, 64)
	r.Close()
	return err
}

// bulk runs fn with a batch that commits every bulkRecords records.
func (s *Store) bulk(fn func(b *Batch) error) error {
	t := &tx{s: s, txn: s.db.NewTransaction(true), now: s.now()}
	b := &Batch{t: t}
	b.bulk = func(t *tx) (*tx, error) {
		if err := t.txn.Commit(); err != nil {
			return nil, err
		}
		return &tx{s: s, txn: s.db.NewTransaction(true), now: s.now()}, nil
	}
	if err := fn(b); err != nil {
		b.t.txn.Discard()
		return err
	}
	err := b.t.txn.Commit()
	if errors.Is(err, badger.ErrTxnTooBig) {
		return ErrTooBig
	}
	return err
}

// swapIn replaces the notebook's database with the one in staging,
// encrypted with key.
func (s *Store) swapIn(staging string, key []byte) error {
	s.open.Lock()
	defer s.open.Unlock()
	close(s.stop)
	s.gcDone.Wait()
	live := filepath.Join(s.dir, storeDir)
	old := filepath.Join(s.dir, oldDir)
	restart := func() {
		s.stop = make(chan struct{})
		s.gcDone.Add(1)
		go s.collectGarbage()
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	reopenLive := func(cause error) error {
		db, err := badger.Open(dbOptions(live, s.key))
		if err != nil {
			return fmt.Errorf("%v; and the notebook could not be reopened: %w", cause, err)
		}
		s.db = db
		s.gen++
		restart()
		return cause
	}
	if err := os.Rename(live, old); err != nil {
		os.RemoveAll(staging)
		return reopenLive(fmt.Errorf("cannot swap in the imported notebook: %w", err))
	}
	if err := os.Rename(staging, live); err != nil {
		os.Rename(old, live)
		os.RemoveAll(staging)
		return reopenLive(fmt.Errorf("cannot swap in the imported notebook: %w", err))
	}
	db, err := badger.Open(dbOptions(live, key))
	if err != nil {
		// The copy will not open: put the notebook back as it was.
		os.RemoveAll(live)
		os.Rename(old, live)
		return reopenLive(fmt.Errorf("the imported notebook would not open: %w", err))
	}
	s.db, s.key = db, key
	s.gen++
	s.refs.reset() // in place: readers hold the pointer without the open lock
	restart()
	os.RemoveAll(old)
	s.commits.Add(1)
	s.announce([]Change{{Op: OpReload}})
	return nil
}

// recoverSwap undoes a swap cut short between its two renames (the
// notebook folder renamed away, the copy not yet in its place): the
// notebook is put back as it was. It runs before the notebook is opened.
func recoverSwap(dir string) error {
	if !swapCutShort(dir) {
		return nil
	}
	if err := os.Rename(filepath.Join(dir, oldDir), filepath.Join(dir, storeDir)); err != nil {
		return fmt.Errorf("cannot restore the notebook after an interrupted import: %w", err)
	}
	return nil
}

// swapCutShort reports whether a swap was cut short in dir: the notebook
// renamed away and the copy not in its place.
func swapCutShort(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, storeDir))
	if !errors.Is(err, os.ErrNotExist) {
		return false
	}
	_, err = os.Stat(filepath.Join(dir, oldDir))
	return err == nil
}

// dropEmptyLogs removes the value-log and memtable files a crash left
// empty: created, then killed before Badger sized them. Badger takes an
// empty file it finds for one it must create, refuses to open the
// notebook ("Create a new file"), and sizes the file on the way out, so
// the next try works: a crash would make one open fail. An empty file
// holds nothing; a file Badger wrote is never empty (a value log starts
// with its header; a memtable file is sized when made and removed once
// flushed). It runs before the notebook is opened; a folder that cannot
// be written is left alone.
func dropEmptyLogs(store string) {
	entries, err := os.ReadDir(store)
	if err != nil {
		return
	}
	for _, e := range entries {
		if isEmptyLog(e) {
			os.Remove(filepath.Join(store, e.Name()))
		}
	}
}

// hasEmptyLogs reports whether dropEmptyLogs has anything to drop.
func hasEmptyLogs(store string) bool {
	entries, err := os.ReadDir(store)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if isEmptyLog(e) {
			return true
		}
	}
	return false
}

func isEmptyLog(e os.DirEntry) bool {
	name := e.Name()
	if !strings.HasSuffix(name, ".vlog") && !strings.HasSuffix(name, ".mem") {
		return false
	}
	info, err := e.Info()
	return err == nil && info.Mode().IsRegular() && info.Size() == 0
}

// dropLeftovers removes what a staged change left when the process died:
// an unfinished copy, or the replaced notebook of a finished swap. It runs
// once the notebook is open, so its lock shows no other process is using
// them.
func dropLeftovers(dir string) {
	os.RemoveAll(filepath.Join(dir, stagingDir))
	os.RemoveAll(filepath.Join(dir, oldDir))
}
