package markdown

import "strings"

// Obsidian, like most Markdown viewers, renders HTML written in a note: a
// piece's text holding "<img src=x onerror=…>" or "<script>" would be
// markup, not words, when the folder is opened. Everything of the
// researcher's written into a file's Markdown body is therefore escaped:
// "<" becomes "&lt;", and "&" becomes "&amp;" where it would otherwise
// start a character reference. Both render as the character itself.
//
// The escaping is undone exactly on import (unescapeHTML), so the piece's
// text and a note's body come back as they were: a plain "&" (as in
// "AT&T") is left as it is, and an "&lt;" the text itself held is written
// "&amp;lt;". Folders of format version 1 were written unescaped.

// escapeHTML escapes s for a Markdown body.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			b.WriteString("&lt;")
		case c == '&' && startsReference(s[i+1:]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescapeHTML undoes escapeHTML: "&lt;" is "<" and "&amp;" is "&";
// any other "&" is itself.
func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "&lt;"):
			b.WriteByte('<')
			i += len("&lt;") - 1
		case strings.HasPrefix(s[i:], "&amp;"):
			b.WriteByte('&')
			i += len("&amp;") - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// startsReference reports whether s (what follows an "&") makes a
// character reference of it in CommonMark: a name or a #number, then ";".
func startsReference(s string) bool {
	i := 0
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	start := i
	for i < len(s) && isAlnum(s[i]) {
		i++
	}
	return i > start && i < len(s) && s[i] == ';'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
