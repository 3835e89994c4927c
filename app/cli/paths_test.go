package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Texts that put a piece's first words at risk: a headline, a byline, a
// dateline, a lone line, a list, a speaker turn, lines kept apart.
var riskyTexts = map[string]string{
	"headline.txt": "China and the Wakhan\n\nBy Raffaello Pantucci\n\nBeijing worries about militants in Badakhshan.\n\nThe corridor stays shut.",
	"byline.txt":   "By Raffaello Pantucci\n\nBeijing worries about militants in Badakhshan.\n\nThe corridor stays shut.",
	"dateline.txt": "KABUL, March 3 (Wire) — Officials met in the capital.\n\nNo statement followed.",
	"lone.txt":     "Termez\n\nTrucks wait at the bridge for days.",
	"list.txt":     "What the traders said:\n\n- fees doubled\n- queues grew\n- nobody explained\n\nEnd of notes.",
	"speakers.txt": "MODERATOR: Is the threat growing?\nDR. VALCOURT: It is changing.\n\nQuestions followed.",
	"verse.md":     "# Caspian\n\nThe wind is cold upon the Caspian,\nThe lorries sleep beneath the stars.\n\nAnd no one knows.",
}

// pieceText is a piece's text as `show --json` prints it.
func pieceText(t *testing.T, dir, id string) (string, int) {
	t.Helper()
	var p struct {
		Text     string `json:"text"`
		Revision int    `json:"revision"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "show", "--json", id)), &p); err != nil {
		t.Fatal(err)
	}
	return p.Text, p.Revision
}

// words is a text's words with Markdown's heading marks set aside: what
// must arrive, in order, whatever the line breaks.
func words(text string) []string {
	return slices.DeleteFunc(strings.Fields(text), func(w string) bool { return w == "#" })
}

// TestNoPathDropsAParagraph imports risky texts and sends them down every
// path a text takes — import, edit with the same text, a bundle to another
// notebook, a Markdown folder to a third — and holds every path to every
// word, in order; an edit with the text unchanged makes no revision.
func TestNoPathDropsAParagraph(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	ids := map[string]string{}
	texts := map[string]string{}
	for name, text := range riskyTexts {
		id := strings.TrimSpace(mustRun(t, dir, "import", writeFile(t, name, text)))
		ids[name] = id
		got, _ := pieceText(t, dir, id)
		if !slices.Equal(words(got), words(text)) {
			t.Errorf("import of %s: stored %q, from %q", name, got, text)
		}
		texts[name] = got
		edited := writeFile(t, "edited-"+strings.TrimSuffix(name, filepath.Ext(name))+".txt", got)
		if out := mustRun(t, dir, "edit-text", "--piece", id, "--file", edited); !strings.Contains(out, "unchanged") {
			t.Errorf("edit of %s with its own text: %q", name, out)
		}
		if again, rev := pieceText(t, dir, id); again != got || rev != 1 {
			t.Errorf("edit of %s with its own text made revision %d: %q", name, rev, again)
		}
	}
	zip := filepath.Join(t.TempDir(), "all.zip")
	mustRun(t, dir, "export", "--out", zip)
	other := filepath.Join(t.TempDir(), "other")
	mustRun(t, other, "import", zip)
	folder := filepath.Join(t.TempDir(), "md")
	mustRun(t, dir, "export", "--markdown", folder)
	third := filepath.Join(t.TempDir(), "third")
	mustRun(t, third, "import", folder)
	for name, id := range ids {
		for _, nb := range []string{other, third} {
			if got, _ := pieceText(t, nb, id); got != texts[name] {
				t.Errorf("%s through %s: %q, want %q", name, filepath.Base(nb), got, texts[name])
			}
		}
	}
}
