package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// importText reads a plain-text file: paragraphs separated by blank
// lines, the first of them perhaps a title, then perhaps a byline, an
// outlet and a date (readHeader). These are read from the text, never
// taken out of it: the text is what the file says.
func importText(name, raw string) Document {
	paras := paragraphs(textnorm.Normalize(raw))
	var doc Document
	// A lone line is body text even if it looks like a title.
	skip := 0
	if len(paras) >= 2 && looksLikeTitle(paras[0]) && !isByline(paras[0]) {
		doc.Title = oneLine(paras[0])
		skip = 1
	}
	readHeader(paras, skip).fill(&doc)
	for i, p := range paras {
		paras[i] = unwrap(p)
	}
	doc.Text = textnorm.Normalize(strings.Join(paras, "\n\n"))
	return doc
}

// looksLikeTitle reports whether a first paragraph is a title: one short
// line that does not end like a sentence or a label.
func looksLikeTitle(p string) bool {
	if strings.Contains(p, "\n") || utf8.RuneCountInString(p) > 120 || len(strings.Fields(p)) > 20 {
		return false
	}
	if listLine.MatchString(p) || !strings.ContainsFunc(p, unicode.IsLetter) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".,;:", last)
}

// Lines whose own line break carries meaning: list items, time codes and
// quoted mail (listLine), and speaker turns in a transcript ("MODERATOR:",
// "Dr. Aigerim Sadykova:"), whose label words are all capitalised.
var (
	listLine    = regexp.MustCompile(`^(?:[-*+•·–—]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\[?\d{1,2}:\d{2}|>)`)
	speakerLine = regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}.'’-]*(?: \p{Lu}[\p{L}\p{M}.'’-]*){0,3}:\s`)
)

// Lines of a hard-wrapped paragraph (e-mail, Project Gutenberg, text
// exported from a terminal editor) all end near the wrap column, which
// is between these lengths in practice.
const wrapMin, wrapMax = 50, 90

// unwrap joins the lines of a hard-wrapped paragraph with spaces, and leaves
// other paragraphs (lists, verse, transcripts, addresses) line by line.
func unwrap(p string) string {
	lines := strings.Split(p, "\n")
	if len(lines) < 2 {
		return p
	}
	for _, l := range lines[1:] {
		if listLine.MatchString(l) || speakerLine.MatchString(l) {
			return p
		}
	}
	body := lines[:len(lines)-1]
	inRange := 0
	for _, l := range body {
		if n := utf8.RuneCountInString(l); n >= wrapMin && n <= wrapMax {
			inRange++
		}
	}
	if inRange*5 < len(body)*4 || utf8.RuneCountInString(lines[len(lines)-1]) > wrapMax {
		return p
	}
	// Verse with long lines passes the length test, but capitalises every
	// line; wrapped prose soon continues a sentence in lower case.
	if len(lines) > 2 && allCapitalised(lines[1:]) {
		return p
	}
	var b strings.Builder
	b.WriteString(lines[0])
	for i := 1; i < len(lines); i++ {
		prev, next := lines[i-1], lines[i]
		// "well-\nknown" is a compound split at its hyphen; keep the
		// hyphen and drop the break.
		if !hyphenSplit(prev, next) {
			b.WriteByte(' ')
		}
		b.WriteString(next)
	}
	return b.String()
}

func hyphenSplit(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || len(prev) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	after, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLower(after)
}

func allCapitalised(lines []string) bool {
	for _, l := range lines {
		r, _ := utf8.DecodeRuneInString(l)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// paragraphs splits a normalised text into its paragraphs.
func paragraphs(text string) []string {
	var out []string
	for _, sp := range textnorm.Paragraphs(text) {
		out = append(out, text[sp[0]:sp[1]])
	}
	return out
}
