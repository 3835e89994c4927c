package bundle

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// TestSealedBundle exports a bundle sealed with a passphrase: none of its
// words are in the file, age itself opens it (as a colleague without the
// app would), and it imports only with its passphrase, losslessly.
func TestSealedBundle(t *testing.T) {
	s := bundletest.Fixture(t)
	path := filepath.Join(t.TempDir(), "share.zip.age")
	pass := []byte("share with amina")
	if _, err := ExportFile(s, scope.Scope{}, path, ExportOptions{Passphrase: pass}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(sealedMagic)) {
		t.Fatalf("the sealed bundle starts %q", data[:40])
	}
	for _, words := range []string{bundletest.TextA[:40], "Security comes first", "commonplace-bundle", "manifest.json"} {
		if bytes.Contains(data, []byte(words)) {
			t.Errorf("the sealed bundle holds %q in the clear", words)
		}
	}
	id, err := age.NewScryptIdentity(string(pass))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatalf("age cannot open the sealed bundle: %v", err)
	}
	zipped, err := io.ReadAll(plain)
	if err != nil || !bytes.HasPrefix(zipped, []byte("PK\x03\x04")) {
		t.Fatalf("age's output is not a zip: %v", err)
	}

	s2 := bundletest.OpenStore(t)
	empty := bundletest.Fingerprint(t, s2)
	for _, tc := range []struct {
		pass []byte
		want error
	}{{nil, ErrSealed}, {[]byte("share with omar"), ErrWrongBundlePassphrase}} {
		if _, err := ImportFile(s2, path, merge.Options{Passphrase: tc.pass}); !errors.Is(err, tc.want) {
			t.Errorf("import with %q: %v, want %v", tc.pass, err, tc.want)
		}
	}
	if bundletest.Fingerprint(t, s2) != empty {
		t.Fatal("a refused import changed the notebook")
	}
	rep, err := ImportFile(s2, path, merge.Options{Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added == 0 || rep.Conflicts != 0 {
		t.Errorf("import of the sealed bundle: %+v", rep)
	}
	bundletest.SameDump(t, bundletest.DumpNotebook(t, s), bundletest.DumpNotebook(t, s2))
}
