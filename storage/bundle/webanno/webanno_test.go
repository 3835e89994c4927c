package webanno

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
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
	"commonplace/storage/importer"
)

// The hand-written example in testdata: a collection of six
// annotations on op-ed.txt (named by its URL's last segment) and
// interview.md (named by the URL in its front matter), with fieldnotes.txt
// given but never annotated.
const exampleDir = "testdata"

var exampleTexts = []string{"op-ed.txt", "interview.md", "fieldnotes.txt"}

func exampleFiles(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join(exampleDir, n))
	}
	return out
}

func importExample(t *testing.T, s *storage.Store, opt merge.Options) merge.Report {
	t.Helper()
	rep, err := ImportFiles(s, filepath.Join(exampleDir, "annotations.jsonld"), exampleFiles(exampleTexts...), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestWebAnnotationsImport(t *testing.T) {
	s := bundletest.OpenStore(t)
	rep := importExample(t, s, merge.Options{})
	// 3 pieces, 5 passages, 1 link; the whole-document comment is skipped.
	if rep.Added != 9 || rep.Skipped != 1 || rep.Updated != 0 || rep.Conflicts != 0 {
		t.Fatalf("report: %+v", rep)
	}
	bundletest.MustCheck(t, s)

	opEd, interview, notes := derivedID("piece", "https://example.org/op-ed"), derivedID("piece", "https://example.org/interviews/captain"), derivedID("piece", "fieldnotes.txt")
	for id, want := range map[string]struct{ title, url, start string }{
		opEd:      {"The Quiet Border", "", "The Quiet Border\n\nTrade across"},
		interview: {"Interview with a ferry captain", "https://example.org/interviews/captain", "Interview with a ferry captain\n\nThe crossing"},
		notes:     {"fieldnotes", "", "Aktau, 3 May"},
	} {
		p, err := s.Piece(id)
		if err != nil {
			t.Fatalf("piece %q: %v", want.title, err)
		}
		text, _ := s.PieceText(id)
		if p.Title != want.title || p.URL != want.url || !strings.HasPrefix(text, want.start) {
			t.Errorf("piece %s: %+v %q", id, p, text)
		}
	}
	if anns, _ := s.AnnotationsOf(notes); len(anns) != 0 {
		t.Errorf("the unannotated text has passages: %v", anns)
	}

	ann := func(n string, source string) storage.Annotation {
		t.Helper()
		a, err := s.Annotation(derivedID("annotation", source, "https://example.org/anno/"+n))
		if err != nil {
			t.Fatalf("annotation %s: %v", n, err)
		}
		return a
	}
	// Quote and position; the position counts the title line, which
	// the text keeps, so the quote is where the file says.
	a1 := ann("1", "https://example.org/op-ed")
	if a1.PieceID != opEd || a1.Status != anchor.Anchored || a1.Selector.Start != 18 || a1.Selector.End != 65 ||
		a1.Selector.Exact != "Trade across the Caspian has doubled since 2019" || a1.Note != "Check against the customs data." ||
		!slices.Equal(a1.Tags, []string{"trade"}) || a1.Rev != 1 ||
		!a1.Created.Equal(time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC)) || !a1.Updated.Equal(time.Date(2024, 5, 3, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("annotation 1: %+v", a1)
	}
	// Quote only, a single selector object; tagging by the annotation's
	// motivation.
	a2 := ann("2", "https://example.org/op-ed")
	text, _ := s.PieceText(opEd)
	at := strings.Index(text, "the new port at Alat")
	if a2.Status != anchor.Anchored || a2.Selector.Start != at || a2.Selector.End != at+20 || a2.Note != "" ||
		!slices.Equal(a2.Tags, []string{"ports"}) {
		t.Errorf("annotation 2: %+v", a2)
	}
	// A quote that no longer reads the text ("In summer we never wait"
	// for "In winter we wait"): kept as marked, on no text of this
	// notebook (revision 0), and flagged with a guess. Two notes joined;
	// the IRI body and the FragmentSelector are left aside.
	a3 := ann("3", "https://example.org/interviews/captain")
	if a3.PieceID != interview || a3.Status != anchor.Review || a3.Rev != 0 ||
		a3.Selector != (anchor.Selector{Exact: "In summer we never wait for the wind", Prefix: "hours in good weather. ", Start: 89, End: 125}) ||
		a3.Note != "He said summer, not winter, on the recording.\n\nWinter timetable differs." || !slices.Equal(a3.Tags, []string{"ferries"}) {
		t.Errorf("annotation 3: %+v", a3)
	}
	if a3.Guess == nil || a3.Guess.Start != 89 {
		t.Errorf("annotation 3's guess: %+v", a3.Guess)
	}
	// A position only: the words come from the text, flagged for review.
	a4 := ann("4", "https://example.org/interviews/captain")
	if a4.Status != anchor.Review || a4.Selector.Exact != "rail wagons" || a4.Guess == nil || *a4.Guess != (storage.Span{Start: 148, End: 159}) {
		t.Errorf("annotation 4: %+v", a4)
	}
	// A paraphrase with no id and no position: orphaned, kept; its id
	// comes from its place in the file and its words.
	a7, err := s.Annotation(derivedID("annotation", "https://example.org/interviews/captain",
		"#7\x00The voyage lasts roughly eighteen hours when the sea is calm"))
	if err != nil || a7.Status != anchor.Orphaned || a7.Note != "Paraphrase, not a quote." || a7.Guess != nil {
		t.Errorf("annotation 7: %+v %v", a7, err)
	}
	if got := rep.Reattached; got[anchor.Anchored] != 2 || got[anchor.Moved] != 0 || got[anchor.Review] != 2 || got[anchor.Orphaned] != 1 {
		t.Errorf("reattached: %v", got)
	}
	// The linking annotation between 1 and 2.
	l, err := s.Link(derivedID("link", "https://example.org/anno/6"))
	if err != nil || l.From != a1.ID || l.To != a2.ID || l.Rel != "supports" {
		t.Errorf("link: %+v %v", l, err)
	}
	// The whole-document comment is reported, not imported.
	i := slices.IndexFunc(rep.Details, func(d merge.Item) bool { return d.ID == "https://example.org/anno/5" })
	if i < 0 || rep.Details[i].Action != "skip" || !strings.Contains(rep.Details[i].Why, "whole") {
		t.Errorf("the whole-document annotation: %+v", rep.Details)
	}
}

func TestWebAnnotationsReimportChangesNothing(t *testing.T) {
	s := bundletest.OpenStore(t)
	importExample(t, s, merge.Options{})
	before := bundletest.Fingerprint(t, s)
	rep := importExample(t, s, merge.Options{})
	if rep.Added != 0 || rep.Updated != 0 || rep.Conflicts != 0 || rep.Skipped != 10 {
		t.Errorf("re-import: %+v", rep)
	}
	if bundletest.Fingerprint(t, s) != before {
		t.Error("re-importing the same files changed the notebook")
	}
}

func TestWebAnnotationsDryRun(t *testing.T) {
	s := bundletest.OpenStore(t)
	before := bundletest.Fingerprint(t, s)
	rep := importExample(t, s, merge.Options{DryRun: true})
	if rep.Added != 9 || rep.Skipped != 1 || len(rep.Details) != 10 {
		t.Errorf("dry run: %+v", rep)
	}
	if bundletest.Fingerprint(t, s) != before {
		t.Error("a dry run changed the notebook")
	}
}

func TestWebAnnotationsMissingText(t *testing.T) {
	s := bundletest.OpenStore(t)
	importExample(t, s, merge.Options{})
	before := bundletest.Fingerprint(t, s)
	_, err := ImportFiles(s, filepath.Join(exampleDir, "annotations.jsonld"), exampleFiles("op-ed.txt", "fieldnotes.txt"), merge.Options{})
	if !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), `"https://example.org/interviews/captain", which none of the given texts is`) {
		t.Errorf("a missing text: %v", err)
	}
	if bundletest.Fingerprint(t, s) != before {
		t.Error("a refused import changed the notebook")
	}
}

