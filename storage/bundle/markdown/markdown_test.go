package markdown

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// exportFixture exports the fixture notebook (or sc of it) to a new
// folder and returns the notebook and the folder.
func exportFixture(t *testing.T, sc scope.Scope) (*storage.Store, string, scope.Counts) {
	t.Helper()
	s := bundletest.Fixture(t)
	sel, err := scope.Select(s, sc)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "vault")
	counts, err := Export(s, sel, dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir, counts
}

// dumpItems is every item of a notebook as JSON, by id, for comparing two
// notebooks item by item.
func dumpItems(t *testing.T, s *storage.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(id string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[id] = string(b)
	}
	err := s.EachPiece(func(p storage.Piece, text string) error {
		put(p.ID, p)
		put(p.ID+"/text", text)
		revs, err := s.Revisions(p.ID)
		put(p.ID+"/revisions", revs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EachAnnotation(func(a storage.Annotation) error { put(a.ID, a); return nil }); err != nil {
		t.Fatal(err)
	}
	claims, err := s.Claims()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		put(c.ID, c)
	}
	links, err := s.AllLinks()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		put(l.ID, l)
	}
	notes, err := s.Notes()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		put(n.ID, n)
	}
	rels, err := s.Relations()
	if err != nil {
		t.Fatal(err)
	}
	put("relations", rels)
	return out
}

func sameItems(t *testing.T, want, got map[string]string) {
	t.Helper()
	for id, w := range want {
		if g, ok := got[id]; !ok {
			t.Errorf("%s is missing after the round trip", id)
		} else if g != w {
			t.Errorf("%s differs after the round trip:\n got %s\nwant %s", id, g, w)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s appeared in the round trip", id)
		}
	}
}

