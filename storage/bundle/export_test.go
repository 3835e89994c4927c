package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

var (
	t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	t1 = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
)

func TestRoundTripIntoAnEmptyNotebook(t *testing.T) {
	nb := bundletest.NewRich(t)
	want := bundletest.DumpNotebook(t, nb.S)
	data, m := exportBytes(t, nb.S, scope.Scope{}, t0)
	if m.Counts.Pieces != len(want.Pieces) || m.Counts.Annotations != len(want.Annotations) || m.Counts.Claims != 2 ||
		m.Counts.Links != 5 || m.Counts.Notes != 4 || m.Counts.Revisions != 1 || len(m.Outside) != 0 {
		t.Fatalf("manifest counts %+v, outside %v", m.Counts, m.Outside)
	}

	other := bundletest.OpenStore(t)
	rep, err := importBytes(t, other, data, merge.Options{Source: "colleague.zip"})
	if err != nil {
		t.Fatal(err)
	}
	items := len(want.Pieces) + len(want.Annotations) + len(want.Claims) + len(want.Links) + len(want.Notes)
	if rep.Added != items || rep.Updated+rep.Skipped+rep.Conflicts != 0 || len(rep.Details) != items {
		t.Fatalf("report: added %d updated %d skipped %d conflicts %d, want %d added", rep.Added, rep.Updated, rep.Skipped, rep.Conflicts, items)
	}
	bundletest.SameDump(t, want, bundletest.DumpNotebook(t, other))
	bundletest.MustCheck(t, other)
	got, _ := other.Annotation(nb.Review)
	if got.Status != anchor.Review || got.Guess == nil || got.Rev != 1 {
		t.Fatalf("review passage came back as %+v", got)
	}
	got, _ = other.Annotation(nb.Orphan)
	if got.Status != anchor.Orphaned {
		t.Fatalf("orphaned passage came back as %+v", got)
	}

	// Importing the same bundle again changes nothing.
	before := bundletest.Fingerprint(t, other)
	rep, err = importBytes(t, other, data, merge.Options{Source: "colleague.zip"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != items || rep.Added+rep.Updated+rep.Conflicts != 0 {
		t.Fatalf("re-import: %+v", rep)
	}
	if bundletest.Fingerprint(t, other) != before {
		t.Fatal("re-importing the same bundle changed the notebook")
	}
	// And importing it into the notebook it came from changes nothing
	// either: export recorded the sync bases.
	before = bundletest.Fingerprint(t, nb.S)
	if rep, err = importBytes(t, nb.S, data, merge.Options{}); err != nil || rep.Skipped != items {
		t.Fatalf("import into the source: %+v, %v", rep, err)
	}
	if bundletest.Fingerprint(t, nb.S) != before {
		t.Fatal("importing a bundle into its own notebook changed it")
	}
}

func TestExportIsDeterministic(t *testing.T) {
	nb := bundletest.NewRich(t)
	a, _ := exportBytes(t, nb.S, scope.Scope{}, t0)
	b, _ := exportBytes(t, nb.S, scope.Scope{}, t0)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports at the same moment differ")
	}
	c, _ := exportBytes(t, nb.S, scope.Scope{}, t1)
	fa, fc := zipFiles(t, a), zipFiles(t, c)
	if len(fa) != len(fc) {
		t.Fatalf("%d files, then %d", len(fa), len(fc))
	}
	for name, data := range fa {
		if name == ManifestFile || name == IndexFile {
			continue
		}
		if !bytes.Equal(data, fc[name]) {
			t.Errorf("%s differs between exports", name)
		}
	}
	var ma, mc Manifest
	json.Unmarshal(fa[ManifestFile], &ma)
	json.Unmarshal(fc[ManifestFile], &mc)
	if !ma.Created.Equal(t0) || !mc.Created.Equal(t1) {
		t.Fatalf("created %v, %v", ma.Created, mc.Created)
	}
	ma.Created, mc.Created = t1, t1
	strip := func(m *Manifest) {
		for i, f := range m.Files {
			if f.Path == IndexFile {
				m.Files[i].Size, m.Files[i].SHA256 = 0, ""
			}
		}
	}
	strip(&ma)
	strip(&mc)
	ja, _ := json.Marshal(ma)
	jc, _ := json.Marshal(mc)
	if !bytes.Equal(ja, jc) {
		t.Fatalf("manifests differ beyond their time:\n%s\n%s", ja, jc)
	}
}

func TestExportFileIsAtomic(t *testing.T) {
	nb := bundletest.NewRich(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.zip")
	if err := os.WriteFile(path, []byte("an older bundle"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := ExportFile(nb.S, scope.Scope{}, path, ExportOptions{Cancel: cancel}); !errors.Is(err, merge.ErrCancelled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "an older bundle" {
		t.Fatal("a cancelled export touched the file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("a cancelled export left files behind: %v", entries)
	}
	var calls int
	m, err := ExportFile(nb.S, scope.Scope{}, path, ExportOptions{Progress: func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	}})
	if err != nil || calls == 0 {
		t.Fatalf("export: %v (%d progress calls)", err, calls)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("export left files behind: %v", entries)
	}
	other := bundletest.OpenStore(t)
	if _, err := ImportFile(other, path, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	if d := bundletest.DumpNotebook(t, other); len(d.Pieces) != m.Counts.Pieces || len(d.Annotations) != m.Counts.Annotations {
		t.Fatalf("imported %d pieces, %d annotations; manifest %+v", len(d.Pieces), len(d.Annotations), m.Counts)
	}
}
