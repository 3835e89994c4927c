package suggest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

const point = "The threat no longer needs a safe haven; it needs only a signal and a smartphone."

func TestAddReplaceRemove(t *testing.T) {
	x := NewIndex()
	x.Add(docsOf(genNotebook(50, 300, 0, 11))...)
	x.Add(Doc{PieceID: "a", Text: "Background first. " + point},
		Doc{PieceID: "b", Text: "Other things happened."},
		Doc{PieceID: "", Text: point}) // ignored: no ID
	if got := x.Len(); got != 52 {
		t.Fatalf("Len %d, want 52", got)
	}
	ids := func() []string {
		var out []string
		for _, m := range x.Similar(point, Exclude{}, 10) {
			out = append(out, m.PieceID)
		}
		return out
	}
	if got := ids(); fmt.Sprint(got) != "[a]" {
		t.Fatalf("before replacing: %v", got)
	}

	// Replacing b with a copy of the point makes it a match; replacing a
	// with something else removes a.
	x.Add(Doc{PieceID: "b", Text: point}, Doc{PieceID: "a", Text: "Nothing to see."})
	if got := ids(); fmt.Sprint(got) != "[b]" {
		t.Fatalf("after replacing: %v", got)
	}
	if ms := x.Similar(point, Exclude{}, 1); ms[0].Start != 0 || ms[0].Text != point {
		t.Errorf("replaced text not used: %+v", ms[0])
	}

	// The last of repeated IDs in one Add wins, even when it is the text
	// already indexed.
	x.Add(Doc{PieceID: "c", Text: point}, Doc{PieceID: "c", Text: "Gone again."})
	if got := ids(); fmt.Sprint(got) != "[b]" {
		t.Fatalf("after repeated IDs: %v", got)
	}
	x.Add(Doc{PieceID: "b", Text: "Changed."}, Doc{PieceID: "b", Text: point})
	if got := ids(); fmt.Sprint(got) != "[b]" {
		t.Fatalf("after changing and restoring b: %v", got)
	}

	// Adding an unchanged piece again does not re-index it.
	units := len(x.units)
	x.Add(Doc{PieceID: "b", Text: point})
	if len(x.units) != units {
		t.Errorf("unchanged piece re-indexed")
	}

	x.Remove("b", "unknown")
	if got := ids(); len(got) != 0 {
		t.Fatalf("after removing: %v", got)
	}
	if got := x.Len(); got != 52 {
		t.Errorf("Len %d, want 52", got)
	}
	if _, ok := x.text("b"); ok {
		t.Errorf("removed piece still has a text")
	}
}

// TestCompaction replaces pieces until the dead sentences are compacted
// away, and checks that counts and results survive the renumbering.
func TestCompaction(t *testing.T) {
	x := NewIndex()
	g := genNotebook(40, 400, 0, 12)
	x.Add(docsOf(g)...)
	x.Add(Doc{PieceID: "keep", Text: "Intro sentence here. " + point})
	before := len(x.units)
	for round := range 3 {
		for i := range g {
			g[i].Text = g[i].Text + fmt.Sprintf(" Revision %d.", round)
		}
		x.Add(docsOf(g)...)
	}
	x.mu.RLock()
	units, live := len(x.units), x.live
	x.mu.RUnlock()
	if units-live >= 1024 && units-live >= live/4 {
		t.Fatalf("not compacted: %d sentences, %d live", units, live)
	}
	if units >= 4*before {
		t.Errorf("%d sentences after compaction, %d before", units, before)
	}
	ms := x.Similar(point, Exclude{}, 5)
	if len(ms) != 1 || ms[0].PieceID != "keep" {
		t.Fatalf("after compaction: %s", describe(ms))
	}
	checkMatches(t, x, ms, "")
	// Term counts must equal a fresh build's.
	y := NewIndex()
	y.Add(docsOf(g)...)
	y.Add(Doc{PieceID: "keep", Text: "Intro sentence here. " + point})
	for h, i := range y.terms.ids {
		want := y.terms.stats[i]
		got := x.terms.get(h)
		if got == nil || got.df != want.df || got.mid != want.mid || got.midCap != want.midCap {
			t.Fatalf("term %x: got %+v, want df %d mid %d cap %d", h, got, want.df, want.mid, want.midCap)
		}
		live := 0
		for u := range got.postings() {
			if x.alive(u) {
				live++
			}
		}
		if live != int(want.npost) {
			t.Fatalf("term %x: %d live postings, want %d", h, live, want.npost)
		}
	}
	for h, i := range x.terms.ids {
		if x.terms.stats[i].df > 0 && y.terms.get(h) == nil {
			t.Fatalf("term %x counted but absent from a fresh build", h)
		}
	}
	// Removing everything empties the index.
	var all []string
	for _, d := range g {
		all = append(all, d.PieceID)
	}
	x.Remove(append(all, "keep")...)
	if x.Len() != 0 || len(x.Similar(point, Exclude{}, 5)) != 0 {
		t.Errorf("not empty after removing everything")
	}
}

func TestEdgeCases(t *testing.T) {
	x := NewIndex()
	if ms := x.Similar(point, Exclude{}, 5); ms != nil {
		t.Errorf("empty index: %v", ms)
	}
	bad := "Caf\xe9 owners in Kabul complained. The threat no longer needs a safe haven; it needs only a signal and a smartphone.\xff"
	x.Add(Doc{PieceID: "bad", Text: bad}, Doc{PieceID: "cjk", Text: "走廊。。。关闭！\n\n？"})
	for _, q := range []string{"", "   ", "—…!", "\xff\xfe", point + "\xff", "走廊", "a", strings.Repeat("threat ", 3000)} {
		ms := x.Similar(q, Exclude{}, 5)
		checkMatches(t, x, ms, "")
	}
	if ms := x.Similar(point, Exclude{}, 0); ms != nil {
		t.Errorf("k=0: %v", ms)
	}
	ms := x.Similar(point, Exclude{}, 5)
	if len(ms) != 1 {
		t.Fatalf("invalid UTF-8 piece: %s", describe(ms))
	}
	if runes := []rune(bad); string(runes[ms[0].Start:ms[0].End]) != ms[0].Text {
		t.Errorf("offsets are not rune offsets into the caller's text: %+v", ms[0])
	}
	if ms := x.Similar(point, Exclude{Piece: "bad"}, 5); len(ms) != 0 {
		t.Errorf("excluded piece returned: %s", describe(ms))
	}
}

// TestConcurrent runs queries while pieces are added, replaced and
// removed; run it with -race.
func TestConcurrent(t *testing.T) {
	x := NewIndex()
	g := genNotebook(120, 300, 0.3, 13)
	x.Add(docsOf(g[:40])...)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				tp := talkingPoints[(i+w)%len(talkingPoints)]
				// Pieces may go as soon as Similar returns: check only what
				// needs no second look at the index.
				checkScores(t, x.Similar(tp.text, Exclude{Piece: g[i%len(g)].PieceID}, 5), g[i%len(g)].PieceID)
			}
		})
	}
	x.Add(docsOf(g[40:])...)
	for i := range 20 {
		x.Add(Doc{PieceID: g[i].PieceID, Text: g[i].Text + " " + point})
		x.Remove(g[i+20].PieceID)
	}
	close(stop)
	wg.Wait()
	if got := x.Len(); got != 100 {
		t.Errorf("Len %d, want 100", got)
	}
}
