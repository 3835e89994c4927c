package intake

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/markdown"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// write makes the files of a folder; a name ending in "/" is a folder.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func titles(t *testing.T, s *storage.Store) []string {
	t.Helper()
	pieces, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pieces {
		out = append(out, p.Title)
	}
	slices.Sort(out)
	return out
}

func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"share.zip":                      "PK",
		"notes.jsonld":                   "{}",
		"recogito.json":                  `[{"@context": "http://www.w3.org/ns/anno.jsonld"}]`,
		"package.json":                   `{"name": "x"}`,
		"op-ed.txt":                      "text",
		"report.pdf":                     "%PDF",
		"articles/a.txt":                 "text",
		"vault/x.md":                     "text",
		"vault/.commonplace/folder.yaml": "format: commonplace-markdown\n",
	})
	for name, want := range map[string]Kind{
		"share.zip": Bundle, "notes.jsonld": WebAnnotations, "recogito.json": WebAnnotations, "package.json": Article,
		"op-ed.txt": Article, "report.pdf": Article, "articles": ArticleFolder, "vault": MarkdownFolder,
	} {
		if got, err := KindOf(filepath.Join(dir, name)); got != want || err != nil {
			t.Errorf("KindOf(%s) = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := KindOf(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "no such file or folder") {
		t.Errorf("a missing path: %v", err)
	}
}

// A folder of articles: every .txt, .md and .html file under it becomes a
// piece, however deep; hidden files and folders, symbolic links and other
// files are passed over. A dry run says what would come and writes
// nothing.
func TestImportFolderOfArticles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"op-ed.txt":               "The Quiet Border\n\nTrade across the Caspian has doubled since 2019.",
		"2024/interview.md":       "---\ntitle: Interview with a ferry captain\ntags: [ferries]\n---\n\nThe crossing takes a day.",
		"2024/may/report.html":    "<html><head><title>Port report</title></head><body><article><p>The new port at Alat is open, and the first ferries have docked there.</p></article></body></html>",
		".hidden.txt":             "not mine",
		".obsidian/workspace.txt": "not mine",
		"scan.png":                "\x89PNG",
		"empty folder/":           "",
	})
	outside := filepath.Join(t.TempDir(), "outside.txt")
	write(t, filepath.Dir(outside), map[string]string{"outside.txt": "Outside the folder."})
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(dir, "linked folder")); err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	dry, err := Import(s, dir, nil, merge.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.Added != 3 || len(dry.Details) != 3 || len(titles(t, s)) != 0 {
		t.Fatalf("dry run: %+v; notebook holds %v", dry, titles(t, s))
	}
	var last, total int
	rep, err := Import(s, dir, nil, merge.Options{Progress: func(done, all int) { last, total = done, all }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3 || rep.Updated+rep.Skipped+rep.Conflicts != 0 || last != total || total == 0 {
		t.Fatalf("import: %+v, progress %d of %d", rep, last, total)
	}
	if got := titles(t, s); !slices.Equal(got, []string{"Interview with a ferry captain", "Port report", "The Quiet Border"}) {
		t.Fatalf("pieces: %q", got)
	}
	if check, err := s.Check(); err != nil || !check.OK() {
		t.Fatalf("check: %v %v", err, check.Problems)
	}
}

// One file the importer refuses means nothing is added, and the error
// names the file and where it is.
func TestImportFolderIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.txt":          "A perfectly good text.",
		"b.txt":          "Another good one.",
		"notes/nope.txt": "   \n",
	})
	s := openStore(t)
	_, err := Import(s, dir, nil, merge.Options{})
	if err == nil || !strings.Contains(err.Error(), "nope.txt") || !strings.Contains(err.Error(), "(in notes)") {
		t.Fatalf("got %v, want an error naming notes/nope.txt", err)
	}
	if got := titles(t, s); len(got) != 0 {
		t.Fatalf("a refused folder added %q", got)
	}
}

