package suggest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// fixture pieces: hand-written, each on one point, so that what should
// and should not match is clear. They are indexed together with a
// generated background notebook, which gives the word statistics (IDF,
// capitalisation) a real notebook would.
var fixture = []Doc{
	{PieceID: "oped-iskp", Title: "Europe's online threat", Text: `Security services across Europe are adapting to a new kind of recruitment. The threat no longer needs a safe haven; it needs only a signal and a smartphone. That is why the arrests in Germany last spring mattered.

Dr. Rahimova, who has studied ISKP propaganda since 2019, says the U.S. and European agencies still share too little. “They are always a step behind,” she said.`},
	{PieceID: "wire-iskp", Title: "Officials warn of online recruitment", Text: `BRUSSELS (Caspian Wire) — European interior ministers met on Tuesday to discuss online radicalisation. One official summed up the mood: the threat no longer needs a safe haven, it needs only a signal and a smartphone.

Ministers agreed to fund a joint monitoring unit at Europol.`},
	{PieceID: "edit-iskp", Title: "The phone is the haven", Text: `Much of the debate in Vienna was about encryption. The threat no longer requires a safe haven; it needs only a signal and a smartphone, one minister argued.

Another pointed to prisons.`},
	{PieceID: "punct-iskp", Title: "Signals", Text: `The panel in Stockholm ended with a warning. The threat no longer needs a safe haven. It needs only a signal and a smartphone.

Few in the room disagreed.`},
	{PieceID: "corridor-a", Title: "Middle Corridor", Text: `Freight on the Middle Corridor through Kazakhstan doubled last year as shippers avoided Russia. Port capacity at Aktau remains the bottleneck.`},
	{PieceID: "corridor-b", Title: "Cargo shifts south", Text: `Rail cargo moving along the Middle Corridor across Kazakhstan has roughly doubled in a year, according to railway freight figures. The Caspian ports struggle to keep up.`},
	{PieceID: "opium", Title: "Badakhshan's poppies", Text: `Opium cultivation rose sharply in Badakhshan this spring as prices climbed after the ban elsewhere. Farmers said eradication teams had not come.`},
	{PieceID: "school", Title: "A school in the mountains", Text: `A new girls' school opened in Badakhshan with funding from a Swiss charity. Teachers travel two days to reach it.`},
	{PieceID: "wakhan-accent", Title: "Symbols", Text: `Aigerim Sátbayeva argued that the Wakhan corridor is less a trade route than a diplomatic symbol for Beijing and Kabul. Few trucks have used it, and Beijing’s engineers have not surveyed the route.`},
	{PieceID: "cjk", Title: "中文", Text: "中国与阿富汗的关系正在变化。塔利班政府希望获得中国的投资！“走廊”仍然关闭？\n\nThe Wakhan corridor, 瓦罕走廊, remains closed."},
}

// fixtureIndex returns an index of the fixture and a background of
// generated pieces.
func fixtureIndex(t testing.TB) *Index {
	t.Helper()
	x := NewIndex()
	for _, g := range genNotebook(300, 600, 0, 7) {
		x.Add(g.Doc)
	}
	x.Add(fixture...)
	return x
}

// find returns the match from piece id, or nil.
func find(ms []Match, id string) *Match {
	for i := range ms {
		if ms[i].PieceID == id {
			return &ms[i]
		}
	}
	return nil
}

