package search

import (
	"fmt"
	"strings"
	"unicode"
)

// SyntaxError reports a query the parser had to read generously. The
// Query returned with it is still usable; Hint says what was done instead,
// in words fit for a status line.
type SyntaxError struct {
	Hint string
	Pos  int // rune offset in the query of the first problem
}

func (e *SyntaxError) Error() string { return e.Hint }

// maxWords bounds the free words of a query; more add nothing but work.
const maxWords = 32

// Parse reads the query language:
//
//	afgh secrity chin          words, in any order, each may be partial or misspelt
//	"security role"            a phrase, word for word
//	-taliban  -"press release" leave out items with this word or phrase
//	kind:passage  tag:china  piece:wakhan  author:satbayeva  outlet:steppe
//	rel:supports  before:2020  after:2019-05  -kind:note  tag:"central asia"
//
// Case and accents never matter. Parse never fails: on bad syntax it
// returns the best reading it can together with a *SyntaxError whose Hint
// says what it did ("unclosed quote — searching for the words anyway").
func Parse(query string) (Query, error) {
	p := parser{r: []rune(query), pos: -1}
	p.run()
	if len(p.q.Words) > maxWords {
		p.hint(0, fmt.Sprintf("too many words — searching for the first %d", maxWords))
		p.q.Words = p.q.Words[:maxWords]
	}
	if len(p.hints) == 0 {
		return p.q, nil
	}
	return p.q, &SyntaxError{Hint: strings.Join(p.hints, "; "), Pos: p.pos}
}

type parser struct {
	r     []rune
	q     Query
	hints []string
	pos   int
}

func (p *parser) hint(pos int, h string) {
	if p.pos < 0 {
		p.pos = pos
	}
	for _, old := range p.hints {
		if old == h {
			return
		}
	}
	p.hints = append(p.hints, h)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isQuote accepts the quotes that keyboards and autocorrect produce.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

func isKeyRune(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// quoted reads from an opening quote at i to its closing quote and returns
// the text between and the position after. An unclosed quote runs to the
// end.
func (p *parser) quoted(i int) (string, int, bool) {
	for j := i + 1; j < len(p.r); j++ {
		if isQuote(p.r[j]) {
			return string(p.r[i+1 : j]), j + 1, true
		}
	}
	return string(p.r[i+1:]), len(p.r), false
}

func (p *parser) run() {
	r := p.r
	n := len(r)
	for i := 0; i < n; {
		if isSpace(r[i]) {
			i++
			continue
		}
		start := i
		neg := false
		if r[i] == '-' && i+1 < n && !isSpace(r[i+1]) {
			neg = true
			i++
		}
		if isQuote(r[i]) {
			text, end, closed := p.quoted(i)
			i = end
			words := foldWords(text)
			if !closed {
				p.hint(start, "unclosed quote — searching for the words anyway")
				p.words(words, neg)
				continue
			}
			if len(words) == 0 {
				continue
			}
			if neg {
				p.q.NotPhrases = append(p.q.NotPhrases, words)
			} else {
				p.q.Phrases = append(p.q.Phrases, words)
			}
			continue
		}
		k := i
		for k < n && isKeyRune(r[k]) {
			k++
		}
		if k > i && k < n && r[k] == ':' {
			key := strings.ToLower(string(r[i:k]))
			if isFilterKey(key) {
				i = p.filter(start, key, k+1, neg)
				continue
			}
			switch key {
			case "http", "https", "ftp", "mailto", "file":
			default:
				p.hint(start, fmt.Sprintf("unknown filter %s: — known: %s", key, strings.Join(filterKeys, ", ")))
			}
		}
		j := i
		for j < n && !isSpace(r[j]) && !isQuote(r[j]) {
			j++
		}
		p.words(foldWords(string(r[i:j])), neg)
		i = j
	}
}

// words adds plain words, or leaves them out when neg: one word as a word,
// several ("-al-qaeda") as the phrase they were written as.
func (p *parser) words(words []string, neg bool) {
	switch {
	case !neg:
		p.q.Words = append(p.q.Words, words...)
	case len(words) == 1:
		p.q.Not = append(p.q.Not, words[0])
	case len(words) > 1:
		p.q.NotPhrases = append(p.q.NotPhrases, words)
	}
}

func isFilterKey(k string) bool {
	for _, f := range filterKeys {
		if f == k {
			return true
		}
	}
	return false
}

// filter reads the value of key: starting at i and returns the position
// after it.
func (p *parser) filter(start int, key string, i int, neg bool) int {
	r := p.r
	var value string
	if i < len(r) && isQuote(r[i]) {
		var closed bool
		value, i, closed = p.quoted(i)
		if !closed {
			p.hint(start, "unclosed quote — searching for the words anyway")
		}
	} else {
		j := i
		for j < len(r) && !isSpace(r[j]) && !isQuote(r[j]) {
			j++
		}
		value, i = string(r[i:j]), j
	}
	value = strings.Join(strings.Fields(value), " ")
	if value == "" {
		p.hint(start, key+": needs a value")
		return i
	}
	switch key {
	case KeyKind:
		k, ok := parseKind(value)
		if !ok {
			p.hint(start, fmt.Sprintf("unknown kind %s — known: piece, passage, claim, note", value))
			return i
		}
		value = string(k)
	case KeyBefore, KeyAfter:
		if _, ok := dateKey(value); !ok || (len(value) != 4 && len(value) != 7 && len(value) != 10) {
			p.hint(start, key+": wants a date like 2019, 2019-05 or 2019-05-14")
			return i
		}
	}
	p.q.Filters = append(p.q.Filters, Filter{Key: key, Value: value, Not: neg})
	return i
}

// parseKind accepts the kinds, their plurals, the store's "annotation", and
// any unambiguous start of these ("pa", "cl").
func parseKind(v string) (Kind, bool) {
	v = foldValue(v)
	names := []struct {
		name string
		kind Kind
	}{
		{"pieces", KindPiece}, {"passages", KindPassage}, {"annotations", KindPassage},
		{"claims", KindClaim}, {"notes", KindNote},
	}
	var found Kind
	for _, n := range names {
		if v == n.name || v == n.name[:len(n.name)-1] {
			return n.kind, true
		}
		if strings.HasPrefix(n.name, v) {
			if found != "" && found != n.kind {
				return "", false
			}
			found = n.kind
		}
	}
	return found, found != ""
}
