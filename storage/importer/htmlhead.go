package importer

import (
	"strings"
	"unicode"
)

// The top of an extracted article often repeats what the metadata already
// holds: the headline, a byline, the site's name in the <title>. The
// functions here reconcile the two so that each fact is kept once, in the
// metadata.

// splitHeadStack splits a first paragraph made of a few short lines, such as
// a headline and a byline separated only by <br>, into one paragraph per
// line so that title and byline detection can see them.
func splitHeadStack(paras []string) []string {
	if len(paras) == 0 || !strings.Contains(paras[0], "\n") {
		return paras
	}
	lines := strings.Split(paras[0], "\n")
	if len(lines) > 3 {
		return paras
	}
	for _, l := range lines {
		if len(strings.Fields(l)) > 20 {
			return paras
		}
	}
	return append(lines, paras[1:]...)
}

// titleFromText reconciles the title with the start of the text. A first
// paragraph that repeats the title is dropped. On pages with no title
// metadata the <title> often carries the site name too ("Kabul Monitor
// Weekly - Regional powers…"); when the first paragraph is one part of it,
// that part is the title and the rest names the outlet.
func titleFromText(paras []string, title, outlet string) ([]string, string, string) {
	for i := 0; i < len(paras) && i < 2; i++ {
		p := paras[i]
		if strings.Contains(p, "\n") || len(strings.Fields(p)) > 30 {
			continue
		}
		if sameText(p, title) {
			return append(paras[:i:i], paras[i+1:]...), title, outlet
		}
		if t, site, ok := splitTitle(title, p); ok {
			return append(paras[:i:i], paras[i+1:]...), t, firstNonEmpty(outlet, site)
		}
	}
	return paras, title, outlet
}

// splitTitle splits a "Title | Site" string at the separator where one side
// is the given heading, returning that side and the site's name.
func splitTitle(title, heading string) (t, site string, ok bool) {
	for _, sep := range titleSeparators {
		before, after, found := strings.Cut(title, sep)
		if !found {
			continue
		}
		switch {
		case sameText(after, heading):
			return oneLine(after), shortName(before), true
		case sameText(before, heading):
			return oneLine(before), shortName(after), true
		}
	}
	return "", "", false
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " › ", " / "}

// cleanTitle removes the outlet's name and section labels that sites append
// to their titles ("… | World | The Meridian Post").
func cleanTitle(title, outlet string) string {
	title = oneLine(title)
	if outlet == "" {
		return title
	}
	for _, sep := range titleSeparators {
		if rest, ok := strings.CutSuffix(title, sep+outlet); ok && rest != "" {
			title = rest
			// A short section label often sits between title and outlet.
			if i := strings.LastIndex(title, " | "); i > 0 && len(strings.Fields(title[i+3:])) <= 2 {
				title = title[:i]
			}
			break
		}
		if rest, ok := strings.CutPrefix(title, outlet+sep); ok && rest != "" {
			title = rest
			break
		}
	}
	return title
}

// dropBylines removes a byline paragraph ("By Farid Nouri-Aldana · Published
// 12 May 2019") near the top of the text, filling in the author and date
// from it when the page declared none.
func dropBylines(paras []string, doc *Document) []string {
	for i := 0; i < len(paras) && i < 3; i++ {
		authors, date, ok := parseByline(paras[i])
		if !ok {
			continue
		}
		if len(doc.Authors) == 0 {
			doc.Authors = authors
		}
		if doc.Published == "" {
			doc.Published = date
		}
		return append(paras[:i:i], paras[i+1:]...)
	}
	return paras
}

// parseByline reads a short paragraph that starts with "By" and is split
// into parts by separators, such as "By A and B · 12 May 2019".
func parseByline(p string) (authors []string, date string, ok bool) {
	if len(strings.Fields(p)) > 20 || strings.Contains(p, "\n") {
		return nil, "", false
	}
	rest, found := strings.CutPrefix(p, "By ")
	if !found {
		if rest, found = strings.CutPrefix(p, "BY "); !found {
			return nil, "", false
		}
	}
	parts := strings.FieldsFunc(rest, func(r rune) bool { return strings.ContainsRune("·|•—–", r) })
	if len(parts) == 0 {
		return nil, "", false
	}
	name := strings.TrimSpace(parts[0])
	// "By Lena Havrilova in Kabul": the place is not part of the name.
	if i := strings.Index(name, " in "); i > 0 {
		name = name[:i]
	}
	authors = splitAuthors([]string{name})
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		for _, w := range []string{"Published", "Posted", "Updated", "on"} {
			part = strings.TrimSpace(strings.TrimPrefix(part, w))
		}
		if date = parseDate(part); date != "" {
			break
		}
	}
	return authors, date, len(authors) > 0
}

// sameText compares two strings ignoring case, punctuation and spacing.
func sameText(a, b string) bool {
	key := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ")
	}
	ka := key(a)
	return ka != "" && ka == key(b)
}

// shortName returns s if it is short enough to be a publication's name.
func shortName(s string) string {
	if n := len(strings.Fields(s)); n == 0 || n > 6 {
		return ""
	}
	return oneLine(s)
}
