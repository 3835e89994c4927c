package storage

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/argon2"
)

// An encrypted notebook's data is encrypted by Badger (AES in counter
// mode, block by block, in tables, value logs and memtable logs) with a
// random 256-bit key of its own. That data key is kept in the notebook's
// key header, sealed (AES-256-GCM) with a key derived from the passphrase
// by Argon2id, whose parameters the header records. Changing the
// passphrase seals the same data key anew: no data is rewritten.
//
// The header sits inside store/, beside the data it unlocks, so that a
// staged change (an import, a conversion to encryption) swaps both at
// once: a notebook is never left with data and a header that disagree.

// keyFile is the key header's name inside store/.
const keyFile = "commonplace-key.json"

const (
	keyFormat     = "commonplace-key"
	keyVersion    = 1
	keyCipher     = "AES-256-GCM"
	kdfArgon2id   = "argon2id"
	dataKeyBytes  = 32 // AES-256
	saltBytes     = 16
	minPassphrase = 8 // runes, for a new passphrase
)

// Errors of encrypted notebooks.
var (
	ErrPassphraseNeeded = errors.New("this notebook is encrypted; give its passphrase")
	ErrWrongPassphrase  = errors.New("wrong passphrase")
	ErrNotEncrypted     = errors.New("this notebook is not encrypted")
	ErrEncrypted        = errors.New("this notebook is already encrypted")
)

