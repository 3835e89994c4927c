package search

import (
	"reflect"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"afgh secrity chin", `"security role" -taliban kind:passage`, `tag:"central asia`, "-kind:note after:2019-05",
		`“quoted” -"neg phrase" foo:bar`, "kind:p before:201", "- -- ---x", `tag:a"b c"`, "北京 Sátbayeva's", "\x00\xff:\"",
	} {
		f.Add(s)
	}
	e := small()
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Hint == "" {
				t.Fatalf("error %T %v", err, err)
			}
		}
		// Usable: it searches, and it renders to a query that parses back
		// to the same thing without complaint.
		e.Search(q, 5)
		again, err := Parse(q.String())
		if err != nil || !reflect.DeepEqual(q, again) {
			t.Fatalf("%q -> %q -> %#v (%v), want %#v", s, q.String(), again, err, q)
		}
		_ = q.Kinds()
		_ = q.OnlyKinds(KindPassage).String()
	})
}

func FuzzSearch(f *testing.F) {
	f.Add("China's security role in Afghanistan", "Beijing has expanded its security footprint in the Wakhan.", "Sátbayeva", "afgh secrity chin", uint8(7))
	f.Add("", "", "", "", uint8(0))
	f.Add("a a a", "a a b a a b", "x", `"a a b" -a`, uint8(3))
	f.Add("北京的安全", "Ça va? Ǆ ﬁ ½ ß", "Østergaard", "kind:note ostergaard ss", uint8(200))
	f.Fuzz(func(t *testing.T, title, text, author, query string, n uint8) {
		kinds := []Kind{KindPiece, KindPassage, KindClaim, KindNote, "other"}
		e := New()
		var docs []Doc
		for i := range int(n%6) + 1 {
			words := strings.Fields(text)
			cut := 0
			if len(words) > 0 {
				cut = (int(n) + i) % (len(words) + 1)
			}
			docs = append(docs, Doc{
				ID: string(rune('a' + i)), Kind: kinds[(int(n)+i)%len(kinds)],
				Title:   strings.Join(strings.Fields(title)[min(i, len(strings.Fields(title))):], " "),
				Text:    strings.Join(words[cut:], " ") + " " + strings.Join(words[:cut], " "),
				Authors: []string{author}, Tags: []string{author, title}, Rels: []string{"supports"},
				Published: []string{"", "2019", "2020-05", "2021-06-07", "bad"}[(int(n)+i)%5],
				PieceID:   "a", PieceTitle: title, Outlet: text, LinkNotes: []string{query},
			})
		}
		e.Add(docs...)
		q, _ := Parse(query)
		check := func(r Results) {
			if r.Total < len(r.Hits) || len(r.Hits) > 4 {
				t.Fatalf("total %d, %d hits", r.Total, len(r.Hits))
			}
			for i, h := range r.Hits {
				if i > 0 && h.Score > r.Hits[i-1].Score {
					t.Fatalf("hits out of order: %v", r.Hits)
				}
				checkRanges(t, h)
			}
		}
		r := e.Search(q, 4)
		check(r)
		s := e.NewSession()
		for i := range query {
			s.Search(query[:i], 4)
		}
		got, _ := s.Search(query, 4)
		got.Took, r.Took = 0, 0
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("session %v != fresh %v", ids(got), ids(r))
		}
		e.Remove("a", "c")
		e.Add(Doc{ID: "b", Title: query, Text: title})
		check(e.Search(q, 4))
	})
}
