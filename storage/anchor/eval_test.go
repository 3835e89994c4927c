package anchor

import (
	"fmt"
	"strings"
	"testing"
)

// The evaluation behind docs/RELIABILITY.md, "Anchors against the
// reference method": the edit corpus (eval_corpus_test.go) resolved by
// Commonplace and by the diff-match-patch method Hypothesis used
// (eval_dmp_test.go), every outcome judged by the same rules. The table
// prints with -v:
//
//	go test -run TestAnchorsAgainstReference -v ./storage/anchor/

// verdict is how one resolver did on one case.
type verdict int

const (
	verdictRight   verdict = iota // placed with confidence, on the passage
	verdictFlagged                // placed, but flagged for the user to check
	verdictGone                   // reported gone, and it is
	verdictLost                   // reported gone, but the passage is still there
	verdictWrong                  // placed with confidence on other words, or although the passage is gone
	numVerdicts
)

var verdictNames = [numVerdicts]string{"right place", "flagged for review", "orphaned correctly", "lost", "wrong place"}

// rightShare is the rule for "right place", the same for both resolvers:
// the span found and the passage's true span overlap by at least this
// share of the longer of the two. So the highlight covers most of the
// passage and little else, while a boundary that differs by a character
// or a word (where the passage's first or last word was edited, say)
// still counts.
const rightShare = 0.8

func rightPlace(got, want [2]int) bool {
	overlap := min(got[1], want[1]) - max(got[0], want[0])
	return overlap > 0 && float64(overlap) >= rightShare*float64(max(got[1]-got[0], want[1]-want[0]))
}

// referenceConfident is the confidence given to the reference method so
// that it can flag for review at all, which Hypothesis never did: a match
// whose text is at least this similar to the quote (1 - edit distance /
// quote length) is taken as placed, a looser one as flagged. It is the bar
// Commonplace sets for Moved (movedMinQuote): a rune in five edited.
const referenceConfident = movedMinQuote

// placement is a resolver's answer in the terms both share.
type placement struct {
	span            [2]int
	placed, flagged bool // neither: orphaned
}

func judge(c evalCase, p placement) verdict {
	switch {
	case !p.placed && !p.flagged && c.gone:
		return verdictGone
	case !p.placed && !p.flagged:
		return verdictLost
	case p.flagged:
		return verdictFlagged
	case !c.gone && rightPlace(p.span, c.want):
		return verdictRight
	default:
		return verdictWrong
	}
}

func commonplacePlacement(res Result) placement {
	return placement{
		span:    [2]int{res.Start, res.End},
		placed:  res.Status == Anchored || res.Status == Moved,
		flagged: res.Status == Review,
	}
}

func referencePlacement(text string, sel Selector, res referenceResult) placement {
	if !res.found {
		return placement{}
	}
	found := []rune(text)[res.start:res.end]
	quote := []rune(sel.Exact)
	similarity := 1 - float64(naiveDistance(found, quote))/float64(len(quote))
	confident := similarity >= referenceConfident
	return placement{span: [2]int{res.start, res.end}, placed: confident, flagged: !confident}
}

// tally counts verdicts for one row of the table.
type tally struct {
	cases       int
	verdicts    [numVerdicts]int
	exact       int // right, on exactly the passage's span
	guessRight  int // flagged, with the span offered on the passage
	flaggedGone int // flagged, the passage being gone
}

func (t *tally) add(c evalCase, p placement) {
	v := judge(c, p)
	t.cases++
	t.verdicts[v]++
	switch {
	case v == verdictRight && p.span == c.want:
		t.exact++
	case v == verdictFlagged && c.gone:
		t.flaggedGone++
	case v == verdictFlagged && rightPlace(p.span, c.want):
		t.guessRight++
	}
}

// evalTally holds a row: Commonplace and the reference side by side.
type evalTally struct{ ours, ref tally }

