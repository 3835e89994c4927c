package search

import (
	"math/bits"
	"strings"
	"time"
)

// Results is the answer to a search.
type Results struct {
	Hits  []Hit
	Total int // matches before the limit
	Took  time.Duration
	// Ignored lists query words that match nothing in the notebook and
	// were left out of the search (see Engine.Search).
	Ignored []string
}

// Hint says which query words were left out for matching nothing, in
// words fit for a status line, or returns "".
func (r Results) Hint() string {
	if len(r.Ignored) == 0 {
		return ""
	}
	return "nothing contains " + strings.Join(r.Ignored, ", ") + " — left out"
}

// Hit is one found item, with what the user interface needs to show it.
type Hit struct {
	ID    string
	Kind  Kind
	Title string
	// Excerpt is about 160 runes of Text around its best match, or its
	// start when the match was elsewhere; "…" marks cuts.
	Excerpt    string
	PieceID    string
	PieceTitle string
	// Date is the item's date as YYYYMMDD (YYYY0000 for a year alone):
	// publication for pieces and passages, last edit for claims and
	// notes; 0 when unknown. For sorting by date without a store read.
	Date  int32
	Score float64
	// TitleMatches and ExcerptMatches are matched rune ranges [start,end)
	// in Title and Excerpt, for highlighting.
	TitleMatches   [][2]int
	ExcerptMatches [][2]int
}

// Search returns the limit best items matching q, best first.
//
// Each free word must match something in an item: the word itself, a word
// it begins ("secur" for security), or for words of four letters or more
// a word one typo away (two from eight letters), a word it begins but for
// a typo, or a word holding its letters in order ("afghnstn"). A word that
// matches nothing in the whole notebook is ignored and reported in
// Results.Ignored, unless no word matched at all.
//
// An empty query lists everything the filters allow, newest first.
func (e *Engine) Search(q Query, limit int) Results {
	start := time.Now()
	e.mu.RLock()
	defer e.mu.RUnlock()
	p := e.newPlan(q, nil)
	top, total, _ := e.run(p, nil, limit, false)
	return Results{Hits: e.hits(p, top), Total: total, Took: time.Since(start), Ignored: p.ignored}
}

func trailingZeros(x uint64) int { return bits.TrailingZeros64(x) }
func popcount(x uint64) int      { return bits.OnesCount64(x) }
