package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An article saved as plain text (or Markdown without front matter) states
// its metadata in its first lines, the way the page printed it: a byline
// ("By Raffaello Pantucci", "Raffaello Pantucci, Reuters"), an outlet
// line, a date line, or a dateline opening the first paragraph ("Kabul, 12
// March 2025 — …"). readHeader reads them as metadata. It only reads: the
// lines stay in the text, since a piece's text is what the file says.

// Bounds of the header: the lines between the title and the first
// paragraph of prose, a handful of short lines at most.
const (
	maxHeaderParas = 4
	maxHeaderLines = 6
	maxHeaderWords = 14
)

// headerMeta is what the first lines of an article said about it.
type headerMeta struct {
	authors   []string
	outlet    string
	published string
}

// fill sets doc's fields that are still empty from m: metadata the file
// stated another way (front matter) wins.
func (m headerMeta) fill(doc *Document) {
	if len(doc.Authors) == 0 {
		doc.Authors = m.authors
	}
	if doc.Outlet == "" {
		doc.Outlet = m.outlet
	}
	if doc.Published == "" {
		doc.Published = m.published
	}
}

// readHeader reads the header lines among paras, the text's paragraphs,
// after the title paragraph (skip of them), and a dateline at the start of
// the first paragraph of prose.
func readHeader(paras []string, skip int) headerMeta {
	var m headerMeta
	var outletLines []string
	lines := 0
	for i := skip; i < len(paras) && i < skip+maxHeaderParas; i++ {
		p := paras[i]
		if isProse(p) {
			if m.published == "" {
				m.published = datelineDate(p)
			}
			break
		}
		for _, line := range strings.Split(p, "\n") {
			if lines++; lines > maxHeaderLines {
				return m.withOutlet(outletLines)
			}
			line = strings.TrimSpace(line)
			if m.authors == nil && bylineAuthors(line, &m) {
				continue
			}
			if date := dateLine(line); date != "" {
				if m.published == "" {
					m.published = date
				}
				continue
			}
			if looksLikeOutlet(line) {
				outletLines = append(outletLines, line)
			}
		}
	}
	return m.withOutlet(outletLines)
}

// withOutlet takes the outlet from a line of its own when the byline
// named none: the one short line of capitalised words in a header that
// has a byline or a date — without them, such a line is as likely a
// heading ("Monday" in field notes).
func (m headerMeta) withOutlet(lines []string) headerMeta {
	if m.outlet == "" && len(lines) == 1 && (m.authors != nil || m.published != "") {
		m.outlet = lines[0]
	}
	return m
}

// isProse reports whether a paragraph is body text rather than a header
// line: long, or a sentence.
func isProse(p string) bool {
	words := len(strings.Fields(p))
	if words > maxHeaderWords || strings.Count(p, "\n") >= maxHeaderLines {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(p))
	return words > 8 && strings.ContainsRune(".!?…\"”", last)
}

// bylineAuthors reads a byline into m: "By A", "By A and B", "By A, B and
// C", "By A, Outlet", "By A for Outlet", "By A | Outlet", or, without
// "By", "A, Outlet" where A is one name. It reports whether line was one.
func bylineAuthors(line string, m *headerMeta) bool {
	if len(strings.Fields(line)) > maxHeaderWords {
		return false
	}
	rest, hasBy := cutBy(line)
	names, outlet := rest, ""
	if before, after, ok := cutOutlet(rest); ok {
		names, outlet = before, after
	}
	var authors []string
	for _, part := range strings.FieldsFunc(strings.NewReplacer(" and ", ",", " & ", ",").Replace(names), func(r rune) bool { return r == ',' }) {
		part = strings.TrimSpace(part)
		if !looksLikeName(part) {
			return false
		}
		authors = append(authors, part)
	}
	// Without "By", only "Name, Outlet" reads as a byline: a lone name or
	// a list of capitalised words is too often something else.
	if len(authors) == 0 || !hasBy && (len(authors) != 1 || outlet == "") {
		return false
	}
	m.authors = authors
	if outlet != "" && m.outlet == "" {
		m.outlet = outlet
	}
	return true
}

// isByline reports whether a line is a byline (see bylineAuthors).
func isByline(line string) bool { return bylineAuthors(strings.TrimSpace(line), &headerMeta{}) }

// cutBy removes a leading "By"/"by"/"BY" and says whether there was one.
func cutBy(line string) (string, bool) {
	for _, p := range []string{"By ", "by ", "BY "} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return line, false
}

