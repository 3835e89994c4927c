package importer

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself, before any guessing. Each field
// lists candidates in order of trust.
type pageMeta struct {
	titles    []string
	authors   [][]string // sources of names, each complete on its own
	outlets   []string
	published []string
	urls      []string
	docTitle  string // the <title> element
	heading   string // the first <h1> outside page furniture
}

// Meta names in order of trust. Scholarly citation_* tags come first: think
// tanks and journals fill them carefully because indexers read them, and
// their titles are the full ones where og:title is often shortened.
var (
	titleMetas     = []string{"citation_title", "og:title", "twitter:title", "dc.title", "dcterms.title"}
	authorMetas    = []string{"citation_author", "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl"}
	outletMetas    = []string{"og:site_name", "citation_journal_title", "citation_publisher", "citation_conference_title", "dc.publisher", "dcterms.publisher", "application-name"}
	publishedMetas = []string{"article:published_time", "citation_publication_date", "citation_date", "citation_online_date", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date", "pubdate", "publish-date", "publishdate", "publication_date", "parsely-pub-date", "sailthru.date", "article.published"}
	urlMetas       = []string{"og:url", "citation_public_url", "citation_abstract_html_url", "citation_fulltext_html_url", "dc.identifier"}
)

// readMeta collects metadata from <meta>, <link rel=canonical>, JSON-LD,
// rel=author links and <time> elements. It must run before prune, which
// removes the headers and bylines where some of this lives.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	metas := map[string][]string{}
	var canonical []string
	var ld []ldArticle
	var relAuthors, times []string
	walkElements(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Meta:
			key, _ := attr(n, "property")
			if key == "" {
				key, _ = attr(n, "name")
			}
			if key == "" {
				key, _ = attr(n, "itemprop")
			}
			if v, ok := attr(n, "content"); ok && key != "" {
				key = strings.ToLower(strings.TrimSpace(key))
				metas[key] = append(metas[key], v)
			}
		case atom.Link:
			if rel, _ := attr(n, "rel"); hasToken(rel, "canonical") {
				href, _ := attr(n, "href")
				canonical = append(canonical, href)
			}
		case atom.Title:
			if m.docTitle == "" {
				m.docTitle = oneLine(textOf(n))
			}
		case atom.Script:
			if typ, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
				ld = append(ld, parseJSONLD(textOf(n))...)
			}
			return false
		case atom.A, atom.Span, atom.Div, atom.P:
			if inChrome(n) {
				return true
			}
			rel, _ := attr(n, "rel")
			prop, _ := attr(n, "itemprop")
			if hasToken(rel, "author") || hasToken(prop, "author") {
				if name := authorText(n); name != "" {
					relAuthors = append(relAuthors, name)
				}
			}
		case atom.H1:
			if m.heading == "" && !inChrome(n) {
				m.heading = oneLine(textOf(n))
			}
		case atom.Time:
			if dt, ok := attr(n, "datetime"); ok && !inChrome(n) {
				times = append(times, dt)
			}
		}
		return true
	})

	pick := func(keys []string) []string {
		var out []string
		for _, k := range keys {
			out = append(out, metas[k]...)
		}
		return out
	}
	var ldTitles, ldOutlets, ldDates, ldURLs []string
	var ldAuthors [][]string
	for _, a := range ld {
		ldTitles = append(ldTitles, a.headline)
		ldAuthors = append(ldAuthors, a.authors)
		ldOutlets = append(ldOutlets, a.publisher)
		ldDates = append(ldDates, a.published)
		ldURLs = append(ldURLs, a.url)
	}
	m.titles = append(pick(titleMetas[:2]), append(ldTitles, pick(titleMetas[2:])...)...)
	// Sources are not merged: two of them spelling one name differently
	// ("L. Havrilova") would otherwise make two authors.
	m.authors = append([][]string{metas[authorMetas[0]]}, ldAuthors...)
	for _, k := range authorMetas[1:] {
		m.authors = append(m.authors, metas[k])
	}
	m.authors = append(m.authors, relAuthors)
	m.outlets = append(pick(outletMetas), ldOutlets...)
	m.published = append(pick(publishedMetas), append(ldDates, times...)...)
	m.urls = append(canonical, append(pick(urlMetas), ldURLs...)...)
	return m
}

// authorText is the name in a rel=author or itemprop=author element,
// preferring a nested itemprop=name.
func authorText(n *html.Node) string {
	var name string
	walkElements(n, func(c *html.Node) bool {
		if p, _ := attr(c, "itemprop"); hasToken(p, "name") && name == "" {
			name = textOf(c)
			if name == "" {
				name, _ = attr(c, "content")
			}
		}
		return name == ""
	})
	if name == "" {
		name = textOf(n)
	}
	name = oneLine(trimByPrefix(oneLine(name)))
	if len(strings.Fields(name)) > 6 {
		return "" // a bio or a sentence, not a name
	}
	return name
}

// inChrome reports whether n sits in comments, related links or navigation,
// whose authors and dates are not the article's.
func inChrome(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.DataAtom == atom.Nav || p.DataAtom == atom.Aside || p.DataAtom == atom.Footer || chromeName(p) {
			return true
		}
	}
	return false
}

// ldArticle is the part of a schema.org article object we use.
type ldArticle struct {
	headline  string
	authors   []string
	publisher string
	published string
	url       string
}

// articleTypes are the schema.org types that describe a piece of writing.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "backgroundnewsarticle": true, "reviewnewsarticle": true,
	"blogposting": true, "liveblogposting": true, "scholarlyarticle": true, "report": true,
	"techarticle": true, "socialmediaposting": true,
}

// parseJSONLD extracts article objects from a JSON-LD script, looking into
// top-level arrays and @graph. Broken JSON is common and simply ignored.
func parseJSONLD(s string) []ldArticle {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "<!--"), "//<![CDATA[")
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "-->"), "//]]>")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil
	}
	var out []ldArticle
	var site string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := v["@graph"]; ok {
				visit(g, depth+1)
			}
			for _, t := range stringList(v["@type"]) {
				t = strings.ToLower(t)
				if t == "website" && site == "" {
					site = scalarString(v["name"])
				}
				if articleTypes[t] {
					out = append(out, ldArticle{
						headline:  scalarString(v["headline"]),
						authors:   stringList(v["author"]),
						publisher: firstString(stringList(v["publisher"])),
						published: scalarString(v["datePublished"]),
						url:       ldURL(v),
					})
					break
				}
			}
		}
	}
	visit(v, 0)
	if site != "" {
		for i := range out {
			if out[i].publisher == "" {
				out[i].publisher = site
			}
		}
	}
	return out
}

func ldURL(v map[string]any) string {
	if u := scalarString(v["url"]); u != "" {
		return u
	}
	switch e := v["mainEntityOfPage"].(type) {
	case string:
		return e
	case map[string]any:
		return scalarString(e["@id"])
	}
	return ""
}

func firstString(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// walkElements calls fn for every element under n in document order;
// fn returns false to skip the element's children.
func walkElements(n *html.Node, fn func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !fn(c) {
			continue
		}
		walkElements(c, fn)
	}
}

// textOf is the raw text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}
