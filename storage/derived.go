package storage

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Derived data is what the app computes from a notebook and could compute
// again — its search and suggestion indexes — kept so that the next start
// loads it instead of recomputing it. Each is one file in store/, beside
// the data it was computed from, so that a staged change (an import, a
// restore, an encryption), which swaps store/ whole, never leaves derived
// data of another database behind.
//
// The file is a magic line, a JSON header line, then the data sealed in
// chunks of AES-256-GCM exactly as a backup's stream is (see backup.go):
// with the notebook's data key when it is encrypted, so an index of an
// encrypted notebook is as unreadable as the notebook; with a random key
// written in the header otherwise, where the seal only guards integrity.
// Either way a file cut short, damaged or tampered with fails to read and
// the caller computes the data afresh: it is never trusted for more than
// a cache.
//
// The header records the Stamp the data was computed at; ChangedSince
// walks the notebook's keys to tell what changed after it.

const (
	derivedMagic   = "commonplace-derived 1\n"
	derivedPrefix  = "derived-"
	derivedHKDF    = "commonplace derived data: "
	derivedMaxHead = 4 << 10
)

// ErrNoDerived is derived data that was never saved, or was computed from
// another database than the store's.
var ErrNoDerived = errors.New("no saved derived data")

// ErrDerivedDamaged is derived data that cannot be read back.
var ErrDerivedDamaged = errors.New("the saved derived data is damaged")

// derivedHeader is a derived file's header line.
type derivedHeader struct {
	Name    string `json:"name"`
	Schema  int    `json:"schema"`
	Version uint64 `json:"version"` // the Stamp's version
	Plain   []byte `json:"plain_key,omitempty"`
	Salt    []byte `json:"salt"`
}

// derivedPath is where name's derived data lives. Names are the app's
// own constants; anything but letters and dashes is refused so that no
// name reaches outside store/.
func (s *Store) derivedPath(name string) (string, error) {
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz-") != "" {
		return "", invalid("bad name for derived data: %q", name)
	}
	return filepath.Join(s.dir, storeDir, derivedPrefix+name), nil
}

// SaveDerived writes name's derived data, computed at the stamp at, whole
// or not at all (WriteWhole). Data computed before a staged change swapped
// the database is not written (it would describe another one): that is
// not an error, the caller will save again once it has caught up.
func (s *Store) SaveDerived(name string, at Stamp, write func(w io.Writer) error) error {
	path, err := s.derivedPath(name)
	if err != nil {
		return err
	}
	s.open.RLock()
	defer s.open.RUnlock()
	if s.closed {
		return ErrClosed
	}
	if s.readOnly {
		return ErrReadOnly
	}
	if at.gen != s.gen {
		return nil
	}
	h := derivedHeader{Name: name, Schema: schemaVersion, Version: at.version, Salt: make([]byte, backupSalt)}
	if _, err := rand.Read(h.Salt); err != nil {
		return err
	}
	key := s.key
	if key == nil {
		h.Plain = make([]byte, dataKeyBytes)
		if _, err := rand.Read(h.Plain); err != nil {
			return err
		}
		key = h.Plain
	}
	aead, err := streamAEAD(key, h.Salt, derivedHKDF+name)
	if err != nil {
		return err
	}
	head, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return WriteWhole(path, "the "+name+" index", 0o600, func(w io.Writer) error {
		if _, err := io.WriteString(w, derivedMagic+string(head)+"\n"); err != nil {
			return err
		}
		sealed := &sealedWriter{w: w, aead: aead, buf: make([]byte, 0, backupChunk)}
		if err := write(sealed); err != nil {
			return err
		}
		return sealed.close()
	})
}

