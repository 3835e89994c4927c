package importer

import (
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"commonplace/storage/textnorm"
)

// maxElements bounds the DOM size readability works on; its scoring is
// superlinear, and a page this big is a dump, not an article. Such pages are
// rendered whole after pruning instead.
const maxElements = 60000

// importHTML extracts the article from a page: metadata from what the page
// declares, the body from readability, and then a last pass over the
// paragraphs for furniture that got through.
func importHTML(name, src string) Document {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Document{}
	}
	meta := readMeta(root)
	prune(root)
	art, body := extractArticle(root)

	var doc Document
	doc.URL = firstURL(meta.urls)
	doc.Outlet = firstNonEmpty(meta.outlets...)
	for _, names := range meta.authors {
		if doc.Authors = splitAuthors(names); doc.Authors != nil {
			break
		}
	}
	doc.Published = firstDate(meta.published)
	title := firstNonEmpty(meta.titles...)
	if art != nil {
		title = firstNonEmpty(title, art.Title())
		doc.Outlet = firstNonEmpty(doc.Outlet, art.SiteName())
		if len(doc.Authors) == 0 {
			doc.Authors = splitAuthors([]string{art.Byline()})
		}
		if doc.Published == "" {
			if t, err := art.PublishedTime(); err == nil {
				doc.Published = formatDate(t)
			}
		}
	}
	title = firstNonEmpty(title, meta.docTitle)
	if t, site, ok := splitTitle(title, meta.heading); ok {
		title, doc.Outlet = t, firstNonEmpty(doc.Outlet, site)
	}

	paras := splitHeadStack(paragraphs(body))
	paras, title, doc.Outlet = titleFromText(paras, title, doc.Outlet)
	if doc.Outlet == "" {
		// "Forty hours at Khorgos – Notes from the Corridor"
		_, doc.Outlet, _ = splitTitle(meta.docTitle, title)
	}
	doc.Title = cleanTitle(title, doc.Outlet)
	paras = dropBylines(paras, &doc)
	kept := paras[:0]
	for _, p := range paras {
		if !isBoilerplate(p) {
			kept = append(kept, p)
		}
	}
	doc.Text = textnorm.Normalize(strings.Join(kept, "\n\n"))
	return doc
}

// extractArticle runs readability on the pruned page and renders what it
// found. Pages it cannot handle, or on which it finds nothing, are rendered
// whole: after pruning that is usually the article with a few leftovers,
// which beats refusing the file.
func extractArticle(root *html.Node) (art *readability.Article, text string) {
	if countElements(root, maxElements+1) <= maxElements {
		art = runReadability(root)
	}
	if art != nil && art.Node != nil {
		text = textnorm.Normalize(renderHTML(art.Node))
	}
	if text == "" {
		text = textnorm.Normalize(renderHTML(root))
	}
	return art, text
}

// runReadability returns nil if readability fails or panics. It is third-
// party code fed untrusted input; an odd page must cost us the extraction,
// not the application.
func runReadability(root *html.Node) (art *readability.Article) {
	defer func() {
		if recover() != nil {
			art = nil
		}
	}()
	p := readability.NewParser()
	a, err := p.ParseDocument(root, nil)
	if err != nil {
		return nil
	}
	return &a
}

func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = oneLine(v); v != "" {
			return v
		}
	}
	return ""
}

func firstDate(vals []string) string {
	for _, v := range vals {
		if d := parseDate(v); d != "" {
			return d
		}
	}
	return ""
}

func firstURL(vals []string) string {
	for _, v := range vals {
		if u := cleanURL(v); u != "" {
			return u
		}
	}
	return ""
}
