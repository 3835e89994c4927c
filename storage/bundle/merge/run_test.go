package merge_test

import (
	"errors"
	"sync"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// A bundle too large for one transaction is imported staged (a copy of
// the notebook changed and swapped in), still all or nothing: cancelled
// near the end of applying it, the notebook is exactly as it was.
func TestLargeImportIsStagedAndAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 3 MB of pieces")
	}
	src := bundletest.OpenStore(t)
	if err := gen.Notebook(src, gen.Config{Pieces: 450, WordsPerPiece: 1000, AnnotsPerPiece: 3, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	data, m := exportBytes(t, src, scope.Scope{}, t0)
	target := bundletest.OpenStore(t)
	if err := gen.Notebook(target, gen.Config{Pieces: 3, WordsPerPiece: 100, AnnotsPerPiece: 1, Seed: 22}); err != nil {
		t.Fatal(err)
	}
	before := bundletest.Fingerprint(t, target)

	cancel := make(chan struct{})
	var once sync.Once
	var last, total int
	_, err := importBytes(t, target, data, merge.Options{Cancel: cancel, Progress: func(done, all int) {
		last, total = done, all
		if done > all*9/10 {
			once.Do(func() { close(cancel) })
		}
	}})
	if !errors.Is(err, merge.ErrCancelled) || last <= total*2/3 {
		t.Fatalf("cancelled at %d of %d: %v", last, total, err)
	}
	if bundletest.Fingerprint(t, target) != before {
		t.Fatal("a cancelled import changed the notebook")
	}

	rep, err := importBytes(t, target, data, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != m.Counts.Pieces+m.Counts.Annotations {
		t.Fatalf("added %d, manifest %+v", rep.Added, m.Counts)
	}
	bundletest.MustCheck(t, target)
	want, got := bundletest.DumpNotebook(t, src), bundletest.DumpNotebook(t, target)
	for id, p := range want.Pieces {
		if g := got.Pieces[id]; g.Text != p.Text || g.Piece.Hash != p.Piece.Hash {
			t.Fatalf("piece %s differs", id)
		}
	}
	if len(got.Annotations) != len(want.Annotations)+3 {
		t.Fatalf("%d annotations, want %d", len(got.Annotations), len(want.Annotations)+3)
	}
}

// A dry run reports without writing, and closing Cancel stops an import
// before it writes anything.
func TestDryRunAndCancelChangeNothing(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, _ := exportBytes(t, nb.S, scope.Scope{}, t0)
	other := bundletest.OpenStore(t)
	before := bundletest.Fingerprint(t, other)
	dry, err := importBytes(t, other, data, merge.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if bundletest.Fingerprint(t, other) != before || dry.Added == 0 || dry.Added != len(dry.Details) {
		t.Fatalf("dry run: %+v", dry)
	}
	kinds := map[string]int{}
	for _, it := range dry.Details {
		kinds[it.Kind]++
		if it.Action != "add" || it.ID == "" || it.Why == "" {
			t.Fatalf("detail %+v", it)
		}
	}
	if kinds[string(storage.KindPiece)] != 9 || kinds[string(storage.KindNote)] != 4 || kinds[string(storage.KindLink)] != 5 {
		t.Fatalf("details by kind %v", kinds)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := importBytes(t, other, data, merge.Options{Cancel: cancel}); !errors.Is(err, merge.ErrCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	if bundletest.Fingerprint(t, other) != before {
		t.Fatal("a cancelled import changed the notebook")
	}
	rep, err := importBytes(t, other, data, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != dry.Added || len(rep.Details) != len(dry.Details) {
		t.Fatalf("import %+v after dry run %+v", rep, dry)
	}
}

// An edit made here while an import is being planned is not overwritten:
// the import plans again under the write lock when anything was written
// since its plan, and finds the item changed on both sides.
func TestEditDuringImportIsKept(t *testing.T) {
	src := bundletest.OpenStore(t)
	if err := gen.Notebook(src, gen.Config{Pieces: 60, WordsPerPiece: 80, AnnotsPerPiece: 10, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	n, err := src.AddNote(storage.Note{Title: "Termez", Body: "Trucks queue."})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := exportBytes(t, src, scope.Scope{}, t0)
	target := bundletest.OpenStore(t)
	if _, err := importBytes(t, target, first, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	n.Body = "Trucks queue for kilometres."
	if _, err := src.UpdateNote(n); err != nil {
		t.Fatal(err)
	}
	second, _ := exportBytes(t, src, scope.Scope{}, t0)

	edited := false
	rep, err := importBytes(t, target, second, merge.Options{Progress: func(done, total int) {
		if !edited && done > total/3 && done <= total*2/3 { // while planning
			edited = true
			mine, _ := target.Note(n.ID)
			mine.Body = "Trucks queue; drivers sleep in the cabs."
			if _, err := target.UpdateNote(mine); err != nil {
				t.Error(err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !edited {
		t.Fatal("the edit was not made while planning")
	}
	got, _ := target.Note(n.ID)
	if got.Body != "Trucks queue; drivers sleep in the cabs." || rep.Conflicts != 1 {
		t.Fatalf("after the import: %q, %d conflicts", got.Body, rep.Conflicts)
	}
}

// CountsOnly imports the same, and reports the same counts, without the
// list of every item.
func TestCountsOnlyLeavesOutDetails(t *testing.T) {
	src := bundletest.OpenStore(t)
	if err := gen.Notebook(src, gen.Config{Pieces: 4, WordsPerPiece: 100, AnnotsPerPiece: 2, Seed: 23}); err != nil {
		t.Fatal(err)
	}
	data, _ := exportBytes(t, src, scope.Scope{}, t0)
	full, err := importBytes(t, bundletest.OpenStore(t), data, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	target := bundletest.OpenStore(t)
	brief, err := importBytes(t, target, data, merge.Options{CountsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(brief.Details) != 0 || len(full.Details) != full.Added || brief.Added != full.Added || brief.Skipped != full.Skipped {
		t.Fatalf("counts only: %d details, added %d; in full: %d details, added %d", len(brief.Details), brief.Added, len(full.Details), full.Added)
	}
	bundletest.MustCheck(t, target)
	if bundletest.Fingerprint(t, target) != bundletest.Fingerprint(t, src) {
		t.Fatal("imported with counts only, the notebook differs from its source")
	}
}
