package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A reference library comes in from the command line: each entry's fate
// printed, a second import changing nothing, a bibliographic piece shown
// with no text until edit-text attaches one, and a malformed library
// refused naming its line with no notebook created.
func TestImportLibrary(t *testing.T) {
	lib := writeFolder(t, map[string]string{
		"My Library.bib": "@article{dvorak2019,\n  title = {Rivers of the {P}amir},\n  author = {Dvo{\\v r}{\\'a}k, Jana},\n" +
			"  doi = {https://doi.org/10.1234/JMS.7},\n  year = 2019, month = mar,\n  file = {Full Text:files/1/rivers.txt:text/plain},\n}\n" +
			"@book{steppe2011,\n  title = {Dams of the Steppe},\n  publisher = {Steppe Press},\n  year = {2011},\n}\n",
		"files/1/rivers.txt": "The Panj rises in the Wakhan.\n\nWho decides where it goes?",
		"bad.ris":            "TY  - JOUR\nTI  - Never ended\n",
	})
	dir := filepath.Join(t.TempDir(), "nb")
	fails(t, dir, ExitError, "bad.ris is not a RIS file this can read: line 1: the reference begun here has no ER line to end it; nothing was imported",
		"import", filepath.Join(lib, "bad.ris"))
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("a malformed library created the notebook")
	}
	out := mustRun(t, dir, "import", filepath.Join(lib, "My Library.bib"))
	if !strings.HasPrefix(out, "My Library.bib (BibTeX): created 2, updated 0, unchanged 0, skipped 0\n") ||
		!strings.Contains(out, "create    dvorak2019  Rivers of the Pamir — no piece matched: a piece with the text of files/1/rivers.txt") ||
		!strings.Contains(out, "create    steppe2011  Dams of the Steppe — no piece matched: a bibliographic piece, no text yet") {
		t.Fatalf("import said:\n%s", out)
	}
	out = mustRun(t, dir, "import", filepath.Join(lib, "My Library.bib"))
	if !strings.HasPrefix(out, "My Library.bib (BibTeX): created 0, updated 0, unchanged 2, skipped 0\n") || !strings.Contains(out, "by DOI 10.1234/jms.7") {
		t.Fatalf("a second import said:\n%s", out)
	}
	var pieces []pieceJSON
	if err := json.Unmarshal([]byte(mustRun(t, dir, "pieces", "--json")), &pieces); err != nil || len(pieces) != 2 {
		t.Fatalf("pieces: %v %v", pieces, err)
	}
	steppe := pieces[1].ID
	if out := mustRun(t, dir, "show", steppe); !strings.Contains(out, "no text yet (attach one: commonplace edit-text --piece "+steppe) ||
		!strings.Contains(out, "outlet     Steppe Press") {
		t.Fatalf("show said:\n%s", out)
	}
	if out := mustRun(t, dir, "search", "dams"); !strings.Contains(out, "Dams of the Steppe") {
		t.Fatalf("a piece with no text not found by its title:\n%s", out)
	}
	text := filepath.Join(lib, "files", "1", "rivers.txt")
	mustRun(t, dir, "edit-text", "--piece", steppe, "--file", text)
	if out := mustRun(t, dir, "show", steppe); !strings.Contains(out, "revision 1") || !strings.Contains(out, "The Panj rises") {
		t.Fatalf("after edit-text, show said:\n%s", out)
	}
	if out := mustRun(t, dir, "search", "Steppe Press"); !strings.Contains(out, "Dams of the Steppe") {
		t.Fatalf("search said:\n%s", out)
	}
	mustRun(t, dir, "check")
}