// readExample imports data on the example's texts, read once.
func readExample(t *testing.T, s *storage.Store, data string, opt merge.Options) (merge.Report, error) {
	t.Helper()
	var texts []Text
	for _, n := range exampleTexts {
		doc, err := importer.File(filepath.Join(exampleDir, n))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, Text{Name: n, Doc: doc})
	}
	return Import(s, []byte(data), texts, opt)
}

func TestWebAnnotationsRefusals(t *testing.T) {
	quote := `{"type":"TextQuoteSelector","exact":"ferry"}`
	ann := func(target string) string {
		return `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","target":` + target + `}`
	}
	specific := func(sel string) string { return ann(`{"source":"op-ed","selector":` + sel + `}`) }
	for _, c := range []struct{ name, data, want string }{
		{"empty", "  ", "is empty"},
		{"not JSON", `{"type": "Annotation",`, "not valid JSON"},
		{"a number", `42`, "top level is a number"},
		{"another JSON-LD", `{"@context":"https://schema.org","@type":"Article"}`, "neither an Annotation"},
		{"items not a list", `{"type":"AnnotationPage","items":{"a":1}}`, "not a list"},
		{"an item a number", `[1]`, "annotation 1 is a number"},
		{"target a number", ann(`7`), "its target is a number"},
		{"body true", `{"type":"Annotation","body":true,"target":"x"}`, "its body is true or false"},
		{"exact a number", specific(`{"type":"TextQuoteSelector","exact":5}`), "exact is a number, not a string"},
		{"start a string", specific(`{"type":"TextPositionSelector","start":"1","end":4}`), "start is a string"},
		{"start fractional", specific(`{"type":"TextPositionSelector","start":1.5,"end":4}`), "not a character offset"},
		{"negative", specific(`{"type":"TextPositionSelector","start":-1,"end":4}`), "not a character offset"},
		{"inverted", specific(`{"type":"TextPositionSelector","start":9,"end":4}`), "ends (4) before it starts (9)"},
		{"end missing", specific(`{"type":"TextPositionSelector","start":9}`), "both a start and an end"},
		{"first elsewhere", `{"type":"AnnotationCollection","first":"https://example.org/page1"}`, "pages are not in the file"},
		{"next elsewhere", `{"type":"AnnotationPage","items":[],"next":"https://example.org/page2"}`, "page that is not in the file"},
		{"same id twice", `[` + specific(quote) + `,` + strings.Replace(specific(quote), `"type"`, `"id":"a","type"`, 1) + `,` +
			strings.Replace(specific(quote), `"type"`, `"id":"a","type"`, 1) + `]`, `annotations 2 and 3 have the same id "a"`},
		{"huge string", specific(`{"type":"TextQuoteSelector","exact":"` + strings.Repeat("x", MaxStringSize+1) + `"}`), "longer than"},
		{"a name in another case, a final slash", ann(`{"source":"https://example.org/OP-ED/","selector":`+quote+`}`) + "\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := bundletest.OpenStore(t)
			before := bundletest.Fingerprint(t, s)
			_, err := readExample(t, s, c.data, merge.Options{Source: "notes.jsonld"})
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "notes.jsonld") {
				t.Errorf("got %v, want a refusal saying %q", err, c.want)
			}
			if bundletest.Fingerprint(t, s) != before {
				t.Error("a refusal changed the notebook")
			}
		})
	}
}