// cutOutlet splits "names for Outlet", "names | Outlet", "names — Outlet"
// and "names, Outlet" where the last part names an outlet rather than a
// person.
func cutOutlet(s string) (names, outlet string, ok bool) {
	for _, sep := range []string{" for ", " | ", " — ", " – ", " - "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			if o := strings.TrimSpace(s[i+len(sep):]); looksLikeOutlet(o) {
				return s[:i], o, true
			}
		}
	}
	if i := strings.LastIndex(s, ","); i > 0 {
		if o := strings.TrimSpace(s[i+1:]); looksLikeOutlet(o) && outletish(o) {
			return s[:i], o, true
		}
	}
	return s, "", false
}

// outletWords are words that name a publication or an institution rather
// than a person, for telling "By A, Reuters" from "By A, B".
var outletWords = map[string]bool{
	"times": true, "post": true, "news": true, "review": true, "journal": true, "magazine": true,
	"herald": true, "tribune": true, "guardian": true, "diplomat": true, "institute": true,
	"center": true, "centre": true, "foundation": true, "agency": true, "press": true,
	"daily": true, "weekly": true, "monitor": true, "observer": true, "gazette": true,
	"affairs": true, "policy": true, "report": true, "reuters": true, "bloomberg": true,
	"service": true, "network": true, "radio": true, "television": true, "tv": true,
	"blog": true, "quarterly": true, "bulletin": true, "dispatch": true, "standard": true,
	"economist": true, "telegraph": true, "independent": true, "chronicle": true, "forum": true,
	"council": true, "university": true, "commission": true, "ministry": true, "group": true,
}

// outletish reports whether s reads as an outlet rather than a person's
// name: one word, "The …", or a word that names a publication.
func outletish(s string) bool {
	words := strings.Fields(s)
	if len(words) == 1 || strings.HasPrefix(s, "The ") {
		return true
	}
	for _, w := range words {
		if outletWords[strings.ToLower(strings.Trim(w, ".,'’"))] {
			return true
		}
	}
	return false
}

// looksLikeOutlet reports whether a line could be an outlet's name: one
// to six words, capitalised, no sentence punctuation, no digits.
func looksLikeOutlet(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || strings.ContainsAny(s, ".!?:;,\"“”0123456789") && !strings.HasSuffix(s, ".com") {
		return false
	}
	capitals := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			capitals++
		} else if !nameParticles[w] && w != "of" && w != "for" && w != "and" && w != "the" && w != "on" {
			return false
		}
	}
	return capitals > 0
}

// nameParticles may stand in lower case inside a name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "van": true, "von": true,
	"der": true, "den": true, "la": true, "le": true, "bin": true, "ibn": true, "al": true, "el": true,
}

// looksLikeName reports whether s is a person's name: two to five words,
// each capitalised (or a particle such as "van" or "al-"), letters only.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		// "van", "der" (never last) or "al-Rashid" may be lower case.
		joined := strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-")
		particle := nameParticles[w] && i < len(words)-1
		if !unicode.IsUpper(r) && !particle && !joined {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !unicode.IsMark(c) && !strings.ContainsRune(".-'’", c) {
				return false
			}
		}
	}
	return !outletish(s)
}

// datePrefixes introduce a date line.
var datePrefixes = []string{"Published on ", "Published: ", "Published ", "Posted on ", "Posted ", "Updated: ", "Updated ", "Date: ", "Dated "}

// dateLine returns the date a line states on its own ("12 March 2025",
// "Published: March 12, 2025", "2025-03-12"), or "".
func dateLine(line string) string {
	for _, p := range datePrefixes {
		if rest, ok := strings.CutPrefix(line, p); ok {
			line = rest
			break
		}
	}
	if len(strings.Fields(line)) > 5 || !strings.ContainsFunc(line, unicode.IsDigit) {
		return ""
	}
	return parseDate(line)
}

// dateline matches a news dateline: a place, a comma, a date, a dash.
var dateline = regexp.MustCompile(`^\p{Lu}[\p{L}\p{M} .'’-]{1,40}, ([^—–\n]{6,30}?)\s*(?:—|–|-{1,2})\s`)

// datelineDate returns the date of a dateline opening paragraph p, or "".
func datelineDate(p string) string {
	sub := dateline.FindStringSubmatch(p)
	if sub == nil {
		return ""
	}
	return dateLine(sub[1])
}
