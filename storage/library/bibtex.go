package library

import (
	"strings"
)

// ParseBibTeX reads a BibTeX file: @type{key, field = {…} or "…" or a
// number or a @string macro, joined with #, …}. @comment and @preamble
// are skipped, as is any text between entries (BibTeX's own comments).
// Field values keep their braces until each field is decoded (bibField),
// since braces decide where an author list splits.
func ParseBibTeX(data []byte) ([]Entry, error) {
	if len(data) > MaxFileBytes {
		return nil, errorAt(1, "the file is larger than %d MB", MaxFileBytes>>20)
	}
	p := &bibParser{s: string(data), line: 1, macros: map[string]string{}}
	for i, m := range monthNames {
		p.macros[strings.ToLower(m[:3])] = monthNames[i]
	}
	var out []Entry
	for {
		at := strings.IndexByte(p.s[p.pos:], '@')
		if at < 0 {
			return out, nil
		}
		p.pos += at + 1
		line := p.lineNow()
		typ := strings.ToLower(p.ident())
		if typ == "" {
			continue // an @ in the text between entries
		}
		p.skipSpace()
		if p.pos >= len(p.s) || (p.s[p.pos] != '{' && p.s[p.pos] != '(') {
			if typ == "comment" {
				continue // an old-style comment: @comment and the rest of its line
			}
			return nil, errorAt(p.lineNow(), "@%s is not followed by { or (", typ)
		}
		closer := byte('}')
		if p.s[p.pos] == '(' {
			closer = ')'
		}
		p.pos++
		switch typ {
		case "comment", "preamble":
			if err := p.skipBody(closer, typ, line); err != nil {
				return nil, err
			}
		case "string":
			if err := p.macro(closer, line); err != nil {
				return nil, err
			}
		default:
			if len(out) == MaxEntries {
				return nil, errorAt(line, "the file holds more than %d entries; import it in parts", MaxEntries)
			}
			e, err := p.entry(typ, closer, line)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
}

// bibParser walks a BibTeX file; line is the line of byte lineAt,
// advanced as pos moves on (it never moves back).
type bibParser struct {
	s      string
	pos    int
	line   int
	lineAt int
	macros map[string]string
}

// lineNow is the line of pos.
func (p *bibParser) lineNow() int {
	end := min(p.pos, len(p.s))
	if end > p.lineAt {
		p.line += strings.Count(p.s[p.lineAt:end], "\n")
		p.lineAt = end
	}
	return p.line
}

func (p *bibParser) skipSpace() {
	for p.pos < len(p.s) && isSpace(p.s[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// ident reads a name: of an entry type, a field or a macro.
func (p *bibParser) ident() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && p.pos > start ||
			p.pos > start && strings.IndexByte("-_:.+/", c) >= 0) {
			break
		}
		p.pos++
	}
	return p.s[start:p.pos]
}

// skipBody skips an @comment or @preamble to its closer, over balanced
// braces.
func (p *bibParser) skipBody(closer byte, typ string, line int) error {
	depth := 0
	for ; p.pos < len(p.s); p.pos++ {
		switch c := p.s[p.pos]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			p.pos++
			return nil
		}
	}
	return errorAt(line, "the @%s begun here is not closed", typ)
}

// macro reads @string{name = value}.
func (p *bibParser) macro(closer byte, line int) error {
	p.skipSpace()
	name := strings.ToLower(p.ident())
	if name == "" {
		return errorAt(p.lineNow(), "the @string has no name")
	}
	p.skipSpace()
	if p.pos >= len(p.s) || p.s[p.pos] != '=' {
		return errorAt(p.lineNow(), "expected = after the @string name %s", name)
	}
	p.pos++
	v, err := p.value()
	if err != nil {
		return err
	}
	p.skipSpace()
	if p.pos >= len(p.s) || p.s[p.pos] != closer {
		return errorAt(line, "the @string %s begun here is not closed", name)
	}
	p.pos++
	p.macros[name] = v
	return nil
}

// entry reads an entry after its opening brace: the key, then fields.
func (p *bibParser) entry(typ string, closer byte, line int) (Entry, error) {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] != ',' && p.s[p.pos] != closer && !isSpace(p.s[p.pos]) {
		if p.s[p.pos] == '@' || p.s[p.pos] == '{' || p.s[p.pos] == '}' {
			return Entry{}, errorAt(p.lineNow(), "the key of the @%s begun on line %d holds %q", typ, line, p.s[p.pos])
		}
		p.pos++
	}
	key := p.s[start:p.pos]
	fields := map[string]string{}
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == ',' {
		p.pos++
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			return Entry{}, errorAt(line, "the entry @%s{%s begun here is not closed", typ, key)
		}
		if p.s[p.pos] == closer {
			p.pos++
			break
		}
		name := strings.ToLower(p.ident())
		if name == "" {
			return Entry{}, errorAt(p.lineNow(), "expected a field name in the entry @%s{%s (begun on line %d), found %q", typ, key, line, p.s[p.pos])
		}
		p.skipSpace()
		if p.pos >= len(p.s) || p.s[p.pos] != '=' {
			return Entry{}, errorAt(p.lineNow(), "expected = after the field %s of @%s{%s", name, typ, key)
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return Entry{}, err
		}
		fields[name] = v
		p.skipSpace()
		switch {
		case p.pos >= len(p.s):
			return Entry{}, errorAt(line, "the entry @%s{%s begun here is not closed", typ, key)
		case p.s[p.pos] == ',':
			p.pos++
		case p.s[p.pos] != closer:
			return Entry{}, errorAt(p.lineNow(), "expected a comma or the end of @%s{%s after its field %s", typ, key, name)
		}
	}
	return bibEntry(key, line, fields), nil
}

