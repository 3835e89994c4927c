package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// storeDir is the Badger folder inside a notebook folder. Keeping it one
// level down leaves room beside it (exports, backups) and lets Open tell a
// notebook from an unrelated folder.
const storeDir = "store"

// gcInterval is how often the value log is compacted in the background.
const gcInterval = 10 * time.Minute

// Store is an open notebook. It is safe for concurrent use.
type Store struct {
	dir  string
	db   *badger.DB
	now  func() time.Time
	refs *refCache
	// key is the data key of an encrypted notebook, nil otherwise: a
	// staged change and its swap open the database again with it.
	key []byte
	// kdf is how a new passphrase is turned into a key (defaultKDF; tests
	// use cheaper parameters).
	kdf kdfParams
	// readOnly is set for a notebook opened with OpenReadOnly: every
	// write is refused with ErrReadOnly, and nothing in the folder changes.
	readOnly bool

	// open is held for reading by every transaction and for writing by
	// Close, so closing waits for work under way and later calls get
	// ErrClosed rather than a Badger panic.
	open   sync.RWMutex
	closed bool
	// writing serialises writes, so a staged change can hold them all off.
	writing sync.Mutex

	stop     chan struct{}
	gcDone   sync.WaitGroup
	watchMu  sync.Mutex
	watchers []*watcher
	// outbox holds committed changes not yet delivered; delivering is set
	// while a goroutine calls the watchers.
	outbox     []announcement
	delivering bool
	// delivered stamps the last announcement the watchers have been
	// given (see Stamp); guarded by watchMu.
	delivered Stamp
	// gen counts the Badger databases this store has had: a staged change
	// swaps in another, whose versions start afresh. Changed only with
	// open held for writing.
	gen uint64
	// commits counts committed writes, so a caller can tell that nothing
	// was written between a read and a later write (see Commits).
	commits atomic.Uint64
	// made lists what the open that created this notebook made, the
	// deepest folder first (store/ first), and fresh is commits once it
	// was open: Discard removes a notebook nothing was written to.
	made  []string
	fresh uint64
}

// Commits counts the writes committed since the notebook was opened. Two
// equal readings mean nothing was written in between: an import planned
// against a snapshot need not plan again when it comes to write.
func (s *Store) Commits() uint64 { return s.commits.Load() }

// Open opens the notebook in dir, creating it when dir does not exist or is
// empty. It refuses a folder holding other files, a notebook another process
// has open, and one written by a newer schema, touching nothing in each case.
// An encrypted notebook needs WithPassphrase; a new one is encrypted with
// EncryptNew.
func Open(dir string, opts ...Option) (*Store, error) { return openAt(dir, true, newConfig(opts)) }

// OpenExisting opens the notebook in dir like Open, but never creates one:
// commands that only read must not leave an empty notebook behind a typo.
func OpenExisting(dir string, opts ...Option) (*Store, error) {
	return openAt(dir, false, newConfig(opts))
}

// Option says how a notebook is opened.
type Option func(*config)

type config struct {
	passphrase []byte
	encryptNew bool
	kdf        kdfParams
	steps      []migration // the schema this code reads: tests add a step
	key        []byte      // the data key, once unlocked
}