func TestMarkdownRoundTrip(t *testing.T) {
	s, dir, counts := exportFixture(t, scope.Scope{})
	want := scope.Counts{Pieces: 3, Revisions: 1, Annotations: 10, Claims: 2, Links: 6, Notes: 2}
	if counts != want {
		t.Errorf("export counted %+v, want %+v", counts, want)
	}
	s2 := bundletest.OpenStore(t)
	rep, err := Import(s2, dir, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 23 || rep.Updated+rep.Skipped+rep.Conflicts != 0 || len(rep.Outside) != 0 {
		t.Errorf("import into an empty notebook: %+v", rep)
	}
	for st, n := range rep.Reattached {
		if n > 0 {
			t.Errorf("%d passages re-anchored (%s) on unchanged texts", n, st)
		}
	}
	sameItems(t, dumpItems(t, s), dumpItems(t, s2))
	bundletest.MustCheck(t, s2)

	// Back into the notebook it came from: everything is there already.
	rep, err = Import(s, dir, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != 23 || rep.Added+rep.Updated+rep.Conflicts != 0 {
		t.Errorf("import into the source notebook: %+v", rep)
	}
}

func TestMarkdownFilesReadable(t *testing.T) {
	_, dir, _ := exportFixture(t, scope.Scope{})
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pieceA := "China’s quiet expansion in Afghanistan (00000001)"
	piece := read(pieceA + ".md")
	for _, want := range []string{
		"---\ntitle: China’s quiet expansion in Afghanistan\nauthors:\n  - Mira Patel\n",
		"\ncommonplace: piece\nid: " + bundletest.PieceA + "\n",
		"\n# China’s quiet expansion in Afghanistan\n\n*Mira Patel, Tom Ashby* · Reuters · 14 March 2025 · [reuters.com](<https://www.reuters.com/world/asia-pacific/china-afghanistan-2025-03-14/>)\n",
		"\n#china #afghanistan\n",
		"\n" + textStart + "\n" + bundletest.TextA + "\n" + endMark + "\n",
		// A passage: its quote, its block id, its note, its tags and links.
		"\n> Security comes first\n\n^a-00000001\n\nThe core of the argument: security before money.\n\n#security\n\n" +
			"- *evidence for* [[Beijing’s security interests, not investment, drive its Afghan policy (00000001)|Beijing’s security interests, not investment, drive its Afghan policy.]]\n" +
			"- *supports* [[Eurasian connectivity and the Wakhan question (00000002)#^a-0000000b|“Security worries outweigh the promise of trade.”]] (strong) — Both cite the same officials.\n",
		"- *contradicted by* [[Eurasian connectivity and the Wakhan question (00000002)#^a-0000000d|“imagined as a route for road and rail”]]\n",
		"**Needs review** — the text changed since this was marked; the words are probably now “trade rather than grand projects”.\n\nCheck:",
		"## Passages no longer in the text\n\n> A lithium rush is already under way in Nuristan.\n\n^a-00000006\n\n**Orphaned**",
		"- *cited by* [[Copper & lithium - notes from the Termez market (00000003)|Copper & lithium: notes from the Termez market]]\n",
	} {
		if !strings.Contains(piece, want) {
			t.Errorf("%s.md lacks\n%s\n---- file:\n%s", pieceA, want, piece)
		}
	}
	claim := read("Claims/Beijing’s security interests, not investment, drive its Afghan policy (00000001).md")
	for _, want := range []string{
		"\n# Beijing’s security interests, not investment, drive its Afghan policy.\n\nThree sources agree, from three angles.\n\n#china #security\n\n## Evidence\n\n",
		"> Security comes first\n>\n> — [[" + pieceA + "#^a-00000001|China’s quiet expansion in Afghanistan]]\n",
		"- *qualified by* [[Connectivity through the Wakhan remains aspirational (00000002)|Connectivity through the Wakhan remains aspirational.]]\n",
		"- *supported by* [[Interview with a trader in Termez (00000001)|Interview with a trader in Termez]]\n",
	} {
		if !strings.Contains(claim, want) {
			t.Errorf("the claim file lacks\n%s\n---- file:\n%s", want, claim)
		}
	}
	note := read("Notes/Interview with a trader in Termez (00000001).md")
	for _, want := range []string{
		"\n# Interview with a trader in Termez\n\n*Termez, Uzbekistan* · 1 March 2025 · on [[Copper & lithium - notes from the Termez market (00000003)|Copper & lithium: notes from the Termez market]]\n",
		bodyStart + "\nMet at the bazaar at 10:00. He sells to buyers from Urumqi.\n\nPrices have not moved since the autumn.\n" + endMark,
		"#fieldwork #interview", "- *supports* [[Beijing’s",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("the note file lacks\n%s\n---- file:\n%s", want, note)
		}
	}
	if rev := read(".commonplace/revisions/" + bundletest.PieceA + "/1.md"); !strings.HasSuffix(rev, "---\n"+bundletest.TextA1) {
		t.Errorf("revision file:\n%s", rev)
	}
	if m := read(".commonplace/folder.yaml"); !strings.Contains(m, "format: commonplace-markdown\nversion: 2\n") || !strings.Contains(m, "name: undermines") {
		t.Errorf("folder.yaml:\n%s", m)
	}
}

// TestMarkdownEdited edits a piece's text and a note's body in the folder,
// as a researcher might in Obsidian, and imports it twice: into a new
// notebook, where the passages are found again in the edited text, and
// back into the notebook it came from, where the edit is taken (only the
// folder changed it) and our passages re-attach.
func TestMarkdownEdited(t *testing.T) {
	s, dir, _ := exportFixture(t, scope.Scope{})
	path := filepath.Join(dir, "China’s quiet expansion in Afghanistan (00000001).md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "\n"+textStart+"\n", "\n"+textStart+"\nAn editor’s note opens the revised story.\n\n", 1)
	edited = strings.ReplaceAll(edited, "\n", "\r\n") // and a Windows editor saved it
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	notePath := filepath.Join(dir, "Notes", "Idea - map the corridor (00000002).md")
	data, err = os.ReadFile(notePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notePath, []byte(strings.Replace(string(data), "announced.", "announced. Ask Li Wen.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	s2 := bundletest.OpenStore(t)
	rep, err := Import(s2, dir, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reattached[anchor.Moved] != 4 || rep.Reattached[anchor.Review] != 1 || rep.Reattached[anchor.Orphaned] != 1 || rep.Added != 23 {
		t.Errorf("import of the edited folder: %+v", rep)
	}
	text, err := s2.PieceText(bundletest.PieceA)
	if err != nil || !strings.HasPrefix(text, "An editor’s note opens the revised story.\n\nChinese state firms") {
		t.Fatalf("edited text not imported: %q %v", text, err)
	}
	a1, err := s2.Annotation(bundletest.A1)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Status != anchor.Moved || anchor.NewText(text).Slice(a1.Selector.Start, a1.Selector.End) != "Security comes first" {
		t.Errorf("passage not found again: %+v", a1)
	}
	if a6, _ := s2.Annotation(bundletest.A6); a6.Status != anchor.Orphaned {
		t.Errorf("the orphaned passage became %s", a6.Status)
	}
	if n, _ := s2.Note(bundletest.Note2); !strings.HasSuffix(n.Body, "Ask Li Wen.") {
		t.Errorf("edited note body not imported: %q", n.Body)
	}

	rep, err = Import(s, dir, merge.Options{Source: "vault"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Updated != 2 || rep.Conflicts != 0 || rep.Added != 0 {
		t.Errorf("import of the edited folder into its source: %+v", rep)
	}
	p, err := s.Piece(bundletest.PieceA)
	if err != nil || p.Revision != 3 {
		t.Errorf("the edit did not make a new revision: %+v %v", p, err)
	}
	if a1, _ := s.Annotation(bundletest.A1); a1.Status != anchor.Moved {
		t.Errorf("our passage did not re-attach: %+v", a1)
	}
	bundletest.MustCheck(t, s)
	bundletest.MustCheck(t, s2)

	// Once taken, the folder is what the notebook holds: nothing to do.
	rep, err = Import(s, dir, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added+rep.Updated+rep.Conflicts != 0 {
		t.Errorf("a second import of the same folder: %+v", rep)
	}
}

// TestMarkdownConflict changes a claim on both sides: ours stays and the
// folder's is kept beside it.
func TestMarkdownConflict(t *testing.T) {
	s, dir, _ := exportFixture(t, scope.Scope{})
	c, err := s.Claim(bundletest.Claim2)
	if err != nil {
		t.Fatal(err)
	}
	c.Note = "Changed here."
	if _, err := s.UpdateClaim(c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "Claims", "Connectivity through the Wakhan remains aspirational (00000002).md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "commonplace: claim\n", "commonplace: claim\nnote: Changed there.\n", 1))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dry, err := Import(s, dir, merge.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import(s, dir, merge.Options{Source: "vault"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Conflicts != 1 || rep.Added+rep.Updated != 0 || dry.Conflicts != 1 {
		t.Errorf("dry run %+v, import %+v", dry, rep)
	}
	kept, err := s.Conflicts()
	if err != nil || len(kept) != 1 || kept[0].ItemID != bundletest.Claim2 || !strings.Contains(string(kept[0].Theirs), "Changed there.") || kept[0].Source != "vault" {
		t.Errorf("conflicts kept: %+v %v", kept, err)
	}
	if c, _ := s.Claim(bundletest.Claim2); c.Note != "Changed here." {
		t.Errorf("our claim was not kept: %+v", c)
	}
	bundletest.MustCheck(t, s)
}

func TestMarkdownDryRun(t *testing.T) {
	_, dir, _ := exportFixture(t, scope.Scope{})
	s2 := bundletest.OpenStore(t)
	var calls int
	rep, err := Import(s2, dir, merge.Options{DryRun: true, Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 23 || len(rep.Details) != 23 || calls == 0 {
		t.Errorf("dry run: %+v (%d progress calls)", rep, calls)
	}
	if ps, _ := s2.Pieces(); len(ps) != 0 {
		t.Error("a dry run wrote pieces")
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := Import(s2, dir, merge.Options{Cancel: cancel}); !errors.Is(err, merge.ErrCancelled) {
		t.Errorf("cancelled import: %v", err)
	}
	if ps, _ := s2.Pieces(); len(ps) != 0 {
		t.Error("a cancelled import wrote pieces")
	}
}

// TestMarkdownPartial exports piece B alone: references to what was left
// out are reported on import, not broken.
func TestMarkdownPartial(t *testing.T) {
	_, dir, counts := exportFixture(t, scope.Scope{Pieces: []string{bundletest.PieceB}})
	if counts.Pieces != 1 || counts.Claims != 0 {
		t.Errorf("partial export counted %+v", counts)
	}
	piece, err := os.ReadFile(filepath.Join(dir, "Eurasian connectivity and the Wakhan question (00000002).md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(piece), "- *supported by* “Security comes first” (not in this folder) (strong) — Both cite the same officials.\n") {
		t.Errorf("a link leaving the folder is not shown as such:\n%s", piece)
	}
	s2 := bundletest.OpenStore(t)
	rep, err := Import(s2, dir, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 4 {
		t.Errorf("partial import: %+v", rep)
	}
	if !slices.ContainsFunc(rep.Outside, func(o scope.OutsideRef) bool {
		return o.ID == bundletest.A1 && o.Via == bundletest.ID(5, 1) && o.Title == "Security comes first"
	}) {
		t.Errorf("what was left out is not reported: %+v", rep.Outside)
	}
}

func TestMarkdownExportTarget(t *testing.T) {
	s := bundletest.Fixture(t)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	full := filepath.Join(parent, "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "mine.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(s, sel, full); err == nil {
		t.Error("exported into a folder with files in it")
	}
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(s, sel, empty); err != nil {
		t.Errorf("export into an empty folder: %v", err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"empty", "full"}) {
		t.Errorf("left behind: %v", names)
	}
}

// TestMarkdownHostile feeds the importer folders built to hurt it.
func TestMarkdownHostile(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  string // in the error; "" when the import must succeed
	}{
		{"symlink to a file outside", func(t *testing.T, dir string) {
			symlink(t, "/etc/passwd", filepath.Join(dir, "passwd.md"))
		}, "passwd.md is a symbolic link"},
		{"symlink to a folder outside", func(t *testing.T, dir string) {
			symlink(t, os.TempDir(), filepath.Join(dir, "Notes", "elsewhere"))
		}, "Notes/elsewhere is a symbolic link"},
		{"file too large", func(t *testing.T, dir string) {
			if err := os.Truncate(filepath.Join(dir, "Claims", "Connectivity through the Wakhan remains aspirational (00000002).md"), bundle.MaxFileSize+1); err != nil {
				t.Fatal(err)
			}
		}, "is larger than"},
		{"malformed front matter", func(t *testing.T, dir string) {
			writeFile(t, dir, "Bad.md", "---\ncommonplace: piece\nid: [unclosed\n---\ntext\n")
		}, "Bad.md does not parse"},
		{"front matter not closed", func(t *testing.T, dir string) {
			writeFile(t, dir, "Open.md", "---\ncommonplace: note\n")
		}, "the front matter of Open.md is not closed"},
		{"id that is not an id", func(t *testing.T, dir string) {
			writeFile(t, dir, "Odd.md", "---\ncommonplace: note\nid: ../../etc\n---\n")
		}, `Odd.md has the id "../../etc"`},
		{"one item twice", func(t *testing.T, dir string) {
			data, err := os.ReadFile(filepath.Join(dir, "Notes", "Idea - map the corridor (00000002).md"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "Copy.md", string(data))
		}, "both hold the item"},
		{"text end missing", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "Copper & lithium - notes from the Termez market (00000003).md")
			data, _ := os.ReadFile(path)
			writeFile(t, dir, filepath.Base(path), strings.Replace(string(data), endMark, "", 1))
		}, "is not closed by a"},
		{"newer format", func(t *testing.T, dir string) {
			writeFile(t, dir, ".commonplace/folder.yaml", "format: commonplace-markdown\nversion: 9\n")
		}, "newer Commonplace"},
		{"a yaml bomb", func(t *testing.T, dir string) {
			bomb := "---\ncommonplace: note\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
				"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
				"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\nid: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n"
			writeFile(t, dir, "Bomb.md", bomb)
		}, "Bomb.md does not parse"},
		{"a passage placed off the text", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "Copper & lithium - notes from the Termez market (00000003).md")
			data, _ := os.ReadFile(path)
			writeFile(t, dir, filepath.Base(path), strings.Replace(string(data), "start: ", "start: 9999", 1))
		}, ""},
		{"the researcher's own files and Obsidian's", func(t *testing.T, dir string) {
			writeFile(t, dir, "My own note.md", "# Mine\n\nNo front matter.\n")
			writeFile(t, dir, "Tagged.md", "---\ntags: [x]\n---\nA note with properties of its own.\n")
			writeFile(t, dir, "Rule.md", "---\nA note that opens with a rule.\n---\n")
			writeFile(t, dir, ".obsidian/workspace.json", "{}")
			writeFile(t, dir, ".obsidian/evil.md", "---\ncommonplace: piece\nid: nonsense\n---\n")
			writeFile(t, dir, "image.png", "\x89PNG")
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, dir, _ := exportFixture(t, scope.Scope{})
			c.spoil(t, dir)
			s2 := bundletest.OpenStore(t)
			rep, err := Import(s2, dir, merge.Options{})
			if c.want == "" {
				if err != nil {
					t.Fatalf("import failed: %v", err)
				}
				if rep.Added != 23 {
					t.Errorf("import: %+v", rep)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one saying %q", err, c.want)
			}
			if ps, _ := s2.Pieces(); len(ps) != 0 {
				t.Error("a refused import wrote pieces")
			}
		})
	}
}

// TestMarkdownHostileContent round-trips fields full of Markdown, YAML
// and our own markers: the front matter carries them exactly.
func TestMarkdownHostileContent(t *testing.T) {
	s := bundletest.Fixture(t)
	nasty := "---\n%% cp:end %%\n" + bundletest.Hostile + "\n]] | [[x]] ^a-1 #tag: yes\n..."
	text := "Opening line.\n%% cp:end %%\n---\n\n" + bundletest.Hostile + " and more.\n\n<x> &lt; &#60; & AT&T."
	pid := bundletest.ID(1, 77)
	err := s.Batch(func(b *storage.Batch) error {
		if err := b.ImportPiece(storage.Piece{ID: pid, Title: "Hostile: [[x]] #1 / ../../etc", Authors: []string{nasty},
			Tags: []string{"a b", "c:d"}, URL: "https://example.org/a b)<x>", Created: bundletest.At(0), Updated: bundletest.At(0)}, text, nil); err != nil {
			return err
		}
		a := bundletest.Ann(bundletest.ID(2, 77), pid, text, "%% cp:end %%\n---", "blue", nasty, []string{"x y"}, 0)
		a.Rev = 1
		if err := b.ImportAnnotation(a); err != nil {
			return err
		}
		return b.ImportNote(storage.Note{ID: bundletest.ID(4, 77), Title: nasty, Body: nasty + "\n\nlast", Place: nasty, Attached: pid,
			Created: bundletest.At(0), Updated: bundletest.At(0)})
	})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "vault")
	if _, err := Export(s, sel, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Hostile - x 1 .. .. etc (0000004d).md")); err != nil {
		t.Errorf("the hostile title's file: %v", err)
	}
	s2 := bundletest.OpenStore(t)
	if _, err := Import(s2, dir, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	want, got := dumpItems(t, s), dumpItems(t, s2)
	sameItems(t, want, got)

	// Obsidian renders HTML in a note's body: none of the hostile
	// markup may reach one as markup (issue 11, failure 8).
	for _, name := range []string{"Hostile - x 1 .. .. etc (0000004d).md", "Notes/" + safeName(nasty) + " (0000004d).md"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := splitFront(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"<script", "</p>", "</mark>", "<x>"} {
			if strings.Contains(body, tag) {
				t.Errorf("%s holds %q as markup:\n%s", name, tag, body)
			}
		}
		if !strings.Contains(body, "&lt;script>alert(1)&lt;/script>") || !strings.Contains(body, "&amp;amp;") {
			t.Errorf("%s does not hold the hostile text escaped:\n%s", name, body)
		}
	}
}

// TestMarkdownVersion1Unescaped imports a folder written before bodies
// were escaped: its text is taken as written, "&amp;" and all.
func TestMarkdownVersion1Unescaped(t *testing.T) {
	s := bundletest.OpenStore(t)
	text := "AT&amp;T and <b>bold</b> &lt; here."
	pid := bundletest.ID(1, 78)
	err := s.Batch(func(b *storage.Batch) error {
		return b.ImportPiece(storage.Piece{ID: pid, Title: "Old", Created: bundletest.At(0), Updated: bundletest.At(0)}, text, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "vault")
	if _, err := Export(s, sel, dir); err != nil {
		t.Fatal(err)
	}
	// Make the folder as version 1 wrote it: the text raw.
	edit := func(name, from, to string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), from) {
			t.Fatalf("%s lacks %q:\n%s", name, from, data)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(manifestFile, "version: 2\n", "version: 1\n")
	edit("Old (0000004e).md", escapeHTML(text), text)
	s2 := bundletest.OpenStore(t)
	if _, err := Import(s2, dir, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	if got, err := s2.PieceText(pid); err != nil || got != text {
		t.Errorf("the version 1 text came back as %q (%v), want %q", got, err, text)
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// TestMarkdownExportRemovesStalePartials exports to a folder beside the
// temporary folders killed exports left: this name's, untouched for longer
// than partialAge, go; one written to lately (another export's, under way)
// and another name's stay.
func TestMarkdownExportRemovesStalePartials(t *testing.T) {
	s := bundletest.Fixture(t)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	stale := filepath.Join(parent, ".vault.partial-123")
	busy := filepath.Join(parent, ".vault.partial-456") // old, but a file just went into its Pieces folder
	other := filepath.Join(parent, ".other.partial-789")
	old := time.Now().Add(-2 * storage.PartialAge)
	for _, p := range []string{stale, busy, other} {
		writeFile(t, p, "Pieces/half.md", "half a file")
		for _, d := range []string{filepath.Join(p, "Pieces"), p} {
			os.Chtimes(d, old, old)
		}
	}
	now := time.Now()
	os.Chtimes(filepath.Join(busy, "Pieces"), now, now)
	if _, err := Export(s, sel, filepath.Join(parent, "vault")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale temporary folder of this name is still there")
	}
	for _, p := range []string{busy, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
