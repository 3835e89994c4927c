package bundle

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// The committed seed corpus: bundles that must open, and broken ones with
// the refusal each must get. FuzzOpen starts from all of them.
//
//	go test ./storage/bundle -run TestSeedBundles -update-seeds
var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/bundles")

const seedDir = "testdata/bundles"

// seedRefusals names each broken seed and words its refusal must contain.
var seedRefusals = map[string]string{
	"broken-checksum.zip":  "checksum",
	"broken-escape.zip":    "../evil.md",
	"broken-truncated.zip": "not a zip",
	"broken-version.zip":   "bundle format 99",
	"broken-missing.zip":   "which the bundle does not hold",
	"broken-types.zip":     "claims.json",
}

func TestSeedBundles(t *testing.T) {
	if *updateSeeds {
		writeSeeds(t)
	}
	entries, err := os.ReadDir(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(seedDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(bytes.NewReader(data), int64(len(data)))
		want, broken := seedRefusals[e.Name()]
		switch {
		case !broken && err != nil:
			t.Errorf("%s: %v", e.Name(), err)
		case broken && (!errors.Is(err, ErrBadBundle) || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: refused with %v, want a refusal mentioning %q", e.Name(), err, want)
		}
		if broken {
			seen++
		}
	}
	if seen != len(seedRefusals) {
		t.Fatalf("%d of %d broken seeds found in %s", seen, len(seedRefusals), seedDir)
	}
}

// addSeeds gives the fuzzer the committed corpus.
func addSeeds(f *testing.F) {
	entries, _ := os.ReadDir(seedDir)
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join(seedDir, e.Name())); err == nil {
			f.Add(data)
		}
	}
}

// smallNotebook holds one of everything a bundle carries: two pieces with
// passages, a claim, a note, a link and a revision.
func smallNotebook(t testing.TB, seed uint64) (s *storage.Store, pieces []storage.PieceSummary, claim storage.Claim) {
	s = bundletest.OpenStore(t)
	if err := gen.Notebook(s, gen.Config{Pieces: 2, WordsPerPiece: 60, AnnotsPerPiece: 2, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	pieces, _ = s.Pieces()
	anns, _ := s.AnnotationsOf(pieces[0].ID)
	claim, _ = s.AddClaim(storage.Claim{Statement: "The corridor matters more than the mines", Evidence: []string{anns[0].ID}})
	n, _ := s.AddNote(storage.Note{Title: "Termez", Body: "Trucks queue for kilometres.", Attached: claim.ID})
	s.AddLink(storage.Link{From: n.ID, To: pieces[1].ID, Rel: "cites", Note: "see"})
	s.EditPieceText(pieces[1].ID, "A short new text about the border.")
	return s, pieces, claim
}

func writeSeeds(t *testing.T) {
	s, pieces, c := smallNotebook(t, 11)
	valid, _ := exportBytes(t, s, scope.Scope{}, t0)
	files := zipFiles(t, valid)
	delete(files, IndexFile) // keeps the seeds small
	files = reseal(t, files, nil)
	small := buildZip(t, files)

	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(seedDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(seedDir)
	if err := os.MkdirAll(seedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	write("valid-whole.zip", valid)
	write("valid-small.zip", small)
	part, _ := exportBytes(t, s, scope.Scope{Claims: []string{c.ID}}, t0)
	write("valid-claim.zip", part)

	changed := func(mutate func(files map[string][]byte)) map[string][]byte {
		out := map[string][]byte{}
		for k, v := range files {
			out[k] = v
		}
		mutate(out)
		return out
	}
	write("broken-checksum.zip", buildZip(t, changed(func(f map[string][]byte) {
		f[ClaimsFile] = bytes.Replace(f[ClaimsFile], []byte("corridor"), []byte("Corridor"), 1)
	})))
	write("broken-escape.zip", buildZip(t, reseal(t, changed(func(f map[string][]byte) {
		f["../evil.md"] = []byte("outside")
	}), nil)))
	write("broken-truncated.zip", small[:len(small)/2])
	write("broken-version.zip", buildZip(t, reseal(t, files, func(m *Manifest) { m.Version = 99 })))
	write("broken-missing.zip", buildZip(t, reseal(t, changed(func(f map[string][]byte) {
		delete(f, pieceFile(pieces[0].ID))
	}), nil)))
	write("broken-types.zip", buildZip(t, reseal(t, changed(func(f map[string][]byte) {
		f[ClaimsFile] = []byte(`{"id": 7}`)
	}), nil)))
}
