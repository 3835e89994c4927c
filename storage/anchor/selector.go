package anchor

import "errors"

// ContextRunes is how many runes of prefix and suffix Describe keeps: enough
// to tell repeated phrases apart, short enough to survive nearby edits.
const ContextRunes = 32

// Selector combines a W3C TextQuoteSelector (Exact, Prefix, Suffix) and
// TextPositionSelector (Start, End). The quote is what makes re-attachment
// robust; the position is only a hint once the text has changed.
type Selector struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  int    `json:"start"` // code points (runes) into the text, inclusive
	End    int    `json:"end"`   // code points, exclusive
}

// Status says how much a resolved span can be trusted.
type Status string

const (
	Anchored Status = "anchored" // position still reads Exact: unchanged
	Moved    Status = "moved"    // found elsewhere with confidence
	Review   Status = "review"   // ambiguous or weak match: kept, flagged for the user
	Orphaned Status = "orphaned" // not found: kept, flagged
)

// Result is where a Selector landed in a text.
type Result struct {
	// Start and End always form a valid span, 0 <= Start <= End <= Len; for
	// Orphaned they are the old position clamped into the text, so callers
	// never need a special case to display something.
	Start, End int
	Status     Status
	// Score is the 0..1 confidence of the chosen match (1 for Anchored).
	Score float64
	// Candidates is how many distinct plausible places were found; it
	// explains a Review (several look alike) to the user.
	Candidates int
}

// Errors returned by Describe. They are distinct so that callers can tell
// an empty selection (often a stray click) from a stale offset.
var (
	ErrInvalidSpan = errors.New("anchor: span out of range or inverted")
	ErrEmptySpan   = errors.New("anchor: empty span")
)

// Describe builds the selector for the runes [start, end) of t.
func (t *Text) Describe(start, end int) (Selector, error) {
	n := len(t.runes)
	if start < 0 || end > n || start > end {
		return Selector{}, ErrInvalidSpan
	}
	if start == end {
		return Selector{}, ErrEmptySpan
	}
	return t.describe(start, end), nil
}

// describe trusts its caller to pass 0 <= start <= end <= Len. Converting
// from runes keeps the fields valid UTF-8 even when a context boundary falls
// inside a grapheme cluster or the source text held invalid bytes.
func (t *Text) describe(start, end int) Selector {
	return Selector{
		Exact:  string(t.runes[start:end]),
		Prefix: string(t.runes[max(0, start-ContextRunes):start]),
		Suffix: string(t.runes[end:min(len(t.runes), end+ContextRunes)]),
		Start:  start,
		End:    end,
	}
}

// Describe is NewText(text).Describe for one-off use.
func Describe(text string, start, end int) (Selector, error) {
	return NewText(text).Describe(start, end)
}

// Resolve is NewText(text).Resolve for one-off use.
func Resolve(text string, sel Selector) Result {
	return NewText(text).Resolve(sel)
}

// Selector re-describes the resolved span from t, the text it was resolved
// against, so that a Moved annotation's quote and context follow the edited
// words. For an empty span (an Orphaned result on empty text, for instance)
// only the position and context are filled in; callers normally keep the
// old selector for Orphaned results, see Updated.
func (r Result) Selector(t *Text) Selector {
	n := len(t.runes)
	start := clamp(r.Start, 0, n)
	end := clamp(r.End, start, n)
	return t.describe(start, end)
}

// Updated returns the selector storage should keep after resolving old
// against t: refreshed from the new text when the match is trusted
// (Anchored, Moved), and unchanged otherwise, so that the quote the user
// originally chose stays available while they review or re-attach it.
func (r Result) Updated(t *Text, old Selector) Selector {
	switch r.Status {
	case Anchored, Moved:
		if r.Start < r.End {
			return r.Selector(t)
		}
	}
	return old
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
