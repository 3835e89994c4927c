package search

import (
	"slices"
	"sync"
	"time"
)

// Session searches as the user types. It remembers the last few queries'
// matches and each query word's vocabulary matches, so that a keystroke
// that only narrows the query (one more letter, one more word, one more
// filter) searches the previous matches instead of the whole notebook.
// Results are always exactly those of Engine.Search.
//
// A Session is safe for concurrent use, but it is meant for one input
// field: give each field its own.
type Session struct {
	e       *Engine
	mu      sync.Mutex
	version uint64
	terms   map[termKey]*termMatch
	hist    []*entry // most recent first

	narrowed, searches int // for tests and benchmarks
}

type termKey struct {
	term  string
	exact bool
}

// entry is a remembered query and every item it matched.
type entry struct {
	q       Query
	words   []*termMatch // per q.Words, nil where ignored
	matches []uint32     // slots, ascending
}

const (
	sessionHistory = 8
	sessionTerms   = 512
)

// NewSession starts a Session on e.
func (e *Engine) NewSession() *Session {
	return &Session{e: e, terms: map[termKey]*termMatch{}}
}

// Search parses query and searches it. The error, a *SyntaxError, only
// carries a hint; the results are usable whatever it says.
func (s *Session) Search(query string, limit int) (Results, error) {
	q, err := Parse(query)
	return s.SearchQuery(q, limit), err
}

// SearchQuery searches an already parsed query, for callers that adjust
// it first (the "Link to…" picker restricts kinds with Query.OnlyKinds).
func (s *Session) SearchQuery(q Query, limit int) Results {
	start := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.e
	e.mu.RLock()
	defer e.mu.RUnlock()
	if s.version != e.version {
		// The index changed: remembered slots and word sets are stale.
		clear(s.terms)
		s.hist = s.hist[:0]
		s.version = e.version
	}
	p := e.newPlan(q, s.term)
	words := make([]*termMatch, min(len(q.Words), maxWords))
	for i := range words {
		if tm := s.term(q.Words[i], false); len(tm.words) > 0 {
			words[i] = tm
		}
	}
	var restrict []uint32
	if !p.none {
		for _, old := range s.hist {
			if (restrict == nil || len(old.matches) < len(restrict)) && narrows(q, words, old) {
				restrict = old.matches
			}
		}
	}
	s.searches++
	if restrict != nil {
		s.narrowed++
	}
	top, total, matches := e.run(p, restrict, limit, true)
	if matches != nil {
		s.remember(&entry{q: q, words: words, matches: matches})
	}
	return Results{Hits: e.hits(p, top), Total: total, Took: time.Since(start), Ignored: p.ignored}
}

func (s *Session) term(t string, exact bool) *termMatch {
	k := termKey{t, exact}
	if tm, ok := s.terms[k]; ok {
		return tm
	}
	if len(s.terms) >= sessionTerms {
		clear(s.terms)
	}
	tm := s.e.matchTerm(t, exact)
	s.terms[k] = tm
	return tm
}

func (s *Session) remember(en *entry) {
	if len(s.hist) == sessionHistory {
		s.hist = s.hist[:sessionHistory-1]
	}
	s.hist = slices.Insert(s.hist, 0, en)
}

// narrows reports whether every item matching q (with per-word matches
// words) also matched old, so old's matches can stand in for the index.
// It is conservative: false only costs a full search.
func narrows(q Query, words []*termMatch, old *entry) bool {
	for i, ow := range old.words {
		if ow == nil {
			continue // ignored then: it constrained nothing
		}
		if i >= len(words) || words[i] == nil || !subset(words[i].words, ow.words) {
			return false
		}
	}
	if !stringsSubset(old.q.Not, q.Not) || !phrasesSubset(old.q.Phrases, q.Phrases) || !phrasesSubset(old.q.NotPhrases, q.NotPhrases) {
		return false
	}
	// Filters: each negative one old had, q must have; for each key old
	// restricted, q must allow a subset of the alternatives.
	for _, f := range old.q.Filters {
		if f.Not {
			if !slices.Contains(q.Filters, f) {
				return false
			}
			continue
		}
		for _, g := range q.Filters {
			if g.Key == f.Key && !g.Not && !slices.Contains(old.q.Filters, g) {
				return false
			}
		}
		if !slices.ContainsFunc(q.Filters, func(g Filter) bool { return g.Key == f.Key && !g.Not }) {
			return false
		}
	}
	return true
}

// subset reports whether every word of a (ordered by id) is in b.
func subset(a, b []wordMatch) bool {
	j := 0
	for _, w := range a {
		for j < len(b) && b[j].id < w.id {
			j++
		}
		if j == len(b) || b[j].id != w.id {
			return false
		}
	}
	return true
}

func stringsSubset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

func phrasesSubset(a, b [][]string) bool {
	for _, p := range a {
		if !slices.ContainsFunc(b, func(q []string) bool { return slices.Equal(p, q) }) {
			return false
		}
	}
	return true
}
