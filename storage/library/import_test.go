package library_test

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/library"
)

func open(t *testing.T, dir string) *storage.Store {
	t.Helper()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importFile(t *testing.T, s *storage.Store, path string, opt library.Options) library.Report {
	t.Helper()
	l, err := library.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.Import(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func byEntry(rep library.Report) map[string]library.Outcome {
	out := map[string]library.Outcome{}
	for _, o := range rep.Outcomes {
		out[o.Entry] = o
	}
	return out
}

func pieceByTitle(t *testing.T, s *storage.Store, title string) storage.Piece {
	t.Helper()
	ps, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Title == title {
			return p.Piece
		}
	}
	t.Fatalf("no piece %q", title)
	return storage.Piece{}
}

// TestImportMatches imports a BibTeX library into a notebook that holds
// three of its references already: one matched by DOI, one by URL, one
// by title and year. Their missing metadata is filled in and nothing the
// user set is overwritten; the fourth entry becomes a piece with its
// attachment's text. A second import changes nothing.
func TestImportMatches(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s := open(t, dir)
	byDOI, err := s.AddPiece(storage.Piece{Title: "Pamir rivers (my copy)", DOI: "10.1234/jms.2019.7", Tags: []string{"mine"}},
		"The Panj rises in the Wakhan.")
	if err != nil {
		t.Fatal(err)
	}
	byURL, _ := s.AddPiece(storage.Piece{Title: "Wakhan page", URL: "http://example.org/wakhan"}, "The corridor is narrow.")
	byTitle, _ := s.AddPiece(storage.Piece{Title: "Lithium in Termez!", Published: "2022-01", Outlet: "Set by me"}, "Traders report.")
	otherYear, _ := s.AddPiece(storage.Piece{Title: "Dams of the Øresund and the Steppe", Published: "1999"}, "Another work of the same name.")

	bib := filepath.Join("testdata", "zotero.bib")
	rep := importFile(t, s, bib, library.Options{})
	if rep.Created != 1 || rep.Updated != 2 || rep.Unchanged != 1 || rep.Skipped != 0 {
		t.Fatalf("report %+v", rep)
	}
	out := byEntry(rep)
	if o := out["dvorak_rivers_2019"]; o.Action != library.Updated || o.PieceID != byDOI.ID || !strings.Contains(o.Why, "by DOI 10.1234/jms.2019.7") ||
		!strings.Contains(o.Why, "filled in authors, outlet, date, abstract (as a note)") {
		t.Errorf("by DOI: %+v", o)
	}
	if o := out["noauthor_wakhan_nodate"]; o.Action != library.Unchanged || o.PieceID != byURL.ID || !strings.Contains(o.Why, "by URL") {
		t.Errorf("by URL: %+v", o)
	}
	if o := out["lee_lithium_2022"]; o.Action != library.Updated || o.PieceID != byTitle.ID || !strings.Contains(o.Why, "by title and year") ||
		!strings.Contains(o.Why, "lee.pdf is not in the export") {
		t.Errorf("by title: %+v", o)
	}
	o := out["ostergaard_dams_2011"]
	if o.Action != library.Created || o.PieceID == "" || o.PieceID == otherYear.ID || !strings.Contains(o.Why, "the text of files/13/dams.html") {
		t.Errorf("created: %+v", o)
	}

	p, _ := s.Piece(byDOI.ID)
	if p.Title != "Pamir rivers (my copy)" || p.Outlet != "Journal of Mountain Studies" || p.Published != "2019-03" ||
		!reflect.DeepEqual(p.Authors, []string{"Jana Dvořák", "Hans-Jörg Müller", "Pamir Research Group"}) || !reflect.DeepEqual(p.Tags, []string{"mine"}) {
		t.Errorf("filled in by DOI: %+v", p)
	}
	notes, _ := s.NotesAttachedTo(byDOI.ID)
	if len(notes) != 1 || !strings.Contains(notes[0].Body, "Where the water goes") {
		t.Errorf("abstract notes: %+v", notes)
	}
	p, _ = s.Piece(byTitle.ID)
	if p.Outlet != "Set by me" || p.Published != "2022-01" || p.DOI != "10.5555/steppe.2022.3" || !reflect.DeepEqual(p.Authors, []string{"Min-Ji Lee"}) {
		t.Errorf("filled in by title: %+v", p)
	}
	created, _ := s.Piece(o.PieceID)
	text, _ := s.PieceText(o.PieceID)
	if created.Format != storage.FormatRef || !created.HasText() || !strings.Contains(text, "The first dam on the steppe") ||
		!reflect.DeepEqual(created.Authors, []string{"Søren Østergaard", "François Lefèvre"}) || created.Outlet != "Steppe Press" {
		t.Errorf("created: %+v, %q", created, text)
	}

	commits := s.Commits()
	again := importFile(t, s, bib, library.Options{})
	if again.Unchanged != 4 || s.Commits() != commits {
		t.Fatalf("a second import: %+v (commits %d → %d)", again, commits, s.Commits())
	}
	s.Close()
	s = open(t, dir)
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Fatalf("check after reopening: %v %v", rep, err)
	}
	if again := importFile(t, s, bib, library.Options{}); again.Unchanged != 4 {
		t.Fatalf("after reopening: %+v", again)
	}
}

// TestImportCreatesBibliographicPieces: entries that match nothing
// become pieces with no text; the same reference twice in one library
// makes one piece; an entry with no title is skipped, saying why; a dry
// run writes nothing.
func TestImportCreatesBibliographicPieces(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "nb"))
	lib := filepath.Join(t.TempDir(), "lib.ris")
	data := "TY  - JOUR\nTI  - Alpha\nDO  - 10.1000/a\nER  - \n\n" +
		"TY  - JOUR\nTI  - Alpha (again)\nDO  - https://doi.org/10.1000/A\nAU  - Doe, Jane\nER  - \n\n" +
		"TY  - JOUR\nUR  - https://example.org/untitled\nER  - \n\n" +
		"TY  - JOUR\nTI  - Beta\nPY  - 2020/02/30/\nUR  - ftp://x\nER  - \n"
	if err := os.WriteFile(lib, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	commits := s.Commits()
	dry := importFile(t, s, lib, library.Options{DryRun: true})
	if dry.Created != 2 || dry.Skipped != 2 || s.Commits() != commits {
		t.Fatalf("dry run %+v", dry)
	}
	rep := importFile(t, s, lib, library.Options{})
	if rep.Created != 2 || rep.Skipped != 2 {
		t.Fatalf("report %+v", rep)
	}
	if o := rep.Outcomes[1]; !strings.Contains(o.Why, "the same reference as the entry on line 1 (by DOI 10.1000/a); its authors added to that one") || o.PieceID != rep.Outcomes[0].PieceID {
		t.Errorf("duplicate: %+v", o)
	}
	if o := rep.Outcomes[2]; o.Action != library.Skipped || !strings.Contains(o.Why, "no title") {
		t.Errorf("untitled: %+v", o)
	}
	if o := rep.Outcomes[3]; !strings.Contains(o.Why, "date 2020-02-30 is not a day of the calendar") || !strings.Contains(o.Why, `URL "ftp://x" is not a web address`) {
		t.Errorf("bad fields: %+v", o)
	}
	alpha := pieceByTitle(t, s, "Alpha")
	if alpha.HasText() || alpha.Format != storage.FormatRef || alpha.DOI != "10.1000/a" || !reflect.DeepEqual(alpha.Authors, []string{"Jane Doe"}) {
		t.Fatalf("bibliographic piece %+v", alpha)
	}
}

