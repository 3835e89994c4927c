package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Query
		hint string // substring of the hint, "" for none
	}{
		{in: "", want: Query{}},
		{in: "afgh secrity chin", want: Query{Words: []string{"afgh", "secrity", "chin"}}},
		{in: "  Sátbayeva  CHINA's ", want: Query{Words: []string{"satbayeva", "china"}}},
		{in: `"security role" china`, want: Query{Words: []string{"china"}, Phrases: [][]string{{"security", "role"}}}},
		{in: `“Security Role”`, want: Query{Phrases: [][]string{{"security", "role"}}}},
		{in: `"china`, want: Query{Words: []string{"china"}}, hint: "unclosed quote — searching for the words anyway"},
		{in: `"china security`, want: Query{Words: []string{"china", "security"}}, hint: "unclosed quote"},
		{in: `-taliban -"press release"`, want: Query{Not: []string{"taliban"}, NotPhrases: [][]string{{"press", "release"}}}},
		{in: `-al-qaeda`, want: Query{NotPhrases: [][]string{{"al", "qaeda"}}}},
		{in: `covid-19`, want: Query{Words: []string{"covid", "19"}}},
		{in: `- china`, want: Query{Words: []string{"china"}}},
		{in: "kind:piece kind:Notes", want: Query{Filters: []Filter{{Key: "kind", Value: "piece"}, {Key: "kind", Value: "note"}}}},
		{in: "kind:annotation", want: Query{Filters: []Filter{{Key: "kind", Value: "passage"}}}},
		{in: "kind:pa kind:cl", want: Query{Filters: []Filter{{Key: "kind", Value: "passage"}, {Key: "kind", Value: "claim"}}}},
		{in: "kind:p", want: Query{}, hint: "unknown kind p — known: piece, passage, claim, note"},
		{in: "kind:foo x", want: Query{Words: []string{"x"}}, hint: "unknown kind foo"},
		{in: "KIND:claim", want: Query{Filters: []Filter{{Key: "kind", Value: "claim"}}}},
		{in: "-kind:note", want: Query{Filters: []Filter{{Key: "kind", Value: "note", Not: true}}}},
		{in: `tag:"central  asia" tag:china`, want: Query{Filters: []Filter{{Key: "tag", Value: "central asia"}, {Key: "tag", Value: "china"}}}},
		{in: `tag:"central asia`, want: Query{Filters: []Filter{{Key: "tag", Value: "central asia"}}}, hint: "unclosed quote"},
		{in: "tag:", want: Query{}, hint: "tag: needs a value"},
		{in: `tag:""`, want: Query{}, hint: "tag: needs a value"},
		{in: "piece:wakhan author:Sátbayeva outlet:steppe rel:supports", want: Query{Filters: []Filter{
			{Key: "piece", Value: "wakhan"}, {Key: "author", Value: "Sátbayeva"}, {Key: "outlet", Value: "steppe"}, {Key: "rel", Value: "supports"}}}},
		{in: "before:2020 after:2019-05 after:2019-05-14", want: Query{Filters: []Filter{
			{Key: "before", Value: "2020"}, {Key: "after", Value: "2019-05"}, {Key: "after", Value: "2019-05-14"}}}},
		{in: "before:201", want: Query{}, hint: "before: wants a date like 2019, 2019-05 or 2019-05-14"},
		{in: "after:2019-13", want: Query{}, hint: "after: wants a date"},
		{in: "foo:bar china", want: Query{Words: []string{"foo", "bar", "china"}}, hint: "unknown filter foo: — known: kind, tag, piece, author, outlet, rel, before, after"},
		{in: "https://example.org/x", want: Query{Words: []string{"https", "example", "org", "x"}}},
		{in: "10:30 meeting", want: Query{Words: []string{"10", "30", "meeting"}}},
		{in: `tag:a"b c"`, want: Query{Phrases: [][]string{{"b", "c"}}, Filters: []Filter{{Key: "tag", Value: "a"}}}},
	} {
		got, err := Parse(c.in)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", c.in, got, c.want)
		}
		switch {
		case c.hint == "" && err != nil:
			t.Errorf("Parse(%q): unexpected hint %q", c.in, err)
		case c.hint != "" && (err == nil || !strings.Contains(err.(*SyntaxError).Hint, c.hint)):
			t.Errorf("Parse(%q): hint %v, want %q", c.in, err, c.hint)
		}
	}
}

func TestParseManyWords(t *testing.T) {
	q, err := Parse(strings.Repeat("word ", 40))
	if len(q.Words) != maxWords || err == nil || !strings.Contains(err.Error(), "too many words") {
		t.Errorf("got %d words, %v", len(q.Words), err)
	}
}

func TestQueryRoundTrip(t *testing.T) {
	for _, s := range []string{
		`afgh "security role" -taliban -"press release" kind:passage -kind:note tag:"central asia" before:2020 author:Sátbayeva piece:p1:x`,
		`"china`,
		`tag:"a b`,
	} {
		q, _ := Parse(s)
		again, err := Parse(q.String())
		if err != nil || !reflect.DeepEqual(q, again) {
			t.Errorf("%q -> %q -> %#v (%v), want %#v", s, q.String(), again, err, q)
		}
	}
}

func TestKinds(t *testing.T) {
	q, _ := Parse("china kind:passage kind:note")
	if got := q.Kinds(); !reflect.DeepEqual(got, []Kind{KindPassage, KindNote}) {
		t.Errorf("Kinds = %v", got)
	}
	q, _ = Parse("china -kind:note")
	if got := q.Kinds(); !reflect.DeepEqual(got, []Kind{KindPiece, KindPassage, KindClaim}) {
		t.Errorf("Kinds = %v", got)
	}
	q, _ = Parse("china tag:x")
	if q.Kinds() != nil {
		t.Errorf("Kinds = %v, want nil", q.Kinds())
	}
	r := q.OnlyKinds(KindPiece, KindPassage)
	if got := r.Kinds(); !reflect.DeepEqual(got, []Kind{KindPiece, KindPassage}) || len(r.Filters) != 3 || len(q.Filters) != 1 {
		t.Errorf("OnlyKinds: %v, filters %v (original %v)", got, r.Filters, q.Filters)
	}
	if r.OnlyKinds().Kinds() != nil {
		t.Error("OnlyKinds() should lift the restriction")
	}
}