func TestAnchorsAgainstReference(t *testing.T) {
	cases := evalCorpus(t)
	var byCategory [numCategories]evalTally
	var byBand [numBands]evalTally
	var total evalTally
	batchAgrees, recurring := 0, 0
	for _, c := range cases {
		nt := NewText(c.new)
		res := nt.Resolve(c.sel)
		checkSpan(t, nt, res)
		ref, err := referenceResolve(c.new, c.sel)
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		ours, theirs := commonplacePlacement(res), referencePlacement(c.new, c.sel, ref)
		for _, row := range []*evalTally{&byCategory[c.category], &byBand[c.band], &total} {
			row.ours.add(c, ours)
			row.ref.add(c, theirs)
		}
		if c.recurring {
			recurring++
		}

		// The promise behind Anchored and Moved: never on the wrong words.
		if judge(c, ours) == verdictWrong {
			t.Errorf("%s\n  %s at %d..%d reads %q; %s", c, res.Status, res.Start, res.End,
				nt.Slice(res.Start, res.End), wantedSpan(nt, c))
		}
		// A quote that still reads verbatim somewhere is never reported gone:
		// the user is shown it, at worst for review.
		if res.Status == Orphaned && strings.Contains(c.new, c.sel.Exact) {
			t.Errorf("%s\n  orphaned though the quote reads verbatim in the text", c)
		}
		// The edit path resolves a piece's annotations together; one at a
		// time or in a batch, the promise is the same.
		batch := nt.ResolveAll([]Selector{c.sel})[0]
		if judge(c, commonplacePlacement(batch)) == verdictWrong {
			t.Errorf("%s\n  ResolveAll: %s at %d..%d reads %q; %s", c, batch.Status, batch.Start, batch.End,
				nt.Slice(batch.Start, batch.End), wantedSpan(nt, c))
		}
		if batch.Status == res.Status && batch.Start == res.Start && batch.End == res.End {
			batchAgrees++
		}
	}
	if testing.Verbose() {
		fmt.Print(evalReport(cases, recurring, byCategory[:], byBand[:], total, batchAgrees))
	}
}

func wantedSpan(nt *Text, c evalCase) string {
	if c.gone {
		return "the passage is gone"
	}
	return fmt.Sprintf("the passage is at %d..%d, %q", c.want[0], c.want[1], nt.Slice(c.want[0], c.want[1]))
}

// evalReport renders the tables as Markdown, for docs/RELIABILITY.md. A
// cell reads "Commonplace / reference".
func evalReport(cases []evalCase, recurring int, byCategory, byBand []evalTally, total evalTally, batchAgrees int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d cases (corpus %s; %d quotes occur more than once in their piece); each cell: Commonplace / diff-match-patch\n\n",
		len(cases), corpusFingerprint(cases), recurring)
	header := func(first string) {
		fmt.Fprintf(&b, "| %s | cases |", first)
		for _, n := range verdictNames {
			fmt.Fprintf(&b, " %s |", n)
		}
		b.WriteString("\n| --- | ---: |" + strings.Repeat(" ---: |", int(numVerdicts)) + "\n")
	}
	row := func(name string, r evalTally) {
		fmt.Fprintf(&b, "| %s | %d |", name, r.ours.cases)
		for v := range numVerdicts {
			fmt.Fprintf(&b, " %d / %d |", r.ours.verdicts[v], r.ref.verdicts[v])
		}
		b.WriteString("\n")
	}
	header("edit")
	for cat, r := range byCategory {
		row(categoryNames[cat], r)
	}
	row("**all**", total)
	b.WriteString("\n")
	header("quote length")
	for band, r := range byBand {
		row(bandNames[band], r)
	}
	b.WriteString("\n")
	o, x := total.ours, total.ref
	fmt.Fprintf(&b, "- right place with exactly the passage's span: %d of %d / %d of %d\n",
		o.exact, o.verdicts[verdictRight], x.exact, x.verdicts[verdictRight])
	fmt.Fprintf(&b, "- flagged, passage present and the offered span on it: %d of %d / %d of %d\n",
		o.guessRight, o.verdicts[verdictFlagged]-o.flaggedGone, x.guessRight, x.verdicts[verdictFlagged]-x.flaggedGone)
	fmt.Fprintf(&b, "- flagged, passage gone: %d / %d\n", o.flaggedGone, x.flaggedGone)
	asShipped := x.verdicts[verdictWrong] + x.verdicts[verdictFlagged] - x.guessRight
	fmt.Fprintf(&b, "- diff-match-patch without the review flag (as Hypothesis shipped it): %d right, %d wrong\n",
		x.verdicts[verdictRight]+x.guessRight, asShipped)
	fmt.Fprintf(&b, "- ResolveAll (one selector per text) same status and span as Resolve: %d of %d\n", batchAgrees, len(cases))
	return b.String()
}
