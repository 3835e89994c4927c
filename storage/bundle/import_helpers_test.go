package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// Helpers shared by the export, import, merge, hostile-input and fuzz
// tests: a generated notebook with one of everything, bundles in memory,
// and a dump of a whole notebook to compare two of them item by item.

func openStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// richNotebook is a generated notebook plus everything gen does not make:
// claims with evidence, links of several relations (one the notebook's
// own, with strength and notes), fieldwork notes attached to items and to
// each other, and an edited piece whose passages are anchored, flagged for
// review and orphaned.
type richNotebook struct {
	s                     *storage.Store
	pieces                []storage.PieceSummary
	edited                string // the edited piece
	review, orphan, moved string // its passages
	claims                []string
	links                 []string
	notes                 []string
}

func newRichNotebook(t testing.TB) *richNotebook {
	t.Helper()
	s := openStore(t)
	if err := gen.Notebook(s, gen.Config{Pieces: 8, WordsPerPiece: 250, AnnotsPerPiece: 4, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	nb := &richNotebook{s: s}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.AddRelation(storage.Relation{Name: "undermines", Inverse: "undermined by"})
	must(err)
	p, err := s.AddPiece(storage.Piece{Title: "The door", Authors: []string{"Wei Zhang", "Reuters staff"}, Outlet: "Caspian Wire Service",
		Published: "2024-03", URL: "https://example.org/door", Tags: []string{"security", "fieldwork"}, Format: "txt"},
		"Earlier words here. The door must stay shut, officials say. Later words there.\n\nThe lamp was never lit at night, the guards insisted.\n\nClosing remark stays the same.")
	must(err)
	nb.edited = p.ID
	rev, err := s.AnnotateQuote(p.ID, "The door must stay shut", 1, storage.AnnotationInput{Note: "which door?", Tags: []string{"door"}, Color: "pink"})
	must(err)
	orph, err := s.AnnotateQuote(p.ID, "The lamp was never lit at night", 1, storage.AnnotationInput{Color: "blue"})
	must(err)
	mov, err := s.AnnotateQuote(p.ID, "Closing remark stays the same", 1, storage.AnnotationInput{Note: "stays"})
	must(err)
	rep, err := s.EditPieceText(p.ID, "The door must stay shut. Nothing else.\n\nThe door must stay shut. Nothing more.\n\nClosing remark stays the same.")
	must(err)
	if rep.Outcomes[rev.ID] != anchor.Review || rep.Outcomes[orph.ID] != anchor.Orphaned || rep.Outcomes[mov.ID] != anchor.Moved {
		t.Fatalf("edit outcomes: %v", rep.Outcomes)
	}
	nb.review, nb.orphan, nb.moved = rev.ID, orph.ID, mov.ID

	nb.pieces, err = s.Pieces()
	must(err)
	var anns []storage.Annotation
	for _, ps := range nb.pieces {
		as, err := s.AnnotationsOf(ps.ID)
		must(err)
		anns = append(anns, as...)
	}
	c1, err := s.AddClaim(storage.Claim{Statement: "Security comes before trade.", Note: "from two pieces", Tags: []string{"security"},
		Evidence: []string{anns[0].ID, anns[5].ID}})
	must(err)
	c2, err := s.AddClaim(storage.Claim{Statement: "Trade leads.", Evidence: []string{anns[9].ID}})
	must(err)
	nb.claims = []string{c1.ID, c2.ID}
	link := func(l storage.Link) {
		t.Helper()
		got, err := s.AddLink(l)
		must(err)
		nb.links = append(nb.links, got.ID)
	}
	link(storage.Link{From: anns[1].ID, To: anns[6].ID, Rel: "supports", Strength: storage.StrengthModerate, Note: "same point, other outlet"})
	link(storage.Link{From: c2.ID, To: c1.ID, Rel: "contradicts"})
	link(storage.Link{From: nb.pieces[2].ID, To: nb.pieces[3].ID, Rel: "cites"})
	n1, err := s.AddNote(storage.Note{Title: "Termez market", Body: "Talked to two traders.\n\n- copper\n- lithium", Tags: []string{"fieldwork"},
		Place: "Termez, Uzbekistan", Attached: anns[2].ID, Created: time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)})
	must(err)
	n2, err := s.AddNote(storage.Note{Body: "Follow-up on the market visit.", Attached: n1.ID})
	must(err)
	n3, err := s.AddNote(storage.Note{Title: "On the claim", Body: "Ask the ministry.", Attached: c1.ID})
	must(err)
	n4, err := s.AddNote(storage.Note{Title: "Loose idea"})
	must(err)
	nb.notes = []string{n1.ID, n2.ID, n3.ID, n4.ID}
	link(storage.Link{From: n1.ID, To: nb.edited, Rel: "undermines", Strength: storage.StrengthStrong, Note: "the guards said otherwise"})
	link(storage.Link{From: rev.ID, To: c1.ID, Rel: "qualifies", Strength: storage.StrengthWeak})
	nb.pieces, err = s.Pieces()
	must(err)
	return nb
}

// exportBytes exports sc of s into memory.
func exportBytes(t testing.TB, s *storage.Store, sc scope.Scope, now time.Time) ([]byte, *Manifest) {
	t.Helper()
	sel, err := scope.Select(s, sc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m, err := Export(s, sel, &buf, ExportOptions{App: "Commonplace test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

func importBytes(t testing.TB, s *storage.Store, data []byte, opt ImportOptions) (ImportReport, error) {
	t.Helper()
	return Import(s, bytes.NewReader(data), int64(len(data)), opt)
}

// zipFiles reads every file of a zip into a map.
func zipFiles(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// buildZip writes files (in sorted order, deflated) into a zip.
func buildZip(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reseal rewrites the manifest's sizes and checksums (and counts, via
// fix) after a test altered files, so that the alteration itself is what
// the reader meets.
func reseal(t testing.TB, files map[string][]byte, fix func(m *Manifest)) map[string][]byte {
	t.Helper()
	var m Manifest
	if err := json.Unmarshal(files[ManifestFile], &m); err != nil {
		t.Fatal(err)
	}
	m.Files = nil
	names := make([]string, 0, len(files))
	for n := range files {
		if n != ManifestFile {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		m.Files = append(m.Files, FileEntry{Path: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(sum[:])})
	}
	if fix != nil {
		fix(&m)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for n, b := range files {
		out[n] = b
	}
	out[ManifestFile] = data
	return out
}

// dump is a whole notebook as comparable records.
type dump struct {
	Pieces      map[string]pieceDump
	Annotations map[string]storage.Annotation
	Claims      map[string]storage.Claim
	Links       map[string]storage.Link
	Notes       map[string]storage.Note
	Relations   []storage.Relation
}

type pieceDump struct {
	Piece storage.Piece
	Text  string
	Revs  map[int]storage.Revision // those its annotations are anchored to
}

func dumpNotebook(t testing.TB, s *storage.Store) dump {
	t.Helper()
	d := dump{Pieces: map[string]pieceDump{}, Annotations: map[string]storage.Annotation{}, Claims: map[string]storage.Claim{},
		Links: map[string]storage.Link{}, Notes: map[string]storage.Note{}}
	pieces, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range pieces {
		text, err := s.PieceText(ps.ID)
		if err != nil {
			t.Fatal(err)
		}
		pd := pieceDump{Piece: ps.Piece, Text: text, Revs: map[int]storage.Revision{}}
		anns, err := s.AnnotationsOf(ps.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, _ := s.Revisions(ps.ID)
		for _, a := range anns {
			d.Annotations[a.ID] = a
			for _, r := range revs {
				if r.Number == a.Rev && a.Rev != ps.Revision {
					r.Replaced = r.Replaced.UTC()
					pd.Revs[r.Number] = r
				}
			}
		}
		d.Pieces[ps.ID] = pd
	}
	claims, _ := s.Claims()
	for _, c := range claims {
		d.Claims[c.ID] = c
	}
	links, _ := s.AllLinks()
	for _, l := range links {
		d.Links[l.ID] = l
	}
	notes, _ := s.Notes()
	for _, n := range notes {
		d.Notes[n.ID] = n
	}
	d.Relations, _ = s.Relations()
	return d
}

// sameDump reports every difference between two dumps.
func sameDump(t testing.TB, want, got dump) {
	t.Helper()
	diff := func(kind string, w, g any) {
		t.Helper()
		if !reflect.DeepEqual(w, g) {
			wj, _ := json.MarshalIndent(w, "", " ")
			gj, _ := json.MarshalIndent(g, "", " ")
			t.Errorf("%s differ:\nwant %s\n got %s", kind, firstDiff(string(wj), string(gj)), firstDiff(string(gj), string(wj)))
		}
	}
	diff("pieces", want.Pieces, got.Pieces)
	diff("annotations", want.Annotations, got.Annotations)
	diff("claims", want.Claims, got.Claims)
	diff("links", want.Links, got.Links)
	diff("notes", want.Notes, got.Notes)
	diff("relations", want.Relations, got.Relations)
}

// firstDiff shows a's text around its first difference from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo, hi := max(0, i-300), min(len(a), i+300)
	return strings.ReplaceAll(a[lo:hi], "\n", " ")
}

// fingerprint is a hash of everything in a notebook, its kept conflicts
// and sync bases included: equal before and after means untouched.
func fingerprint(t testing.TB, s *storage.Store) string {
	t.Helper()
	d := dumpNotebook(t, s)
	conflicts, err := s.Conflicts()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range d.Pieces {
		ids = append(ids, id)
	}
	for id := range d.Annotations {
		ids = append(ids, id)
	}
	for id := range d.Claims {
		ids = append(ids, id)
	}
	for id := range d.Links {
		ids = append(ids, id)
	}
	for id := range d.Notes {
		ids = append(ids, id)
	}
	bases, err := s.SyncBases(ids)
	if err != nil {
		t.Fatal(err)
	}
	check, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	all, err := json.Marshal([]any{d, conflicts, bases, check})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(all)
	return hex.EncodeToString(sum[:])
}

func mustCheck(t testing.TB, s *storage.Store) {
	t.Helper()
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("notebook check: %v", rep.Problems)
	}
}
