package search

import (
	"strconv"
	"time"
)

// Kind is the kind of a searchable item. The store calls passages
// "annotations"; search calls them passages, which is what users see.
type Kind string

// The kinds of items the engine knows. A Doc of any other kind is indexed
// and found by words, but no kind: filter selects it.
const (
	KindPiece   Kind = "piece"
	KindPassage Kind = "passage"
	KindClaim   Kind = "claim"
	KindNote    Kind = "note"
)

// AllKinds lists the known kinds in the order the user interface shows them.
var AllKinds = []Kind{KindPiece, KindPassage, KindClaim, KindNote}

// kindBit gives each kind a bit, so kind filters are one AND per item; 0
// marks a free slot.
func kindBit(k Kind) uint8 {
	switch k {
	case KindPiece:
		return 1
	case KindPassage:
		return 2
	case KindClaim:
		return 4
	case KindNote:
		return 8
	}
	return 16
}

// Doc is one item as the engine sees it. The caller fills it from the store;
// the engine keeps it (strings are shared, not copied) to build excerpts and
// highlights and to unindex it later.
type Doc struct {
	ID   string
	Kind Kind
	// Title is what names the item: a piece's title, a passage's quote (its
	// exact words), a claim's statement, a note's title (may be "").
	Title string
	// Text is the body: a piece's full text, a passage's or claim's note, a
	// note's body.
	Text       string
	Tags       []string
	PieceID    string // passages: their piece
	PieceTitle string // passages: their piece's title
	Authors    []string
	Outlet     string
	Published  string   // "2006-01-02", "2006-01", "2006" or ""
	Rels       []string // relations of the links touching the item, e.g. "supports"
	LinkNotes  []string // notes of the links touching the item
	Updated    time.Time
}

// dateKey turns a date into yyyymmdd with zeros for missing parts, so that
// plain integer comparison orders dates and periods: "2019" is 20190000,
// before every day of 2019. It accepts "2006", "2006-01", "2006-01-02" and
// anything longer that starts with one of them (a full timestamp).
func dateKey(s string) (int32, bool) {
	if len(s) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1 {
		return 0, false
	}
	key := int32(y) * 10000
	if len(s) == 4 {
		return key, true
	}
	if len(s) < 7 || s[4] != '-' {
		return 0, false
	}
	m, err := strconv.Atoi(s[5:7])
	if err != nil || m < 1 || m > 12 {
		return 0, false
	}
	key += int32(m) * 100
	if len(s) == 7 {
		return key, true
	}
	if len(s) < 10 || s[7] != '-' {
		return 0, false
	}
	d, err := strconv.Atoi(s[8:10])
	if err != nil || d < 1 || d > 31 {
		return 0, false
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
		return 0, false
	}
	return key + int32(d), true
}

// timeKey is dateKey for a time, in the time's own location: the day the
// user saw on the clock when they last edited.
func timeKey(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return int32(y)*10000 + int32(m)*100 + int32(d)
}

// keyDay converts a date key to days since 1970, for recency.
func keyDay(k int32) int32 {
	if k == 0 {
		return 0
	}
	y, m, d := int(k/10000), int(k/100%100), int(k%100)
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return int32(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