// TestImportMalformedWritesNothing: a library that cannot be read is
// refused naming its line, and the notebook is not touched.
func TestImportMalformedWritesNothing(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "nb"))
	bad := filepath.Join(t.TempDir(), "bad.bib")
	os.WriteFile(bad, []byte("@article{ok, title = {Fine}}\n@article{broken,\n title = {Never closed\n"), 0o644)
	commits := s.Commits()
	_, err := library.ReadFile(bad)
	if err == nil || err.Error() != "bad.bib is not a BibTeX file this can read: line 3: the braced value begun here is not closed" {
		t.Fatalf("error %v", err)
	}
	if ps, _ := s.Pieces(); len(ps) != 0 || s.Commits() != commits {
		t.Fatal("something was written")
	}
}

// TestRoundTripThroughBundle: pieces imported from a .bib, exported in a
// bundle and imported back into an empty notebook keep their metadata,
// bibliographic pieces with no text among them; the bundle's
// references.json, read as a library, brings the DOIs, which the pieces'
// front matter does not carry yet.
func TestRoundTripThroughBundle(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a"))
	importFile(t, s, filepath.Join("testdata", "zotero.bib"), library.Options{})
	zipPath := filepath.Join(t.TempDir(), "refs.zip")
	if _, err := bundle.ExportFile(s, scope.Scope{}, zipPath, bundle.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, filepath.Join(t.TempDir(), "b"))
	if _, err := bundle.ImportFile(s2, zipPath, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	refs := filepath.Join(t.TempDir(), "references.json")
	extract(t, zipPath, bundle.ReferencesFile, refs)
	rep := importFile(t, s2, refs, library.Options{})
	if rep.Created != 0 {
		t.Fatalf("references.json made new pieces: %+v", rep)
	}
	want, _ := s.Pieces()
	got, _ := s2.Pieces()
	if len(got) != len(want) {
		t.Fatalf("%d pieces, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i].Piece, got[i].Piece
		if g.ID != w.ID || g.Title != w.Title || !slices.Equal(g.Authors, w.Authors) || g.Outlet != w.Outlet ||
			g.Published != w.Published || g.URL != w.URL || g.DOI != w.DOI || !slices.Equal(g.Tags, w.Tags) ||
			g.Format != w.Format || g.HasText() != w.HasText() {
			t.Errorf("piece %s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
}

func extract(t *testing.T, zipPath, name, to string) {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
