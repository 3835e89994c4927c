package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFolder makes a folder of files, by slash-separated name.
func writeFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A folder of articles imports each .txt, .md and .html file in it, all
// of them or none; --dry-run says what would come and adds nothing.
func TestImportFolderOfArticles(t *testing.T) {
	folder := writeFolder(t, map[string]string{
		"op-ed.txt":            "The Quiet Border\n\nTrade across the Caspian has doubled since 2019.",
		"2024/interview.md":    "---\ntitle: Interview with a ferry captain\n---\n\nThe crossing takes a day.",
		"2024/may/report.html": "<html><head><title>Port report</title></head><body><p>The new port at Alat is open.</p></body></html>",
		".trash/old.txt":       "deleted",
		"cover.jpg":            "\xff\xd8\xff",
	})
	dir := filepath.Join(t.TempDir(), "nb")
	if out := mustRun(t, dir, "import", "--dry-run", folder); !strings.HasPrefix(out, "would import: added 3, updated 0, conflicts 0, skipped 0") {
		t.Fatalf("dry run said %q", out)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("a dry run created the notebook")
	}
	if out := mustRun(t, dir, "import", folder); out != "added 3, updated 0, conflicts 0, skipped 0\n" {
		t.Fatalf("import said %q", out)
	}
	var pieces []pieceJSON
	if err := json.Unmarshal([]byte(mustRun(t, dir, "pieces", "--json")), &pieces); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pieces {
		got = append(got, p.Title)
	}
	if len(pieces) != 3 || !strings.Contains(strings.Join(got, "|"), "Interview with a ferry captain") {
		t.Fatalf("pieces: %q", got)
	}
	var rep struct{ Added int }
	if err := json.Unmarshal([]byte(mustRun(t, filepath.Join(t.TempDir(), "nb2"), "import", "--json", folder)), &rep); err != nil || rep.Added != 3 {
		t.Fatalf("--json: %+v %v", rep, err)
	}
}

func TestImportFolderRefusals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	mustRun(t, dir, "note", "the notebook exists")
	bad := writeFolder(t, map[string]string{"good.txt": "A good text.", "drafts/bad.txt": "%PDF-1.7 binary"})
	fails(t, dir, ExitError, "bad.txt", "import", bad)
	fails(t, dir, ExitError, "nothing was imported", "import", bad)
	empty := writeFolder(t, map[string]string{"photo.png": "\x89PNG"})
	fails(t, dir, ExitError, filepath.Base(empty)+" holds no .txt, .md, .html or .pdf files", "import", empty)
	if out := mustRun(t, dir, "pieces", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("a refused folder stored pieces: %s", out)
	}
}

// The case: a folder of many plain texts, which used to be taken
// for an exported Markdown folder and import nothing.
func TestImportFolderOfManyTexts(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 1,000 files")
	}
	files := map[string]string{}
	for i := range 1000 {
		files[fmt.Sprintf("%d/%04d.txt", i%10, i)] = fmt.Sprintf("Piece %d\n\nThe corridor stays closed and the trucks wait at the bridge.", i)
	}
	dir := filepath.Join(t.TempDir(), "nb")
	if out := mustRun(t, dir, "import", writeFolder(t, files)); out != "added 1000, updated 0, conflicts 0, skipped 0\n" {
		t.Fatalf("import said %q", out)
	}
	if out := mustRun(t, dir, "check"); !strings.HasPrefix(out, "pieces      1000\n") {
		t.Fatalf("check said %q", out)
	}
}

// On a terminal the import keeps one line up to date and blanks it at the
// end; anywhere else it writes nothing (the tests above check the output
// is the report alone).
func TestProgressLine(t *testing.T) {
	var buf strings.Builder
	p := &progressLine{out: &buf, what: "importing x"}
	p.show(1, 4)
	p.show(4, 4)
	p.clear()
	if want := "\rimporting x… 25%\rimporting x… 100%\r" + strings.Repeat(" ", 17) + "\r"; buf.String() != want {
		t.Fatalf("wrote %q, want %q", buf.String(), want)
	}
}

// TestImportFromAnAddress: `commonplace import https://…` fetches the page
// and keeps its address and the day it was read; an address that cannot
// be reached says so and imports nothing.
func TestImportFromAnAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Rail at Termez</title></head><body><article><h1>Rail at Termez</h1>` +
			`<p>Lorries queue at the Termez bridge for days while the fees double, and the rail yard stands half empty.</p></article></body></html>`))
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "nb")
	id := strings.TrimSpace(mustRun(t, dir, "import", srv.URL+"/rail"))
	var shown struct {
		Title, URL, Accessed string
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "show", "--json", id)), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Title != "Rail at Termez" || shown.URL != srv.URL+"/rail" || shown.Accessed == "" {
		t.Errorf("imported %+v", shown)
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	fails(t, dir, ExitError, "this computer may be offline", "import", closed.URL+"/x")
}