func TestSimilar(t *testing.T) {
	x := fixtureIndex(t)
	talkingPoint := "The threat no longer needs a safe haven; it needs only a signal and a smartphone."
	tests := []struct {
		name, query, exclude string
		first                string   // the piece that must rank first, if any
		found                string   // a piece that must be among the results, if any
		minScore, maxScore   float64  // bounds on the score of first (or found)
		reason               string   // substring of its Reason
		shared               []string // names it must share with the query
		not                  []string // pieces that must not be suggested
	}{
		{name: "recycled talking point ranks first", query: talkingPoint, exclude: "oped-iskp",
			first: "punct-iskp", minScore: 0.95, maxScore: 1, reason: "near-identical wording (100% of 3-word phrases"},
		{name: "talking point inside a longer sentence", query: talkingPoint, exclude: "oped-iskp",
			found: "wire-iskp", minScore: 0.9, maxScore: 1, reason: "near-identical wording"},
		{name: "talking point from the wire", query: "the threat no longer needs a safe haven, it needs only a signal and a smartphone", exclude: "wire-iskp",
			first: "oped-iskp", minScore: 0.95, maxScore: 1, reason: "near-identical wording", not: []string{"wire-iskp"}},
		{name: "a word changed", query: talkingPoint, exclude: "oped-iskp",
			found: "edit-iskp", minScore: 0.8, maxScore: 0.99, reason: "near-identical wording"},
		{name: "punctuation changed", query: "The threat no longer needs a safe haven - it needs only a signal, and a smartphone!", exclude: "oped-iskp",
			first: "punct-iskp", minScore: 0.99, maxScore: 1, reason: "near-identical wording (100%"},
		{name: "quoted fragment of a sentence", query: "needs a safe haven; it needs only a signal and a smartphone", exclude: "oped-iskp",
			found: "wire-iskp", minScore: 0.8, maxScore: 0.99, reason: "quoted wording"},
		{name: "paraphrase with shared names and words",
			query:   "Freight on the Middle Corridor through Kazakhstan doubled last year as shippers avoided Russia.",
			exclude: "corridor-a", first: "corridor-b", minScore: MinScore, maxScore: 0.75,
			reason: "same names: Middle Corridor, Kazakhstan", shared: []string{"Middle Corridor", "Kazakhstan"}},
		{name: "claim paraphrased", query: "Rail freight on the Middle Corridor doubled",
			found: "corridor-b", minScore: MinScore, maxScore: 0.9, shared: []string{"Middle Corridor"}},
		{name: "one shared name is not enough",
			query: "Opium cultivation rose sharply in Badakhshan this spring as prices climbed after the ban elsewhere.", exclude: "opium",
			not: []string{"school"}},
		{name: "accents folded", query: "Aigerim Satbayeva argued that the Wakhan corridor is less a trade route than a diplomatic symbol.",
			first: "wakhan-accent", minScore: 0.8, maxScore: 1, shared: []string{"Aigerim Satbayeva", "Wakhan"}},
		{name: "straight quotes for curly", query: `"They are always a step behind", she said.`,
			first: "oped-iskp", minScore: 0.99, maxScore: 1},
		{name: "straight apostrophe for curly", query: `Few trucks have used it, and Beijing's engineers have not surveyed the route.`,
			first: "wakhan-accent", minScore: 0.99, maxScore: 1, shared: []string{"Beijing"}},
		{name: "CJK sentence", query: "塔利班政府希望获得中国的投资。",
			first: "cjk", minScore: 0.95, maxScore: 1, reason: "near-identical wording (100% of 3-character phrases shared)"},
		{name: "own piece never returned", query: "Port capacity at Aktau remains the bottleneck.", exclude: "corridor-a",
			not: []string{"corridor-a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := x.Similar(tc.query, Exclude{Piece: tc.exclude}, 10)
			t.Log(describe(ms))
			checkMatches(t, x, ms, tc.exclude)
			var m *Match
			switch {
			case tc.first != "":
				if len(ms) == 0 || ms[0].PieceID != tc.first {
					t.Fatalf("want %s first, got %s", tc.first, describe(ms))
				}
				m = &ms[0]
			case tc.found != "":
				if m = find(ms, tc.found); m == nil {
					t.Fatalf("want %s among the results, got %s", tc.found, describe(ms))
				}
			}
			if m != nil {
				if m.Score < tc.minScore || m.Score > tc.maxScore {
					t.Errorf("score %.3f, want in [%.2f, %.2f]", m.Score, tc.minScore, tc.maxScore)
				}
				if !strings.Contains(m.Reason, tc.reason) {
					t.Errorf("reason %q, want %q", m.Reason, tc.reason)
				}
				for _, s := range tc.shared {
					if !slices.Contains(m.Shared, s) {
						t.Errorf("shared %q, want %q in it", m.Shared, s)
					}
				}
			}
			for _, id := range tc.not {
				if m := find(ms, id); m != nil {
					t.Errorf("%s suggested (score %.3f, %s)", id, m.Score, m.Reason)
				}
			}
		})
	}
}