// kdfParams are Argon2id's parameters, recorded in the header so that
// they can be raised for new notebooks without locking out old ones.
type kdfParams struct {
	Name      string `json:"name"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
	Salt      []byte `json:"salt"`
}

// defaultKDF follows RFC 9106's second recommended option (64 MiB, three
// passes): about a quarter of a second on a laptop, paid at each unlock.
var defaultKDF = kdfParams{Name: kdfArgon2id, Time: 3, MemoryKiB: 64 << 10, Threads: 4}

// Bounds on what a header may ask of the machine: a tampered header must
// not make an unlock take all memory or run for hours.
const (
	maxKDFMemoryKiB = 4 << 20 // 4 GiB
	maxKDFTime      = 64
)

// keyHeader is the notebook's key header (keyFile).
type keyHeader struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	KDF     kdfParams `json:"kdf"`
	Cipher  string    `json:"cipher"`
	Nonce   []byte    `json:"nonce"`
	Sealed  []byte    `json:"sealed_key"` // the data key, sealed
}

// CheckNewPassphrase refuses a passphrase too short to protect a notebook
// that may be seized. Unlocking accepts any passphrase.
func CheckNewPassphrase(p []byte) error {
	if utf8.RuneCount(p) < minPassphrase {
		return invalid("the passphrase must be at least %d characters long", minPassphrase)
	}
	return nil
}

// newKeyHeader makes a data key and its header sealed with passphrase.
func newKeyHeader(passphrase []byte, kdf kdfParams) (keyHeader, []byte, error) {
	key := make([]byte, dataKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return keyHeader{}, nil, err
	}
	h, err := sealKey(key, passphrase, kdf)
	return h, key, err
}

// sealKey seals key with a key derived from passphrase, under a new salt.
func sealKey(key, passphrase []byte, kdf kdfParams) (keyHeader, error) {
	kdf.Salt = make([]byte, saltBytes)
	if _, err := rand.Read(kdf.Salt); err != nil {
		return keyHeader{}, err
	}
	h := keyHeader{Format: keyFormat, Version: keyVersion, KDF: kdf, Cipher: keyCipher}
	aead, err := h.aead(passphrase)
	if err != nil {
		return keyHeader{}, err
	}
	h.Nonce = make([]byte, aead.NonceSize())
	if _, err := rand.Read(h.Nonce); err != nil {
		return keyHeader{}, err
	}
	h.Sealed = aead.Seal(nil, h.Nonce, key, h.additionalData())
	return h, nil
}

// open unseals the data key: ErrWrongPassphrase when the passphrase (or
// the header) is not the one it was sealed with.
func (h keyHeader) open(passphrase []byte) ([]byte, error) {
	aead, err := h.aead(passphrase)
	if err != nil {
		return nil, err
	}
	if len(h.Nonce) != aead.NonceSize() {
		return nil, fmt.Errorf("%w: its key header is damaged", ErrNotNotebook)
	}
	key, err := aead.Open(nil, h.Nonce, h.Sealed, h.additionalData())
	if err != nil || len(key) != dataKeyBytes {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

// aead is the cipher sealing the data key, keyed from passphrase.
func (h keyHeader) aead(passphrase []byte) (cipher.AEAD, error) {
	k := h.KDF
	if k.Name != kdfArgon2id || k.Time < 1 || k.Time > maxKDFTime || k.MemoryKiB < 8*uint32(k.Threads) ||
		k.MemoryKiB > maxKDFMemoryKiB || k.Threads < 1 || len(k.Salt) < 8 {
		return nil, fmt.Errorf("%w: its key header asks for a key derivation this app does not use (%s, %d passes, %d MiB)",
			ErrNotNotebook, k.Name, k.Time, k.MemoryKiB>>10)
	}
	kek := argon2.IDKey(passphrase, k.Salt, k.Time, k.MemoryKiB, k.Threads, dataKeyBytes)
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// additionalData binds the sealed key to the header's parameters: a
// header edited to other parameters does not unlock.
func (h keyHeader) additionalData() []byte {
	kdf := h.KDF
	b, _ := json.Marshal(struct {
		Format  string
		Version int
		KDF     kdfParams
		Cipher  string
	}{h.Format, h.Version, kdf, h.Cipher})
	return b
}

// readKeyHeader reads store's key header; ok is false for a notebook that
// is not encrypted.
func readKeyHeader(store string) (h keyHeader, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(store, keyFile))
	if errors.Is(err, os.ErrNotExist) {
		return h, false, nil
	}
	if err != nil {
		return h, false, fmt.Errorf("cannot read the notebook's key header: %w", err)
	}
	if err := json.Unmarshal(data, &h); err != nil || h.Format != keyFormat {
		return h, false, fmt.Errorf("%w: its key header (%s) is damaged", ErrNotNotebook, keyFile)
	}
	if h.Version > keyVersion || h.Cipher != keyCipher {
		return h, false, fmt.Errorf("%w (key header version %d, %s)", ErrNewerSchema, h.Version, h.Cipher)
	}
	return h, true, nil
}

// writeKeyHeader writes store's key header whole or not at all: to a
// temporary file, synced, then renamed over the old one.
func writeKeyHeader(store string, h keyHeader) error {
	data, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	err = WriteWhole(filepath.Join(store, keyFile), "the notebook's key header", 0o600, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
	return err
}

// IsEncrypted reports whether the notebook in dir is encrypted, so that a
// caller knows to ask for the passphrase before opening it.
func IsEncrypted(dir string) bool {
	_, ok, err := readKeyHeader(filepath.Join(dir, storeDir))
	return ok || err != nil // a damaged header: opening says so
}

// Encrypted reports whether the open notebook is encrypted.
func (s *Store) Encrypted() bool { return s.key != nil }

// SyncDir makes a rename or a new file in dir durable: on Linux a rename
// is only on disk once its folder is synced. Best effort: Windows cannot
// sync a folder, and renames there are durable by themselves.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Encrypt encrypts the open notebook with passphrase. The notebook is
// written anew, encrypted, into a staged copy that is swapped in whole
// with its key header, as an import is: a crash at any point leaves it as
// it was, plain or encrypted, never half of each. The plain files are
// then deleted; their bytes may linger in the disk's free space, which
// only full-disk encryption (or a notebook encrypted from the start)
// rules out.
func (s *Store) Encrypt(passphrase []byte) error {
	if s.key != nil {
		return ErrEncrypted
	}
	if err := CheckNewPassphrase(passphrase); err != nil {
		return err
	}
	h, key, err := newKeyHeader(passphrase, s.kdf)
	if err != nil {
		return err
	}
	// Written as the notebook itself is (compressed), like tidy's copy.
	opts := func(dir string) badger.Options { return badgerOptions(dir).WithSyncWrites(false) }
	return s.staged(stagedCopy{options: opts, key: key, header: &h}, func(*Batch) error { return nil })
}

// SetPassphrase seals the notebook's data key with a new passphrase:
// only the key header is rewritten, whole or not at all, and the old
// passphrase no longer unlocks the notebook.
func (s *Store) SetPassphrase(passphrase []byte) error {
	if err := CheckNewPassphrase(passphrase); err != nil {
		return err
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	s.open.RLock()
	defer s.open.RUnlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.readOnly:
		return ErrReadOnly
	case s.key == nil:
		return ErrNotEncrypted
	}
	h, err := sealKey(s.key, passphrase, s.kdf)
	if err != nil {
		return err
	}
	return writeKeyHeader(filepath.Join(s.dir, storeDir), h)
}