func newConfig(opts []Option) *config {
	c := &config{kdf: defaultKDF, steps: migrations}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithPassphrase unlocks an encrypted notebook, and encrypts one that
// EncryptNew creates. A notebook that is not encrypted ignores it.
func WithPassphrase(p []byte) Option { return func(c *config) { c.passphrase = p } }

// withKDF sets the key derivation's parameters for new passphrases: tests
// use cheap ones.
func withKDF(k kdfParams) Option { return func(c *config) { c.kdf = k } }

// EncryptNew encrypts a notebook the open creates with the passphrase
// given by WithPassphrase (of at least eight characters).
func EncryptNew() Option { return func(c *config) { c.encryptNew = true } }

// unlock unseals the data key of the notebook in abs: nil for a notebook
// that is not encrypted.
func (c *config) unlock(abs string) ([]byte, error) {
	if c.key != nil {
		return c.key, nil
	}
	h, ok, err := readKeyHeader(filepath.Join(abs, storeDir))
	if err != nil || !ok {
		return nil, err
	}
	if len(c.passphrase) == 0 {
		return nil, ErrPassphraseNeeded
	}
	c.key, err = h.open(c.passphrase)
	return c.key, err
}

// dbOptions are Badger's options for the store folder dir, with the
// notebook's data key if it is encrypted.
func dbOptions(dir string, key []byte) badger.Options {
	o := badgerOptions(dir)
	if key != nil {
		// Badger keeps a data key of its own per period, sealed with
		// this one in its KEYREGISTRY.
		o = o.WithEncryptionKey(key)
	}
	return o
}

// openAt opens a notebook, bringing it up to the last of c.steps.
func openAt(dir string, create bool, c *config) (*Store, error) {
	target := c.steps[len(c.steps)-1].to
	if dir == "" {
		return nil, invalid("no notebook folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// Badger sizes its log files up front (twice ValueLogFileSize for the
	// value log): under a lower file-size limit it would fail part-way,
	// leaving an empty file behind, so such a process is refused first.
	if limit, ok := fileSizeLimit(); ok && limit < 2*badgerOptions(abs).ValueLogFileSize {
		return nil, errFileSizeLimit
	}
	if err := recoverSwap(abs); err != nil {
		return nil, err
	}
	exists := Exists(abs)
	if !exists && !create {
		return nil, fmt.Errorf("%w: %s", ErrNoNotebook, abs)
	}
	store := filepath.Join(abs, storeDir)
	var key []byte
	if exists {
		if key, err = c.unlock(abs); err != nil {
			return nil, err
		}
		dropEmptyLogs(store)
		if err := checkSchemaReadOnly(abs, target, key); err != nil {
			return nil, err
		}
	} else {
		if err := checkNotebookDir(abs); err != nil {
			return nil, err
		}
		if c.encryptNew {
			if err := CheckNewPassphrase(c.passphrase); err != nil {
				return nil, err
			}
		}
	}
	var made []string // the folders this open makes, deepest first
	if !exists {
		for p := store; !pathExists(p); p = filepath.Dir(p) {
			made = append(made, p)
		}
	}
	if err := os.MkdirAll(store, 0o700); err != nil {
		if werr := writeProblem(err, abs); werr != nil {
			return nil, werr
		}
		return nil, fmt.Errorf("cannot create the notebook folder: %w", err)
	}
	if !exists {
		// A header an interrupted first open left is not this notebook's;
		// a half-written manifest would be read as the notebook's own.
		os.Remove(filepath.Join(store, keyFile))
		os.Remove(filepath.Join(store, "MANIFEST-REWRITE"))
		if c.encryptNew {
			h, k, err := newKeyHeader(c.passphrase, c.kdf)
			if err == nil {
				err = writeKeyHeader(store, h)
			}
			if err != nil {
				return nil, err
			}
			key = k
		}
	}
	db, err := badger.Open(dbOptions(store, key))
	if err != nil {
		if isLockError(err) {
			return nil, ErrLocked
		}
		if werr := writeProblem(err, abs); werr != nil {
			return nil, werr
		}
		if key == nil && strings.Contains(err.Error(), "Encryption key mismatch") {
			return nil, fmt.Errorf("%w: the notebook in %s is encrypted but its key header (%s/%s) is missing; restore the notebook from a backup",
				ErrNotNotebook, abs, storeDir, keyFile)
		}
		return nil, fmt.Errorf("cannot open the notebook in %s: %w", abs, err)
	}
	dropLeftovers(abs)
	s, err := started(db, abs, c.steps, key)
	if s != nil {
		s.kdf = c.kdf
	}
	if err == nil && !exists {
		s.made, s.fresh = made, s.commits.Load()
	}
	return s, err
}

// Discard closes the notebook and, when this open created it and nothing
// was written to it since, removes it again with the folders the open
// made: a command that created a notebook to hold its first item and was
// refused leaves no empty notebook behind (after a typo in --notebook, a
// notebook nobody asked for). Any other notebook is only closed.
func (s *Store) Discard() error {
	unused := s.made != nil && s.commits.Load() == s.fresh
	if err := s.Close(); err != nil || !unused {
		return err
	}
	if err := os.RemoveAll(s.made[0]); err != nil {
		return err
	}
	for _, dir := range s.made[1:] {
		if os.Remove(dir) != nil {
			break // not empty: something else was put there meanwhile
		}
	}
	return nil
}

// started makes an open database the notebook in dir: brought to the
// schema of the last of steps, its value log collected in the background.
func started(db *badger.DB, dir string, steps []migration, key []byte) (*Store, error) {
	s := newStore(db, dir, false, key)
	if err := s.migrate(steps); err != nil {
		db.Close()
		return nil, err
	}
	s.gcDone.Add(1)
	go s.collectGarbage()
	return s, nil
}

func newStore(db *badger.DB, dir string, readOnly bool, key []byte) *Store {
	s := &Store{dir: dir, db: db, now: func() time.Time { return time.Now().UTC() }, stop: make(chan struct{}),
		refs: newRefCache(), readOnly: readOnly, key: key, kdf: defaultKDF,
	}
	s.delivered = Stamp{version: s.lastCommit()}
	return s
}

// ReadOnly reports whether the notebook was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// OpenReadOnly opens the notebook in dir for reading: every write is
// refused (ErrReadOnly) and nothing in the folder is created or changed,
// so a notebook on a DVD, in an archive or in a colleague's read-only
// folder can be read, and reading never makes a sync tool copy a file.
// Several processes may read at once; none while one writes (Badger's
// lock). What a crash or an older app left for a read-write open to
// finish (Badger's log to replay, a cut-short swap, a schema to upgrade)
// is finished by one read-write open when the folder can be written, and
// is otherwise ErrCannotWrite with the reason. Windows has no read-only
// open in Badger: there the notebook is opened read-write and then
// refuses writes like any read-only one.
func OpenReadOnly(dir string, opts ...Option) (*Store, error) {
	return openReadOnly(dir, newConfig(opts))
}

func openReadOnly(dir string, c *config) (*Store, error) {
	if dir == "" {
		return nil, invalid("no notebook folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if !Exists(abs) && !swapCutShort(abs) {
		return nil, fmt.Errorf("%w: %s", ErrNoNotebook, abs)
	}
	s, err := openReadOnlyDB(abs, c)
	if err == nil || !errors.Is(err, errNeedsWrite) {
		return s, err
	}
	s, rwErr := openAt(abs, false, c)
	if rwErr != nil {
		if errors.Is(rwErr, ErrCannotWrite) && runtime.GOOS == "windows" {
			return nil, fmt.Errorf("cannot read the notebook in %s: on Windows a notebook can only be opened in a folder that can be written: %w", abs, rwErr)
		}
		if errors.Is(rwErr, ErrCannotWrite) {
			return nil, fmt.Errorf("cannot read the notebook in %s until it is opened once where it can be written (it was not closed cleanly): %w", abs, rwErr)
		}
		return nil, rwErr
	}
	s.readOnly = true
	return s, nil
}

// errNeedsWrite says a notebook needs a read-write open before it can be
// read: the reason is passed over, as the read-write open acts on it.
var errNeedsWrite = errors.New("the notebook needs a read-write open first")

func openReadOnlyDB(abs string, c *config) (*Store, error) {
	store := filepath.Join(abs, storeDir)
	if runtime.GOOS == "windows" || swapCutShort(abs) || hasEmptyLogs(store) {
		return nil, errNeedsWrite
	}
	key, err := c.unlock(abs)
	if err != nil {
		return nil, err
	}
	db, err := badger.Open(dbOptions(store, key).WithReadOnly(true))
	if err != nil {
		if isLockError(err) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("%w: %v", errNeedsWrite, err)
	}
	target := c.steps[len(c.steps)-1].to
	have, err := readSchema(db)
	switch {
	case err != nil:
	case have > target:
		err = fmt.Errorf("%w (notebook schema %d, this app reads %d)", ErrNewerSchema, have, target)
	case have < target && !readsAsIs(c.steps, have):
		err = errNeedsWrite
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return newStore(db, abs, true, key), nil
}

// OpenEmpty opens an empty notebook held in memory and written nowhere:
// what a dry run of an import compares with when the notebook it would go
// into does not exist yet, so the dry run creates nothing.
func OpenEmpty() (*Store, error) {
	db, err := badger.Open(badgerOptions("").WithInMemory(true).WithSyncWrites(false))
	if err != nil {
		return nil, err
	}
	return started(db, "", migrations, nil)
}

// checkSchemaReadOnly refuses a notebook written by a newer schema before
// anything opens it for writing (opening read-write already rewrites
// Badger's manifest). It is best effort: after a crash Badger must repair
// its log, which only a read-write open does, so then the check falls to
// migrate.
func checkSchemaReadOnly(dir string, target int, key []byte) error {
	db, err := badger.Open(dbOptions(filepath.Join(dir, storeDir), key).WithReadOnly(true))
	if err != nil {
		if isLockError(err) {
			return ErrLocked
		}
		return nil
	}
	defer db.Close()
	have, err := readSchema(db)
	if err != nil {
		return err
	}
	if have > target {
		return fmt.Errorf("%w (notebook schema %d, this app reads %d)", ErrNewerSchema, have, target)
	}
	return nil
}

// Exists reports whether dir already holds a notebook.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, storeDir, "MANIFEST"))
	return err == nil
}

// checkNotebookDir accepts, for a new notebook, a missing folder or an
// empty one (dot files aside); a folder with anything else in it, even a
// "store" subfolder that is not ours, is someone's other files, which a
// notebook must not mix with.
func checkNotebookDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the notebook folder: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.Name() == storeDir && e.IsDir() && onlyFirstOpenLeftovers(filepath.Join(dir, storeDir)) {
			continue // left by an interrupted first open
		}
		return fmt.Errorf("%w: %s holds other files; choose a new or empty folder", ErrNotNotebook, dir)
	}
	return nil
}

// firstOpenLeftovers are the files a first open killed before Badger
// wrote its MANIFEST may leave in store/: Badger's lock file, its
// manifest half written, and this app's key header (written before Badger
// opens). Nothing was ever stored: the notebook is made anew over them.
var firstOpenLeftovers = map[string]bool{"LOCK": true, "MANIFEST-REWRITE": true, keyFile: true}

// onlyFirstOpenLeftovers reports whether store holds nothing but what an
// interrupted first open leaves (or nothing at all).
func onlyFirstOpenLeftovers(store string) bool {
	entries, err := os.ReadDir(store)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !firstOpenLeftovers[e.Name()] && !strings.HasPrefix(e.Name(), ".") {
			return false
		}
	}
	return true
}

// isLockError recognises Badger's directory-lock failure on every platform
// ("Cannot acquire directory lock" with flock, "Cannot create lock file" on
// Windows) without depending on an exported error value it does not have.
func isLockError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot acquire directory lock") ||
		strings.Contains(msg, "Cannot create lock file") ||
		strings.Contains(msg, "resource temporarily unavailable")
}

