package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var updateReport = flag.Bool("update-report", false, "rewrite testdata/report_golden.html")

func writeFixture(t *testing.T, s *storage.Store, sc scope.Scope) (string, *scope.Selection) {
	t.Helper()
	sel, err := scope.Select(s, sc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s, sel, fixtureHeader(sel)); err != nil {
		t.Fatal(err)
	}
	return buf.String(), sel
}

func TestReportGolden(t *testing.T) {
	s := bundletest.Fixture(t)
	got, _ := writeFixture(t, s, scope.Scope{})
	golden := filepath.Join("testdata", "report_golden.html")
	if *updateReport {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-report to create it)", err)
	}
	if got != string(want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("report differs from %s at byte %d:\n got: %q\nwant: %q\n(run with -update-report if the change is intended)",
			golden, i, snippet(got, i), snippet(string(want), i))
	}
}

func snippet(s string, i int) string {
	return s[max(0, i-60):min(len(s), i+60)]
}

func TestReportStructure(t *testing.T) {
	s := bundletest.Fixture(t)
	out, sel := writeFixture(t, s, scope.Scope{})
	doc := checkHTML(t, out)

	if n := len(findAll(doc, atom.Html)); n != 1 {
		t.Errorf("%d <html> elements", n)
	}
	ids := idsIn(t, doc)
	for _, id := range sel.Pieces {
		if ids["p-"+id] != atom.Article {
			t.Errorf("no <article id=p-%s>", id)
		}
	}
	// Every passage has its anchor; placed ones on a <mark>, the orphaned
	// one on its entry under the piece.
	for _, id := range sel.Annotations {
		want := atom.Mark
		if id == bundletest.A6 {
			want = atom.Div
		}
		if ids["a-"+id] != want {
			t.Errorf("passage %s: anchor on %v, want %v", id, ids["a-"+id], want)
		}
	}
	for _, id := range sel.Claims {
		if ids["c-"+id] == 0 {
			t.Errorf("claim %s has no anchor", id)
		}
	}
	for _, id := range sel.Notes {
		if ids["n-"+id] == 0 {
			t.Errorf("note %s has no anchor", id)
		}
	}
	// Every in-page link lands somewhere.
	for _, a := range findAll(doc, atom.A) {
		href := attr(a, "href")
		if strings.HasPrefix(href, "#") && ids[href[1:]] == 0 {
			t.Errorf("link to %s, which is not in the page", href)
		}
	}
	// Overlapping passages: A2 starts inside A1, so some text sits in both
	// marks, one inside the other.
	nested := false
	for _, m := range findAll(doc, atom.Mark) {
		if p := m.Parent; p.DataAtom == atom.Mark && hasClass(p, "c-yellow") && hasClass(m, "c-green") {
			nested = true
		}
	}
	if !nested {
		t.Error("the overlap of the yellow and green passages is not shown nested")
	}
	// Flags and links read as they should.
	for _, want := range []string{
		`<span class="flag">needs review</span>`, `<span class="flag">orphaned</span>`,
		`<mark class="c-pink review" id="a-` + bundletest.A5 + `">`,
		`<span class="rel">supports →</span> <a href="#a-` + bundletest.B1 + `">“Security worries outweigh the promise of trade.”</a>`,
		`<span class="rel">← supported by</span> <a href="#a-` + bundletest.A1 + `">“Security comes first”</a>`,
		`<span class="rel">← contradicted by</span>`, `<span class="rel">undermines →</span>`,
		`<span class="rel">← undermined by</span>`, `<span class="strength">strong</span>`,
		`Copper &amp; lithium: notes from the Termez market`,
		`<p class="note-meta"><time datetime="2025-03-01T09:40:00Z">1 March 2025</time> · <span class="place">Termez, Uzbekistan</span>`,
		`<a class="source" href="https://www.reuters.com/world/asia-pacific/china-afghanistan-2025-03-14/" rel="noopener noreferrer">reuters.com</a>`,
		`A second line in the same paragraph keeps its break.`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	// Each margin note is also under its paragraph, for narrow screens.
	if side, under := countClass(doc, "side"), countClass(doc, "under"); side != 9 || under == 0 {
		t.Errorf("%d margin notes and %d under-paragraph blocks; want 9 and some", side, under)
	}
}

// TestReportOutside exports piece A alone: links and evidence reaching
// other pieces are named in plain text as not in the bundle.
func TestReportOutside(t *testing.T) {
	s := bundletest.Fixture(t)
	out, sel := writeFixture(t, s, scope.Scope{Pieces: []string{bundletest.PieceA}})
	doc := checkHTML(t, out)
	if len(sel.Outside) == 0 {
		t.Fatal("the selection has nothing outside")
	}
	for _, want := range []string{
		`<span class="rel">supports →</span> <span class="out">“Security worries outweigh the promise of trade.”</span> <span class="nib">(not in this bundle)</span>`,
		`<span class="rel">← contradicted by</span> <span class="out">“imagined as a route for road and rail”</span> <span class="nib">(not in this bundle)</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	ids := idsIn(t, doc)
	for _, a := range findAll(doc, atom.A) {
		if href := attr(a, "href"); strings.HasPrefix(href, "#") && ids[href[1:]] == 0 {
			t.Errorf("link to %s, which is not in the page", href)
		}
	}
}

// TestReportEscapes fills every field with markup and checks none of it
// reaches the page as markup.
func TestReportEscapes(t *testing.T) {
	s := bundletest.Fixture(t)
	pid := bundletest.ID(1, 99)
	text := "Before " + bundletest.Hostile + " after.\n\nSecond paragraph with " + bundletest.Hostile
	err := s.Batch(func(b *storage.Batch) error {
		hostile := storage.Piece{ID: pid, Title: bundletest.Hostile, Authors: []string{bundletest.Hostile}, Outlet: bundletest.Hostile,
			URL: "javascript:alert(3)", Tags: []string{bundletest.Hostile}, Created: bundletest.At(0), Updated: bundletest.At(0)}
		if err := b.ImportPiece(hostile, text, nil); err == nil {
			t.Error("a script URL was stored")
		}
		hostile.URL = `https://example.org/?q="><script>alert(3)</script>`
		if err := b.ImportPiece(hostile, text, nil); err != nil {
			return err
		}
		a := bundletest.Ann(bundletest.ID(2, 99), pid, text, bundletest.Hostile, "pink", bundletest.Hostile, []string{bundletest.Hostile}, 0)
		a.Rev = 1
		if err := b.ImportAnnotation(a); err != nil {
			return err
		}
		o := bundletest.Ann(bundletest.ID(2, 98), pid, text, "after.", "blue\" onclick=\"x", "", nil, 0)
		o.Status, o.Rev = anchor.Orphaned, 1
		o.Selector.Exact = bundletest.Hostile
		if err := b.ImportAnnotation(o); err == nil {
			t.Error("an unknown colour was stored")
		}
		o.Color = "blue"
		if err := b.ImportAnnotation(o); err != nil {
			return err
		}
		if err := b.ImportClaim(storage.Claim{ID: bundletest.ID(3, 99), Statement: bundletest.Hostile, Note: bundletest.Hostile, Tags: []string{bundletest.Hostile},
			Evidence: []string{bundletest.ID(2, 99)}, Created: bundletest.At(0), Updated: bundletest.At(0)}); err != nil {
			return err
		}
		if err := b.ImportNote(storage.Note{ID: bundletest.ID(4, 99), Title: bundletest.Hostile, Body: bundletest.Hostile, Place: bundletest.Hostile, Tags: []string{bundletest.Hostile},
			Attached: bundletest.ID(2, 99), Created: bundletest.At(0), Updated: bundletest.At(0)}); err != nil {
			return err
		}
		return b.ImportLink(storage.Link{ID: bundletest.ID(5, 99), From: bundletest.ID(3, 99), To: bundletest.ID(2, 99), Rel: "supports", Note: bundletest.Hostile,
			Created: bundletest.At(0), Updated: bundletest.At(0)})
	})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	m := fixtureHeader(sel)
	m.App, m.Scope = bundletest.Hostile, bundletest.Hostile
	var buf bytes.Buffer
	if err := Write(&buf, s, sel, m); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	doc := checkHTML(t, out)
	if strings.Contains(out, "<script") || strings.Contains(out, "javascript:") {
		t.Error("markup or a script URL got through")
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;alert(2)&#34; &amp;amp; &lt;/p&gt;&lt;/mark&gt;") {
		t.Error("the hostile string is not shown escaped")
	}
	// Whatever the input, the only attributes are the report's own.
	allowed := []string{"lang", "charset", "name", "content", "class", "id", "href", "rel", "datetime", "aria-label"}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if !slices.Contains(allowed, a.Key) {
				t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if n := strings.Count(out, "&lt;script&gt;"); n < 10 {
		t.Errorf("the hostile string shows %d times; every field should show it", n)
	}
}

// checkHTML parses the page and checks what any report must be: well
// nested, no scripts, nothing fetched, external links only to sources.
func checkHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	checkNesting(t, page)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n") {
		t.Error("no HTML5 doctype")
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Img, atom.Iframe, atom.Link, atom.Object, atom.Embed, atom.Video, atom.Audio, atom.Form:
				t.Errorf("report has a <%s>", n.Data)
			}
			if src := attr(n, "src"); src != "" {
				t.Errorf("<%s src=%q>", n.Data, src)
			}
			if href := attr(n, "href"); href != "" && !strings.HasPrefix(href, "#") {
				if !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") || !hasClass(n, "source") {
					t.Errorf("external link %q that is not a source", href)
				}
				if attr(n, "rel") != "noopener noreferrer" {
					t.Errorf("source link %q without rel=noopener noreferrer", href)
				}
			}
			if n.DataAtom == atom.Style {
				css := n.FirstChild.Data
				if strings.Contains(css, "url(") || strings.Contains(css, "@import") {
					t.Error("the style sheet fetches something")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return doc
}

// checkNesting reads the page as tokens and checks that every element is
// closed in order and that paragraphs hold only phrasing content: a page
// that needed the parser's error recovery would fail here.
func checkNesting(t *testing.T, page string) {
	t.Helper()
	void := map[atom.Atom]bool{atom.Meta: true, atom.Br: true, atom.Hr: true, atom.Img: true, atom.Link: true, atom.Input: true}
	block := map[atom.Atom]bool{atom.Div: true, atom.P: true, atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
		atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.Section: true, atom.Article: true, atom.Header: true,
		atom.Footer: true, atom.Nav: true, atom.Main: true, atom.Table: true}
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []atom.Atom
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) != 0 {
				t.Errorf("unclosed elements at the end: %v", stack)
			}
			return
		case html.StartTagToken:
			tok := z.Token()
			if slices.Contains(stack, atom.P) && block[tok.DataAtom] {
				t.Errorf("<%s> inside <p>", tok.Data)
			}
			if !void[tok.DataAtom] {
				stack = append(stack, tok.DataAtom)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.DataAtom {
				t.Fatalf("</%s> closes %v", tok.Data, stack)
			}
			stack = stack[:len(stack)-1]
		case html.SelfClosingTagToken:
			t.Errorf("self-closing tag %s", z.Token().Data)
		}
	}
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.DataAtom == a {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAll(c, a)...)
	}
	return out
}

