package storage

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/klauspost/compress/zstd"
)

// A backup is the whole notebook in one file: every key Badger holds,
// written by Badger's own backup stream (DB.Backup) and read back by its
// loader (DB.Load), so nothing is left out or reinterpreted. The file is
//
//	commonplace-backup 1\n
//	{header as JSON}\n
//	the stream, compressed with zstd, then sealed
//
// Compressed, a 10,000-piece notebook's backup is a third of the raw
// stream's size (zstd at its fastest level keeps pace with Badger).
//
// The stream is sealed in 64 KiB chunks of AES-256-GCM, each chunk's
// nonce its number and a last-chunk flag (the STREAM construction age
// uses): a backup cut short, or with chunks dropped, reordered or
// damaged, fails to restore instead of restoring part of a notebook.
// The stream's key is derived (HKDF-SHA-256 over a random salt in the
// header) from the notebook's data key when it is encrypted — the header
// then carries the notebook's key header, the data key sealed with the
// passphrase, so the backup stays encrypted, restoring it needs the
// passphrase and gives a notebook the same passphrase opens — and from a
// random key written in the header otherwise, where it only guards the
// backup's integrity.

const (
	backupMagic   = "commonplace-backup 1\n"
	backupChunk   = 64 << 10
	backupSalt    = 32
	backupHKDF    = "commonplace backup stream"
	backupMaxHead = 64 << 10
)

// ErrNotBackup is a file that is not a Commonplace backup, or is damaged.
var ErrNotBackup = errors.New("this file is not a Commonplace backup, or it is damaged")

// backupHeader is a backup's header line.
type backupHeader struct {
	Created time.Time  `json:"created"`
	Schema  int        `json:"schema"`
	Key     *keyHeader `json:"key,omitempty"`       // an encrypted notebook's key header
	Plain   []byte     `json:"plain_key,omitempty"` // a plain notebook's: the stream is sealed for integrity only
	Salt    []byte     `json:"salt"`                // for the stream's key
}

// WriteBackup writes the whole notebook to w as a backup, from a
// consistent snapshot: writes may go on meanwhile.
func (s *Store) WriteBackup(w io.Writer) error {
	s.open.RLock()
	defer s.open.RUnlock()
	if s.closed {
		return ErrClosed
	}
	h := backupHeader{Created: s.now(), Schema: schemaVersion, Salt: make([]byte, backupSalt)}
	if _, err := rand.Read(h.Salt); err != nil {
		return err
	}
	key := s.key
	if key != nil {
		kh, ok, err := readKeyHeader(filepath.Join(s.dir, storeDir))
		if err != nil || !ok {
			return fmt.Errorf("cannot back up: the notebook's key header cannot be read: %v", err)
		}
		h.Key = &kh
	} else {
		h.Plain = make([]byte, dataKeyBytes)
		if _, err := rand.Read(h.Plain); err != nil {
			return err
		}
		key = h.Plain
	}
	aead, err := backupAEAD(key, h.Salt)
	if err != nil {
		return err
	}
	sealed := &sealedWriter{w: w, aead: aead, buf: make([]byte, 0, backupChunk)}
	zw, err := zstd.NewWriter(sealed, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	head, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, backupMagic+string(head)+"\n"); err != nil {
		return err
	}
	if _, err := s.db.Backup(zw, 0); err != nil {
		zw.Close()
		return fmt.Errorf("cannot back up: %w", err)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return sealed.close()
}

// BackupIsEncrypted reports whether the backup at path is of an encrypted
// notebook, whose restore needs its passphrase.
func BackupIsEncrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, FileError("cannot restore", err)
	}
	defer f.Close()
	return backupIsEncrypted(f)
}

func backupIsEncrypted(r io.Reader) (bool, error) {
	h, _, err := readBackupHeader(bufio.NewReader(r))
	return h.Key != nil, err
}

