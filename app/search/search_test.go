package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// small is a hand-made notebook for behaviour tests.
func small() *Engine {
	e := New()
	e.Add(
		Doc{ID: "p1", Kind: KindPiece, Title: "China's quiet security role in Afghanistan",
			Text:    "Beijing has expanded its security footprint.\n\nThe Wakhan corridor matters. Chinese police trained Afghan officers in Kabul.",
			Authors: []string{"Aigerim Sátbayeva"}, Outlet: "The Steppe Review", Published: "2021-05-03", Tags: []string{"China", "Central Asia"}},
		Doc{ID: "a1", Kind: KindPassage, Title: "Chinese police trained Afghan officers", Text: "key claim about training",
			PieceID: "p1", PieceTitle: "China's quiet security role in Afghanistan", Authors: []string{"Aigerim Sátbayeva"},
			Published: "2021-05-03", Tags: []string{"training"}, Rels: []string{"supports"}},
		Doc{ID: "p2", Kind: KindPiece, Title: "Rail freight through Termez", Text: "Containers cross the bridge to Hairatan every day.",
			Authors: []string{"Henrik Østergaard"}, Outlet: "Caspian Wire Service", Published: "2018-02", Tags: []string{"rail"}},
		Doc{ID: "a2", Kind: KindPassage, Title: "Containers cross the bridge", PieceID: "p2", PieceTitle: "Rail freight through Termez",
			Authors: []string{"Henrik Østergaard"}, Published: "2018-02"},
		Doc{ID: "c1", Kind: KindClaim, Title: "Chinese investment in Afghanistan is mostly symbolic", Text: "see the mining deals",
			Updated: day("2024-01-10"), Rels: []string{"contradicts"}, LinkNotes: []string{"the lithium bid says otherwise"}},
		Doc{ID: "n1", Kind: KindNote, Title: "", Text: "Call with the envoy: Kabul wants Chinese help at Mes Aynak before winter.", Updated: day("2023-12-01"), Tags: []string{"todo"}},
		Doc{ID: "n2", Kind: KindNote, Title: "Monolith?", Text: "The Taliban: not quite a monolith.", Updated: day("2019-06-01")},
		Doc{ID: "n3", Kind: KindNote, Title: "Quote", Text: "The Taliban are not a monolith, and Beijing knows it.", Updated: day("2020-06-01")},
	)
	return e
}

func ids(r Results) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func search(e *Engine, s string) Results {
	q, _ := Parse(s)
	return e.Search(q, 50)
}

func TestFilters(t *testing.T) {
	e := small()
	for _, c := range []struct {
		q    string
		want []string // as a set
	}{
		{"afgh secrity chin", []string{"p1", "a1"}},
		{"security china afghanistan", []string{"p1", "a1"}}, // a1 through its piece's title
		{"kind:passage", []string{"a1", "a2"}},
		{"kind:passages kind:claim", []string{"a1", "a2", "c1"}},
		{"kind:piece kind:note chinese", []string{"p1", "n1"}},
		{"-kind:note -kind:passage", []string{"p1", "p2", "c1"}},
		{"tag:china", []string{"p1"}},
		{"tag:CHINA tag:rail", []string{"p1", "p2"}},
		{`tag:"central asia"`, []string{"p1"}},
		{"tag:central-asia", []string{"p1"}},
		{"tag:centr", nil},
		{"-tag:china kind:piece", []string{"p2"}},
		{"piece:termez", []string{"p2", "a2"}},
		{"piece:p1", []string{"p1", "a1"}},
		{"piece:quiet afgh", []string{"p1", "a1"}},
		{"author:satbayeva", []string{"p1", "a1"}},
		{"author:ostergaard", []string{"p2", "a2"}},
		{"author:oster", []string{"p2", "a2"}},
		{"author:aigerim author:henrik kind:piece", []string{"p1", "p2"}},
		{"outlet:steppe", []string{"p1"}},
		{"outlet:caspian wire", []string{"p2"}}, // "wire" is a free word here, found in the outlet
		{`outlet:"caspian wire"`, []string{"p2"}},
		{"rel:supports", []string{"a1"}},
		{"rel:contradicts rel:supports", []string{"a1", "c1"}},
		{"-rel:supports chinese", []string{"p1", "c1", "n1"}},
		{"before:2020", []string{"p2", "a2", "n2"}},
		{"after:2021", []string{"p1", "a1", "c1", "n1"}},
		{"after:2021-05-04", []string{"c1", "n1"}},
		{"after:2021-05-03 before:2021-05-04", []string{"p1", "a1"}},
		{"after:2018-02 before:2018-03", []string{"p2", "a2"}},
		{"after:2018-02-01", []string{"p1", "a1", "c1", "n1", "n3", "n2"}}, // "2018-02" is the start of February
		{"-before:2020 kind:note", []string{"n1", "n3"}},
		{`"not a monolith"`, []string{"n3"}},
		{`monolith taliban`, []string{"n2", "n3"}},
		{`monolith -quite`, []string{"n3"}},
		{`monolith -"not quite"`, []string{"n3"}},
		{`"chinese police"`, []string{"p1", "a1"}},
		{`"police chinese"`, nil},
		{`"china"`, []string{"p1", "a1"}}, // exact: not "chinese"
		{"lithium", []string{"c1"}},       // link notes
		{"Sátbayeva", []string{"p1", "a1"}},
		{"SATBAYEVA", []string{"p1", "a1"}},
		{"østergaard", []string{"p2", "a2"}},
		{"ostergard", []string{"p2", "a2"}}, // typo
		{"containers termez", []string{"p2", "a2"}},
		{"termez containers", []string{"p2", "a2"}},
		{"mes aynak", []string{"n1"}},
		{"xyzzyq", nil},
	} {
		got := ids(search(e, c.q))
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", c.q, got, want)
		}
	}
}

