package main

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"commonplace/app/search"
	"commonplace/storage/textnorm"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// foldedAnalyzer approximates Commonplace's tokenizer: Unicode words,
// accents folded ("ostergaard" finds "Østergaard"), lower case, and what
// follows an apostrophe dropped ("China's" is "china"). No stemming: a
// stemmed index breaks prefix queries ("securi" would miss "secur"), and
// no stop words, since Commonplace keeps them too.
const foldedAnalyzer = "folded"

// bleveMapping is the mapping a Go developer would write for these items:
// one document type, each Doc field its own field, text fields analysed
// with foldedAnalyzer and not stored (the store holds them), title and
// piece title stored to show a result list, keywords for filters, a
// numeric date for before:/after: and newest-first listing. Term vectors
// (positions) only where phrases are searched; doc values only on the
// date, the one field sorted on. Scoring is BM25, as Commonplace's.
func bleveMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer(foldedAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, apostrophe.Name},
	})
	if err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = foldedAnalyzer
	im.ScoringModel = index.BM25Scoring
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// word fields feed the catch-all field when it is on (-bleve-all).
	text := func(stored, positions, word bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = foldedAnalyzer
		f.Store = stored
		f.IncludeTermVectors = positions
		f.IncludeInAll = word && catchAll
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	date := bleve.NewNumericFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = true

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text(true, true, true))
	dm.AddFieldMappingsAt("text", text(false, true, true))
	dm.AddFieldMappingsAt("piece_title", text(true, true, true))
	dm.AddFieldMappingsAt("link_notes", text(false, true, true))
	dm.AddFieldMappingsAt("tags", text(false, false, true))
	dm.AddFieldMappingsAt("authors", text(false, false, true))
	dm.AddFieldMappingsAt("outlet", text(false, false, true))
	dm.AddFieldMappingsAt("piece_scope", text(false, false, false))
	dm.AddFieldMappingsAt("kind", kw())
	dm.AddFieldMappingsAt("tag_keys", kw())
	dm.AddFieldMappingsAt("rels", kw())
	dm.AddFieldMappingsAt("piece_id", kw())
	dm.AddFieldMappingsAt("date", date)
	im.DefaultMapping = dm
	return im, nil
}

// bleveDoc is d as a bleve document. piece_scope and piece_id serve the
// piece: filter, which matches a piece by its own title or id and a
// passage by its piece's; tag_keys and rels hold whole folded values for
// tag: and rel:.
func bleveDoc(d *search.Doc) map[string]any {
	m := map[string]any{
		"kind":  string(d.Kind),
		"title": d.Title,
		"text":  d.Text,
		"date":  float64(docDate(d)),
	}
	if len(d.Tags) > 0 {
		m["tags"] = d.Tags
		m["tag_keys"] = foldAll(d.Tags)
	}
	if len(d.Authors) > 0 {
		m["authors"] = d.Authors
	}
	if d.Outlet != "" {
		m["outlet"] = d.Outlet
	}
	if d.PieceTitle != "" {
		m["piece_title"] = d.PieceTitle
	}
	if len(d.Rels) > 0 {
		m["rels"] = foldAll(d.Rels)
	}
	if len(d.LinkNotes) > 0 {
		m["link_notes"] = d.LinkNotes
	}
	switch {
	case d.Kind == search.KindPiece:
		m["piece_scope"], m["piece_id"] = d.Title, d.ID
	case d.PieceID != "":
		m["piece_scope"], m["piece_id"] = d.PieceTitle, d.PieceID
	}
	return m
}

// foldValue folds a tag, relation or filter value to its words joined by
// single spaces, as Commonplace compares them.
func foldValue(s string) string {
	return strings.Join(strings.FieldsFunc(textnorm.Fold(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > utf8.RuneSelf)
	}), " ")
}

func foldAll(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = foldValue(v)
	}
	return out
}

// docDate is the yyyymmdd an item is filtered and sorted by, as in
// Commonplace: publication for pieces and passages, last edit otherwise.
func docDate(d *search.Doc) int32 {
	switch d.Kind {
	case search.KindPiece, search.KindPassage:
		k, _ := dateKey(d.Published)
		return k
	}
	if d.Updated.IsZero() {
		return 0
	}
	y, m, day := d.Updated.Date()
	return int32(y)*10000 + int32(m)*100 + int32(day)
}

// dateKey turns "2006", "2006-01" or "2006-01-02" (or a longer timestamp)
// into yyyymmdd with zeros for missing parts, so a year sorts before its
// days (app/search's dateKey, unexported).
func dateKey(s string) (int32, bool) {
	if len(s) < 4 {
		return 0, false
	}
	key := int32(0)
	for i, part := range []struct{ from, to int }{{0, 4}, {5, 7}, {8, 10}} {
		if len(s) < part.to {
			return key, i > 0
		}
		if i > 0 && s[part.from-1] != '-' {
			return key, true
		}
		n, err := strconv.Atoi(s[part.from:part.to])
		if err != nil {
			return key, i > 0
		}
		key += int32(n) * []int32{10000, 100, 1}[i]
	}
	return key, true
}

// wordFields are the fields a free word is looked for in, with the boosts
// a developer would give them: what names an item above its body.
var wordFields = []struct {
	name  string
	boost float64
}{
	{"title", 3}, {"tags", 2}, {"authors", 2}, {"piece_title", 1.5},
	{"outlet", 1}, {"text", 1}, {"link_notes", 0.5},
}

