package webanno

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// Reading loosely typed JSON-LD: a W3C term may hold a string, an object
// or a list of either, and JSON-LD lets "id" and "type" be spelled "@id"
// and "@type". These helpers read one value at a time and say, in words,
// what was found when it is of a kind the model never allows.

// jobj is a JSON object whose values are read on demand.
type jobj map[string]json.RawMessage

// jsonKind is the kind of a JSON value by its first byte, in words for
// messages; "" for an absent value.
func jsonKind(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// absent reports a value missing or null, which JSON-LD treats alike.
func absent(raw json.RawMessage) bool { return len(raw) == 0 || raw[0] == 'n' }

// get is the first of keys present and not null in o.
func (o jobj) get(keys ...string) json.RawMessage {
	for _, k := range keys {
		if v := o[k]; !absent(v) {
			return v
		}
	}
	return nil
}

// decodeObject reads raw as an object (the caller checked it starts so).
func decodeObject(raw json.RawMessage) (jobj, error) {
	var o jobj
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	return o, nil
}

// decodeList reads raw as a list of at most max values.
func decodeList(raw json.RawMessage, limit int, what string) ([]json.RawMessage, error) {
	var l []json.RawMessage
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, fmt.Errorf("%s is not a list", what)
	}
	if len(l) > limit {
		return nil, fmt.Errorf("%s has %d entries, more than the %d allowed", what, len(l), limit)
	}
	return l, nil
}

// str reads the string under the first of keys present: "" when absent.
func (o jobj) str(what string, keys ...string) (string, error) {
	raw := o.get(keys...)
	if raw == nil {
		return "", nil
	}
	return rawString(raw, what)
}

// rawString reads one JSON string of bounded length.
func rawString(raw json.RawMessage, what string) (string, error) {
	if raw[0] != '"' {
		return "", fmt.Errorf("%s is %s, not a string", what, jsonKind(raw))
	}
	if len(raw) > MaxStringSize*6+2 { // every rune could be a \uXXXX escape
		return "", fmt.Errorf("%s is longer than the %d characters allowed", what, MaxStringSize)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("%s is not a valid string", what)
	}
	if len(s) > MaxStringSize {
		return "", fmt.Errorf("%s is longer than the %d characters allowed", what, MaxStringSize)
	}
	return s, nil
}

// strs reads a string or a list of strings (type, motivation, purpose).
func (o jobj) strs(what string, keys ...string) ([]string, error) {
	raw := o.get(keys...)
	if raw == nil {
		return nil, nil
	}
	if raw[0] != '[' {
		s, err := rawString(raw, what)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	l, err := decodeList(raw, maxParts, what)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(l))
	for _, v := range l {
		if absent(v) {
			continue
		}
		s, err := rawString(v, what)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// iri reads a resource named by a string or by an object's id, as a
// source or a body may be; "" when absent.
func (o jobj) iri(what string, keys ...string) (string, error) {
	raw := o.get(keys...)
	switch {
	case raw == nil:
		return "", nil
	case raw[0] == '{':
		inner, err := decodeObject(raw)
		if err != nil {
			return "", fmt.Errorf("%s is not a valid object", what)
		}
		return inner.str(what+"'s id", "id", "@id")
	}
	return rawString(raw, what)
}

// maxPosition bounds a TextPositionSelector's offsets: far beyond any
// text, well inside an int and a float64's exact integers.
const maxPosition = 1 << 40

// offset reads a TextPositionSelector's start or end: a whole number,
// not negative. ok is false when it is absent.
func (o jobj) offset(what, key string) (n int, ok bool, err error) {
	raw := o.get(key)
	if raw == nil {
		return 0, false, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, false, fmt.Errorf("%s is %s, not a number", what, jsonKind(raw))
	}
	if f != math.Trunc(f) || f < 0 || f > maxPosition {
		return 0, false, fmt.Errorf("%s is %v, not a character offset", what, f)
	}
	return int(f), true, nil
}

// hasTerm reports whether the W3C term t is among vals, as written or
// with the oa: prefix of the Open Annotation vocabulary.
func hasTerm(vals []string, t string) bool {
	for _, v := range vals {
		if v == t || strings.TrimPrefix(v, "oa:") == t {
			return true
		}
	}
	return false
}

// timeLayouts are the xsd:dateTime forms producers write: with a zone
// (as the model asks) and, leniently, without one (read as UTC).
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"}

// parseTime reads created or modified; the zero time when it is absent
// or unreadable (a timestamp is not worth refusing a file over).
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