// Dir is the notebook folder.
func (s *Store) Dir() string { return s.dir }

// Close waits for transactions under way, stops background work and closes
// the database. It is safe to call twice.
func (s *Store) Close() error {
	s.tidy()
	// After any write under way, a staged import included: it swaps
	// databases and must not find the store closed under it. (Same
	// order as update: writing, then open.)
	s.writing.Lock()
	defer s.writing.Unlock()
	s.open.Lock()
	defer s.open.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	close(s.stop)
	s.gcDone.Wait()
	return s.db.Close()
}

// collectGarbage rewrites value-log files that are mostly stale (edited
// texts leave old ones behind). Badger never does this by itself.
func (s *Store) collectGarbage() {
	defer s.gcDone.Done()
	t := time.NewTicker(gcInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			for s.db.RunValueLogGC(0.5) == nil {
				select {
				case <-s.stop:
					return
				default:
				}
			}
		}
	}
}

// view runs a read-only transaction.
func (s *Store) view(fn func(txn *badger.Txn) error) error {
	s.open.RLock()
	defer s.open.RUnlock()
	if s.closed {
		return ErrClosed
	}
	return s.db.View(fn)
}

// viewNoWait is view for a caller that must never wait on the notebook:
// while it is being closed or a staged copy swapped in, it returns ErrBusy
// at once (see PieceTextNoWait).
func (s *Store) viewNoWait(fn func(txn *badger.Txn) error) error {
	if !s.open.TryRLock() {
		return ErrBusy
	}
	defer s.open.RUnlock()
	if s.closed {
		return ErrClosed
	}
	return s.db.View(fn)
}

// update runs fn in a read-write transaction and commits it durably.
// Changes are announced to watchers only after the commit succeeded.
//
// Every read-write transaction runs under the write lock (here, and
// Staged), so none ever overlaps another: a transaction sees every commit
// made before it, a delete sees every reference added before it, and
// Badger never reports a conflict. (A second process cannot open the
// notebook at all: Badger's directory lock.)
func (s *Store) update(fn func(t *tx) error) error {
	defer s.deliver() // after the write lock is released: watchers may write
	s.writing.Lock()
	defer s.writing.Unlock()
	s.open.RLock()
	defer s.open.RUnlock()
	if s.closed {
		return ErrClosed
	}
	if s.readOnly {
		return ErrReadOnly
	}
	t := &tx{s: s, txn: s.db.NewTransaction(true), now: s.now()}
	defer t.txn.Discard()
	err := fn(t)
	if err == nil {
		err = t.txn.Commit()
	}
	switch {
	case errors.Is(err, badger.ErrTxnTooBig):
		return ErrTooBig
	case writeProblem(err, s.dir) != nil:
		return writeProblem(err, s.dir)
	case err == nil:
		s.refs.invalidate(t.changes)
		s.commits.Add(1)
		s.announce(t.changes)
	}
	return err
}