// catchAll, set by -bleve-all, indexes every word field once more into
// bleve's composite _all field and looks free words up there alone: three
// leaf queries a word instead of twenty-one, at the price of field boosts
// (a title word scores as a body word) and a bigger index.
var catchAll bool

// searchedWordFields are the fields free words are looked up in.
func searchedWordFields() []struct {
	name  string
	boost float64
} {
	if catchAll {
		return []struct {
			name  string
			boost float64
		}{{"_all", 1}}
	}
	return wordFields
}

// phraseFields are searched for quoted phrases (they keep positions).
var phraseFields = []string{"title", "text", "piece_title", "link_notes"}

// fuzziness is Commonplace's typo allowance: none under four letters,
// one typo from four, two from eight.
func fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// wordQuery matches a typed word the way a search-as-you-type box built on
// bleve would: in any word field, the word itself, a word it begins (the
// word being typed is often unfinished), or a word a typo or two away,
// exact matches scoring above prefix and fuzzy ones.
func wordQuery(word string) query.Query {
	var alts []query.Query
	for _, f := range searchedWordFields() {
		term := bleve.NewTermQuery(word)
		term.SetField(f.name)
		term.SetBoost(f.boost)
		prefix := bleve.NewPrefixQuery(word)
		prefix.SetField(f.name)
		prefix.SetBoost(f.boost * 0.6)
		alts = append(alts, term, prefix)
		if k := fuzziness(word); k > 0 {
			fuzzy := bleve.NewFuzzyQuery(word)
			fuzzy.SetField(f.name)
			fuzzy.SetFuzziness(k)
			fuzzy.SetBoost(f.boost * 0.3)
			alts = append(alts, fuzzy)
		}
	}
	return bleve.NewDisjunctionQuery(alts...)
}

func exactWordQuery(word string) query.Query {
	var alts []query.Query
	for _, f := range searchedWordFields() {
		term := bleve.NewTermQuery(word)
		term.SetField(f.name)
		alts = append(alts, term)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

func phraseQuery(words []string) query.Query {
	var alts []query.Query
	for _, f := range phraseFields {
		p := bleve.NewMatchPhraseQuery(strings.Join(words, " "))
		p.SetField(f)
		alts = append(alts, p)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// prefixWordsQuery matches a field holding every word of value, each
// whole or as a word's start (author:, outlet:, piece:).
func prefixWordsQuery(field, value string) query.Query {
	var all []query.Query
	for _, w := range strings.Fields(foldValue(value)) {
		p := bleve.NewPrefixQuery(w)
		p.SetField(field)
		all = append(all, p)
	}
	if len(all) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewConjunctionQuery(all...)
}

func termOn(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func filterQuery(f search.Filter) query.Query {
	switch f.Key {
	case search.KeyKind:
		return termOn("kind", f.Value)
	case search.KeyTag:
		return termOn("tag_keys", foldValue(f.Value))
	case search.KeyRel:
		return termOn("rels", foldValue(f.Value))
	case search.KeyAuthor:
		return prefixWordsQuery("authors", f.Value)
	case search.KeyOutlet:
		return prefixWordsQuery("outlet", f.Value)
	case search.KeyPiece:
		return bleve.NewDisjunctionQuery(prefixWordsQuery("piece_scope", f.Value), termOn("piece_id", f.Value))
	case search.KeyBefore, search.KeyAfter:
		key, ok := dateKey(f.Value)
		if !ok {
			return bleve.NewMatchNoneQuery()
		}
		// after:X keeps X's start on; before:X keeps what precedes it,
		// from 1 so that undated items (0) never match, as in Commonplace.
		lo, hi, yes, no := float64(key), float64(99991231), true, false
		r := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &yes, &yes)
		if f.Key == search.KeyBefore {
			lo, hi = 1, float64(key)
			r = bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &yes, &no)
		}
		r.SetField("date")
		return r
	}
	return bleve.NewMatchNoneQuery()
}

// bleveRequest translates a parsed Commonplace query into a bleve search
// for the top limit items: every free word must match (conjunction of
// per-word disjunctions), phrases too, filters with the same key are
// alternatives, minus words and filters exclude. A query of filters alone
// lists the newest first, as Commonplace does.
func bleveRequest(q search.Query, limit int) *bleve.SearchRequest {
	var must, mustNot []query.Query
	for _, w := range q.Words {
		must = append(must, wordQuery(w))
	}
	for _, p := range q.Phrases {
		must = append(must, phraseQuery(p))
	}
	for _, w := range q.Not {
		mustNot = append(mustNot, exactWordQuery(w))
	}
	for _, p := range q.NotPhrases {
		mustNot = append(mustNot, phraseQuery(p))
	}
	alternatives := map[string][]query.Query{}
	var keys []string
	for _, f := range q.Filters {
		fq := filterQuery(f)
		if f.Not {
			mustNot = append(mustNot, fq)
			continue
		}
		if _, seen := alternatives[f.Key]; !seen {
			keys = append(keys, f.Key)
		}
		alternatives[f.Key] = append(alternatives[f.Key], fq)
	}
	for _, k := range keys {
		must = append(must, bleve.NewDisjunctionQuery(alternatives[k]...))
	}
	scored := len(q.Words) > 0 || len(q.Phrases) > 0
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	if len(mustNot) > 0 {
		bq.AddMustNot(mustNot...)
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{"title"} // what a result list shows
	if !scored {
		req.SortBy([]string{"-date"})
	}
	return req
}
