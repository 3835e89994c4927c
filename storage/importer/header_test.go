package importer

import (
	"slices"
	"strings"
	"testing"
)

// TestPlainTextHeader: the byline, outlet and date an article states in
// its first lines become its metadata, in the forms op-eds saved as text
// take; the words all stay in the text; body text that merely starts like
// a byline is not one.
func TestPlainTextHeader(t *testing.T) {
	const body = "The road through the Wakhan has been promised for a decade, and few lorries use it even in the summer months."
	for _, c := range []struct {
		name, head      string
		authors         []string
		outlet, date    string
		title           string
		noTitleExpected bool
	}{
		{name: "by line", head: "China's bet on the Wakhan\n\nBy Raffaello Pantucci\n\n", authors: []string{"Raffaello Pantucci"}},
		{name: "name, outlet", head: "China's bet on the Wakhan\n\nRaffaello Pantucci, Reuters\n\n", authors: []string{"Raffaello Pantucci"}, outlet: "Reuters"},
		{name: "by, outlet word", head: "China's bet on the Wakhan\n\nBy Amina Rahimi, Security Review\n\n", authors: []string{"Amina Rahimi"}, outlet: "Security Review"},
		{name: "two authors", head: "China's bet on the Wakhan\n\nBy Amina Rahimi and Jonas Weber\n\n", authors: []string{"Amina Rahimi", "Jonas Weber"}},
		{name: "two authors with a comma", head: "China's bet on the Wakhan\n\nBy Amina Rahimi, Jonas Weber\n\n", authors: []string{"Amina Rahimi", "Jonas Weber"}},
		{name: "by … for outlet", head: "China's bet on the Wakhan\n\nBy Amina Rahimi for The Diplomat\n\n", authors: []string{"Amina Rahimi"}, outlet: "The Diplomat"},
		{name: "byline, outlet and date lines", head: "China's bet on the Wakhan\n\nBy Amina Rahimi\nThe Steppe Review\n12 March 2025\n\n", authors: []string{"Amina Rahimi"}, outlet: "The Steppe Review", date: "2025-03-12"},
		{name: "published line", head: "China's bet on the Wakhan\n\nBy Amina Rahimi\n\nPublished: March 12, 2025\n\n", authors: []string{"Amina Rahimi"}, date: "2025-03-12"},
		{name: "dateline", head: "China's bet on the Wakhan\n\nBy Amina Rahimi\n\nKabul, 12 March 2025 — ", authors: []string{"Amina Rahimi"}, date: "2025-03-12"},
		{name: "particles", head: "Rail at Termez\n\nBy Ingrid van der Berg and Omar al-Rashid\n\n", authors: []string{"Ingrid van der Berg", "Omar al-Rashid"}},
		{name: "body starting with By", head: "China's bet on the Wakhan\n\nBy the time the convoy arrived, the pass had closed.\n\n"},
		{name: "a heading, not an outlet", head: "Field notes\n\nMonday\n\n"},
		{name: "no title, byline first", head: "By Amina Rahimi\n\n", authors: []string{"Amina Rahimi"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := c.head + body + "\n\nA second paragraph says more about the pass and the snow that closes it."
			doc, err := Bytes("oped.txt", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(doc.Authors, c.authors) || doc.Outlet != c.outlet || doc.Published != c.date {
				t.Errorf("authors %q, outlet %q, date %q; want %q, %q, %q", doc.Authors, doc.Outlet, doc.Published, c.authors, c.outlet, c.date)
			}
			if strings.Join(strings.Fields(doc.Text), " ") != strings.Join(strings.Fields(src), " ") {
				t.Errorf("the text lost or changed words:\n%s", doc.Text)
			}
		})
	}
}

// TestMarkdownHeader: the same header under a Markdown title; front
// matter wins over it.
func TestMarkdownHeader(t *testing.T) {
	src := "# China's bet on the Wakhan\n\n*By Amina Rahimi*\n\n12 March 2025\n\nThe road through the Wakhan has been promised for a decade, and few lorries use it.\n"
	doc, err := Bytes("oped.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Authors, []string{"Amina Rahimi"}) || doc.Published != "2025-03-12" {
		t.Errorf("authors %q, date %q", doc.Authors, doc.Published)
	}
	doc, err = Bytes("oped.md", []byte("---\nauthor: Jonas Weber\n---\n"+src))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Authors, []string{"Jonas Weber"}) || doc.Published != "2025-03-12" {
		t.Errorf("with front matter: authors %q, date %q", doc.Authors, doc.Published)
	}
}

// TestTextOfTheImportedFile: the text of a file as a piece's new text is
// the text its import gave, for every format: editing a piece from the
// file it came from changes nothing.
func TestTextOfTheImportedFile(t *testing.T) {
	for name, src := range map[string]string{
		"wrapped.txt": "Terror cells in Europe\n\nBy Jonas Weber\nSecurity Review\n\nBrussels, 3 June 2024. The attacks of the past two years have come from\npeople who never travelled to Syria. Investigators say the networks now\nlive almost entirely online, in channels that open and close within days.\n",
		"notes.md":    "# Notes\n\nBy Amina Rahimi\n\nA paragraph\nwrapped by hand.\n",
		"page.html":   "<html><head><title>T</title></head><body><article><h1>T</h1><p>By Amina Rahimi</p><p>One paragraph of the article that is long enough to be kept by the extractor, surely.</p></article></body></html>",
	} {
		doc, err := Bytes(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		text, err := Text(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if text != doc.Text {
			t.Errorf("%s: the text as an edit %q, as an import %q", name, text, doc.Text)
		}
	}
}
