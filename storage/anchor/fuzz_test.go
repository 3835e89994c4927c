package anchor

import (
	"testing"
	"unicode/utf8"
)

func FuzzResolve(f *testing.F) {
	for _, tc := range resolveCases {
		start := runeIndex(tc.old, tc.quote, tc.nth)
		sel, err := Describe(tc.old, start, start+utf8.RuneCountInString(tc.quote))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(tc.new, sel.Exact, sel.Prefix, sel.Suffix, sel.Start, sel.End)
	}
	f.Add("", "", "", "", 0, 0)
	f.Add("abc", "\xff", "\xc0", "", -1, 1<<62)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, start, end int) {
		sel := Selector{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end}
		nt := NewText(text)
		res := nt.Resolve(sel)
		checkSpan(t, nt, res)
		got := nt.Slice(res.Start, res.End)
		want := string([]rune(exact)) // invalid bytes read as U+FFFD
		switch res.Status {
		case Anchored:
			if got != want {
				t.Fatalf("anchored on %q, exact %q", got, want)
			}
		case Moved:
			// Moved allows the white-space differences and edits within
			// the movedMinQuote bound, nothing more.
			g, w := collapseSpace([]rune(got)), collapseSpace([]rune(want))
			if d := naiveDistance(g, w); float64(d) > (1-movedMinQuote)*float64(len([]rune(want)))+1e-9 {
				t.Fatalf("moved onto %q, %d edits from %q", got, d, want)
			}
		}
		// Results are reproducible, and batch resolution stays valid.
		if again := nt.Resolve(sel); again != res {
			t.Fatalf("not deterministic: %+v then %+v", res, again)
		}
		for _, r := range nt.ResolveAll([]Selector{sel, sel}) {
			checkSpan(t, nt, r)
		}
	})
}

func FuzzDescribeResolve(f *testing.F) {
	for _, tc := range resolveCases {
		start := runeIndex(tc.old, tc.quote, tc.nth)
		f.Add(tc.old, start, start+utf8.RuneCountInString(tc.quote))
	}
	f.Add("a", 0, 1)
	f.Add("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 40, 41)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		nt := NewText(text)
		n := nt.Len()
		if n == 0 {
			return
		}
		s := int(uint(start) % uint(n))
		e := s + 1 + int(uint(end)%uint(n-s))
		sel, err := nt.Describe(s, e)
		if err != nil {
			t.Fatalf("Describe(%d, %d) of %d runes: %v", s, e, n, err)
		}
		for _, field := range []string{sel.Exact, sel.Prefix, sel.Suffix} {
			if !utf8.ValidString(field) {
				t.Fatalf("invalid UTF-8 in %+v", sel)
			}
		}
		want := Result{Start: s, End: e, Status: Anchored, Score: 1, Candidates: 1}
		if res := nt.Resolve(sel); res != want {
			t.Fatalf("Resolve: %+v, want %+v", res, want)
		}
		if res := nt.ResolveAll([]Selector{sel})[0]; res != want {
			t.Fatalf("ResolveAll: %+v, want %+v", res, want)
		}
		// Storage round trip: the fields as strings resolve the same way
		// on a freshly prepared text.
		if res := Resolve(text, sel); res != want {
			t.Fatalf("Resolve(string): %+v, want %+v", res, want)
		}
	})
}