// idsIn maps every id in the page to its element, failing on duplicates.
func idsIn(t *testing.T, n *html.Node) map[string]atom.Atom {
	ids := map[string]atom.Atom{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			if _, dup := ids[id]; dup {
				t.Errorf("id %s used twice", id)
			}
			ids[id] = n.DataAtom
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return ids
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), c)
}

func countClass(n *html.Node, c string) int {
	k := 0
	if n.Type == html.ElementNode && hasClass(n, c) {
		k++
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		k += countClass(ch, c)
	}
	return k
}

// TestReportStreams writes a report of many pieces through a writer that
// counts its writes and then fails: the page leaves in pieces as it is
// made, and a failed write stops the report with its error.
func TestReportStreams(t *testing.T) {
	s := bundletest.BenchNotebook(t, 120, 4)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	w := &chunkWriter{}
	if err := Write(w, s, sel, Header{}); err != nil {
		t.Fatal(err)
	}
	if w.writes < 5 {
		t.Errorf("a %d-byte report left in %d writes", w.n, w.writes)
	}
	failing := &chunkWriter{failAt: w.n / 2}
	if err := Write(failing, s, sel, Header{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing writer gave %v", err)
	}
	// Without a manifest the header describes the selection.
	var buf bytes.Buffer
	if err := Write(&buf, s, sel, Header{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<li><strong>120</strong> pieces</li>") || strings.Contains(buf.String(), "Exported") {
		t.Error("the header without a manifest is wrong")
	}
}

type chunkWriter struct {
	n, writes, failAt int
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	if c.failAt > 0 && c.n+len(p) > c.failAt {
		return 0, errors.New("disk full")
	}
	c.n += len(p)
	c.writes++
	return len(p), nil
}

// fixtureHeader is the header the report of a whole-notebook export of
// the fixture is written with.
func fixtureHeader(sel *scope.Selection) Header {
	return Header{App: "Commonplace 0.1.0", Created: bundletest.At(120), Scope: sel.Scope.String(),
		Counts: scope.Counts{Pieces: len(sel.Pieces), Revisions: 1, Annotations: len(sel.Annotations),
			Claims: len(sel.Claims), Links: len(sel.Links), Notes: len(sel.Notes)}, Outside: sel.Outside}
}
