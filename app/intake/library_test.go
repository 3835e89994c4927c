package intake

import (
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage/bundle/merge"
)

// A .bib, a .ris and a CSL-JSON .json are reference libraries; a .json
// that is a Web Annotation file or anything else is not. Importing one
// goes through Import like every other kind, previewed by a dry run and
// reported in the merge's terms, each entry named in its reason.
func TestLibraryKindAndImport(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"lib.bib":    "@book{steppe, title = {Dams of the Steppe}, year = 2011}\n",
		"lib.ris":    "TY  - BOOK\nTI  - Dams of the Steppe\nPY  - 2011\nER  - \n",
		"refs.json":  `[{"id": "a", "type": "book", "title": "Dams of the Steppe", "issued": {"date-parts": [[2011]]}}]`,
		"anno.json":  `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}`,
		"other.json": `[1, 2, 3]`,
	})
	for name, want := range map[string]Kind{"lib.bib": Library, "lib.ris": Library, "refs.json": Library, "anno.json": WebAnnotations, "other.json": Article} {
		if got, err := KindOf(filepath.Join(dir, name)); err != nil || got != want {
			t.Errorf("KindOf(%s) = %v, %v; want %v", name, got, err, want)
		}
	}
	s := openStore(t)
	dry, err := Import(s, filepath.Join(dir, "lib.bib"), nil, merge.Options{DryRun: true})
	if err != nil || dry.Added != 1 {
		t.Fatalf("dry run %+v, %v", dry, err)
	}
	if ps, _ := s.Pieces(); len(ps) != 0 {
		t.Fatal("a dry run wrote")
	}
	rep, err := Import(s, filepath.Join(dir, "lib.bib"), nil, merge.Options{})
	if err != nil || rep.Added != 1 || len(rep.Details) != 1 || !strings.HasPrefix(rep.Details[0].Why, "steppe: no piece matched") {
		t.Fatalf("import %+v, %v", rep, err)
	}
	for _, again := range []string{"lib.ris", "refs.json"} {
		rep, err := Import(s, filepath.Join(dir, again), nil, merge.Options{})
		if err != nil || rep.Added != 0 || rep.Skipped != 1 || !strings.Contains(rep.Details[0].Why, "by title and year") {
			t.Fatalf("%s: %+v, %v", again, rep, err)
		}
	}
}