func TestWebAnnotationsTooLarge(t *testing.T) {
	s := bundletest.OpenStore(t)
	big := make([]byte, MaxFileSize+1)
	if _, err := Import(s, big, nil, merge.Options{}); !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), "larger than 64 MB") {
		t.Errorf("a huge file: %v", err)
	}
	path := filepath.Join(t.TempDir(), "big.jsonld")
	if err := os.WriteFile(path, big, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFiles(s, path, nil, merge.Options{}); !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), "big.jsonld") {
		t.Errorf("a huge file on disk: %v", err)
	}
	many := "[" + strings.Repeat(`"x",`, MaxAnnotations) + `"x"]`
	if _, err := Import(s, []byte(many), nil, merge.Options{}); !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), "more than") {
		t.Errorf("too many annotations: %v", err)
	}
}

// A plain list, one text and one source: they go together whatever their
// names; and the forms a lenient reader must take (type lists, @id, a
// single-element target list, an unknown selector beside a usable one).
func TestWebAnnotationsLenient(t *testing.T) {
	s := bundletest.OpenStore(t)
	data := `[{"@context":"http://www.w3.org/ns/anno.jsonld","@id":"urn:x:1","@type":["Annotation"],"motivation":["highlighting"],
	  "body":[{"value":"  a note  "},{"type":"TextualBody","purpose":["tagging"],"value":"Harbour"},{"type":"Image","id":"https://example.org/a.png"}],
	  "target":[{"source":"https://example.org/whatever","selector":[{"type":"XPathSelector","value":"/p[1]"},{"type":"TextQuoteSelector","exact":"harbour master","prefix":"The "}]}],
	  "unknown":{"deep":[1,2,3]}},
	 {"type":"Annotation","target":{"source":"https://example.org/whatever","selector":{"type":"CssSelector","value":"p"}}},
	 {"type":"Annotation","target":[{"source":"a","selector":{"type":"TextQuoteSelector","exact":"x"}},{"source":"b"}]},
	 "https://example.org/anno/elsewhere"]`
	doc, err := importer.File(filepath.Join(exampleDir, "fieldnotes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import(s, []byte(data), []Text{{Name: "fieldnotes.txt", Doc: doc}}, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || rep.Skipped != 3 {
		t.Errorf("report: %+v", rep)
	}
	a, err := s.Annotation(derivedID("annotation", "https://example.org/whatever", "urn:x:1"))
	if err != nil || a.Status != anchor.Anchored || a.Selector.Exact != "harbour master" || a.Note != "a note" || !slices.Equal(a.Tags, []string{"harbour"}) {
		t.Errorf("annotation: %+v %v", a, err)
	}
	for _, why := range []string{"no TextQuoteSelector", "2 targets", "does not hold it"} {
		if !slices.ContainsFunc(rep.Details, func(d merge.Item) bool { return strings.Contains(d.Why, why) }) {
			t.Errorf("no item skipped because %q: %+v", why, rep.Details)
		}
	}
}

// Commonplace's own annotations.jsonld, with the pieces of the bundle it
// came from as texts, brings the passages back: same words, notes and
// tags, on pieces with the same texts.
func TestWebAnnotationsOwnBundleRoundTrip(t *testing.T) {
	src := bundletest.OpenStore(t)
	p, err := src.AddPiece(storage.Piece{Title: "The door", Format: "txt"},
		"Earlier words here. The door must stay shut, officials say. Later words there.\n\nThe lamp was never lit at night, the guards insisted.")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]storage.AnnotationInput{
		"The door must stay shut":         {Note: "which door?", Tags: []string{"door", "security"}},
		"The lamp was never lit at night": {Tags: []string{"lamp"}},
		"Later words there":               {Note: "a note only"},
	}
	for quote, in := range want {
		if _, err := src.AnnotateQuote(p.ID, quote, 1, in); err != nil {
			t.Fatal(err)
		}
	}
	files := exportFiles(t, src)
	name := bundle.PiecesDir + p.ID + ".md"
	doc, err := importer.Bytes(filepath.Base(name), files[name])
	if err != nil {
		t.Fatal(err)
	}
	dst := bundletest.OpenStore(t)
	rep, err := Import(dst, files[bundle.AnnotationsFile], []Text{{Name: filepath.Base(name), Doc: doc}}, merge.Options{Source: bundle.AnnotationsFile})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 4 {
		t.Errorf("report: %+v", rep)
	}
	srcText, _ := src.PieceText(p.ID)
	pid := derivedID("piece", bundle.URNPrefix+p.ID)
	if text, _ := dst.PieceText(pid); text != srcText {
		t.Fatalf("text: %q, want %q", text, srcText)
	}
	anns, _ := dst.AnnotationsOf(pid)
	if len(anns) != len(want) {
		t.Fatalf("%d passages, want %d", len(anns), len(want))
	}
	for _, a := range anns {
		in, ok := want[a.Selector.Exact]
		if !ok || a.Status != anchor.Anchored || a.Note != in.Note || !slices.Equal(a.Tags, storage.NormalizeTags(in.Tags)) ||
			srcText[len(string([]rune(srcText)[:a.Selector.Start])):][:len(a.Selector.Exact)] != a.Selector.Exact {
			t.Errorf("passage %+v", a)
		}
	}
	bundletest.MustCheck(t, dst)
}

func TestIsWebAnnotationFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for path, want := range map[string]bool{
		filepath.Join(exampleDir, "annotations.jsonld"):                                         true,
		write("recogito.json", `[{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "x"}]`): true,
		write("https.json", `{"@context": ["https://www.w3.org/ns/anno.jsonld"]}`):              true,
		write("package.json", `{"name": "anno.jsonld"}`):                                        false,
		write("schema.json", `{"@context": "https://schema.org"}`):                              false,
		write("notes.txt", `{"@context": "http://www.w3.org/ns/anno.jsonld"}`):                  false,
		filepath.Join(dir, "missing.json"):                                                      false,
	} {
		if got := IsFile(path); got != want {
			t.Errorf("IsFile(%s) = %v", filepath.Base(path), got)
		}
	}
}

// FuzzWebAnnotations: whatever the file holds, the reader refuses it with
// ErrBadAnnotations or reads it, and reading never panics.
func FuzzWebAnnotations(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join(exampleDir, "annotations.jsonld"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`[{"type":"Annotation","body":"x","target":{"source":"a","selector":[{"type":"TextPositionSelector","start":0,"end":3}]}}]`))
	f.Add([]byte(`{"type":"AnnotationPage","items":[],"next":{"type":"AnnotationPage","items":["x"]}}`))
	f.Add([]byte(`{"target":"x","bodyValue":"y","motivation":"linking"}`))
	texts := []Text{
		{Name: "a.txt", Doc: importer.Document{Text: "The door must stay shut, officials say.", Format: importer.FormatText}},
		{Name: "op-ed.txt", Doc: importer.Document{Text: "Trade across the Caspian has doubled since 2019.", URL: "https://example.org/op-ed"}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := parse(data, "fuzz.jsonld")
		if err != nil {
			if !errors.Is(err, ErrBadAnnotations) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		// Matching and anchoring must hold too (nil store: only the
		// planning that needs no notebook).
		for _, it := range items {
			if it.passage() {
				doc := anchor.NewText(texts[0].Doc.Text)
				a, why := anchorPassage(doc, it)
				if why == "" && (a.Selector.Start < 0 || a.Selector.End-a.Selector.Start != len([]rune(a.Selector.Exact))) {
					t.Fatalf("a passage that does not fit its quote: %+v", a)
				}
			}
		}
		if _, err := matchSources(sourcesOf(items), texts, "fuzz.jsonld"); err != nil && !errors.Is(err, ErrBadAnnotations) {
			t.Fatalf("matching: not a refusal: %v", err)
		}
	})
}

