package importer

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// htmlArticle1k returns the Meridian fixture grown to about 1,000 words of
// article text, with all of its boilerplate.
func htmlArticle1k(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/html/meridian-afghanistan.html")
	if err != nil {
		tb.Fatal(err)
	}
	const marker = "  </div>\n  <div class=\"story-tags\">"
	var extra strings.Builder
	for i := range 13 {
		fmt.Fprintf(&extra, "    <p>Paragraph %d of the extended report. Officials in Kabul and Beijing describe the arrangement differently, "+
			"and provincial commanders add a third account. Contractors say their work is limited to guarding sites, "+
			"while local residents report patrols on roads far from any mine.</p>\n", i)
	}
	page := strings.Replace(string(data), marker, extra.String()+marker, 1)
	return []byte(page)
}

// markdown20k returns a Markdown file whose text is about 20,000 words,
// built from the front-matter fixture's sections.
func markdown20k(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/md/front-matter.md")
	if err != nil {
		tb.Fatal(err)
	}
	_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	frontMatter := string(data[:len(data)-len(body)])
	section, err := Bytes("section.md", []byte(body))
	if err != nil {
		tb.Fatal(err)
	}
	words := len(strings.Fields(section.Text))
	var b strings.Builder
	b.WriteString(frontMatter)
	for i := 0; i < 20000/words; i++ {
		fmt.Fprintf(&b, "\n## Part %d\n\n%s", i+1, strings.Replace(body, "# ", "### ", 1))
	}
	return []byte(b.String())
}

func BenchmarkHTMLArticle1k(b *testing.B) {
	data := htmlArticle1k(b)
	doc, err := Bytes("article.html", data)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d words of article text from %d bytes of HTML", len(strings.Fields(doc.Text)), len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes("article.html", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdown20k(b *testing.B) {
	data := markdown20k(b)
	doc, err := Bytes("long.md", data)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d words of text from %d bytes of Markdown", len(strings.Fields(doc.Text)), len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes("long.md", data); err != nil {
			b.Fatal(err)
		}
	}
}
