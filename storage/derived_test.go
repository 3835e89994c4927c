package storage

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// readDerived reads name's derived data whole.
func readDerived(s *Store, name string) ([]byte, Stamp, error) {
	r, at, err := s.OpenDerived(name)
	if err != nil {
		return nil, at, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	return data, at, err
}

// TestDerivedRoundTrip saves derived data and reads it back, stamped as
// it was saved, in a plain and an encrypted notebook; the encrypted
// one's file holds none of the words written into it.
func TestDerivedRoundTrip(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "nb")
		var opts []Option
		if encrypted {
			opts = []Option{EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF)}
		}
		s, err := Open(dir, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.OpenDerived("search"); !errors.Is(err, ErrNoDerived) {
			t.Errorf("encrypted %v: nothing saved yet: %v", encrypted, err)
		}
		writeMarkers(t, s)
		at := s.Stamp()
		payload := bytes.Repeat([]byte(markerText+" "), 20000) // several sealed chunks
		if err := s.SaveDerived("search", at, func(w io.Writer) error { _, err := w.Write(payload); return err }); err != nil {
			t.Fatal(err)
		}
		got, gotAt, err := readDerived(s, "search")
		if err != nil || !bytes.Equal(got, payload) || gotAt != at {
			t.Fatalf("encrypted %v: read back %d bytes at %v, %v; want %d at %v", encrypted, len(got), gotAt, err, len(payload), at)
		}
		raw, err := os.ReadFile(filepath.Join(dir, storeDir, derivedPrefix+"search"))
		if err != nil {
			t.Fatal(err)
		}
		if encrypted == bytes.Contains(raw, []byte(markerText)) && encrypted {
			t.Errorf("the encrypted notebook's derived file holds its words")
		}
		if encrypted {
			if found := plaintextIn(t, dir); len(found) > 0 {
				t.Errorf("plain text in the encrypted notebook's folder: %v", found)
			}
		}
		s.Close()
	}
}

// TestDerivedDamaged: a derived file cut short or with a byte changed
// anywhere after its header fails to read; it never reads back as other
// data.
func TestDerivedDamaged(t *testing.T) {
	s, dir := openTemp(t)
	payload := bytes.Repeat([]byte("posting lists "), 10000)
	if err := s.SaveDerived("search", s.Stamp(), func(w io.Writer) error { _, err := w.Write(payload); return err }); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, storeDir, derivedPrefix+"search")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{0, 10, len(derivedMagic) + 5, len(good) / 2, len(good) - 1} {
		os.WriteFile(path, good[:cut], 0o600)
		if got, _, err := readDerived(s, "search"); err == nil {
			t.Errorf("cut at %d of %d: read %d bytes without an error", cut, len(good), len(got))
		}
	}
	for _, at := range []int{len(good) / 3, len(good) - 5} {
		bad := bytes.Clone(good)
		bad[at] ^= 0x20
		os.WriteFile(path, bad, 0o600)
		if _, _, err := readDerived(s, "search"); !errors.Is(err, ErrDerivedDamaged) {
			t.Errorf("byte %d changed: %v, want ErrDerivedDamaged", at, err)
		}
	}
	if err := s.DropDerived("search"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.OpenDerived("search"); !errors.Is(err, ErrNoDerived) {
		t.Errorf("after DropDerived: %v", err)
	}
	if err := s.SaveDerived("../escape", s.Stamp(), func(io.Writer) error { return nil }); err == nil {
		t.Errorf("a name reaching outside store/ was accepted")
	}
}

// TestChangedSince: after a stamp, the items written since are told as
// changed and the others not; a deleted one is not met; across a reopen
// the stamp still holds; a staged change makes it another database's.
func TestChangedSince(t *testing.T) {
	s, dir := openTemp(t)
	p1, err := s.AddPiece(Piece{Title: "One"}, "First text.")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := s.AddPiece(Piece{Title: "Two"}, "Second text.")
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.AddNote(Note{Title: "Kept"})
	if err != nil {
		t.Fatal(err)
	}
	at := s.Stamp()
	if _, err := s.AddNote(Note{Title: "New"}); err != nil {
		t.Fatal(err)
	}
	p1.Title = "One, retitled"
	if _, err := s.UpdatePiece(p1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(p2.ID); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	defer s.Close()
	changed := func() map[string]bool {
		t.Helper()
		got := map[string]bool{}
		err := s.ChangedSince(at, nil, func(k Kind, id []byte, ch bool) error {
			got[string(id)] = got[string(id)] || ch
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := changed()
	if !got[p1.ID] || got[n.ID] || len(got) != 3 {
		t.Errorf("changed since the stamp: %v; want %s changed, %s not, one new note, %s gone", got, p1.ID, n.ID, p2.ID)
	}
	if _, gone := got[p2.ID]; gone {
		t.Errorf("the deleted piece was met")
	}
	if err := s.Staged(func(b *Batch) error { _, err := b.AddNote(Note{Title: "Staged"}); return err }); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangedSince(at, nil, func(Kind, []byte, bool) error { return nil }); !errors.Is(err, ErrNoDerived) {
		t.Errorf("a stamp from before a staged change: %v, want ErrNoDerived", err)
	}
	if err := s.SaveDerived("search", at, func(io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.OpenDerived("search"); !errors.Is(err, ErrNoDerived) {
		t.Errorf("data stamped before a staged change was written: %v", err)
	}
}