func TestImportFolderWithNothingToImport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "photos")
	write(t, dir, map[string]string{"a.png": "\x89PNG", ".notes.txt": "hidden"})
	_, err := Import(openStore(t), dir, nil, merge.Options{})
	if err == nil || err.Error() != "photos holds no .txt, .md, .html or .pdf files" {
		t.Fatalf("got %v", err)
	}
}

// A folder Commonplace exported as Markdown is known by its manifest and
// merged as such; without the manifest its Markdown files are articles.
func TestImportRecognisesAnExportedMarkdownFolder(t *testing.T) {
	src := openStore(t)
	p, err := src.AddPiece(storage.Piece{Title: "The door"}, "The door must stay shut.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.AnnotateQuote(p.ID, "stay shut", 1, storage.AnnotationInput{Note: "which door?"}); err != nil {
		t.Fatal(err)
	}
	sel, err := scope.Select(src, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	vault := filepath.Join(t.TempDir(), "vault")
	if _, err := markdown.Export(src, sel, vault); err != nil {
		t.Fatal(err)
	}
	if k, _ := KindOf(vault); k != MarkdownFolder {
		t.Fatalf("the exported folder is a %v", k)
	}
	s := openStore(t)
	rep, err := Import(s, vault, nil, merge.Options{})
	if err != nil || rep.Added != 2 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	if a, _ := s.AnnotationsOf(p.ID); len(a) != 1 || a[0].Note != "which door?" {
		t.Fatalf("the passage did not come with its piece: %+v", a)
	}

	if err := os.Remove(filepath.Join(vault, ".commonplace", "folder.yaml")); err != nil {
		t.Fatal(err)
	}
	if k, _ := KindOf(vault); k != ArticleFolder {
		t.Fatalf("without its manifest the folder is a %v", k)
	}
	other := openStore(t)
	if rep, err := Import(other, vault, nil, merge.Options{}); err != nil || rep.Added != 1 {
		t.Fatalf("as articles: %+v %v", rep, err)
	}
}

// A folder too large for one transaction is imported staged, still all or
// nothing: cancelled while it is being applied, the notebook is as it was.
func TestImportLargeFolderIsStaged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3 MB of articles")
	}
	dir := t.TempDir()
	files := map[string]string{}
	para := strings.Repeat("The corridor stays closed and the trucks wait at the bridge. ", 100)
	for i := range 500 {
		files[fmt.Sprintf("%02d/piece%03d.txt", i/100, i)] = fmt.Sprintf("Piece %d\n\n%s", i, para)
	}
	write(t, dir, files)
	s := openStore(t)
	if _, err := s.AddNote(storage.Note{Title: "already here"}); err != nil {
		t.Fatal(err)
	}
	cancel := make(chan struct{})
	var once sync.Once
	_, err := Import(s, dir, nil, merge.Options{Cancel: cancel, Progress: func(done, total int) {
		if done > total/2 { // reported once planned: the apply stops

			once.Do(func() { close(cancel) })
		}
	}})
	if !errors.Is(err, merge.ErrCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	if got := titles(t, s); len(got) != 0 {
		t.Fatalf("a cancelled import added %d pieces", len(got))
	}
	rep, err := Import(s, dir, nil, merge.Options{})
	if err != nil || rep.Added != 500 {
		t.Fatalf("import: %d added, %v", rep.Added, err)
	}
	if notes, _ := s.Notes(); len(notes) != 1 || len(titles(t, s)) != 500 {
		t.Fatalf("after the import: %d notes, %d pieces", len(notes), len(titles(t, s)))
	}
}

func TestOnlyWebAnnotationsTakeTexts(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.txt": "A text.", "b.txt": "Another."})
	_, err := Import(openStore(t), filepath.Join(dir, "a.txt"), []string{filepath.Join(dir, "b.txt")}, merge.Options{})
	if err == nil || !strings.Contains(err.Error(), "only a Web Annotation file") {
		t.Fatalf("got %v", err)
	}
}
