package merge_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// Each merge test starts from two notebooks that exchanged a bundle: ours
// imported theirs, so both hold the same items with the same sync bases.
func exchanged(t *testing.T) (theirs, ours *storage.Store) {
	t.Helper()
	theirs = bundletest.OpenStore(t)
	if err := gen.Notebook(theirs, gen.Config{Pieces: 3, WordsPerPiece: 200, AnnotsPerPiece: 3, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	ours = bundletest.OpenStore(t)
	send(t, theirs, ours)
	return theirs, ours
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// exportBytes exports sc of s into memory.
func exportBytes(t testing.TB, s *storage.Store, sc scope.Scope, now time.Time) ([]byte, *bundle.Manifest) {
	t.Helper()
	sel, err := scope.Select(s, sc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m, err := bundle.Export(s, sel, &buf, bundle.ExportOptions{App: "Commonplace test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

func importBytes(t testing.TB, s *storage.Store, data []byte, opt merge.Options) (merge.Report, error) {
	t.Helper()
	return bundle.Import(s, bytes.NewReader(data), int64(len(data)), opt)
}

// send exports from's whole notebook and imports it into to.
func send(t *testing.T, from, to *storage.Store) merge.Report {
	t.Helper()
	data, _ := exportBytes(t, from, scope.Scope{}, t0)
	rep, err := importBytes(t, to, data, merge.Options{Source: "theirs.zip"})
	if err != nil {
		t.Fatal(err)
	}
	bundletest.MustCheck(t, to)
	return rep
}

func firstAnnotation(t *testing.T, s *storage.Store) (storage.PieceSummary, storage.Annotation) {
	t.Helper()
	pieces, _ := s.Pieces()
	anns, err := s.AnnotationsOf(pieces[0].ID)
	if err != nil || len(anns) == 0 {
		t.Fatal(err)
	}
	return pieces[0], anns[0]
}

func itemOf(rep merge.Report, id string) merge.Item {
	for _, it := range rep.Details {
		if it.ID == id {
			return it
		}
	}
	return merge.Item{}
}

func tick() { time.Sleep(2 * time.Millisecond) } // so Updated times differ

func TestMergeAddsNewItems(t *testing.T) {
	theirs, ours := exchanged(t)
	p, _ := firstAnnotation(t, theirs)
	a, _ := theirs.AnnotateQuote(p.ID, "the", 1, storage.AnnotationInput{Note: "new there"})
	c, _ := theirs.AddClaim(storage.Claim{Statement: "A new claim", Evidence: []string{a.ID}})
	rep := send(t, theirs, ours)
	if rep.Added != 2 || itemOf(rep, a.ID).Action != "add" || itemOf(rep, c.ID).Action != "add" {
		t.Fatalf("report %+v", rep)
	}
	if got, err := ours.Annotation(a.ID); err != nil || got.Note != "new there" {
		t.Fatalf("added annotation: %+v %v", got, err)
	}
}

func TestMergeSkipsUnchanged(t *testing.T) {
	theirs, ours := exchanged(t)
	before := bundletest.Fingerprint(t, ours)
	rep := send(t, theirs, ours)
	if rep.Skipped != len(rep.Details) || rep.Added+rep.Updated+rep.Conflicts != 0 {
		t.Fatalf("report %+v", rep)
	}
	if bundletest.Fingerprint(t, ours) != before {
		t.Fatal("an unchanged bundle changed the notebook")
	}
}

func TestMergeTakesChangesMadeThereOnly(t *testing.T) {
	theirs, ours := exchanged(t)
	_, a := firstAnnotation(t, theirs)
	tick()
	a.Note = "edited there"
	a, _ = theirs.UpdateAnnotation(a)
	rep := send(t, theirs, ours)
	if it := itemOf(rep, a.ID); it.Action != "update" || rep.Updated != 1 || rep.Conflicts != 0 {
		t.Fatalf("%+v; report %+v", it, rep)
	}
	got, _ := ours.Annotation(a.ID)
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("taken: %+v\nwant %+v", got, a)
	}
	// And back: our notebook now has their version as its base, so
	// exporting it back changes nothing there.
	before := bundletest.Fingerprint(t, theirs)
	if rep := send(t, ours, theirs); rep.Updated+rep.Conflicts+rep.Added != 0 {
		t.Fatalf("sent back: %+v", rep)
	}
	if bundletest.Fingerprint(t, theirs) != before {
		t.Fatal("the round trip back changed their notebook")
	}
}

func TestMergeKeepsChangesMadeHereOnly(t *testing.T) {
	theirs, ours := exchanged(t)
	_, a := firstAnnotation(t, ours)
	tick()
	a.Note = "edited here"
	a, _ = ours.UpdateAnnotation(a)
	rep := send(t, theirs, ours)
	if it := itemOf(rep, a.ID); it.Action != "skip" || it.Why != merge.WhyOurs || rep.Conflicts != 0 {
		t.Fatalf("%+v; report %+v", it, rep)
	}
	if got, _ := ours.Annotation(a.ID); got.Note != "edited here" {
		t.Fatalf("our change was lost: %q", got.Note)
	}
}

func TestMergeKeepsBothWhenBothChanged(t *testing.T) {
	theirs, ours := exchanged(t)
	_, a := firstAnnotation(t, ours)
	tick()
	a.Note = "edited here"
	mine, _ := ours.UpdateAnnotation(a)
	tick()
	a.Note = "edited there"
	other, _ := theirs.UpdateAnnotation(a)
	before := bundletest.DumpNotebook(t, ours)
	rep := send(t, theirs, ours)
	if it := itemOf(rep, a.ID); it.Action != "conflict" || it.Why != merge.WhyBoth || rep.Conflicts != 1 {
		t.Fatalf("%+v; report %+v", it, rep)
	}
	bundletest.SameDump(t, before, bundletest.DumpNotebook(t, ours)) // ours untouched
	if got, _ := ours.Annotation(a.ID); !reflect.DeepEqual(got, mine) {
		t.Fatalf("ours changed: %+v", got)
	}
	cs, _ := ours.Conflicts()
	if len(cs) != 1 || cs[0].ItemID != a.ID || cs[0].Source != "theirs.zip" || cs[0].Kind != storage.KindAnnotation {
		t.Fatalf("conflicts %+v", cs)
	}
	var kept storage.Annotation
	json.Unmarshal(cs[0].Theirs, &kept)
	if kept.Note != other.Note || merge.AnnotationHash(kept) != merge.AnnotationHash(other) {
		t.Fatalf("their version kept as %+v", kept)
	}
	// The same bundle again adds no second conflict.
	if rep := send(t, theirs, ours); rep.Conflicts != 0 {
		t.Fatalf("again: %+v", rep)
	}
	if cs, _ := ours.Conflicts(); len(cs) != 1 {
		t.Fatalf("%d conflicts after the same bundle twice", len(cs))
	}
}

// Without a sync base (the same item reached both notebooks some other
// way), the newer version wins and the other is kept as a conflict.
func TestMergeWithoutBase(t *testing.T) {
	for _, theirsNewer := range []bool{true, false} {
		theirs, ours := bundletest.OpenStore(t), bundletest.OpenStore(t)
		c, _ := theirs.AddClaim(storage.Claim{Statement: "their wording"})
		at := c.Updated.Add(-time.Hour)
		if theirsNewer == false {
			at = c.Updated.Add(time.Hour)
		}
		err := ours.Batch(func(b *storage.Batch) error {
			return b.ImportClaim(storage.Claim{ID: c.ID, Statement: "our wording", Created: c.Created, Updated: at})
		})
		if err != nil {
			t.Fatal(err)
		}
		rep := send(t, theirs, ours)
		got, _ := ours.Claim(c.ID)
		cs, _ := ours.Conflicts()
		if rep.Conflicts != 1 || len(cs) != 1 {
			t.Fatalf("newer=%v: report %+v, conflicts %+v", theirsNewer, rep, cs)
		}
		var kept storage.Claim
		json.Unmarshal(cs[0].Theirs, &kept)
		if theirsNewer {
			if got.Statement != "their wording" || kept.Statement != "our wording" || itemOf(rep, c.ID).Why != merge.WhyNoBaseTheirs {
				t.Fatalf("theirs newer: have %q, kept %q", got.Statement, kept.Statement)
			}
		} else if got.Statement != "our wording" || kept.Statement != "their wording" || itemOf(rep, c.ID).Why != merge.WhyNoBaseOurs {
			t.Fatalf("ours newer: have %q, kept %q", got.Statement, kept.Statement)
		}
	}
}

// A colleague who never saw our latest version sends the one we started
// from: the base matches ours, but theirs is older, so ours stays.
func TestMergeKeepsOursAgainstAnOlderCopy(t *testing.T) {
	first, second := exchanged(t)
	third := bundletest.OpenStore(t)
	send(t, first, third) // third has the original too
	_, a := firstAnnotation(t, second)
	tick()
	a.Note = "second's change"
	send(t, func() *storage.Store { second.UpdateAnnotation(a); return second }(), first)
	if got, _ := first.Annotation(a.ID); got.Note != "second's change" {
		t.Fatalf("first did not take second's change: %q", got.Note)
	}
	rep := send(t, third, first)
	if it := itemOf(rep, a.ID); it.Action != "conflict" || it.Why != merge.WhyOlder {
		t.Fatalf("older copy: %+v", it)
	}
	if got, _ := first.Annotation(a.ID); got.Note != "second's change" {
		t.Fatalf("an older copy undid a change: %q", got.Note)
	}
}

// Their text replaced ours: it comes in through an edit, our passages
// re-attach, and a dry run predicts exactly what the import does.
func TestMergeTakesTheirTextAndReattachesOurPassages(t *testing.T) {
	theirs, ours := exchanged(t)
	p, _ := firstAnnotation(t, theirs)
	text, _ := theirs.PieceText(p.ID)
	tick()
	if _, err := theirs.EditPieceText(p.ID, "A new opening paragraph moves every passage.\n\n"+text); err != nil {
		t.Fatal(err)
	}
	// Ours adds a passage the edit must carry along.
	mine, err := ours.AnnotateQuote(p.ID, "the", 2, storage.AnnotationInput{Note: "ours only"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := exportBytes(t, theirs, scope.Scope{}, t0)
	before := bundletest.Fingerprint(t, ours)
	dry, err := importBytes(t, ours, data, merge.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if bundletest.Fingerprint(t, ours) != before {
		t.Fatal("a dry run changed the notebook")
	}
	rep, err := importBytes(t, ours, data, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dry, rep) {
		t.Fatalf("dry run %+v\nimport  %+v", dry, rep)
	}
	if itemOf(rep, p.ID).Action != "update" || rep.Reattached[anchor.Moved] != 4 {
		t.Fatalf("report %+v", rep)
	}
	bundletest.MustCheck(t, ours)
	want, got := bundletest.DumpNotebook(t, theirs), bundletest.DumpNotebook(t, ours)
	if want.Pieces[p.ID].Text != got.Pieces[p.ID].Text || want.Pieces[p.ID].Piece.Revision != got.Pieces[p.ID].Piece.Revision {
		t.Fatal("their text was not taken")
	}
	for id, a := range want.Annotations {
		if !reflect.DeepEqual(got.Annotations[id], a) {
			t.Fatalf("passage %s: %+v\nwant %+v", id, got.Annotations[id], a)
		}
	}
	moved, _ := ours.Annotation(mine.ID)
	if moved.Status != anchor.Moved || moved.Selector.Start != mine.Selector.Start+len([]rune("A new opening paragraph moves every passage.\n\n")) {
		t.Fatalf("our passage: %+v", moved)
	}
}

// Our text was kept (we changed it, or both did): the bundle's passages
// land on our text, re-anchored, never dropped.
func TestMergeReanchorsTheirPassagesOnOurText(t *testing.T) {
	for _, bothEdited := range []bool{false, true} {
		theirs, ours := exchanged(t)
		p, _ := firstAnnotation(t, theirs)
		text, _ := ours.PieceText(p.ID)
		if _, err := ours.EditPieceText(p.ID, "Our new opening.\n\n"+text); err != nil {
			t.Fatal(err)
		}
		if bothEdited {
			tick()
			if _, err := theirs.EditPieceText(p.ID, text+"\n\nTheir new closing."); err != nil {
				t.Fatal(err)
			}
		}
		added, err := theirs.AnnotateQuote(p.ID, "the", 2, storage.AnnotationInput{Note: "theirs"})
		if err != nil {
			t.Fatal(err)
		}
		rep := send(t, theirs, ours)
		wantAction := "skip"
		if bothEdited {
			wantAction = "conflict"
		}
		if it := itemOf(rep, p.ID); it.Action != wantAction {
			t.Fatalf("both=%v: piece %+v", bothEdited, it)
		}
		if got, _ := ours.PieceText(p.ID); got != "Our new opening.\n\n"+text {
			t.Fatal("our text was replaced")
		}
		got, err := ours.Annotation(added.ID)
		if err != nil {
			t.Fatal(err)
		}
		shift := len([]rune("Our new opening.\n\n"))
		if got.Status != anchor.Moved || got.Selector.Start != added.Selector.Start+shift || got.Note != "theirs" {
			t.Fatalf("their passage landed as %+v", got)
		}
		if rep.Reattached[anchor.Moved] < 1 {
			t.Fatalf("reattached %v", rep.Reattached)
		}
		if bothEdited {
			cs, _ := ours.Conflicts()
			if len(cs) != 1 || cs[0].Kind != storage.KindPiece || cs[0].Text != text+"\n\nTheir new closing." {
				t.Fatalf("piece conflict %+v", cs)
			}
		}
	}
}
