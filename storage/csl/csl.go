// Package csl is CSL-JSON, the bibliography format of Zotero, Pandoc and
// every citeproc: its items, names and dates, and the one reader of it.
// A bundle writes its references.json with these types; a reference
// library exported from Zotero is read back with Read. It knows nothing
// of notebooks.
package csl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Item is one entry of a CSL-JSON array. Only the fields Commonplace
// writes or reads are here; a reader ignores the others.
type Item struct {
	ID             string `json:"id"`
	Type           string `json:"type"`
	Title          string `json:"title,omitempty"`
	Author         []Name `json:"author,omitempty"`
	ContainerTitle string `json:"container-title,omitempty"`
	Publisher      string `json:"publisher,omitempty"`
	Issued         *Date  `json:"issued,omitempty"`
	Accessed       *Date  `json:"accessed,omitempty"` // when URL was read
	DOI            string `json:"DOI,omitempty"`
	URL            string `json:"URL,omitempty"`
	Keyword        string `json:"keyword,omitempty"`
	Abstract       string `json:"abstract,omitempty"`
}

// Name is a person (family and given) or a name kept whole (literal):
// an organisation, a byline such as "Reuters staff", a single name.
type Name struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// String is the name as a piece lists its authors: "Given Family", or
// the literal.
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	return strings.TrimSpace(n.Given + " " + n.Family)
}

// Date is a CSL date: one [year, month, day] with month and day optional.
// Raw is the date as text, which some exports give instead.
type Date struct {
	DateParts [][]int `json:"date-parts"`
	Raw       string  `json:"raw,omitempty"`
}

// UnmarshalJSON reads date parts written as numbers or as strings of
// digits ("2019", "03"): Zotero has written both.
func (d *Date) UnmarshalJSON(data []byte) error {
	var in struct {
		DateParts [][]json.RawMessage `json:"date-parts"`
		Raw       string              `json:"raw"`
		Literal   string              `json:"literal"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	d.Raw = in.Raw
	if d.Raw == "" {
		d.Raw = in.Literal
	}
	d.DateParts = nil
	for _, parts := range in.DateParts {
		var out []int
		for _, raw := range parts {
			s := strings.Trim(string(raw), `"`)
			n, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("the date part %s is not a number", raw)
			}
			out = append(out, n)
		}
		d.DateParts = append(d.DateParts, out)
	}
	return nil
}

// Published is the date as a piece keeps it ("2006-01-02", "2006-01" or
// "2006"), from its first date parts or, failing them, its raw text when
// that begins with such a date; "" when neither gives one.
func (d *Date) Published() string {
	if d == nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		p := d.DateParts[0]
		if p[0] < 1 || p[0] > 9999 {
			return ""
		}
		s := fmt.Sprintf("%04d", p[0])
		if len(p) > 1 && p[1] >= 1 && p[1] <= 12 {
			s += fmt.Sprintf("-%02d", p[1])
			if len(p) > 2 && p[2] >= 1 && p[2] <= 31 {
				s += fmt.Sprintf("-%02d", p[2])
			}
		}
		return s
	}
	raw := strings.TrimSpace(d.Raw)
	for _, n := range []int{10, 7, 4} {
		if len(raw) >= n && isDate(raw[:n]) && (len(raw) == n || !isDigit(raw[n])) {
			return raw[:n]
		}
	}
	return ""
}

// isDate is YYYY, YYYY-MM or YYYY-MM-DD by shape; the store checks the
// calendar.
func isDate(s string) bool {
	for i := range len(s) {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// MaxItems bounds the entries Read accepts: a large personal library
// holds tens of thousands.
const MaxItems = 200_000

// ErrNotCSL is a file that is not a CSL-JSON array.
var ErrNotCSL = errors.New("not CSL-JSON")

// Looks reports whether data is shaped like CSL-JSON: a JSON array whose
// first element is an object with a "type" and an "id" or a "title". It
// decides what a .json file is before it is read whole.
func Looks(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(data) == 0 || data[0] != '[' {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil || !dec.More() {
		return false
	}
	var first map[string]json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return false
	}
	_, typ := first["type"]
	_, id := first["id"]
	_, title := first["title"]
	return typ && (id || title)
}

// Read reads a CSL-JSON array. A file that is not one, or an item with a
// field of the wrong kind, is refused in one sentence naming the line.
func Read(data []byte) ([]Item, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, fmt.Errorf("%w: the file is not a JSON array of references", ErrNotCSL)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(data, dec, err)
	}
	var items []Item
	for dec.More() {
		if len(items) == MaxItems {
			return nil, fmt.Errorf("the file holds more than %d references; import it in parts", MaxItems)
		}
		start := dec.InputOffset()
		var it Item
		if err := dec.Decode(&it); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return nil, fmt.Errorf("line %d: the reference's %q is a JSON %s, not what CSL-JSON has there", lineAt(data, start), typeErr.Field, typeErr.Value)
			}
			return nil, jsonError(data, dec, err)
		}
		items = append(items, it)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(data, dec, err)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("line %d: something follows the array of references", lineAt(data, dec.InputOffset()))
	}
	return items, nil
}

// jsonError is a JSON error as one sentence naming the line.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	at := dec.InputOffset()
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		at = syntax.Offset
	}
	msg := err.Error()
	if syntax != nil {
		msg = syntax.Error()
	} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		msg, at = "the file ends in the middle of a reference", int64(len(data))
	}
	return fmt.Errorf("line %d: %s", lineAt(data, at), strings.TrimPrefix(msg, "json: "))
}

// lineAt is the line (from 1) of byte offset at.
func lineAt(data []byte, at int64) int {
	at = max(0, min(at, int64(len(data))))
	return bytes.Count(data[:at], []byte("\n")) + 1
}