// RestoreBackup makes a new notebook in dir (missing or empty, as Open
// requires) holding what the backup read from r holds. A backup of an
// encrypted notebook needs WithPassphrase and gives a notebook encrypted
// with the same key. If anything fails, dir is left as it was found.
func RestoreBackup(dir string, r io.Reader, opts ...Option) (*Store, error) {
	c := newConfig(opts)
	br := bufio.NewReaderSize(r, 1<<20)
	h, _, err := readBackupHeader(br)
	if err != nil {
		return nil, err
	}
	if h.Schema > schemaVersion {
		return nil, fmt.Errorf("%w (backup schema %d, this app reads %d)", ErrNewerSchema, h.Schema, schemaVersion)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if Exists(abs) {
		return nil, fmt.Errorf("%w: restore into a new or empty folder, not %s", ErrNotebookExists, abs)
	}
	if err := checkNotebookDir(abs); err != nil {
		return nil, err
	}
	var key []byte // the restored notebook's: the backup's own for an encrypted one
	streamKey := h.Plain
	if h.Key != nil {
		if len(c.passphrase) == 0 {
			return nil, ErrPassphraseNeeded
		}
		if key, err = h.Key.open(c.passphrase); err != nil {
			return nil, err
		}
		streamKey = key
	}
	aead, err := backupAEAD(streamKey, h.Salt)
	if err != nil {
		return nil, err
	}
	zr, err := zstd.NewReader(&sealedReader{r: br, aead: aead}, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	stream := zr.IOReadCloser()
	existed := true
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
		existed = false
	}
	undo := func() {
		if existed {
			os.RemoveAll(filepath.Join(abs, storeDir))
		} else {
			os.RemoveAll(abs)
		}
	}
	store := filepath.Join(abs, storeDir)
	if err := os.MkdirAll(store, 0o700); err != nil {
		if werr := writeProblem(err, abs); werr != nil {
			return nil, werr
		}
		return nil, err
	}
	if h.Key != nil {
		if err := writeKeyHeader(store, *h.Key); err != nil {
			undo()
			return nil, err
		}
	}
	db, err := badger.Open(dbOptions(store, key))
	if err == nil {
		err = db.Load(stream, 64)
		if err != nil {
			db.Close()
		}
	}
	if err != nil {
		undo()
		var be *backupError
		if errors.As(err, &be) {
			return nil, be.err
		}
		return nil, fmt.Errorf("%w: %v", ErrNotBackup, err)
	}
	s, err := started(db, abs, c.steps, key)
	if err != nil {
		undo()
		return nil, err
	}
	s.kdf = c.kdf
	return s, nil
}

// readBackupHeader reads the magic line and the header.
func readBackupHeader(r *bufio.Reader) (backupHeader, int, error) {
	var h backupHeader
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != backupMagic {
		return h, 0, ErrNotBackup
	}
	line, err := r.ReadSlice('\n')
	if err != nil || len(line) > backupMaxHead {
		return h, 0, ErrNotBackup
	}
	if err := json.Unmarshal(line, &h); err != nil {
		return h, 0, ErrNotBackup
	}
	if (h.Key == nil) == (len(h.Plain) != dataKeyBytes) || h.Key != nil && h.Key.Format != keyFormat || len(h.Salt) != backupSalt {
		return h, 0, ErrNotBackup
	}
	return h, len(magic) + len(line), nil
}

// backupAEAD is the cipher of a backup's stream.
func backupAEAD(dataKey, salt []byte) (cipher.AEAD, error) {
	return streamAEAD(dataKey, salt, backupHKDF)
}

// streamAEAD is the cipher of a sealed stream: a key derived from dataKey
// and salt for one purpose (info), so that no two kinds of file share one.
func streamAEAD(dataKey, salt []byte, info string) (cipher.AEAD, error) {
	k, err := hkdf.Key(sha256.New, dataKey, salt, info, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// streamNonce is chunk n's nonce: its number, and whether it is the last.
func streamNonce(n uint64, last bool) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce[3:11], n)
	if last {
		nonce[11] = 1
	}
	return nonce
}

// sealedWriter seals what is written in chunks (see the top of the file).
type sealedWriter struct {
	w    io.Writer
	aead cipher.AEAD
	buf  []byte
	n    uint64
}

func (s *sealedWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		// A full chunk is held back until more comes: the last chunk
		// must be known to be the last when it is sealed.
		if len(s.buf) == backupChunk {
			if err := s.flush(false); err != nil {
				return written, err
			}
		}
		k := copy(s.buf[len(s.buf):backupChunk], p)
		s.buf = s.buf[:len(s.buf)+k]
		p, written = p[k:], written+k
	}
	return written, nil
}

func (s *sealedWriter) flush(last bool) error {
	out := s.aead.Seal(nil, streamNonce(s.n, last), s.buf, nil)
	s.n++
	s.buf = s.buf[:0]
	_, err := s.w.Write(out)
	return err
}

