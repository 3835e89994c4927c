package anchor

import (
	"math/rand"
	"testing"
)

// TestResolveRandomEdits edits random texts around (and sometimes inside)
// an annotated passage and checks the promise behind Moved: a span reported
// as Anchored or Moved is on the passage's own words, never on other ones.
func TestResolveRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}
	counts := map[Status]int{}
	for it := 0; it < iterations; it++ {
		c := makeCorpus(int64(it), 120+rng.Intn(300))
		rs := []rune(c.text)
		words := 1 + rng.Intn(12)
		first := rng.Intn(len(c.words) - words)
		start, end := c.words[first][0], c.words[first+words-1][1]
		sel, err := Describe(c.text, start, end)
		if err != nil {
			t.Fatal(err)
		}
		inside := false
		for e := rng.Intn(6); e >= 0; e-- {
			// a chunk of other text (or nothing) replaces a random stretch
			donor := makeCorpus(int64(it*31+e), 1+rng.Intn(30)).text
			repl := []rune(donor)[:rng.Intn(len([]rune(donor))+1)]
			var a, b int
			switch rng.Intn(3) {
			case 0: // before the passage
				a = rng.Intn(start + 1)
				b = a + rng.Intn(start-a+1)
			case 1: // after it
				a = end + rng.Intn(len(rs)-end+1)
				b = a + rng.Intn(len(rs)-a+1)
			default: // a one-rune typo inside
				if end-start < 12 {
					continue
				}
				a = start + 1 + rng.Intn(end-start-2)
				b = a + rng.Intn(2)
				repl = []rune{'x'}[:rng.Intn(2)]
				inside = true
			}
			rs = append(rs[:a], append(append([]rune(nil), repl...), rs[b:]...)...)
			d := len(repl) - (b - a)
			switch {
			case b <= start:
				start += d
				end += d
			case a >= end:
			default:
				end += d
			}
		}
		nt := NewText(string(rs))
		res := nt.Resolve(sel)
		checkSpan(t, nt, res)
		counts[res.Status]++
		switch res.Status {
		case Anchored, Moved:
			if inside {
				if res.Start >= end || res.End <= start {
					t.Fatalf("iteration %d: %s onto %q at %d, passage %q at %d..%d",
						it, res.Status, nt.Slice(res.Start, res.End), res.Start, nt.Slice(start, end), start, end)
				}
			} else if res.Start != start || res.End != end {
				t.Fatalf("iteration %d: %s onto %q at %d, passage %q at %d..%d (quote %q)",
					it, res.Status, nt.Slice(res.Start, res.End), res.Start, nt.Slice(start, end), start, end, sel.Exact)
			}
		}
	}
	t.Logf("%v", counts)
}
