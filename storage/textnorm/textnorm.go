// Package textnorm owns the one definition of a piece's normalised plain
// text, and the one way letters are folded for finding them (fold.go). The
// importer, the store and the bundle code all call Normalize, so that
// offsets, hashes and search positions computed by one of them mean the
// same thing to the others; search, suggestions, find in a piece and the
// library filter all fold with AppendFold.
//
// A normalised text is valid UTF-8 in Unicode NFC, has no control characters
// other than '\n', uses a single ' ' for every run of horizontal white space,
// has no space at the start or end of a line, and separates paragraphs with
// exactly one blank line. Single line breaks inside a paragraph are kept,
// because they carry meaning in transcripts, verse and addresses.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the normalised form of s (see the package doc).
// It is idempotent and always returns valid UTF-8; invalid bytes become
// U+FFFD.
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(utf8.RuneError))
	}
	// Characters are cleaned before NFC, not after: dropping a control
	// character that sits between a letter and a combining mark lets them
	// compose, and only NFC applied last can see that.
	s = norm.NFC.String(cleanRunes(s))
	return layout(s)
}

// cleanRunes maps every line break to '\n' and every horizontal space to
// ' ', and drops the BOM and other control characters. Runs of ordinary
// characters are copied whole, and a text with nothing to change is
// returned as is.
func cleanRunes(s string) string {
	var b strings.Builder
	start := 0 // start of the run not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			i++
			continue
		}
		var repl string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '\r':
				// CRLF counts once: the '\n' that follows stays.
				if i+1 >= len(s) || s[i+1] != '\n' {
					repl = "\n"
				}
			case '\t':
				repl = " "
			case '\v', '\f':
				// They break lines in every renderer; deleting them
				// would glue words.
				repl = "\n"
			}
			// Other ASCII controls and DEL are invisible and break search.
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\u0085' || r == '\u2028':
				repl = "\n"
			case r == '\u2029':
				repl = "\n\n"
			case r == '\uFEFF' || unicode.IsControl(r):
				// A BOM inside a text is a leftover of concatenated files.
			case unicode.Is(unicode.Zs, r):
				repl = " "
			default:
				i += size
				continue
			}
		}
		if start == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[start:i])
		b.WriteString(repl)
		i += size
		start = i
	}
	if start == 0 {
		return s
	}
	b.WriteString(s[start:])
	return b.String()
}

// layout collapses spaces, trims lines and rebuilds paragraph breaks on a
// string whose only white space is ' ' and '\n'.
func layout(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	breaks := 0    // line breaks since the last text written
	space := false // a space is due before the next text on this line
	for i := 0; i < len(s); {
		switch s[i] {
		case ' ':
			space = true
			i++
			continue
		case '\n':
			breaks++
			space = false
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		if b.Len() > 0 {
			switch {
			case breaks >= 2:
				b.WriteString("\n\n")
			case breaks == 1:
				b.WriteByte('\n')
			case space:
				b.WriteByte(' ')
			}
		}
		b.WriteString(s[i:j])
		breaks, space = 0, false
		i = j
	}
	return b.String()
}

// Tag is how one tag is written everywhere: without a leading "#", lower
// case, single-spaced, normalised.
func Tag(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	return strings.ToLower(strings.Join(strings.Fields(Normalize(s)), " "))
}
