package search

import (
	"slices"
	"strings"
)

// Filter keys, as typed before the colon.
const (
	KeyKind   = "kind"
	KeyTag    = "tag"
	KeyPiece  = "piece"
	KeyAuthor = "author"
	KeyOutlet = "outlet"
	KeyRel    = "rel"
	KeyBefore = "before"
	KeyAfter  = "after"
)

// filterKeys lists the keys in the order hints mention them.
var filterKeys = []string{KeyKind, KeyTag, KeyPiece, KeyAuthor, KeyOutlet, KeyRel, KeyBefore, KeyAfter}

// Filter is one key:value condition of a query.
//
//   - kind: the item's kind (Value is a Kind).
//   - tag: an item tag, whole (case and accents aside).
//   - piece: items of a piece whose title has these words (each may be the
//     start of a word), or the piece with this id, and its passages.
//   - author:, outlet: words (or word starts) of an author or the outlet.
//   - rel: items touched by a link of this relation.
//   - before:, after: the item's date (Published for pieces and passages,
//     Updated for claims and notes): after:X keeps items from the start of
//     X on, before:X items before the start of X, so "after:2019
//     before:2020" is the year 2019. Items without a date never match.
//
// Several filters with the same key (and no minus) are alternatives; all
// else combines with AND. Not inverts a filter: the items it matches are
// left out.
type Filter struct {
	Key   string
	Value string // kind: a Kind; before/after: YYYY, YYYY-MM or YYYY-MM-DD; else as typed, spaces collapsed
	Not   bool
}

// Query is a parsed search. Build one with Parse, or by hand.
type Query struct {
	// Words are folded free words. Every one must match something in an
	// item: the same word, a word it begins, or a word a typo or two
	// away. Order does not matter.
	Words []string
	// Phrases must occur in an item word for word, in order, inside one
	// field. Quoting a single word asks for exactly that word.
	Phrases [][]string
	// Not and NotPhrases leave out items containing them (whole words).
	Not        []string
	NotPhrases [][]string
	Filters    []Filter
}

// Empty reports whether the query asks for nothing in particular, which
// lists all items, most recent first.
func (q Query) Empty() bool {
	return len(q.Words) == 0 && len(q.Phrases) == 0 && len(q.Not) == 0 && len(q.NotPhrases) == 0 && len(q.Filters) == 0
}

// Kinds returns the kinds the query is restricted to, or nil when it
// allows every kind.
func (q Query) Kinds() []Kind {
	var pos, neg uint8
	for _, f := range q.Filters {
		if f.Key != KeyKind {
			continue
		}
		if f.Not {
			neg |= kindBit(Kind(f.Value))
		} else {
			pos |= kindBit(Kind(f.Value))
		}
	}
	if pos == 0 && neg == 0 {
		return nil
	}
	if pos == 0 {
		pos = 0xff
	}
	out := []Kind{}
	for _, k := range AllKinds {
		if b := kindBit(k); pos&b != 0 && neg&b == 0 {
			out = append(out, k)
		}
	}
	return out
}

// OnlyKinds returns a copy of q restricted to the given kinds, replacing
// any kind filters it had; with no kinds it lifts the restriction. The
// "Link to…" picker uses it to offer only what a link may point at,
// whatever the user types.
func (q Query) OnlyKinds(kinds ...Kind) Query {
	out := q
	out.Filters = nil
	for _, f := range q.Filters {
		if f.Key != KeyKind {
			out.Filters = append(out.Filters, f)
		}
	}
	for _, k := range kinds {
		if !slices.Contains(out.Filters, Filter{Key: KeyKind, Value: string(k)}) {
			out.Filters = append(out.Filters, Filter{Key: KeyKind, Value: string(k)})
		}
	}
	return out
}

// String renders q in the query language; Parse gives back an equal
// Query.
func (q Query) String() string {
	var parts []string
	parts = append(parts, q.Words...)
	for _, p := range q.Phrases {
		parts = append(parts, `"`+strings.Join(p, " ")+`"`)
	}
	for _, w := range q.Not {
		parts = append(parts, "-"+w)
	}
	for _, p := range q.NotPhrases {
		parts = append(parts, `-"`+strings.Join(p, " ")+`"`)
	}
	for _, f := range q.Filters {
		s := f.Key + ":" + quoteValue(f.Value)
		if f.Not {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func quoteValue(v string) string {
	if v == "" || strings.ContainsFunc(v, isSpace) {
		return `"` + v + `"`
	}
	return v
}

// foldValue folds a tag, relation or filter value to its words joined by
// single spaces, so that "Central-Asia" and "central asia" are one tag.
func foldValue(s string) string {
	return strings.Join(foldWords(s), " ")
}
