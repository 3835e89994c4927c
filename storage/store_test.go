package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"commonplace/storage/anchor"
)

const sampleText = "China’s security role in Afghanistan is growing.\n\n" +
	"Beijing worries about militants in Badakhshan. Officials say the Wakhan corridor must stay closed.\n\n" +
	"Investment in copper and lithium has stalled, traders in Termez report."

// openTemp opens a fresh notebook in a temporary folder, closed at cleanup.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// reopen closes s and opens its folder again, as a restart does.
func reopen(t *testing.T, s *Store, dir string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

func mustCheck(t *testing.T, s *Store) CheckReport {
	t.Helper()
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("check found problems: %v", rep.Problems)
	}
	return rep
}

func addSample(t *testing.T, s *Store) Piece {
	t.Helper()
	p, err := s.AddPiece(Piece{Title: " China  in Afghanistan ", Authors: []string{"A. Writer", " ", "A. Writer"},
		Outlet: "The Steppe Review", Published: "2025-03-14", Tags: []string{"China", "afghanistan", "china"}}, sampleText)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAddPieceNormalisesAndSurvivesReopen(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	if !ValidID(p.ID) || p.Revision != 1 || p.Words == 0 || len(p.Hash) != 64 {
		t.Fatalf("piece not filled in: %+v", p)
	}
	if p.Title != "China in Afghanistan" || !slices.Equal(p.Authors, []string{"A. Writer"}) || !slices.Equal(p.Tags, []string{"china", "afghanistan"}) {
		t.Fatalf("metadata not cleaned: %+v", p)
	}
	s = reopen(t, s, dir)
	got, err := s.Piece(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != p.Title || got.Hash != p.Hash || !got.Created.Equal(p.Created) {
		t.Fatalf("after reopen got %+v, want %+v", got, p)
	}
	text, err := s.PieceText(p.ID)
	if err != nil || text != sampleText {
		t.Fatalf("text after reopen = %q, %v", text, err)
	}
	mustCheck(t, s)
}

func TestAddPieceRefusesBadInput(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.AddPiece(Piece{Title: "x"}, "  \n\n "); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty text: %v", err)
	}
	if _, err := s.AddPiece(Piece{Title: "x", Published: "14 March"}, "text"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad date: %v", err)
	}
	pieces, _ := s.Pieces()
	if len(pieces) != 0 {
		t.Fatalf("a refused piece was stored: %v", pieces)
	}
	p, err := s.AddPiece(Piece{}, "A first line that becomes the title\n\nbody")
	if err != nil || p.Title != "A first line that becomes the title" {
		t.Fatalf("title from text: %q, %v", p.Title, err)
	}
}

func TestPiecesCountsAnnotations(t *testing.T) {
	s, _ := openTemp(t)
	p1 := addSample(t, s)
	p2 := addSample(t, s)
	for _, q := range []string{"Beijing worries", "Wakhan corridor"} {
		if _, err := s.AnnotateQuote(p1.ID, q, 1, AnnotationInput{}); err != nil {
			t.Fatal(err)
		}
	}
	pieces, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, p := range pieces {
		counts[p.ID] = p.Annotations
	}
	if counts[p1.ID] != 2 || counts[p2.ID] != 0 || len(pieces) != 2 {
		t.Fatalf("counts = %v", counts)
	}
}

func TestUpdatePieceMovesTags(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	p.Tags = []string{"afghanistan", "security"}
	p.Title = "New title"
	if _, err := s.UpdatePiece(p); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	if items, _ := s.ItemsByTag("china"); len(items) != 0 {
		t.Fatalf("old tag still indexed: %v", items)
	}
	items, _ := s.ItemsByTag("Security")
	if len(items) != 1 || items[0].Title != "New title" {
		t.Fatalf("new tag: %v", items)
	}
	mustCheck(t, s)
}

func TestAnnotateTrimsAndDescribes(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	text, _ := s.PieceText(p.ID)
	doc := anchor.NewText(text)
	start := doc.ByteToRune(strings.Index(text, "Beijing")) - 1 // include the space before
	end := start + 1 + len("Beijing worries") + 1
	a, err := s.Annotate(p.ID, start, end, AnnotationInput{Note: " why? ", Tags: []string{"Security"}, Color: "Blue"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Selector.Exact != "Beijing worries" || a.Selector.Start != start+1 || a.Status != anchor.Anchored {
		t.Fatalf("selector = %+v", a.Selector)
	}
	if a.Note != "why?" || a.Color != "blue" || a.Rev != 1 || !strings.HasSuffix(a.Selector.Prefix, "Afghanistan is growing.\n\n") {
		t.Fatalf("annotation = %+v", a)
	}
	s = reopen(t, s, dir)
	anns, err := s.AnnotationsOf(p.ID)
	if err != nil || len(anns) != 1 || anns[0].ID != a.ID || anns[0].Selector != a.Selector {
		t.Fatalf("after reopen: %+v, %v", anns, err)
	}
	if ids, err := s.AnnotationIDsOf(p.ID); err != nil || len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("ids after reopen: %v, %v", ids, err)
	}
	mustCheck(t, s)
}

func TestAnnotateErrors(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	cases := []struct {
		name string
		run  func() error
		want string
	}{
		{"empty span", func() error { _, err := s.Annotate(p.ID, 5, 5, AnnotationInput{}); return err }, "cannot mark"},
		{"out of range", func() error { _, err := s.Annotate(p.ID, 0, 1e6, AnnotationInput{}); return err }, "cannot mark"},
		{"bad colour", func() error { _, err := s.Annotate(p.ID, 0, 5, AnnotationInput{Color: "teal"}); return err }, "unknown colour"},
		{"missing quote", func() error { _, err := s.AnnotateQuote(p.ID, "Kabul", 1, AnnotationInput{}); return err }, "does not occur"},
		{"nth too high", func() error { _, err := s.AnnotateQuote(p.ID, "Beijing", 2, AnnotationInput{}); return err }, "occurs 1 times"},
		{"nth zero", func() error { _, err := s.AnnotateQuote(p.ID, "Beijing", 0, AnnotationInput{}); return err }, "counted from 1"},
		{"no piece", func() error { _, err := s.AnnotateQuote(newID(), "x", 1, AnnotationInput{}); return err }, "no piece"},
	}
	for _, c := range cases {
		err := c.run()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if anns, _ := s.AnnotationsOf(p.ID); len(anns) != 0 {
		t.Fatalf("failed calls stored annotations: %v", anns)
	}
}

func TestAnnotateQuoteNthAndLineBreaks(t *testing.T) {
	s, _ := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "t"}, "the road and the road\nand again the road")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AnnotateQuote(p.ID, "the road", 3, AnnotationInput{})
	if err != nil || a.Selector.Start != 32 {
		t.Fatalf("3rd occurrence: %+v, %v", a.Selector, err)
	}
	a, err = s.AnnotateQuote(p.ID, "UPDATE \n the   road", 1, AnnotationInput{})
	if err == nil {
		t.Fatalf("matched text that is not there: %+v", a.Selector)
	}
	// A quote typed with a space where the text breaks the line still matches.
	a, err = s.AnnotateQuote(p.ID, "the road  and again", 1, AnnotationInput{})
	if err != nil || a.Selector.Exact != "the road\nand again" {
		t.Fatalf("quote across a line break: %+v, %v", a.Selector, err)
	}
}

func TestEditPieceTextKeepsRevisionAndReattaches(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	keep, _ := s.AnnotateQuote(p.ID, "China’s security role", 1, AnnotationInput{Note: "first"})
	move, _ := s.AnnotateQuote(p.ID, "Officials say the Wakhan corridor must stay closed.", 1, AnnotationInput{})
	lose, _ := s.AnnotateQuote(p.ID, "Investment in copper and lithium has stalled", 1, AnnotationInput{})

	edited := "China’s security role in Afghanistan is growing.\n\n" +
		"A new paragraph inserted here shifts everything after it.\n\n" +
		"Beijing worries about militants in Badakhshan. Officials say the Wakhan corridor must stay closed.\n\n" +
		"Trade through Termez is up."
	rep, err := s.EditPieceText(p.ID, edited)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revision != 2 || rep.Outcomes[keep.ID] != anchor.Anchored || rep.Outcomes[move.ID] != anchor.Moved || rep.Outcomes[lose.ID] != anchor.Orphaned {
		t.Fatalf("report = %+v", rep)
	}
	s = reopen(t, s, dir)
	revs, err := s.Revisions(p.ID)
	if err != nil || len(revs) != 1 || revs[0].Text != sampleText || revs[0].Number != 1 {
		t.Fatalf("revisions = %+v, %v", revs, err)
	}
	got, _ := s.Piece(p.ID)
	if got.Revision != 2 || got.Hash == p.Hash {
		t.Fatalf("piece after edit = %+v", got)
	}
	m, _ := s.Annotation(move.ID)
	text, _ := s.PieceText(p.ID)
	if anchor.NewText(text).Slice(m.Selector.Start, m.Selector.End) != move.Selector.Exact || m.Rev != 2 {
		t.Fatalf("moved annotation does not read its quote: %+v", m)
	}
	o, _ := s.Annotation(lose.ID)
	if o.Status != anchor.Orphaned || o.Selector.Exact != lose.Selector.Exact || o.Rev != 1 {
		t.Fatalf("orphan lost its quote: %+v", o)
	}
	rep2 := mustCheck(t, s)
	if rep2.Anchors[anchor.Orphaned] != 1 || rep2.Anchors[anchor.Moved] != 1 {
		t.Fatalf("anchor health = %v", rep2.Anchors)
	}
	// The same text again changes nothing.
	if rep, err := s.EditPieceText(p.ID, edited); err != nil || !rep.Unchanged {
		t.Fatalf("unchanged edit: %+v, %v", rep, err)
	}
	// Re-marking the orphan puts it back.
	doc := anchor.NewText(text)
	start := doc.ByteToRune(strings.Index(text, "Trade"))
	if a, err := s.Reanchor(lose.ID, start, start+5); err != nil || a.Status != anchor.Anchored || a.Selector.Exact != "Trade" {
		t.Fatalf("reanchor: %+v, %v", a, err)
	}
}

func TestClaimsAndEvidenceIndex(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	if _, err := s.AddClaim(Claim{Statement: "  "}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty statement: %v", err)
	}
	if _, err := s.AddClaim(Claim{Statement: "x", Evidence: []string{p.ID}}); err == nil || !strings.Contains(err.Error(), "not an annotation") {
		t.Fatalf("piece as evidence: %v", err)
	}
	c, err := s.AddClaim(Claim{Statement: "Security drives China", Tags: []string{"china"}, Evidence: []string{a1.ID, a1.ID}})
	if err != nil || len(c.Evidence) != 1 {
		t.Fatalf("claim: %+v, %v", c, err)
	}
	c.Evidence = []string{a2.ID}
	if _, err := s.UpdateClaim(c); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	if got, _ := s.ClaimsCiting(a1.ID); len(got) != 0 {
		t.Fatalf("old evidence still indexed: %v", got)
	}
	if got, _ := s.ClaimsCiting(a2.ID); len(got) != 1 || got[0].Statement != "Security drives China" {
		t.Fatalf("evidence index: %v", got)
	}
	claims, _ := s.Claims()
	if len(claims) != 1 {
		t.Fatalf("claims = %v", claims)
	}
	mustCheck(t, s)
}

func TestLinksAndBacklinks(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "claim"})
	n, _ := s.AddNote(Note{Body: "note"})
	l1, err := s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "Supports", Note: "same worry"})
	if err != nil || l1.Rel != "supports" || l1.FromKind != KindAnnotation {
		t.Fatalf("link: %+v, %v", l1, err)
	}
	if _, err := s.AddLink(Link{From: c.ID, To: a2.ID, Rel: "contradicts"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLink(Link{From: n.ID, To: p.ID, Rel: "cites"}); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		l    Link
		want string
	}{
		{Link{From: a1.ID, To: a2.ID, Rel: "likes"}, "unknown relation"},
		{Link{From: a1.ID, To: a1.ID, Rel: "supports"}, "itself"},
		{Link{From: a1.ID, To: newID(), Rel: "supports"}, "no item"},
		{Link{From: a1.ID, To: l1.ID, Rel: "supports"}, "is a link"},
		{Link{From: a1.ID, To: a2.ID, Rel: "supports"}, "already linked"},
	}
	for _, b := range bad {
		if _, err := s.AddLink(b.l); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%+v: got %v, want %q", b.l, err, b.want)
		}
	}
	s = reopen(t, s, dir)
	out, in, err := s.Links(a2.ID)
	if err != nil || len(out) != 0 || len(in) != 2 {
		t.Fatalf("links of a2: out=%v in=%v %v", out, in, err)
	}
	out, in, _ = s.Links(a1.ID)
	if len(out) != 1 || out[0].To != a2.ID || len(in) != 0 {
		t.Fatalf("links of a1: out=%v in=%v", out, in)
	}
	all, _ := s.AllLinks()
	if len(all) != 3 {
		t.Fatalf("all links = %d", len(all))
	}
	mustCheck(t, s)
}