// checkMatches checks what every result must satisfy: spans are whole
// sentences of the piece, Text is its runes [Start,End), scores are in
// [0,1] and sorted, and excluded pieces are absent.
func checkMatches(t testing.TB, x *Index, ms []Match, exclude string) {
	t.Helper()
	checkScores(t, ms, exclude)
	for i, m := range ms {
		text, ok := x.text(m.PieceID)
		if !ok {
			t.Fatalf("match %d: unknown piece %q", i, m.PieceID)
		}
		runes := []rune(text)
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			t.Fatalf("match %d: span [%d,%d) of %d runes", i, m.Start, m.End, len(runes))
		}
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Errorf("match %d: Text %q, runes [Start,End) %q", i, m.Text, got)
		}
		starts, ends := sentenceBounds(text)
		if !starts[m.Start] || !ends[m.End] {
			t.Errorf("match %d: [%d,%d) %q is not sentence-aligned", i, m.Start, m.End, m.Text)
		}
		if strings.Contains(m.Text, "\n\n") {
			t.Errorf("match %d crosses a paragraph break: %q", i, m.Text)
		}
	}
}

// checkScores checks the matches' scores, order, reasons and exclusion.
func checkScores(t testing.TB, ms []Match, exclude string) {
	t.Helper()
	for i, m := range ms {
		if m.PieceID == exclude && exclude != "" {
			t.Errorf("match %d is from the excluded piece %s", i, exclude)
		}
		if m.Score < MinScore || m.Score > 1 || math.IsNaN(m.Score) || m.Overlap < 0 || m.Overlap > 1 {
			t.Errorf("match %d: score %v overlap %v", i, m.Score, m.Overlap)
		}
		if i > 0 && m.Score > ms[i-1].Score {
			t.Errorf("match %d: score %v above the previous %v", i, m.Score, ms[i-1].Score)
		}
		if m.Reason == "" || m.Start >= m.End || m.Text == "" {
			t.Errorf("match %d: empty reason or span: %+v", i, m)
		}
	}
}

// sentenceBounds returns the rune offsets where sentences of text start
// and end.
func sentenceBounds(text string) (starts, ends map[int]bool) {
	starts, ends = map[int]bool{}, map[int]bool{}
	for _, s := range sentences(text, nil) {
		a := len([]rune(text[:s.start]))
		starts[a] = true
		ends[a+len([]rune(text[s.start:s.end]))] = true
	}
	return starts, ends
}

func describe(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n\t%s %.3f %s | %q", m.PieceID, m.Score, m.Reason, m.Text)
	}
	return b.String()
}

// TestPlantedRecall plants the talking points in a generated notebook,
// verbatim, with a word changed, re-punctuated and paraphrased, and checks
// that querying each point finds every near-copy above every unplanted
// sentence, and most paraphrases.
func TestPlantedRecall(t *testing.T) {
	g := genNotebook(1000, 500, 0.3, 21)
	x := NewIndex()
	x.Add(docsOf(g)...)
	found := map[string]int{}
	total := map[string]int{}
	for i, tp := range talkingPoints {
		ms := x.Similar(tp.text, Exclude{}, 200)
		checkMatches(t, x, ms, "")
		byPiece := map[string]*Match{}
		for j := range ms {
			byPiece[ms[j].PieceID] = &ms[j]
		}
		lowestCopy := 1.0
		for _, p := range g {
			for _, pl := range p.planted {
				if pl.point != i {
					continue
				}
				total[pl.variant]++
				m := byPiece[p.PieceID]
				if m == nil || !strings.Contains(m.Text, pl.text) {
					if pl.variant != "para" {
						t.Errorf("point %d: %s copy in %s not found", i, pl.variant, p.PieceID)
					}
					continue
				}
				found[pl.variant]++
				if pl.variant != "para" {
					lowestCopy = min(lowestCopy, m.Score)
				}
			}
		}
		for _, m := range ms {
			if !plantedIn(g, m.PieceID, i) && m.Score >= lowestCopy {
				t.Errorf("point %d: unplanted %s (%.3f) ranks with the copies (lowest %.3f): %q", i, m.PieceID, m.Score, lowestCopy, m.Text)
			}
		}
	}
	for _, v := range []string{"exact", "edit", "punct", "para"} {
		t.Logf("%s: %d of %d found", v, found[v], total[v])
	}
	if found["para"]*2 < total["para"] {
		t.Errorf("only %d of %d paraphrases found", found["para"], total["para"])
	}
}