func sourcesOf(items []*item) []string {
	var out []string
	for _, it := range items {
		if it.skip == "" && it.source != "" && !slices.Contains(out, it.source) {
			out = append(out, it.source)
		}
	}
	slices.Sort(out)
	return out
}

// Two texts a source could be are refused rather than guessed between.
func TestWebAnnotationsAmbiguousText(t *testing.T) {
	s := bundletest.OpenStore(t)
	text := importer.Document{Text: "Trade across the Caspian has doubled.", Format: importer.FormatText}
	data := `{"type":"Annotation","target":{"source":"https://example.org/op-ed","selector":{"type":"TextQuoteSelector","exact":"Trade"}}}`
	_, err := Import(s, []byte(data), []Text{{Name: "op-ed.txt", Doc: text}, {Name: "op-ed.md", Doc: text}}, merge.Options{})
	if !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), `could be any of the texts "op-ed.md" and "op-ed.txt"`) {
		t.Errorf("ambiguous: %v", err)
	}
	_, err = Import(s, []byte(data), []Text{{Name: "a/op-ed.txt", Doc: text}, {Name: "b/op-ed.txt", Doc: text}}, merge.Options{})
	if !errors.Is(err, ErrBadAnnotations) || !strings.Contains(err.Error(), `two of the texts are called "op-ed.txt"`) {
		t.Errorf("same names: %v", err)
	}
}

// The file edited since (a note changed) updates that passage only.
func TestWebAnnotationsEditedFileUpdates(t *testing.T) {
	s := bundletest.OpenStore(t)
	importExample(t, s, merge.Options{})
	orig, err := os.ReadFile(filepath.Join(exampleDir, "annotations.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "Check against the customs data.", "Customs data agree.", 1)
	rep, err := readExample(t, s, edited, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 1 || rep.Conflicts != 0 {
		t.Errorf("report: %+v", rep)
	}
	a, _ := s.Annotation(derivedID("annotation", "https://example.org/op-ed", "https://example.org/anno/1"))
	if a.Note != "Customs data agree." {
		t.Errorf("note: %q", a.Note)
	}
	bundletest.MustCheck(t, s)
}

// exportFiles exports the whole of s as a bundle and returns its files.
func exportFiles(t *testing.T, s *storage.Store) map[string][]byte {
	t.Helper()
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := bundle.Export(s, sel, &buf, bundle.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}
