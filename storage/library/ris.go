package library

import (
	"bytes"
	"net/url"
	"strings"
)

// ParseRIS reads a RIS file: records from "TY  - " to "ER  - ", one tag a
// line ("AU  - Dvořák, Jana"); a line without a tag continues the field
// before it (an abstract over several lines).
func ParseRIS(data []byte) ([]Entry, error) {
	if len(data) > MaxFileBytes {
		return nil, errorAt(1, "the file is larger than %d MB", MaxFileBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var (
		out     []Entry
		rec     *risRecord
		lastTag string
	)
	for n, line := range strings.Split(string(data), "\n") {
		n++
		line = strings.TrimRight(line, "\r")
		tag, value, ok := risLine(line)
		switch {
		case !ok && rec == nil && strings.TrimSpace(line) == "":
		case !ok && rec == nil:
			return nil, errorAt(n, "expected a reference to begin with a TY line, found %q", clip(line))
		case !ok:
			if strings.TrimSpace(line) != "" && lastTag != "" {
				if err := rec.add(lastTag, strings.TrimSpace(line), n, true); err != nil {
					return nil, err
				}
			}
		case tag == "TY":
			if rec != nil {
				return nil, errorAt(n, "a reference begins before the one begun on line %d has ended (ER)", rec.line)
			}
			if len(out) == MaxEntries {
				return nil, errorAt(n, "the file holds more than %d references; import it in parts", MaxEntries)
			}
			rec = &risRecord{line: n, fields: map[string][]string{}}
			lastTag = ""
		case rec == nil:
			return nil, errorAt(n, "the %s line is outside a reference (no TY line before it)", tag)
		case tag == "ER":
			out = append(out, rec.entry())
			rec, lastTag = nil, ""
		default:
			if err := rec.add(tag, value, n, false); err != nil {
				return nil, err
			}
			lastTag = tag
		}
	}
	if rec != nil {
		return nil, errorAt(rec.line, "the reference begun here has no ER line to end it")
	}
	return out, nil
}

// risLine splits "AU  - Dvořák, Jana" into its tag and value; ok is false
// for a line that is not a tag line. Some exporters write one space
// before the dash, or none after it on an empty field.
func risLine(line string) (tag, value string, ok bool) {
	if len(line) < 5 || !(line[0] >= 'A' && line[0] <= 'Z') || !(line[1] >= 'A' && line[1] <= 'Z' || line[1] >= '0' && line[1] <= '9') {
		return "", "", false
	}
	rest := strings.TrimLeft(line[2:], " ")
	if len(rest) == len(line[2:]) || !strings.HasPrefix(rest, "-") {
		return "", "", false
	}
	return line[:2], strings.TrimSpace(rest[1:]), true
}

type risRecord struct {
	line   int
	fields map[string][]string
	size   int
}

func (r *risRecord) add(tag, v string, line int, more bool) error {
	if r.size += len(v); r.size > maxFieldBytes {
		return errorAt(line, "the reference begun on line %d is longer than %d KB", r.line, maxFieldBytes>>10)
	}
	if more {
		vs := r.fields[tag]
		vs[len(vs)-1] += " " + v
		return nil
	}
	r.fields[tag] = append(r.fields[tag], v)
	return nil
}

func (r *risRecord) first(tags ...string) string {
	for _, t := range tags {
		for _, v := range r.fields[t] {
			if v != "" {
				return v
			}
		}
	}
	return ""
}

func (r *risRecord) entry() Entry {
	e := Entry{Key: r.first("ID"), Line: r.line, Title: r.first("TI", "T1", "CT", "BT"),
		Outlet: r.first("JF", "T2", "JO", "JA", "J2", "J1", "PB"), DOI: r.first("DO"), Abstract: r.first("AB", "N2")}
	for _, a := range append(append([]string{}, r.fields["AU"]...), r.fields["A1"]...) {
		if name := risName(a); name != "" {
			e.Authors = append(e.Authors, name)
		}
	}
	for _, k := range r.fields["KW"] {
		e.Tags = append(e.Tags, splitTags(k)...)
	}
	e.Published = risDate(r.first("DA"))
	if y := risDate(r.first("PY", "Y1")); len(y) > len(e.Published) {
		e.Published = y
	}
	e.URL = r.first("UR")
	for _, tag := range []string{"L1", "L2", "L4"} {
		for _, f := range r.fields[tag] {
			if p, ok := localFile(f); ok {
				e.Files = append(e.Files, p)
			}
		}
	}
	return e
}

// risName is "Dvořák, Jana" as "Jana Dvořák"; RIS writes names family first.
func risName(a string) string {
	family, given, ok := strings.Cut(strings.TrimSpace(a), ",")
	if !ok {
		return strings.TrimSpace(a)
	}
	given, suffix, _ := strings.Cut(given, ",")
	return strings.Join(strings.Fields(given+" "+family+" "+suffix), " ")
}

// risDate reads "2019", "2019/03/05/", "2019/03//" or "2019-03-05".
func risDate(s string) string {
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) == 0 || len(parts[0]) != 4 || !isDate(parts[0]) {
		return ""
	}
	out := parts[0]
	if len(parts) > 1 {
		if m := atoiSmall(parts[1]); m >= 1 && m <= 12 {
			out += "-" + twoDigits(m)
			if len(parts) > 2 {
				if d := atoiSmall(parts[2]); d >= 1 && d <= 31 {
					out += "-" + twoDigits(d)
				}
			}
		}
	}
	return out
}

// localFile is the path an attachment line names when it is a file:
// a path, or a file:// URL; web links are not files.
func localFile(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "file://") {
		u, err := url.Parse(s)
		if err != nil || u.Path == "" {
			return "", false
		}
		return u.Path, true
	}
	if s == "" || strings.Contains(s, "://") {
		return "", false
	}
	return s, true
}

// clip shortens a line quoted in an error.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}
