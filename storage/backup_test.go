package storage

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupAndRestore backs up a notebook and restores it into a new
// folder: the two hold the same items, and the restored one checks out.
func TestBackupAndRestore(t *testing.T) {
	s, _ := openTemp(t)
	writeMarkers(t, s)
	var buf bytes.Buffer
	if err := s.WriteBackup(&buf); err != nil {
		t.Fatal(err)
	}
	if enc, err := backupIsEncrypted(bytes.NewReader(buf.Bytes())); err != nil || enc {
		t.Fatalf("a plain notebook's backup: encrypted %v, %v", enc, err)
	}
	dir := filepath.Join(t.TempDir(), "restored")
	r, err := RestoreBackup(dir, bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	same(t, dumpStore(t, s), dumpStore(t, r))
	mustCheck(t, r)
	if _, err := RestoreBackup(dir, bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrNotebookExists) {
		t.Errorf("restoring over a notebook: %v", err)
	}
}

// TestEncryptedBackup backs up an encrypted notebook: none of its words
// are in the backup, and it restores only with the passphrase, into a
// notebook the same passphrase opens.
func TestEncryptedBackup(t *testing.T) {
	src := filepath.Join(t.TempDir(), "nb")
	s, err := Open(src, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeMarkers(t, s)
	var buf bytes.Buffer
	if err := s.WriteBackup(&buf); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{markerText, markerNote, markerClaim, "Ostrogoth Penwhistle"} {
		if bytes.Contains(buf.Bytes(), []byte(m)) {
			t.Errorf("the encrypted notebook's backup holds %q", m)
		}
	}
	dir := filepath.Join(t.TempDir(), "restored")
	for _, tc := range []struct {
		opts []Option
		want error
	}{{nil, ErrPassphraseNeeded}, {[]Option{WithPassphrase([]byte("wrong horse battery"))}, ErrWrongPassphrase}} {
		if _, err := RestoreBackup(dir, bytes.NewReader(buf.Bytes()), tc.opts...); !errors.Is(err, tc.want) {
			t.Errorf("restore: %v, want %v", err, tc.want)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("a refused restore left %s", dir)
		}
	}
	r, err := RestoreBackup(dir, bytes.NewReader(buf.Bytes()), WithPassphrase(testPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	same(t, dumpStore(t, s), dumpStore(t, r))
	r.Close()
	if found := plaintextIn(t, dir); len(found) > 0 {
		t.Errorf("plaintext in the restored notebook: %v", found)
	}
	r2, err := Open(dir, WithPassphrase(testPassphrase))
	if err != nil {
		t.Fatalf("the restored notebook does not open with the passphrase: %v", err)
	}
	mustCheck(t, r2)
	r2.Close()
}

// TestDamagedBackupRestoresNothing cuts a backup short and flips a byte
// in it: each restore is refused, and leaves no folder behind.
func TestDamagedBackupRestoresNothing(t *testing.T) {
	s, _ := openTemp(t)
	writeMarkers(t, s)
	// Words drawn at random, so that compressing does not shrink the
	// backup below a few chunks.
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the border trade rail risk Termez Kabul copper lithium militants corridor officials traders report")
	var lb strings.Builder
	for range 200000 {
		lb.WriteString(words[r.IntN(len(words))])
		lb.WriteString([]string{" ", " ", ", ", ". "}[r.IntN(4)])
	}
	long := lb.String()
	if _, err := s.AddPiece(Piece{Title: "Long report"}, long); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.WriteBackup(&buf); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	if len(full) < 2*backupChunk {
		t.Fatalf("the backup is %d bytes: too small to cut between chunks", len(full))
	}
	head := bytes.IndexByte(full[len(backupMagic):], '\n') + len(backupMagic) + 1
	flipped := bytes.Clone(full)
	flipped[len(flipped)-100] ^= 1
	for name, data := range map[string][]byte{
		"empty":              nil,
		"the header only":    full[:head],
		"cut mid-chunk":      full[:head+1000],
		"cut between chunks": full[:head+backupChunk+16],
		"cut before the end": full[:len(full)-1],
		"a byte flipped":     flipped,
		"a byte added":       append(bytes.Clone(full), 0),
	} {
		dir := filepath.Join(t.TempDir(), "restored")
		if _, err := RestoreBackup(dir, bytes.NewReader(data)); !errors.Is(err, ErrNotBackup) {
			t.Errorf("%s: %v, want ErrNotBackup", name, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the refused restore left %s", name, dir)
		}
	}
}

// TestRollingBackups keeps the newest backups in their folder.
func TestRollingBackups(t *testing.T) {
	s, _ := openTemp(t)
	writeMarkers(t, s)
	folder := filepath.Join(t.TempDir(), "backups")
	at := time.Date(2026, 12, 7, 21, 30, 0, 0, time.UTC)
	var made []string
	for i := range 4 {
		s.now = func() time.Time { return at.Add(time.Duration(i) * time.Hour) }
		path, err := s.BackupTo(folder, 2)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, path)
	}
	kept, err := Backups(folder)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 2 || kept[0] != made[3] || kept[1] != made[2] {
		t.Errorf("kept %v, want the two newest of %v", kept, made)
	}
	entries, _ := os.ReadDir(folder)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files, want the 2 backups", len(entries))
	}
}

func same(t *testing.T, want, got map[string]string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%d items, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s differs:\n got %s\nwant %s", k, got[k], v)
		}
	}
}

// FuzzBackupReader feeds the backup's header and stream readers any
// bytes: they refuse or read, and never panic. (Badger's loader, which
// reads what they pass on, is fuzzed by Badger.)
//
//	go test -run '^$' -fuzz FuzzBackupReader -fuzztime 30s ./storage/
func FuzzBackupReader(f *testing.F) {
	s, err := Open(filepath.Join(f.TempDir(), "nb"))
	if err != nil {
		f.Fatal(err)
	}
	if _, err := s.AddNote(Note{Body: "a note to back up"}); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.WriteBackup(&buf); err != nil {
		f.Fatal(err)
	}
	s.Close()
	f.Add(buf.Bytes())
	f.Add([]byte(backupMagic + "{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		br := bufio.NewReader(bytes.NewReader(data))
		h, _, err := readBackupHeader(br)
		if err != nil || h.Key != nil {
			return
		}
		aead, err := backupAEAD(h.Plain, h.Salt)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(io.Discard, &sealedReader{r: br, aead: aead})
		var be *backupError
		if err != nil && !errors.As(err, &be) {
			t.Fatalf("the stream reader failed with %v, not a backupError", err)
		}
	})
}
