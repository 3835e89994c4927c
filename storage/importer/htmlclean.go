package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page furniture is removed before the extractor runs. Readability scores
// text density, and a cookie notice or a comment thread can be as dense as
// an article; taking them out first is cheaper and surer than hoping they
// lose.

// dropTags are elements that never hold article prose.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Form: true, atom.Button: true, atom.Input: true, atom.Select: true,
	atom.Textarea: true, atom.Nav: true, atom.Aside: true, atom.Dialog: true, atom.Footer: true,
	atom.Audio: true, atom.Video: true,
}

// dropRoles are ARIA landmarks and widgets outside the article.
var dropRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"dialog": true, "alertdialog": true, "search": true, "menu": true, "menubar": true,
	"toolbar": true, "tablist": true,
}

// dropWords are class and id words (split at '-', '_' and case changes are
// not split) that mark furniture. Whole words only: "comment" must not catch
// "commentary".
var dropWords = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "cmp": true,
	"newsletter": true, "newsletters": true, "subscribe": true, "subscription": true, "signup": true, "paywall": true,
	"share": true, "sharing": true, "sharedaddy": true, "social": true, "sociallinks": true,
	"related": true, "relatedposts": true, "recommended": true, "recommendations": true, "outbrain": true, "taboola": true,
	"comment": true, "comments": true, "disqus": true, "respond": true,
	"promo": true, "promotion": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "adslot": true,
	"sponsor": true, "sponsored": true,
	"breadcrumb": true, "breadcrumbs": true, "sidebar": true, "widget": true, "popup": true, "modal": true,
	"byline": true, "dateline": true, "meta": true, "tags": true, "cite": true, "skip": true,
	"masthead": true, "toolbar": true, "trending": true, "popular": true,
}

// dropPhrases are furniture names written as several words.
var dropPhrases = []string{
	"read-more", "readmore", "see-also", "also-read", "most-read", "mostread", "more-stories",
	"lire-aussi", "post-navigation", "nav-links", "author-bio", "about-author",
}

// prune removes furniture from the tree in place.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && isFurniture(c) && !holdsArticle(c):
			n.RemoveChild(c)
		default:
			prune(c)
		}
		c = next
	}
}

func isFurniture(n *html.Node) bool {
	if dropTags[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Header && !hasAncestor(n, atom.Article, atom.Main) {
		return true // the site's header; an article's own header stays
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); v == "true" {
		return true
	}
	if v, _ := attr(n, "aria-modal"); v == "true" {
		return true
	}
	if v, _ := attr(n, "role"); dropRoles[strings.ToLower(strings.TrimSpace(v))] {
		return true
	}
	return furnitureName(n)
}

// bylineWords name boxes that are furniture in the text but are exactly
// where a page's author and date live.
var bylineWords = map[string]bool{"byline": true, "dateline": true, "meta": true}

func furnitureName(n *html.Node) bool { return nameMatches(n, false) }

// chromeName is furnitureName without the byline boxes.
func chromeName(n *html.Node) bool { return nameMatches(n, true) }

func nameMatches(n *html.Node, keepBylines bool) bool {
	class, _ := attr(n, "class")
	id, _ := attr(n, "id")
	names := strings.ToLower(class + " " + id)
	if strings.TrimSpace(names) == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(names, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if dropWords[w] && !(keepBylines && bylineWords[w]) {
			return true
		}
	}
	for _, p := range dropPhrases {
		if strings.Contains(names, p) {
			return true
		}
	}
	return false
}

// holdsArticle protects the article itself from a too-eager name match,
// such as a page whose whole body sits in a "widget" or "ad-free" wrapper.
func holdsArticle(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return true
	}
	if dropTags[n.DataAtom] {
		return false
	}
	found := false
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Article || c.DataAtom == atom.Main) {
				found = true
				return
			}
			walk(c)
		}
	}
	walk(n)
	return found
}

func hasAncestor(n *html.Node, tags ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, t := range tags {
			if p.DataAtom == t {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