func TestNotesAttachAndOrder(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	if _, err := s.AddNote(Note{Title: " ", Body: "\n"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty note: %v", err)
	}
	if _, err := s.AddNote(Note{Body: "x", Attached: newID()}); err == nil {
		t.Fatal("attached to a missing item")
	}
	n1, err := s.AddNote(Note{Title: "Termez", Body: "trucks", Place: " Termez ", Tags: []string{"Fieldwork"}, Attached: p.ID})
	if err != nil || n1.Place != "Termez" {
		t.Fatalf("note: %+v %v", n1, err)
	}
	n2, _ := s.AddNote(Note{Body: "later idea"})
	s = reopen(t, s, dir)
	notes, _ := s.Notes()
	if len(notes) != 2 || notes[0].ID != n2.ID {
		t.Fatalf("notes not most recent first: %v", notes)
	}
	att, _ := s.NotesAttachedTo(p.ID)
	if len(att) != 1 || att[0].ID != n1.ID {
		t.Fatalf("attached = %v", att)
	}
	n1.Attached = ""
	if _, err := s.UpdateNote(n1); err != nil {
		t.Fatal(err)
	}
	if att, _ := s.NotesAttachedTo(p.ID); len(att) != 0 {
		t.Fatalf("detach left index: %v", att)
	}
	mustCheck(t, s)
}

func TestDeleteCascades(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	other := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{Tags: []string{"x"}})
	a2, _ := s.AnnotateQuote(other.ID, "Wakhan corridor", 1, AnnotationInput{})
	c, _ := s.AddClaim(Claim{Statement: "claim", Evidence: []string{a1.ID, a2.ID}})
	s.AddLink(Link{From: a1.ID, To: a2.ID, Rel: "supports"})
	s.AddLink(Link{From: c.ID, To: p.ID, Rel: "cites"})
	n, _ := s.AddNote(Note{Body: "on the passage", Attached: a1.ID})
	s.EditPieceText(p.ID, sampleText+"\n\nMore.")

	rep, err := s.Delete(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != KindPiece || rep.Annotations != 1 || rep.Links != 2 || rep.Evidence != 1 || rep.Detached != 1 {
		t.Fatalf("report = %+v", rep)
	}
	s = reopen(t, s, dir)
	if _, err := s.Piece(p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("piece still there: %v", err)
	}
	if revs, _ := s.Revisions(p.ID); len(revs) != 0 {
		t.Fatalf("revisions left: %v", revs)
	}
	cl, _ := s.Claim(c.ID)
	if !slices.Equal(cl.Evidence, []string{a2.ID}) {
		t.Fatalf("claim evidence = %v", cl.Evidence)
	}
	note, err := s.Note(n.ID)
	if err != nil || note.Attached != "" || note.Body != "on the passage" {
		t.Fatalf("note was not kept detached: %+v %v", note, err)
	}
	if tags, _ := s.Tags(); slices.ContainsFunc(tags, func(tc TagCount) bool { return tc.Tag == "x" }) {
		t.Fatalf("tag of deleted annotation left: %v", tags)
	}
	mustCheck(t, s)
}

func TestTags(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{Tags: []string{"China", "#security"}})
	s.AddNote(Note{Body: "n", Tags: []string{"security, fieldwork"}})
	tags, err := s.Tags()
	if err != nil {
		t.Fatal(err)
	}
	want := []TagCount{{"afghanistan", 1}, {"china", 2}, {"fieldwork", 1}, {"security", 2}}
	if !slices.Equal(tags, want) {
		t.Fatalf("tags = %v, want %v", tags, want)
	}
	items, _ := s.ItemsByTag("security")
	if len(items) != 2 || items[0].Kind != KindAnnotation || items[0].PieceTitle != p.Title {
		t.Fatalf("items = %+v", items)
	}
}

