package anchor

import (
	"fmt"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The reference method: how the Hypothesis client re-anchored a text quote
// from 2015 (when it moved to the dom-anchor-text-quote library) until the
// end of 2020 (when it replaced diff-match-patch by approx-string-match
// and the scoring that Commonplace's own resolver follows). Reproduced
// step by step, with go-diff, the Go port of diff-match-patch:
//
//  1. The TextPositionSelector first: if the text at its offsets reads the
//     quote exactly, the annotation is anchored there, context unchecked
//     (Hypothesis's anchor() tries the position and asserts the quote).
//  2. Otherwise dom-anchor-text-quote's toTextPosition, with the position
//     selector's start as the hint:
//     - Match_Distance is twice the text's length, Match_Threshold the
//       default 0.5;
//     - the prefix is searched for near the hint; if found, the quote is
//       expected right after it; if not, the suffix is searched for near
//       hint+len(quote), and the quote expected len(quote) before it;
//     - the quote is cut into slices of 32 characters (Bitap's limit,
//       Match_MaxBits); the first is searched for near the expected place,
//       and each next one, with Match_Distance 64, near where the one
//       before ended;
//     - the span runs from the leftmost slice start to the rightmost slice
//       end; any slice not found fails the whole quote (an orphan).
//
// Two adaptations, neither of which changes a result: Hypothesis's
// RangeSelector (an XPath into the DOM) has no counterpart in plain text,
// so that step is skipped; and go-diff matches bytes where JavaScript
// matches UTF-16 units, so every character is mapped to one byte first
// (see byteCoding) and offsets stay in characters, as in the original.

// referenceResult is where the reference method put a selector.
type referenceResult struct {
	start, end int
	found      bool
	atPosition bool // step 1: the old offsets still read the quote
}

// referenceSliceRunes is dom-anchor-text-quote's SLICE_LENGTH.
const referenceSliceRunes = 32

func referenceResolve(text string, sel Selector) (referenceResult, error) {
	rs := []rune(text)
	quote := []rune(sel.Exact)
	if len(quote) == 0 {
		return referenceResult{}, nil
	}
	if sel.Start >= 0 && sel.End <= len(rs) && sel.End-sel.Start == len(quote) && string(rs[sel.Start:sel.End]) == sel.Exact {
		return referenceResult{start: sel.Start, end: sel.End, found: true, atPosition: true}, nil
	}

	coding, err := newByteCoding(text, sel.Exact, sel.Prefix, sel.Suffix)
	if err != nil {
		return referenceResult{}, err
	}
	hay := coding.encode(text)
	dmp := diffmatchpatch.New()
	dmp.MatchDistance = 2 * len(rs)

	loc := sel.Start // the hint; MatchMain clamps it into the text
	// An empty prefix (a quote at the start of the text) is "found" at
	// once, as in the original, where only an undefined prefix is skipped.
	foundPrefix := false
	if at := dmp.MatchMain(hay, coding.encode(sel.Prefix), loc); at >= 0 {
		loc = at + len([]rune(sel.Prefix))
		foundPrefix = true
	}
	if !foundPrefix {
		if at := dmp.MatchMain(hay, coding.encode(sel.Suffix), loc+len(quote)); at >= 0 {
			loc = at - len(quote)
		}
	}

	var quoteSlices []string
	for i := 0; i < len(quote); i += referenceSliceRunes {
		quoteSlices = append(quoteSlices, coding.encode(string(quote[i:min(i+referenceSliceRunes, len(quote))])))
	}
	at := dmp.MatchMain(hay, quoteSlices[0], loc)
	if at < 0 {
		return referenceResult{}, nil
	}
	start, end := at, at+len(quoteSlices[0])
	loc = end
	dmp.MatchDistance = 64 // "the slices should follow one another closely"
	for _, s := range quoteSlices[1:] {
		at := dmp.MatchMain(hay, s, loc)
		if at < 0 {
			return referenceResult{}, nil
		}
		loc = at + len(s)
		start, end = min(start, at), max(end, at+len(s))
	}
	// Bitap may report a match running off the end of the text (the missing
	// characters counted as errors); the DOM range it became could not,
	// so the span is cut at the end.
	return referenceResult{start: start, end: min(end, len(rs)), found: true}, nil
}

// byteCoding maps each character of the strings it was built from to one
// byte: ASCII to itself, the rest to the bytes 0x80-0xBF in order of first
// appearance. Those are UTF-8 continuation bytes, which never decode as
// part of a longer character, so go-diff's occasional rune decoding sees
// one symbol per byte too. 64 non-ASCII characters are plenty for the
// demo pieces; more is reported rather than mis-coded.
type byteCoding map[rune]byte

func newByteCoding(texts ...string) (byteCoding, error) {
	c := byteCoding{}
	next := 0x80
	for _, s := range texts {
		for _, r := range s {
			if _, ok := c[r]; ok {
				continue
			}
			if r < 0x80 {
				c[r] = byte(r)
				continue
			}
			if next > 0xBF {
				return nil, fmt.Errorf("more than 64 distinct non-ASCII characters")
			}
			c[r] = byte(next)
			next++
		}
	}
	return c, nil
}

func (c byteCoding) encode(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, c[r])
	}
	return string(out)
}