// OpenDerived opens name's derived data for reading, with the stamp it was
// computed at. It is ErrNoDerived when none was saved; a damaged file is
// ErrDerivedDamaged, here or from the reader (which checks every chunk
// as it goes, and the end). The caller closes the reader.
func (s *Store) OpenDerived(name string) (io.ReadCloser, Stamp, error) {
	path, err := s.derivedPath(name)
	if err != nil {
		return nil, Stamp{}, err
	}
	s.open.RLock()
	defer s.open.RUnlock()
	if s.closed {
		return nil, Stamp{}, ErrClosed
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, Stamp{}, ErrNoDerived
	}
	if err != nil {
		return nil, Stamp{}, err
	}
	br := bufio.NewReaderSize(f, 1<<20)
	h, err := readDerivedHeader(br)
	// Another schema's data is computed afresh, unless this code reads
	// that schema's notebooks as they are: then their keys, and what
	// ChangedSince tells of them, mean what they meant.
	if err == nil && (h.Name != name || h.Schema != schemaVersion && !readsAsIs(migrations, h.Schema)) {
		err = ErrNoDerived
	}
	key := s.key
	if err == nil && key == nil {
		if len(h.Plain) != dataKeyBytes {
			err = ErrDerivedDamaged
		}
		key = h.Plain
	}
	if err != nil {
		f.Close()
		return nil, Stamp{}, err
	}
	cipher, err := streamAEAD(key, h.Salt, derivedHKDF+name)
	if err != nil {
		f.Close()
		return nil, Stamp{}, err
	}
	r := &sealedReader{r: br, aead: cipher, damaged: ErrDerivedDamaged}
	return readCloser{r, f}, Stamp{gen: s.gen, version: h.Version}, nil
}

// DropDerived removes name's derived data, if any.
func (s *Store) DropDerived(name string) error {
	path, err := s.derivedPath(name)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

func readDerivedHeader(r *bufio.Reader) (derivedHeader, error) {
	var h derivedHeader
	magic := make([]byte, len(derivedMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != derivedMagic {
		return h, ErrDerivedDamaged
	}
	line, err := r.ReadSlice('\n')
	if err != nil || len(line) > derivedMaxHead {
		return h, ErrDerivedDamaged
	}
	if err := json.Unmarshal(line, &h); err != nil || len(h.Salt) != backupSalt {
		return h, ErrDerivedDamaged
	}
	return h, nil
}

// ChangedSince walks the items of the given kinds (all when none is
// given) by their keys alone (no record is read) and tells fn, for each,
// its kind, its id and whether it was written after since. A piece is met
// twice, by its record and by its text. id is valid only during the call.
// Items deleted after since are not met at all: the caller finds them by
// what it knows and was not told of. A stamp of another database (a
// staged change came between) is ErrNoDerived.
func (s *Store) ChangedSince(since Stamp, kinds []Kind, fn func(k Kind, id []byte, changed bool) error) error {
	all := []struct {
		k      Kind
		prefix string
	}{
		{KindPiece, prefixPiece}, {KindPiece, prefixText}, {KindAnnotation, prefixAnnotation},
		{KindClaim, prefixClaim}, {KindLink, prefixLink}, {KindNote, prefixNote},
	}
	return s.view(func(txn *badger.Txn) error {
		if since.gen != s.gen { // read under the open lock view holds
			return ErrNoDerived
		}
		for _, kp := range all {
			if len(kinds) > 0 && !slices.Contains(kinds, kp.k) {
				continue
			}
			opts := badger.DefaultIteratorOptions
			opts.Prefix = []byte(kp.prefix)
			opts.PrefetchValues = false
			it := txn.NewIterator(opts)
			for it.Rewind(); it.Valid(); it.Next() {
				item := it.Item()
				if err := fn(kp.k, item.Key()[len(kp.prefix):], item.Version() > since.version); err != nil {
					it.Close()
					return err
				}
			}
			it.Close()
		}
		return nil
	})
}

// String is the stamp for messages and logs.
func (st Stamp) String() string { return fmt.Sprintf("%d.%d", st.gen, st.version) }