func TestNormalizeTags(t *testing.T) {
	got := NormalizeTags([]string{" Islamic  State ", "iskp,ISKP", "", "#Europe", strings.Repeat("x", 100)})
	want := []string{"islamic state", "iskp", "europe", strings.Repeat("x", maxTagRunes)}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q", got)
	}
}

func TestOpenRefusesOtherFolders(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o600)
	if _, err := Open(dir); !errors.Is(err, ErrNotNotebook) {
		t.Fatalf("folder with files: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, storeDir)); !os.IsNotExist(err) {
		t.Fatal("Open created the store in someone's folder")
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	if _, err := Open(dir); !errors.Is(err, ErrLocked) || err.Error() != "this notebook is open in another Commonplace window" {
		t.Fatalf("second open: %v", err)
	}
	if _, err := s.Piece(p.ID); err != nil {
		t.Fatalf("first store broken by the second open: %v", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s, dir := openTemp(t)
	s.update(func(t *tx) error { return t.txn.Set([]byte(keySchema), []byte("99")) })
	s.Close()
	if _, err := Open(dir); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("newer schema: %v", err)
	}
}

func TestMigrationsRunOnOpen(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	s.Close()

	steps := append(slices.Clone(migrations), migration{to: schemaVersion + 1, run: func(t *tx) error {
		pc, err := t.piece(p.ID)
		if err != nil {
			return err
		}
		pc.Title = "migrated"
		return t.putJSON(recordKey(KindPiece, p.ID), pc)
	}})
	// The store refuses a version above what the code reads, so pretend
	// this code reads one more.
	s2, err := openAt(dir, false, &config{kdf: defaultKDF, steps: steps})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, _ := s2.Piece(p.ID)
	v, _ := s2.SchemaVersion()
	if got.Title != "migrated" || v != schemaVersion+1 {
		t.Fatalf("migration did not run: title %q, schema %d", got.Title, v)
	}
}

func TestWatchSeesCommittedChangesOnly(t *testing.T) {
	s, _ := openTemp(t)
	var seen []Change
	s.Watch(func(ch []Change) { seen = append(seen, ch...) })
	p := addSample(t, s)
	s.AddPiece(Piece{}, "")
	if len(seen) != 1 || seen[0] != (Change{OpCreate, KindPiece, p.ID}) {
		t.Fatalf("changes = %v", seen)
	}
}

func TestCheckFindsBrokenIndex(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	s.update(func(t *tx) error { return t.del(pairKey(ixPieceAnn, p.ID, a.ID)) })
	s.update(func(t *tx) error { return t.setIndex(pairKey(ixLinkTo, p.ID, newID())) })
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || len(rep.Problems) != 2 {
		t.Fatalf("problems = %v", rep.Problems)
	}
}

// An empty notebook in memory reads as empty, takes writes, and leaves
// nothing on disk.
func TestOpenEmptyWritesNothing(t *testing.T) {
	s, err := OpenEmpty()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if pieces, err := s.Pieces(); err != nil || len(pieces) != 0 {
		t.Fatalf("pieces %v %v", pieces, err)
	}
	if _, err := s.AddPiece(Piece{Title: "T"}, "Text."); err != nil {
		t.Fatal(err)
	}
	if s.Dir() != "" {
		t.Fatalf("an empty notebook in memory has a folder: %q", s.Dir())
	}
}

// Short-lived processes, each opening, writing once and closing, leave the
// store a bounded number of tables, not one more per call: here the notes'
// keys fall among none of the tables before them, so each session makes a
// table of its own, and Close rewrites the store when they pile up.
func TestManyShortSessionsStayCompact(t *testing.T) {
	s, dir := openTemp(t)
	addSample(t, s)
	s.Close()
	for i := range tidyAbove + 30 {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(Note{Body: fmt.Sprint("note ", i)}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	tables, _ := filepath.Glob(filepath.Join(dir, storeDir, "*.sst"))
	if len(tables) > tidyAbove+1 {
		t.Fatalf("%d sessions left %d tables", tidyAbove+30, len(tables))
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if notes, _ := s.Notes(); len(notes) != tidyAbove+30 {
		t.Fatalf("%d notes of %d", len(notes), tidyAbove+30)
	}
}
