package storage

import (
	"bytes"
	"commonplace/storage/storagetest"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cheapKDF keeps tests fast; the parameters are recorded in the header
// like real ones.
var cheapKDF = kdfParams{Name: kdfArgon2id, Time: 1, MemoryKiB: 64, Threads: 1}

var testPassphrase = []byte("correct horse battery")

// Marker strings written into every kind of item, then looked for in the
// bytes of every file of the notebook folder.
const (
	markerText  = "Zanzibarquartz field report on the Wakhan"
	markerNote  = "Quillonmarsh interview notes from Termez"
	markerQuote = "Zanzibarquartz field"
	markerClaim = "Vortigernplume claims the corridor stays shut"
)

func writeMarkers(t *testing.T, s *Store) Piece {
	t.Helper()
	p, err := s.AddPiece(Piece{Title: "Marked", Authors: []string{"Ostrogoth Penwhistle"}}, markerText+".\n\nMore words follow here.")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AnnotateQuote(p.ID, markerQuote, 1, AnnotationInput{Note: markerNote + " (passage)"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(Note{Title: "Field", Body: markerNote}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddClaim(Claim{Statement: markerClaim, Evidence: []string{a.ID}}); err != nil {
		t.Fatal(err)
	}
	return p
}

// plaintextIn lists the files under dir whose bytes hold a marker.
func plaintextIn(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range []string{markerText, markerNote, markerQuote, markerClaim, "Ostrogoth Penwhistle"} {
			if bytes.Contains(data, []byte(m)) {
				found = append(found, filepath.Base(path)+": "+m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEncryptedNotebook writes every kind of item into an encrypted
// notebook and finds none of their words in any file of its folder —
// while it is open (as a crash would leave it) and after it is closed —
// then checks that it opens only with its passphrase.
func TestEncryptedNotebook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	if _, err := Open(dir, EncryptNew(), WithPassphrase([]byte("short"))); !errors.Is(err, ErrInvalid) {
		t.Errorf("a five-letter passphrase: %v", err)
	}
	if Exists(dir) {
		t.Fatal("a refused passphrase left a notebook")
	}
	s, err := Open(dir, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Encrypted() || !IsEncrypted(dir) {
		t.Fatal("the notebook does not say it is encrypted")
	}
	p := writeMarkers(t, s)
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext in the open notebook's files: %v", found)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext in the closed notebook's files: %v", found)
	}

	for _, open := range []func(string, ...Option) (*Store, error){Open, OpenExisting, OpenReadOnly} {
		if _, err := open(dir); !errors.Is(err, ErrPassphraseNeeded) {
			t.Errorf("opening without the passphrase: %v", err)
		}
		if _, err := open(dir, WithPassphrase([]byte("wrong horse battery"))); !errors.Is(err, ErrWrongPassphrase) || err.Error() != "wrong passphrase" {
			t.Errorf("opening with a wrong passphrase: %v", err)
		}
		s, err := open(dir, WithPassphrase(testPassphrase))
		if err != nil {
			t.Fatal(err)
		}
		if text, err := s.PieceText(p.ID); err != nil || !strings.HasPrefix(text, markerText) {
			t.Errorf("the text read back as %q, %v", text, err)
		}
		mustCheck(t, s)
		s.Close()
	}
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext after reopening: %v", found)
	}
}

// TestEncryptExistingNotebook converts a plain notebook: its words are in
// its files before, in none after, and everything is still there.
func TestEncryptExistingNotebook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir, withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	p := writeMarkers(t, s)
	if len(plaintextIn(t, dir)) == 0 {
		t.Fatal("the plain notebook's words are not found: the search for them proves nothing")
	}
	if err := s.SetPassphrase(testPassphrase); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("a passphrase for a plain notebook: %v", err)
	}
	before := dumpStore(t, s)
	if err := s.Encrypt(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if err := s.Encrypt(testPassphrase); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypting twice: %v", err)
	}
	// Still open, and writable, after the swap.
	if _, err := s.AddNote(Note{Body: markerNote + " after"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext after encrypting: %v", found)
	}
	if _, err := Open(dir); !errors.Is(err, ErrPassphraseNeeded) {
		t.Errorf("opening the encrypted notebook without a passphrase: %v", err)
	}
	s2, err := Open(dir, WithPassphrase(testPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	after := dumpStore(t, s2)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed in encrypting", k)
		}
	}
	if text, _ := s2.PieceText(p.ID); !strings.HasPrefix(text, markerText) {
		t.Errorf("text after encrypting: %q", text)
	}
	mustCheck(t, s2)
}

// TestChangePassphrase re-seals the key: only the key header changes,
// the old passphrase stops working and the new one works.
func TestChangePassphrase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	writeMarkers(t, s)
	before := storagetest.FolderState(t, dir)
	if err := s.SetPassphrase([]byte("new passphrase here")); err != nil {
		t.Fatal(err)
	}
	after := storagetest.FolderState(t, dir)
	// The folder store/ changes too: a file was renamed into it.
	if changed := changedFiles(before, after); len(changed) != 2 || changed[1] != filepath.Join(storeDir, keyFile) {
		t.Errorf("changing the passphrase changed %v, want only the key header", changed)
	}
	s.Close()
	if _, err := Open(dir, WithPassphrase(testPassphrase)); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase: %v", err)
	}
	s2, err := Open(dir, WithPassphrase([]byte("new passphrase here")))
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s2)
	s2.Close()
}

// TestDamagedKeyHeader refuses headers that were tampered with, in a
// sentence, and without running a key derivation a header asks to be
// ruinous.
func TestDamagedKeyHeader(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, storeDir, keyFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"not JSON", "{", "[", "key header (commonplace-key.json) is damaged"},
		{"a terabyte to unlock", `"memory_kib": 64`, `"memory_kib": 1073741824`, "asks for a key derivation this app does not use"},
		{"other parameters", `"time": 1`, `"time": 2`, "wrong passphrase"},
		{"a newer header", `"version": 1`, `"version": 9`, "newer version of Commonplace"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(tc.from)) {
				t.Fatalf("the header lacks %q:\n%s", tc.from, good)
			}
			if err := os.WriteFile(path, bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(dir, WithPassphrase(testPassphrase))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("open: %v, want %q", err, tc.want)
			}
		})
	}
}

