package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// File names and link text in a Markdown folder. Names come from titles,
// so they read well in a file list, with the item's short id added so that
// two pieces with one title stay two files and a renamed title never
// breaks an import (import goes by the ids in front matter, not names).

// fileNames hands out file names unique in the folder, compared without
// case as on macOS and Windows.
type fileNames struct {
	taken map[string]bool
}

func newFileNames() *fileNames { return &fileNames{taken: map[string]bool{}} }

// name returns "<title> (<short id>)" unique among the names given so far,
// lengthening the short id until it is.
func (n *fileNames) name(title, id string) string {
	base := safeName(title)
	for _, k := range []int{shortIDLen, 12} {
		name := base + " (" + shortID(id, k) + ")"
		if key := strings.ToLower(name); !n.taken[key] {
			n.taken[key] = true
			return name
		}
	}
	// The whole id is unique, whatever the title.
	name := base + " (" + shortID(id, 32) + ")"
	n.taken[strings.ToLower(name)] = true
	return name
}

// shortID is the last k hex digits of an id: a UUIDv7 begins with its
// timestamp, so items made together share their first digits but not
// their last, which are random.
func shortID(id string, k int) string {
	hex := strings.ReplaceAll(id, "-", "")
	if len(hex) <= k {
		return hex
	}
	return hex[len(hex)-k:]
}

// safeName turns a title into a file name that is valid on Windows,
// macOS and Linux and harmless in a wikilink: no path separators, no
// characters Windows forbids, none that wikilinks give meaning to (#^[]|),
// no leading dot (a hidden file) and no trailing dot or space, at most
// maxTitleRunes long, cut at a word.
func safeName(title string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case r == ':':
			b.WriteString(" -")
		case strings.ContainsRune(`/\*?"<>|#^[]`, r), unicode.IsControl(r), r == utf8.RuneError,
			unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(name) > maxTitleRunes {
		r := []rune(name)[:maxTitleRunes]
		name = string(r)
		if i := strings.LastIndexByte(name, ' '); i > len(name)/2 {
			name = name[:i]
		}
	}
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		return "Untitled"
	}
	return name
}

// alias makes text safe as the shown part of a wikilink [[target|alias]]:
// one line, without the brackets and bar that would end the link, and
// with HTML escaped (escapeHTML).
func alias(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', '|', '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)[:n-1]
		s = strings.TrimRight(string(r), " ") + "…"
	}
	return escapeHTML(s)
}

// tagWord writes a tag the way Obsidian recognises one: #word, with the
// characters its tags cannot hold (spaces above all) as hyphens.
func tagWord(tag string) string {
	var b strings.Builder
	b.WriteByte('#')
	for _, r := range tag {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '/' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	// A tag of digits only is not a tag in Obsidian.
	if strings.TrimLeft(b.String()[1:], "0123456789-/") == "" {
		return "#tag-" + b.String()[1:]
	}
	return b.String()
}