func (s *sealedWriter) close() error { return s.flush(true) }

// backupError carries a reason a sealed stream cannot be read through
// Badger's loader, which would otherwise bury it.
type backupError struct{ err error }

func (e *backupError) Error() string { return e.err.Error() }
func (e *backupError) Unwrap() error { return e.err }

// sealedReader opens a sealedWriter's chunks in order.
type sealedReader struct {
	r     *bufio.Reader
	aead  cipher.AEAD
	plain []byte
	n     uint64
	done  bool
	// damaged is the error a damaged stream wraps: ErrNotBackup when nil.
	damaged error
}

func (s *sealedReader) damagedErr() error {
	if s.damaged != nil {
		return s.damaged
	}
	return ErrNotBackup
}

func (s *sealedReader) Read(p []byte) (int, error) {
	for len(s.plain) == 0 {
		if s.done {
			return 0, io.EOF
		}
		if err := s.next(); err != nil {
			return 0, err
		}
	}
	k := copy(p, s.plain)
	s.plain = s.plain[k:]
	return k, nil
}

// next opens the next chunk. A short chunk can only be the last; a
// full-size one may be the last too, which only its nonce tells. A chunk
// that opens as neither, or a stream that ends before its last chunk or
// goes on after it, is damaged.
func (s *sealedReader) next() error {
	full := backupChunk + s.aead.Overhead()
	chunk := make([]byte, full)
	k, err := io.ReadFull(s.r, chunk)
	if k == 0 || err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return &backupError{fmt.Errorf("%w: it ends before its last part", s.damagedErr())}
	}
	chunk = chunk[:k]
	tries := []bool{true}
	if k == full {
		tries = []bool{false, true}
	}
	for _, last := range tries {
		plain, err := s.aead.Open(nil, streamNonce(s.n, last), chunk, nil)
		if err != nil {
			continue
		}
		if last {
			if _, err := s.r.Peek(1); err == nil {
				return &backupError{fmt.Errorf("%w: it goes on after its last part", s.damagedErr())}
			}
			s.done = true
		}
		s.n++
		s.plain = plain
		return nil
	}
	return &backupError{fmt.Errorf("%w: part %d does not decrypt", s.damagedErr(), s.n+1)}
}

// Rolling backups: BackupTo writes a new backup into a folder and keeps
// the newest of them.

// backupPrefix and backupExt name a rolling backup, by the time it was
// made, so that names sort as times: commonplace-20261207-213005.120.backup.
const (
	backupPrefix = "commonplace-"
	backupExt    = ".backup"
)

// BackupTo writes a new backup of the notebook into folder (WriteWhole:
// never half a backup under a backup's name) and then deletes the oldest
// backups there beyond the newest keep, and what backups killed while
// being written left.
func (s *Store) BackupTo(folder string, keep int) (string, error) {
	if keep < 1 {
		keep = 1
	}
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return "", fmt.Errorf("cannot make the backup folder: %w", err)
	}
	at := s.now().Local()
	name := backupPrefix + at.Format("20060102-150405.000") + backupExt
	for i := 1; pathExists(filepath.Join(folder, name)); i++ {
		name = backupPrefix + at.Add(time.Duration(i)*time.Millisecond).Format("20060102-150405.000") + backupExt
	}
	path := filepath.Join(folder, name)
	DropStalePartials(folder, "."+backupPrefix, ".partial")
	if err := s.BackupFile(path); err != nil {
		return "", err
	}
	return path, pruneBackups(folder, keep)
}

// BackupFile writes a backup to path, a new file, whole or not at all
// (WriteWhole).
func (s *Store) BackupFile(path string) error {
	if pathExists(path) {
		return fmt.Errorf("%s exists already; choose a new name", path)
	}
	return WriteWhole(path, "the backup", 0o600, s.WriteBackup)
}

// Backups lists the rolling backups in folder, newest first.
func Backups(folder string) ([]string, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupExt) {
			names = append(names, n)
		}
	}
	// The names sort by time.
	slices.Sort(names)
	slices.Reverse(names)
	for i, n := range names {
		names[i] = filepath.Join(folder, n)
	}
	return names, nil
}

func pruneBackups(folder string, keep int) error {
	all, err := Backups(folder)
	if err != nil {
		return err
	}
	for _, old := range all[min(keep, len(all)):] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}