func TestIgnoredWords(t *testing.T) {
	e := small()
	r := search(e, "termez xyzzyq")
	if !slices.Equal(r.Ignored, []string{"xyzzyq"}) || r.Total != 2 || r.Hint() != "nothing contains xyzzyq — left out" {
		t.Errorf("got %v ignored %v", ids(r), r.Ignored)
	}
	r = search(e, "xyzzyq")
	if r.Total != 0 || len(r.Ignored) != 1 {
		t.Errorf("a query of unknown words should find nothing: %v %v", ids(r), r.Ignored)
	}
}

func TestEmptyQueryListsNewestFirst(t *testing.T) {
	e := small()
	r := search(e, "")
	if r.Total != 8 || r.Hits[0].ID != "c1" || r.Hits[len(r.Hits)-1].ID != "p2" && r.Hits[len(r.Hits)-1].ID != "a2" {
		t.Errorf("got %v", ids(r))
	}
	r = search(e, "kind:note")
	if !slices.Equal(ids(r), []string{"n1", "n3", "n2"}) {
		t.Errorf("got %v", ids(r))
	}
}

func TestLimitAndTotal(t *testing.T) {
	e := small()
	q, _ := Parse("chinese")
	r := e.Search(q, 2)
	if len(r.Hits) != 2 || r.Total != 4 {
		t.Errorf("got %d hits of %d", len(r.Hits), r.Total)
	}
	if r := e.Search(q, 0); len(r.Hits) != 0 || r.Total != 4 {
		t.Errorf("limit 0: %d hits of %d", len(r.Hits), r.Total)
	}
}

func TestRankingOrder(t *testing.T) {
	e := New()
	e.Add(
		Doc{ID: "title", Kind: KindNote, Title: "Security in Kabul", Text: "nothing else here"},
		Doc{ID: "text", Kind: KindNote, Title: "Other", Text: "a long text that mentions security once among many other words of no interest at all"},
		Doc{ID: "prefix", Kind: KindNote, Title: "Securitisation in Kabul", Text: "nothing else here"},
		Doc{ID: "fuzzy", Kind: KindNote, Title: "Secuirty in Kabul", Text: "nothing else here"},
	)
	got := ids(search(e, "security"))
	want := []string{"title", "prefix", "text"} // exact beats prefix in the same field; a title beats a text
	if len(got) < 3 || got[0] != "title" {
		t.Errorf("got %v, want %v first", got, want)
	}
	if !slices.Contains(got, "fuzzy") || slices.Index(got, "fuzzy") < slices.Index(got, "title") {
		t.Errorf("fuzzy match should rank below the exact one: %v", got)
	}
}

func TestHighlights(t *testing.T) {
	e := small()
	r := search(e, "afgh secrity chin")
	var p1 Hit
	for _, h := range r.Hits {
		if h.ID == "p1" {
			p1 = h
		}
	}
	title := []rune(p1.Title)
	var marked []string
	for _, m := range p1.TitleMatches {
		marked = append(marked, string(title[m[0]:m[1]]))
	}
	if !slices.Equal(marked, []string{"Chin", "security", "Afgh"}) {
		t.Errorf("title marks %q", marked)
	}
	ex := []rune(p1.Excerpt)
	marked = nil
	for _, m := range p1.ExcerptMatches {
		marked = append(marked, string(ex[m[0]:m[1]]))
	}
	if !slices.Equal(marked, []string{"security", "Chin", "Afgh"}) {
		t.Errorf("excerpt %q marks %q", p1.Excerpt, marked)
	}
	if strings.Contains(p1.Excerpt, "\n") {
		t.Errorf("excerpt has line breaks: %q", p1.Excerpt)
	}
}

