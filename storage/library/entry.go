// Package library reads reference libraries — the BibTeX, RIS and
// CSL-JSON files Zotero and its kin export — and brings their entries
// into a notebook: an entry fills in what an existing piece lacks when it
// matches one (by DOI, else URL, else title and year), and becomes a
// bibliographic piece (storage.FormatRef, no text yet) otherwise; an
// attachment's text, when the export holds the file, is imported through
// package importer and becomes the piece's text.
//
// Each reader is a parser of outside input: bounded, fuzzed, and a file
// it cannot read whole is refused in one sentence naming the line, before
// the notebook is opened. The import writes everything or nothing.
package library

import (
	"fmt"
	"strings"
)

// Entry is one reference, as the readers agree on it: metadata in the
// shape a piece keeps, cleaned of the file format's markup.
type Entry struct {
	Key       string // the citation key or id, to name the entry in a report
	Line      int    // where it begins in its file
	Title     string
	Authors   []string // "Given Family" or a name kept whole
	Outlet    string   // journal, book, site or publisher
	Published string   // "2006-01-02", "2006-01", "2006" or ""
	DOI       string   // as the file gives it; the store cleans it
	URL       string
	Tags      []string
	Abstract  string
	Files     []string // attachments, as the file names them (relative to it, or absolute)
}

// name is how a report names the entry: its key, or its line.
func (e Entry) name() string {
	if e.Key != "" {
		return e.Key
	}
	return fmt.Sprintf("the entry on line %d", e.Line)
}

// Bounds on what a library file may hold; each stops a hostile or broken
// file from holding unbounded memory or time.
const (
	MaxFileBytes  = 64 << 20 // a library of 100 000 entries with abstracts is some 50 MB
	MaxEntries    = 200_000
	maxFieldBytes = 1 << 20 // one field's value: an abstract is a few KB
	maxNesting    = 64      // braces within braces
)

// ParseError is a file that could not be read, naming the line.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func errorAt(line int, format string, args ...any) error {
	return &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// splitTags splits keywords on commas and semicolons, as Zotero and
// Mendeley write them.
func splitTags(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
