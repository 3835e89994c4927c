package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// The fuzz targets feed arbitrary bytes under a name of each format, seeded
// with the fixtures. Whatever the input, Bytes must not panic and must
// return either one of our errors or a usable Document.

func FuzzBytesText(f *testing.F) {
	fuzzBytes(f, "fuzz.txt", "txt", "Title\n\nBody", "a\r\n\r\n\r\nb", "\xff\xfeA\x00", "- x\n- y", "\xef\xbb\xbf")
}

func FuzzBytesMarkdown(f *testing.F) {
	fuzzBytes(f, "fuzz.md", "md", "---\n---\n", "---\ntitle: [\n---\nx", "# \n", "* * *", "1. a\n   - b\n\n> c",
		"---\nauthor: {name: 1}\ndate: 2024\n---\n# T\n\n![alt](x)", "| a |\n|---|\n| b |", "&amp;\\*x\\*")
}

func FuzzBytesHTML(f *testing.F) {
	fuzzBytes(f, "fuzz.html", "html", "<html>", "<p>x</p>", "<table><tr><td>a<td>b</table>",
		`<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"name":"A"}}]}</script><p>x`,
		`<meta charset="utf-16"><p>x`, "<ol start=-5><li><p>a</p><ul><li>b</ul></ol>", "<pre>  a\n\n\n  b</pre>")
}

func fuzzBytes(f *testing.F, name, dir string, extra ...string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Bytes(name, data)
		checkResult(t, name, doc, err)
	})
}

func checkResult(t *testing.T, name string, doc Document, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrNoText) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error does not name the file: %v", err)
		}
		return
	}
	if doc.Text == "" {
		t.Fatal("empty Text without an error")
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("Text is not valid UTF-8: %q", doc.Text)
	}
	if textnorm.Normalize(doc.Text) != doc.Text {
		t.Fatalf("Text is not normalised: %q", doc.Text)
	}
	switch doc.Format {
	case "txt", "md", "html":
	default:
		t.Fatalf("Format = %q", doc.Format)
	}
	if doc.Title == "" || strings.Contains(doc.Title, "\n") || !utf8.ValidString(doc.Title) {
		t.Fatalf("bad Title %q", doc.Title)
	}
	for _, s := range append(append([]string{doc.Outlet, doc.URL}, doc.Authors...), doc.Tags...) {
		if !utf8.ValidString(s) || strings.Contains(s, "\n") {
			t.Fatalf("bad metadata value %q", s)
		}
	}
	if doc.Published != "" {
		if _, err := time.Parse("2006-01-02", doc.Published); err != nil {
			t.Fatalf("bad Published %q", doc.Published)
		}
	}
}

// FuzzPDFLayout feeds the layout (reading order, headers and footers,
// paragraphs, hyphens, page starts) made-up positioned text: each input
// is read as runs of a few bytes of geometry and a word. Whatever it is,
// the layout must not panic, and must give a normalised text with a start
// for each page, from 0, never decreasing, within the text.
func FuzzPDFLayout(f *testing.F) {
	f.Add([]byte("\x00\x10\x80\x0cHello-\x00\x10\x70\x0cworld\x01\x10\x80\x0cPage 1"), uint8(2))
	f.Add([]byte("\x00\x10\x80\x0csecur-\x00\x10\x70\x0city\x60\x10\x80\x0cright\x60\x10\x70\x0ccolumn"), uint8(1))
	f.Add([]byte("\xff\xff\xff\xff\u0301\x00\x00\x00\x00\u00ad"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, pageCount uint8) {
		pages := make([][]pdfRun, int(pageCount%8)+1)
		for i := 0; len(data) >= 4; i++ {
			x, y, w, size := float64(data[0])*2, float64(data[1])*4, float64(data[2]), float64(data[3]%24)
			data = data[4:]
			n := min(len(data), int(w)%12+1)
			text := string(data[:n])
			data = data[n:]
			page := i % len(pages)
			pages[page] = append(pages[page], pdfRun{text: text, left: x, right: x + w*2, top: y + size, bottom: y, size: size})
		}
		l := layoutPDF(pages)
		if textnorm.Normalize(l.text) != l.text {
			t.Fatalf("not normalised: %q", l.text)
		}
		checkLayout(t, len(pages), l)
	})
}
