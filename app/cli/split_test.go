package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"commonplace/storage"
)

// importArchive imports the seven-article archive the importer's tests
// use and returns the notebook folder and the piece's id.
func importArchive(t *testing.T) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "nb")
	data, err := os.ReadFile("../../storage/importer/testdata/archive/seven.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, dir, "import", writeFile(t, "archive.txt", string(data)))
	return dir, strings.TrimSpace(out)
}

func TestSplitArticles(t *testing.T) {
	dir, id := importArchive(t)
	ann := strings.TrimSpace(mustRun(t, dir, "annotate", "--piece", id, "--quote", "share a single watch list"))

	dry := mustRun(t, dir, "split", "--piece", id, "--articles", "--dry-run")
	lines := strings.Split(strings.TrimSpace(dry), "\n")
	if len(lines) != 7 || !strings.HasSuffix(lines[2], "Police in three countries share a watch list — Marta Keller, Jonas Weber") {
		t.Fatalf("dry run listed:\n%s", dry)
	}
	if out := mustRun(t, dir, "pieces"); strings.Count(out, "\n") > 3 && strings.Contains(out, "Border towns") {
		t.Fatalf("a dry run split the piece:\n%s", out)
	}

	out := mustRun(t, dir, "split", "--piece", id, "--articles")
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if len(rows) != 8 || !strings.HasPrefix(rows[0], id+"\t") || !strings.HasSuffix(rows[7], "\tBorder towns bet on logistics parks") {
		t.Fatalf("split printed:\n%s", out)
	}
	police, _, _ := strings.Cut(rows[3], "\t")
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Annotation(ann)
	p, _ := s.Piece(police)
	first, _ := s.PieceText(id)
	s.Close()
	if a.PieceID != police || p.Authors[0] != "Marta Keller" || strings.Contains(first, "Rail freight") {
		t.Fatalf("after the split: passage on %s, piece %+v, first part %q", a.PieceID, p, first)
	}
	checkPasses(t, dir)
}

func TestSplitAtOffsets(t *testing.T) {
	dir, id := importArchive(t)
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := s.PieceText(id)
	s.Close()
	cut := len([]rune(text[:strings.Index(text, "Police in three")]))
	fails(t, dir, ExitUsage, "give either", "split", "--piece", id)
	fails(t, dir, ExitUsage, "is not a number", "split", "--piece", id, "--at", "12,x")
	fails(t, dir, ExitError, "inside the word", "split", "--piece", id, "--at", strconv.Itoa(cut+3))
	out := mustRun(t, dir, "split", "--piece", id, "--at", strconv.Itoa(cut))
	if rows := strings.Split(strings.TrimSpace(out), "\n"); len(rows) != 2 || !strings.HasSuffix(rows[1], "\tPolice in three countries share a watch list") {
		t.Fatalf("split printed:\n%s", out)
	}
	checkPasses(t, dir)
}
