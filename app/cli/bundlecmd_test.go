package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportAndImportBundle(t *testing.T) {
	dir, id := setup(t)
	mustRun(t, dir, "annotate", "--piece", id, "--quote", "Wakhan", "--note", "the corridor")
	zip := filepath.Join(t.TempDir(), "share.zip")
	out := mustRun(t, dir, "export", "--out", zip)
	if !strings.Contains(out, "exported 1 pieces, 1 annotations") {
		t.Fatalf("export said %q", out)
	}
	other := filepath.Join(t.TempDir(), "colleague")
	if out := mustRun(t, other, "import", "--dry-run", zip); !strings.HasPrefix(out, "would import: added 2, updated 0, conflicts 0, skipped 0") {
		t.Fatalf("dry run said %q", out)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Fatal("a dry run created the notebook")
	}
	if out := mustRun(t, other, "import", zip); !strings.HasPrefix(out, "added 2, updated 0, conflicts 0, skipped 0") {
		t.Fatalf("import said %q", out)
	}
	if out := mustRun(t, other, "import", zip); !strings.HasPrefix(out, "added 0, updated 0, conflicts 0, skipped 2") {
		t.Fatalf("importing again said %q", out)
	}
	if out := mustRun(t, other, "show", id); !strings.Contains(out, "the corridor") {
		t.Fatalf("the annotation did not come over:\n%s", out)
	}

	md := filepath.Join(t.TempDir(), "md")
	mustRun(t, dir, "export", "--markdown", md)
	third := filepath.Join(t.TempDir(), "third")
	if out := mustRun(t, third, "import", md); !strings.HasPrefix(out, "added 2,") {
		t.Fatalf("Markdown import said %q", out)
	}

	fails(t, dir, 2, "give --out FILE.zip or --markdown DIR", "export")
	fails(t, dir, 2, "--out names a .zip file", "export", "--out", "x.tar")
	bad := writeFile(t, "bad.zip", "not a zip at all")
	fails(t, other, 1, "nothing was imported", "import", bad)
}

func TestImportWebAnnotationsWithTheirTexts(t *testing.T) {
	text := writeFile(t, "op-ed.txt", "Corridors\n\nThe Wakhan corridor is narrow. Beijing watches it closely.\n")
	anns := filepath.Join(filepath.Dir(text), "notes.jsonld")
	w3c := `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [
	  {"id": "https://example.org/anno/1", "type": "Annotation", "motivation": "commenting",
	   "body": [{"type": "TextualBody", "value": "Key claim", "purpose": "commenting"},
	            {"type": "TextualBody", "value": "wakhan", "purpose": "tagging"}],
	   "target": {"source": "op-ed.txt", "selector": {"type": "TextQuoteSelector", "exact": "Beijing watches it closely"}}}]}`
	if err := os.WriteFile(anns, []byte(w3c), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "nb")
	if out := mustRun(t, dir, "import", anns, text); !strings.HasPrefix(out, "added 2,") {
		t.Fatalf("import said %q", out)
	}
	if out := mustRun(t, dir, "search", "kind:passage", "watches"); !strings.Contains(out, "Beijing watches it closely") {
		t.Fatalf("the passage is not in the notebook:\n%s", out)
	}
	fails(t, filepath.Join(t.TempDir(), "nb2"), 1, "none of the given texts", "import", anns)
}
