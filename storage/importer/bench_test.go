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

// report100 writes a 100-page report (running header, page numbers,
// justified paragraphs with hyphenated line ends) and returns its path.
func report100(b *testing.B) string {
	b.Helper()
	pdf := reportPDF("A Hundred Pages on the Border", "Ingrid Valcourt")
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	for i := 0; pdf.PageNo() < 100 || i == 0; i++ {
		text := fmt.Sprintf("In %s, section %d: ", places[i%len(places)], i+1) + strings.Repeat(
			"the pro|vincial au|thorities de|scribe the secur|ity ar|range|ments along the border dif|fer|ently "+
				"from the ministry, and Kabul-|based analysts add a third ac|count of the pa|trols. ", 3)
		paragraph(pdf, text, textWidth)
		pdf.Ln(4)
	}
	return writePDF(b, pdf, "report100.pdf")
}

// BenchmarkImportPDF100 imports a 100-page report with the PDF engine
// started (as every import after a process's first).
func BenchmarkImportPDF100(b *testing.B) {
	path := report100(b)
	if _, err := File(path); err != nil { // starts the engine
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		doc, err := File(path)
		if err != nil || len(doc.Pages) != 100 {
			b.Fatalf("%d pages, %v", len(doc.Pages), err)
		}
	}
}

// BenchmarkImportPDF100First is a process's first PDF import: the engine
// started anew for each, its WebAssembly compiled from scratch (no cache:
// the first run on a computer) or loaded from the cache folder (every
// later process).
func BenchmarkImportPDF100First(b *testing.B) {
	path := report100(b)
	defer func(dir string) { PDFCacheDir = dir }(PDFCacheDir)
	for _, c := range []struct{ name, cache string }{{"compiled", ""}, {"cached", b.TempDir()}} {
		b.Run(c.name, func(b *testing.B) {
			PDFCacheDir = c.cache
			if err := ClosePDF(); err != nil {
				b.Fatal(err)
			}
			if c.cache != "" {
				if _, err := File(path); err != nil { // fills the cache
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if err := ClosePDF(); err != nil {
					b.Fatal(err)
				}
				if _, err := File(path); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(pdfEngine.started.Seconds()*1000, "start-ms")
		})
	}
	if err := ClosePDF(); err != nil {
		b.Fatal(err)
	}
}