// dumpStore is every piece, text, annotation, claim and note, as JSON by
// id, to compare a notebook before and after a change of form.
func dumpStore(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(id string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[id] = string(b)
	}
	err := s.EachPiece(func(p Piece, text string) error { put(p.ID, p); put(p.ID+"/text", text); return nil })
	if err == nil {
		err = s.EachAnnotation(func(a Annotation) error { put(a.ID, a); return nil })
	}
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.Claims()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		put(c.ID, c)
	}
	notes, err := s.Notes()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		put(n.ID, n)
	}
	return out
}

// changedFiles lists the paths whose line differs between two folder
// states (folderState).
func changedFiles(before, after string) []string {
	old := map[string]string{}
	for _, l := range strings.Split(before, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			old[f[0]] = l
		}
	}
	var out []string
	for _, l := range strings.Split(after, "\n") {
		if f := strings.Fields(l); len(f) > 0 && old[f[0]] != l {
			out = append(out, f[0])
		}
	}
	return out
}

// TestStagedChangeStaysEncrypted makes a staged change (as a large
// import does) in an encrypted notebook: the copy it writes and swaps in
// is encrypted too.
func TestStagedChangeStaysEncrypted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Staged(func(b *Batch) error {
		_, err := b.AddPiece(Piece{Title: "Staged", Authors: []string{"Ostrogoth Penwhistle"}}, markerText)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext after a staged change: %v", found)
	}
	s.Close()
	s2, err := Open(dir, WithPassphrase(testPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if pieces, _ := s2.Pieces(); len(pieces) != 1 {
		t.Errorf("%d pieces after the staged change, want 1", len(pieces))
	}
}