func TestExcerptWindow(t *testing.T) {
	e := New()
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "filler%d word ", i%7)
	}
	long := b.String() + "the Wakhan corridor opens in summer " + b.String()
	e.Add(Doc{ID: "p", Kind: KindPiece, Title: "Long", Text: long})
	r := search(e, "wakhan summer")
	h := r.Hits[0]
	n := utf8.RuneCountInString(h.Excerpt)
	if n < 120 || n > 200 || !strings.HasPrefix(h.Excerpt, "…") || !strings.HasSuffix(h.Excerpt, "…") {
		t.Errorf("excerpt of %d runes: %q", n, h.Excerpt)
	}
	if len(h.ExcerptMatches) != 2 {
		t.Errorf("matches %v in %q", h.ExcerptMatches, h.Excerpt)
	}
	checkRanges(t, h)
	// No match in the text: the excerpt is its start.
	r = search(e, "long")
	if h := r.Hits[0]; !strings.HasPrefix(h.Excerpt, "filler0 word") || len(h.ExcerptMatches) != 0 {
		t.Errorf("got %q", h.Excerpt)
	}
}

func checkRanges(t testing.TB, h Hit) {
	t.Helper()
	check := func(s string, ms [][2]int) {
		n := utf8.RuneCountInString(s)
		last := 0
		for _, m := range ms {
			if m[0] < last || m[0] >= m[1] || m[1] > n {
				t.Fatalf("bad range %v in %q (%d runes): %v", m, s, n, ms)
			}
			last = m[1]
		}
	}
	check(h.Title, h.TitleMatches)
	check(h.Excerpt, h.ExcerptMatches)
}

func TestAddRemoveReplace(t *testing.T) {
	e := small()
	if e.Len() != 8 {
		t.Fatalf("Len = %d", e.Len())
	}
	e.Remove("p2", "nope")
	if e.Len() != 7 || slices.Contains(ids(search(e, "termez")), "p2") {
		t.Errorf("p2 still found: %v", ids(search(e, "termez")))
	}
	// Replace: the old words go, the new ones come.
	e.Add(Doc{ID: "n1", Kind: KindNote, Text: "Completely different: Gwadar port."})
	if e.Len() != 7 || len(search(e, "aynak").Hits) != 0 || !slices.Equal(ids(search(e, "gwadar")), []string{"n1"}) {
		t.Errorf("replace failed: aynak %v gwadar %v", ids(search(e, "aynak")), ids(search(e, "gwadar")))
	}
	// The last copy of a repeated id wins.
	e.Add(Doc{ID: "x", Text: "first version alpha"}, Doc{ID: "x", Text: "second version beta"})
	if len(search(e, "alpha").Hits) != 0 || len(search(e, "beta").Hits) != 1 || e.Len() != 8 {
		t.Errorf("repeated ids: alpha %v beta %v len %d", ids(search(e, "alpha")), ids(search(e, "beta")), e.Len())
	}
	// Kind changes move an item between kind filters.
	e.Add(Doc{ID: "x", Kind: KindClaim, Title: "beta claim"})
	if !slices.Equal(ids(search(e, "kind:claim beta")), []string{"x"}) {
		t.Errorf("got %v", ids(search(e, "kind:claim beta")))
	}
	for _, id := range []string{"p1", "a1", "a2", "c1", "n1", "n2", "n3", "x"} {
		e.Remove(id)
	}
	if e.Len() != 0 || search(e, "").Total != 0 || search(e, "china").Total != 0 {
		t.Errorf("not empty: %d", e.Len())
	}
	e.Add(Doc{ID: "again", Text: "china"})
	if !slices.Equal(ids(search(e, "chin")), []string{"again"}) {
		t.Errorf("got %v", ids(search(e, "chin")))
	}
}

// TestCompaction removes enough items to renumber slots and checks the
// index still answers exactly as a fresh one.
func TestCompaction(t *testing.T) {
	docs := generated(smallConfig)
	e := New()
	e.Add(docs...)
	fresh := New()
	var kept []Doc
	var gone []string
	for i, d := range docs {
		if i%3 == 0 {
			gone = append(gone, d.ID)
		} else {
			kept = append(kept, d)
		}
	}
	e.Remove(gone...)
	if e.holes != 0 {
		t.Fatalf("expected a compaction, %d holes", e.holes)
	}
	fresh.Add(kept...)
	for _, q := range typedQueries {
		a, b := search(e, q), search(fresh, q)
		if a.Total != b.Total || !slices.Equal(ids(a), ids(b)) {
			t.Errorf("%q: %d %v vs fresh %d %v", q, a.Total, ids(a)[:min(5, len(a.Hits))], b.Total, ids(b)[:min(5, len(b.Hits))])
		}
	}
}

func TestExcerptOpensOnSentence(t *testing.T) {
	e := New()
	text := strings.Repeat("alpha beta gamma ", 50) + "Delta epsilon. The Wakhan corridor opens in summer. " + strings.Repeat("zeta eta ", 50)
	e.Add(Doc{ID: "p", Kind: KindPiece, Title: "T", Text: text})
	h := search(e, "wakhan").Hits[0]
	if !strings.HasPrefix(h.Excerpt, "…The Wakhan corridor") {
		t.Errorf("excerpt %q", h.Excerpt)
	}
	if ex := []rune(h.Excerpt); len(h.ExcerptMatches) != 1 || string(ex[h.ExcerptMatches[0][0]:h.ExcerptMatches[0][1]]) != "Wakhan" {
		t.Errorf("matches %v in %q", h.ExcerptMatches, h.Excerpt)
	}
}
