package anchor

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestDescribeErrors(t *testing.T) {
	text := "héllo wörld"
	cases := []struct {
		name       string
		start, end int
		want       error
	}{
		{"negative start", -1, 3, ErrInvalidSpan},
		{"end past text", 2, 12, ErrInvalidSpan},
		{"inverted", 5, 2, ErrInvalidSpan},
		{"empty", 4, 4, ErrEmptySpan},
		{"empty at end", 11, 11, ErrEmptySpan},
		{"huge", 0, int(^uint(0) >> 1), ErrInvalidSpan},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Describe(text, tc.start, tc.end); !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := Describe("", 0, 0); !errors.Is(err, ErrEmptySpan) {
		t.Fatalf("empty text: %v", err)
	}
}

func TestDescribe(t *testing.T) {
	text := "🧪 Ünïcödé abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ quote KLMNOPQRSTUVWXYZabcdefghijklmnopq 👩‍🔬"
	nt := NewText(text)
	start := runeIndex(text, "quote", 0)
	sel, err := nt.Describe(start, start+5)
	if err != nil {
		t.Fatal(err)
	}
	want := Selector{
		Exact:  "quote",
		Prefix: "ghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ "[len("ghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ ")-ContextRunes:],
		Suffix: " KLMNOPQRSTUVWXYZabcdefghijklmnopq"[:ContextRunes],
		Start:  start,
		End:    start + 5,
	}
	if sel != want {
		t.Fatalf("got %+v\nwant %+v", sel, want)
	}
	// At the edges the context is short, and a cut through a grapheme
	// cluster (the emoji ZWJ sequence) still yields valid UTF-8.
	sel, _ = nt.Describe(0, 1)
	if sel.Prefix != "" || sel.Exact != "🧪" {
		t.Fatalf("start: %+v", sel)
	}
	n := nt.Len()
	sel, _ = nt.Describe(n-2, n-1)
	if sel.Exact != "\u200d" || sel.Suffix != "🔬" || !utf8.ValidString(sel.Prefix) {
		t.Fatalf("end: %+v", sel)
	}
}

func TestOffsets(t *testing.T) {
	text := "a€😀b" // 1, 3, 4 and 1 bytes
	nt := NewText(text)
	if nt.Len() != 4 || nt.String() != text {
		t.Fatalf("Len %d String %q", nt.Len(), nt.String())
	}
	runeToByte := []int{0, 1, 4, 8, 9}
	for r, b := range runeToByte {
		if got := nt.RuneToByte(r); got != b {
			t.Errorf("RuneToByte(%d) = %d, want %d", r, got, b)
		}
	}
	byteToRune := []int{0, 1, 1, 1, 2, 2, 2, 2, 3, 4}
	for b, r := range byteToRune {
		if got := nt.ByteToRune(b); got != r {
			t.Errorf("ByteToRune(%d) = %d, want %d", b, got, r)
		}
	}
	// clamped
	if nt.RuneToByte(-5) != 0 || nt.RuneToByte(99) != 9 || nt.ByteToRune(-1) != 0 || nt.ByteToRune(99) != 4 {
		t.Error("offsets not clamped")
	}
	if nt.Slice(1, 3) != "€😀" || nt.Slice(-3, 99) != text || nt.Slice(3, 1) != "" {
		t.Error("Slice")
	}
	ascii := NewText("plain")
	if ascii.RuneToByte(3) != 3 || ascii.ByteToRune(3) != 3 || ascii.Slice(1, 3) != "la" {
		t.Error("ASCII offsets")
	}
}

func TestInvalidUTF8(t *testing.T) {
	text := "ok \xff\xfe bad \xe2\x82 end" // two stray bytes, then a truncated €
	nt := NewText(text)
	if want := utf8.RuneCountInString(text); nt.Len() != want {
		t.Fatalf("Len %d, want %d", nt.Len(), want)
	}
	for r := 0; r <= nt.Len(); r++ {
		if got := nt.ByteToRune(nt.RuneToByte(r)); got != r {
			t.Fatalf("round trip of rune %d gives %d", r, got)
		}
	}
	sel, err := nt.Describe(2, 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{sel.Exact, sel.Prefix, sel.Suffix, nt.Slice(0, nt.Len())} {
		if !utf8.ValidString(f) {
			t.Fatalf("invalid UTF-8 %q", f)
		}
	}
	if res := nt.Resolve(sel); res.Status != Anchored || res.Start != 2 || res.End != 12 {
		t.Fatalf("resolve on same text: %+v", res)
	}
	// A selector holding the raw invalid bytes finds them too.
	raw := Selector{Exact: "\xff\xfe bad", Start: 0, End: 1}
	if res := nt.Resolve(raw); res.Status == Orphaned || nt.Slice(res.Start, res.End) != "\ufffd\ufffd bad" {
		t.Fatalf("raw invalid quote: %+v", res)
	}
}

func TestResultSelector(t *testing.T) {
	nt := NewText("Some text that moved here.")
	res := Result{Start: 5, End: 9, Status: Moved}
	old := Selector{Exact: "text", Start: 0, End: 4}
	if sel := res.Updated(nt, old); sel.Exact != "text" || sel.Start != 5 || sel.Prefix != "Some " {
		t.Fatalf("Updated for Moved: %+v", sel)
	}
	for _, st := range []Status{Review, Orphaned} {
		res.Status = st
		if sel := res.Updated(nt, old); sel != old {
			t.Fatalf("Updated for %s changed the selector: %+v", st, sel)
		}
	}
	// Garbage results are clamped rather than panicking.
	if sel := (Result{Start: -4, End: 1 << 40}).Selector(nt); sel.Start != 0 || sel.End != nt.Len() {
		t.Fatalf("clamped: %+v", sel)
	}
}

// Selectors that are garbage in every field resolve to valid spans.
func TestResolveGarbage(t *testing.T) {
	const huge = int(^uint(0) >> 1)
	texts := []string{"", "x", "a short text", base}
	sels := []Selector{
		{},
		{Exact: "", Start: 3, End: 1},
		{Exact: "zzz not there", Start: -huge - 1, End: huge},
		{Exact: "text", Start: huge, End: -huge - 1},
		{Exact: "\xff\xff\xff", Prefix: "\xc0", Suffix: "\xed\xa0\x80", Start: 1, End: 2},
		{Exact: "a", Start: 0, End: 1},
		{Exact: "quote", Prefix: string(make([]byte, 10000)), Suffix: string(make([]byte, 10000)), Start: 5, End: 10},
	}
	for _, text := range texts {
		nt := NewText(text)
		for _, sel := range sels {
			res := nt.Resolve(sel)
			checkSpan(t, nt, res)
			all := nt.ResolveAll([]Selector{sel, sel})
			checkSpan(t, nt, all[0])
		}
	}
}