// value reads a field's value: parts joined with #, each a braced or
// quoted string, a number or a macro's name. Braces inside are kept.
func (p *bibParser) value() (string, error) {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			return "", errorAt(p.lineNow(), "the file ends where a value was expected")
		}
		line := p.lineNow()
		switch c := p.s[p.pos]; {
		case c == '{' || c == '"':
			part, err := p.delimited(line)
			if err != nil {
				return "", err
			}
			b.WriteString(part)
		case c >= '0' && c <= '9':
			start := p.pos
			for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
				p.pos++
			}
			b.WriteString(p.s[start:p.pos])
		default:
			name := strings.ToLower(p.ident())
			if name == "" {
				return "", errorAt(line, "expected a value (in braces or quotes, a number or a @string name), found %q", c)
			}
			v, ok := p.macros[name]
			if !ok {
				return "", errorAt(line, "%s is not a @string defined before it", name)
			}
			b.WriteString(v)
		}
		if b.Len() > maxFieldBytes {
			return "", errorAt(line, "a field is longer than %d KB", maxFieldBytes>>10)
		}
		p.skipSpace()
		if p.pos < len(p.s) && p.s[p.pos] == '#' {
			p.pos++
			continue
		}
		return b.String(), nil
	}
}

// delimited reads {…} or "…" with balanced braces inside, and returns
// what is inside the delimiters.
func (p *bibParser) delimited(line int) (string, error) {
	quoted := p.s[p.pos] == '"'
	p.pos++
	start, depth := p.pos, 0
	for ; p.pos < len(p.s); p.pos++ {
		switch c := p.s[p.pos]; {
		case c == '\\':
			p.pos++ // \{ and \" are characters, not delimiters
		case c == '{':
			if depth++; depth > maxNesting {
				return "", errorAt(line, "braces are nested more than %d deep", maxNesting)
			}
		case c == '}' && depth == 0 && !quoted:
			v := p.s[start:p.pos]
			p.pos++
			return v, nil
		case c == '}' && depth == 0:
			return "", errorAt(p.lineNow(), "a } closes a brace never opened")
		case c == '}':
			depth--
		case c == '"' && quoted && depth == 0:
			v := p.s[start:p.pos]
			p.pos++
			return v, nil
		}
		if p.pos-start > maxFieldBytes {
			return "", errorAt(line, "a field is longer than %d KB", maxFieldBytes>>10)
		}
	}
	if quoted {
		return "", errorAt(line, "the quoted value begun here is not closed")
	}
	return "", errorAt(line, "the braced value begun here is not closed")
}

// bibEntry decodes an entry's fields into an Entry.
func bibEntry(key string, line int, f map[string]string) Entry {
	e := Entry{Key: key, Line: line, Title: latex(f["title"]), DOI: plainField(f["doi"]), URL: plainField(f["url"]),
		Tags: splitTags(latex(f["keywords"])), Abstract: latex(f["abstract"]), Files: bibFiles(f["file"])}
	for _, name := range splitAuthors(f["author"]) {
		if a := bibName(name); a != "" {
			e.Authors = append(e.Authors, a)
		}
	}
	for _, k := range []string{"journal", "journaltitle", "booktitle", "publisher", "institution", "school", "organization"} {
		if v := latex(f[k]); v != "" {
			e.Outlet = v
			break
		}
	}
	e.Published = bibDate(plainField(f["date"]), latex(f["year"]), latex(f["month"]), latex(f["day"]))
	return e
}

