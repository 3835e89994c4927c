package library

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The part of LaTeX that reference managers write into BibTeX fields,
// turned into Unicode: accents ({\"u}, \'{e}, \c c), letters (\aa, \ss,
// \o), escaped specials (\&, \%), dashes (-- and ---), ~ and quotes.
// Braces, which only protect case, are dropped; any other command is
// dropped and its argument kept (\emph{x} is x), so nothing of TeX's
// syntax reaches a title.

// accents maps an accent command to its combining mark.
var accents = map[string]rune{
	"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', "=": '\u0304', "u": '\u0306', ".": '\u0307',
	`"`: '\u0308', "r": '\u030A', "H": '\u030B', "v": '\u030C', "d": '\u0323', "c": '\u0327', "k": '\u0328',
	"b": '\u0331',
}

// symbols maps a command to the text it stands for.
var symbols = map[string]string{
	"aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "o": "ø", "O": "Ø", "oe": "œ", "OE": "Œ", "ss": "ß",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "\\": " ", "-": "",
	",": " ", ";": " ", "/": "", "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "S": "§", "P": "¶", "copyright": "©", "pounds": "£",
	"euro": "€", "textdegree": "°", "LaTeX": "LaTeX", "TeX": "TeX", "textbackslash": `\`, "textasciitilde": "~",
	"textbar": "|", "textless": "<", "textgreater": ">", "par": " ",
}

// latex turns a field's LaTeX into Unicode text on one line.
func latex(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	latexInto(&b, s)
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

func latexInto(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			i = latexCommand(b, s, i+1)
		case c == '{' || c == '}' || c == '$':
			i++
		case c == '~':
			b.WriteRune('\u00A0')
			i++
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
		case strings.HasPrefix(s[i:], "``"):
			b.WriteString("“")
			i += 2
		case strings.HasPrefix(s[i:], "''"):
			b.WriteString("”")
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// latexCommand writes the command that starts at s[i] (after its
// backslash) and returns where the text after it begins.
func latexCommand(b *strings.Builder, s string, i int) int {
	if i >= len(s) {
		return i
	}
	start := i
	if isLetter(s[i]) {
		for i < len(s) && isLetter(s[i]) {
			i++
		}
	} else {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	name := s[start:i]
	if isLetter(name[0]) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++ // TeX eats the spaces after a control word
		}
	}
	if mark, ok := accents[name]; ok {
		arg, next := latexArgument(s, i)
		var inner strings.Builder
		latexInto(&inner, arg)
		base := inner.String()
		base = strings.Replace(base, "ı", "i", 1) // \'{\i}: the dot gives way to the accent
		base = strings.Replace(base, "ȷ", "j", 1)
		if r, size := utf8.DecodeRuneInString(base); size > 0 {
			b.WriteRune(r)
			b.WriteRune(mark)
			b.WriteString(base[size:])
		}
		return next
	}
	if sym, ok := symbols[name]; ok {
		b.WriteString(sym)
		if strings.HasPrefix(s[i:], "{}") {
			i += 2
		}
		return i
	}
	return i // an unknown command: dropped, its argument kept as text
}

// latexArgument is an accent's argument at s[i]: a braced group, a
// command (\i), or one character.
func latexArgument(s string, i int) (string, int) {
	if i >= len(s) {
		return "", i
	}
	switch s[i] {
	case '{':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				if depth--; depth == 0 {
					return s[i+1 : j], j + 1
				}
			}
		}
		return s[i+1:], len(s)
	case '\\':
		j := i + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j == i+1 && j < len(s) {
			j++
		}
		return s[i:j], j
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i : i+size], i + size
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
