package bundle

import (
	"strconv"
	"strings"
	"unicode"

	"commonplace/storage"
	"commonplace/storage/csl"
)

// references.json is CSL-JSON, the input format of Zotero, Pandoc and
// every citeproc: the pieces' metadata ready for a bibliography. It is
// derived from the pieces (an import reads their front matter, never this
// file), so it may simplify: names are split into family and given only
// when that is safe, and kept whole otherwise.

// The CSL-JSON types are package csl's, the format's one home: a
// reference library is read with them (package library).
type (
	CSLItem = csl.Item
	CSLName = csl.Name
	CSLDate = csl.Date
)

// CSL types: a piece from an outlet is cited as a newspaper article.
const (
	cslNewspaper = "article-newspaper"
	cslArticle   = "article"
)

// cslItem describes a piece for a bibliography.
func cslItem(p storage.Piece) CSLItem {
	it := CSLItem{ID: p.ID, Type: cslArticle, Title: p.Title, ContainerTitle: p.Outlet, URL: p.URL,
		DOI: p.DOI, Keyword: strings.Join(p.Tags, ", ")}
	if p.Outlet != "" {
		it.Type = cslNewspaper
	}
	for _, a := range p.Authors {
		it.Author = append(it.Author, cslName(a))
	}
	if parts := dateParts(p.Published); parts != nil {
		it.Issued = &CSLDate{DateParts: [][]int{parts}}
	}
	if parts := dateParts(p.Accessed); parts != nil {
		it.Accessed = &CSLDate{DateParts: [][]int{parts}}
	}
	return it
}

// dateParts turns "2024-03-05", "2024-03" or "2024" into CSL date parts.
func dateParts(published string) []int {
	if published == "" {
		return nil
	}
	var parts []int
	for _, f := range strings.Split(published, "-") {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil
		}
		parts = append(parts, n)
	}
	return parts
}

// particles begin a family name ("Ludwig van Beethoven").
var particles = map[string]bool{"van": true, "von": true, "de": true, "da": true, "del": true, "della": true,
	"der": true, "di": true, "du": true, "la": true, "le": true, "al": true, "bin": true, "ibn": true, "ter": true, "ten": true}

// cslName splits "Given Family" or "Family, Given" when the name looks
// like a person's (two to four capitalised words, particles allowed), and
// keeps anything else whole, since splitting an organisation or a byline
// would garble it in every citation.
func cslName(name string) CSLName {
	name = strings.Join(strings.Fields(name), " ")
	if family, given, ok := strings.Cut(name, ","); ok {
		family, given = strings.TrimSpace(family), strings.TrimSpace(given)
		if family != "" && given != "" && !strings.Contains(given, ",") {
			return CSLName{Family: family, Given: given}
		}
		return CSLName{Literal: name}
	}
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 4 {
		return CSLName{Literal: name}
	}
	cut := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if particles[words[i]] {
			cut = i
			break
		}
	}
	for i, w := range words {
		r := []rune(w)[0]
		if i >= cut && particles[w] {
			continue
		}
		if !unicode.IsUpper(r) || strings.EqualFold(w, "staff") {
			return CSLName{Literal: name}
		}
	}
	return CSLName{Family: strings.Join(words[cut:], " "), Given: strings.Join(words[:cut], " ")}
}