// plainField is a field that is not prose (a DOI, a URL, a date): its
// braces dropped and TeX's escapes of _, %, & and # undone.
func plainField(v string) string {
	v = strings.NewReplacer("{", "", "}", "", `\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\~`, "~", `\$`, "$").Replace(v)
	return strings.TrimSpace(v)
}

// splitAuthors splits an author list on "and" between names, outside
// braces ("{Barnes and Noble}" is one name).
func splitAuthors(v string) []string {
	var names []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '{':
			depth++
		case '}':
			depth--
		case 'a', 'A':
			if depth == 0 && i > 0 && isSpace(v[i-1]) && i+3 < len(v) && isSpace(v[i+3]) && strings.EqualFold(v[i:i+3], "and") {
				names = append(names, v[start:i])
				start = i + 3
				i += 2
			}
		}
	}
	return append(names, v[start:])
}

// bibName is one BibTeX name as a piece lists it: "Last, First" and
// "Last, Jr., First" turned to "First Last" and "First Last Jr.", "First
// Last" kept, a name wholly in braces kept whole, "others" (et al.)
// dropped.
func bibName(raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.EqualFold(raw, "others") {
		return ""
	}
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, raw[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, raw[start:])
	for i := range parts {
		parts[i] = latex(parts[i])
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return strings.TrimSpace(parts[1] + " " + parts[0])
	}
	return strings.TrimSpace(parts[2] + " " + parts[0] + " " + parts[1])
}

// monthNames are the months, for BibTeX's predefined jan … dec and for
// dates written in words.
var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// monthNumber reads "3", "03", "mar", "March" or "Mar." as 3; 0 when it is
// none of them.
func monthNumber(s string) int {
	s = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")
	if n := atoiSmall(s); n >= 1 && n <= 12 {
		return n
	}
	if len(s) >= 3 {
		for i, m := range monthNames {
			if strings.HasPrefix(strings.ToLower(m), s) {
				return i + 1
			}
		}
	}
	return 0
}

// atoiSmall reads one or two digits; -1 for anything else.
func atoiSmall(s string) int {
	if len(s) == 0 || len(s) > 2 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// bibDate is the date of an entry: biblatex's date field when it begins
// with one, else year, month and day.
func bibDate(date, year, month, day string) string {
	if d := leadingDate(date); d != "" {
		return d
	}
	year = strings.TrimSpace(year)
	if len(year) != 4 || !isDate(year) {
		return ""
	}
	m := monthNumber(month)
	if m == 0 {
		return year
	}
	out := year + "-" + twoDigits(m)
	if d := atoiSmall(strings.TrimSpace(day)); d >= 1 && d <= 31 {
		out += "-" + twoDigits(d)
	}
	return out
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

// leadingDate is the YYYY-MM-DD, YYYY-MM or YYYY that s begins with
// ("2019-03-05", "2019-03/2019-04", "2019"), or "".
func leadingDate(s string) string {
	s = strings.TrimSpace(s)
	for _, n := range []int{10, 7, 4} {
		if len(s) >= n && isDate(s[:n]) && (len(s) == n || s[n] < '0' || s[n] > '9') {
			return s[:n]
		}
	}
	return ""
}

// isDate is YYYY, YYYY-MM or YYYY-MM-DD by shape; the store checks the
// calendar.
func isDate(s string) bool {
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bibFiles reads Zotero's file field: attachments separated by ";", each
// "description:path:type" or a bare path, with ":", ";" and "\" escaped
// by a backslash inside them.
func bibFiles(v string) []string {
	var files []string
	for _, att := range splitEscaped(v, ';') {
		parts := splitEscaped(att, ':')
		path := att
		if len(parts) >= 2 {
			path = parts[1]
		}
		path = strings.TrimSpace(unescapeFile(strings.NewReplacer("{", "", "}", "").Replace(path)))
		if path != "" {
			files = append(files, path)
		}
	}
	return files
}

// splitEscaped splits s on sep where no backslash escapes it.
func splitEscaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func unescapeFile(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
