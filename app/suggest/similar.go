package suggest

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Match is a passage of another piece that says nearly the same thing as
// the query.
type Match struct {
	PieceID string
	// Start and End are rune offsets [Start,End) of the passage in the
	// piece's text: whole sentences, one to three of them, never across a
	// paragraph break.
	Start, End int
	Text       string  // the passage: the piece's runes [Start,End)
	Score      float64 // 0..1, matches are ranked by it (score.go)
	// Overlap is the Jaccard similarity of the word shingles of the query
	// and the passage, computed exactly on the passage rather than
	// estimated from MinHash signatures.
	Overlap float64
	// Shared lists the names (people, places, organisations) the passage
	// shares with the query, as the query writes them.
	Shared []string
	// Reason says in one short sentence why the passage was suggested,
	// e.g. "near-identical wording (82% of 3-word phrases shared)" or
	// "same names: Wakhan, Badakhshan; similar wording".
	Reason string
}

// Query limits, chosen so that a query over 10,000 pieces stays within a
// few milliseconds: candidates beyond them would score below the ones
// kept.
const (
	maxProbeSentences = 64  // query sentences looked up by LSH
	lshLimit          = 256 // LSH candidates kept, most bands shared first
	expandLimit       = 32  // best single sentences widened to 2–3 sentences
	expandMin         = 0.08
)

// termLimit is how many sentences the content-word channel proposes.
func termLimit(k int) int { return min(300, 50+5*k) }

// query is the analysed query.
type query struct {
	n         int        // shingle size
	cjk       bool       // mostly ideographs: shingles are of characters
	toks      []token    // all words, offsets into the query text
	sentTok   []int      // index in toks of each sentence's first word, and len(toks)
	shingles  []uint64   // sorted, distinct
	terms     []wterm    // content words outside names, by term
	norm      float64    // squared norm of terms
	ents      []entity   // names, distinct
	entWeight float64    // sum of their weights
	allTerms  []uint64   // content words including names, for candidate search
	sents     []sentence // its sentences
}

// scorer compares candidate passages with one query; it caches the
// analysis of each sentence it has looked at.
type scorer struct {
	x     *Index
	text  string
	q     *query
	tz    tokenizer
	cache map[uint32]*passage
	texts map[uint32]pieceText // by piece slot
	words []uint64
	set   []uint64
	terms []wterm
	// Arenas for the sentences' analyses: one allocation for many.
	tokArena  []token
	termArena []wterm
}

// Exclude is what a query must not be answered with.
type Exclude struct {
	// Piece is left out whole: the query passage's own piece.
	Piece string
	// Passages are already tied to the query (a claim's evidence, the
	// passages a passage is linked to): offering them again would suggest
	// what the researcher has done, so no passage overlapping one is
	// offered.
	Passages []Span
}

// Span is runes [Start,End) of a piece's text.
type Span struct {
	PieceID    string
	Start, End int
}

// Similar returns up to k passages that say nearly the same thing as text
// (a quoted passage or a claim), best first, leaving out what skip names.
// Passages scoring under MinScore are left out, so fewer than k, or none,
// may be returned.
func (x *Index) Similar(text string, skip Exclude, k int) []Match {
	if k <= 0 {
		return nil
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.live == 0 {
		return nil
	}
	sc := &scorer{x: x, text: text, cache: make(map[uint32]*passage), texts: make(map[uint32]pieceText)}
	sc.q = x.analyzeQuery(text, &sc.tz)
	if sc.q == nil {
		return nil
	}
	skipSlot := ^uint32(0)
	if slot, ok := x.byID[skip.Piece]; ok {
		skipSlot = slot
	}
	skipUnit := func(u uint32) bool {
		p := x.units[u].piece
		return p == skipSlot || x.pieces[p] == nil
	}
	// The passages the item is tied to, by piece slot; turned into byte
	// spans only for a piece that has a candidate, whose text the query
	// reads anyway — not read for every tied piece on every query.
	tied := make(map[uint32][]Span)
	for _, s := range skip.Passages {
		if slot, ok := x.byID[s.PieceID]; ok && x.pieces[slot] != nil {
			tied[slot] = append(tied[slot], s)
		}
	}
	tiedBytes := make(map[uint32][][2]int)

	type cand struct {
		a, b uint32
		r    windowScore
	}
	var scored []cand
	seen := make(map[[2]uint32]bool)
	try := func(a, b int) {
		if a < 0 || b >= len(x.units) || seen[[2]uint32{uint32(a), uint32(b)}] {
			return
		}
		for v := a + 1; v <= b; v++ {
			if x.units[v].flags&uPara != 0 || x.units[v].piece != x.units[a].piece {
				return // passages stay inside one paragraph
			}
		}
		seen[[2]uint32{uint32(a), uint32(b)}] = true
		if _, ok := sc.pieceText(x.units[a].piece); !ok {
			return // its text is not the one indexed: offsets would be wrong
		}
		ps := make([]*passage, 0, b-a+1)
		for v := a; v <= b; v++ {
			ps = append(ps, sc.passage(uint32(v)))
		}
		scored = append(scored, cand{uint32(a), uint32(b), sc.compare(ps)})
	}
	for _, u := range x.candidates(sc.q, k, skipUnit) {
		try(int(u), int(u))
	}
	// Widen the promising sentences: a quote may span two sentences, or
	// the other piece may have split one in two.
	singles := slices.Clone(scored)
	slices.SortFunc(singles, func(a, b cand) int { return cmp.Compare(b.r.score, a.r.score) })
	for _, c := range singles[:min(len(singles), expandLimit)] {
		if c.r.score < expandMin {
			break
		}
		u := int(c.a)
		try(u-1, u)
		try(u, u+1)
		try(u-2, u)
		try(u-1, u+1)
		try(u, u+2)
	}

	slices.SortFunc(scored, func(a, b cand) int {
		if c := cmp.Compare(b.r.score, a.r.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.b-a.a, b.b-b.a); c != 0 {
			return c // the tighter passage
		}
		pa, pb := x.pieces[x.units[a.a].piece], x.pieces[x.units[b.a].piece]
		if c := cmp.Compare(pa.id, pb.id); c != 0 {
			return c
		}
		return cmp.Compare(a.a, b.a)
	})
	var out []Match
	taken := make(map[uint32][][2]uint32) // per piece slot, passages returned
	for _, c := range scored {
		if c.r.score < MinScore || len(out) == k {
			break
		}
		slot := x.units[c.a].piece
		overlaps := false
		for _, t := range taken[slot] {
			if c.a <= t[1] && t[0] <= c.b {
				overlaps = true
				break
			}
		}
		bs, be := int(x.units[c.a].start), int(x.units[c.b].end())
		if _, done := tiedBytes[slot]; !done && len(tied[slot]) > 0 {
			tiedBytes[slot] = sc.byteSpans(slot, tied[slot])
		}
		for _, t := range tiedBytes[slot] {
			if bs < t[1] && t[0] < be {
				overlaps = true
				break
			}
		}
		if overlaps {
			continue
		}
		taken[slot] = append(taken[slot], [2]uint32{c.a, c.b})
		out = append(out, sc.match(c.a, c.b, c.r))
	}
	return out
}

// byteSpans turns rune spans in the piece in slot into byte spans of its
// indexed text; none if the text cannot be read.
func (sc *scorer) byteSpans(slot uint32, spans []Span) [][2]int {
	text, ok := sc.pieceText(slot)
	if !ok {
		return nil
	}
	out := make([][2]int, 0, len(spans))
	for _, s := range spans {
		out = append(out, [2]int{runeToByte(text, s.Start), runeToByte(text, s.End)})
	}
	return out
}

// pieceText is the indexed text of the piece in slot, read at most once
// per query.
func (sc *scorer) pieceText(slot uint32) (string, bool) {
	if t, ok := sc.texts[slot]; ok {
		return t.text, t.ok
	}
	text, ok := sc.x.textOf(sc.x.pieces[slot])
	sc.texts[slot] = pieceText{text, ok}
	return text, ok
}

type pieceText struct {
	text string
	ok   bool
}

// runeToByte is the byte offset of rune r of text (len(text) past its end).
func runeToByte(text string, r int) int {
	if r <= 0 {
		return 0
	}
	n := 0
	for i := range text {
		if n == r {
			return i
		}
		n++
	}
	return len(text)
}

// match builds the Match for the passage of sentences a..b.
func (sc *scorer) match(a, b uint32, r windowScore) Match {
	x := sc.x
	p := x.pieces[x.units[a].piece]
	text, _ := sc.pieceText(x.units[a].piece) // read when a was scored
	bs, be := int(x.units[a].start), int(x.units[b].end())
	ps := make([]*passage, 0, b-a+1)
	for v := a; v <= b; v++ {
		ps = append(ps, sc.passage(v))
	}
	shared, reason := sc.explain(ps, r)
	start := utf8.RuneCountInString(text[:bs])
	return Match{
		PieceID: p.id,
		Start:   start,
		End:     start + utf8.RuneCountInString(text[bs:be]),
		Text:    text[bs:be],
		Score:   r.score,
		Overlap: r.jaccard,
		Shared:  shared,
		Reason:  reason,
	}
}

// analyzeQuery analyses the query text, or returns nil if it has no words.
func (x *Index) analyzeQuery(text string, tz *tokenizer) *query {
	q := &query{sents: sentences(text, nil)}
	for _, s := range q.sents {
		q.sentTok = append(q.sentTok, len(q.toks))
		first := len(q.toks)
		q.toks = tz.tokens(text[s.start:s.end], s.start, q.toks)
		q.ents = x.entities(text, q.toks[first:], q.ents)
	}
	q.sentTok = append(q.sentTok, len(q.toks))
	if len(q.toks) == 0 {
		return nil
	}
	ents := q.ents[:0]
	for i, e := range q.ents {
		if !slices.ContainsFunc(q.ents[:i], func(f entity) bool { return f.key == e.key }) {
			ents = append(ents, e)
			q.entWeight += e.weight
		}
	}
	q.ents = ents

	q.n = sizeFor(len(q.toks))
	cjk := 0
	for _, t := range q.toks {
		if t.flags&tCJK != 0 {
			cjk++
		}
	}
	q.cjk = 2*cjk > len(q.toks)
	words := make([]uint64, len(q.toks))
	for i, t := range q.toks {
		words[i] = t.word
	}
	q.shingles = shingleSet(nil, words, q.n)
	q.terms = x.contentTerms(nil, q.toks)
	for _, t := range q.terms {
		q.norm += t.idf * t.idf
	}
	for _, t := range q.toks {
		if t.term != 0 {
			q.allTerms = append(q.allTerms, t.term)
		}
	}
	slices.Sort(q.allTerms)
	q.allTerms = slices.Compact(q.allTerms)
	return q
}

// contentTerms appends the distinct content words of toks that are not
// part of a name, sorted by term, with their IDF.
func (x *Index) contentTerms(dst []wterm, toks []token) []wterm {
	n := len(dst)
	for _, t := range toks {
		if t.term != 0 && t.flags&tEntity == 0 {
			dst = append(dst, wterm{term: t.term})
		}
	}
	sortTerms(dst[n:])
	out := dst[:n]
	for _, t := range dst[n:] {
		if len(out) > n && out[len(out)-1].term == t.term {
			continue
		}
		t.idf = x.idf(t.term)
		out = append(out, t)
	}
	return out
}

// passage returns the analysis of sentence u, computing it once per query.
func (sc *scorer) passage(u uint32) *passage {
	if p, ok := sc.cache[u]; ok {
		return p
	}
	x := sc.x
	un := x.units[u]
	text, _ := sc.pieceText(un.piece) // read when its passage was tried
	p := &passage{}
	if cap(sc.tokArena)-len(sc.tokArena) < 256 {
		sc.tokArena = make([]token, 0, 4096)
	}
	n := len(sc.tokArena)
	sc.tokArena = sc.tz.tokens(text[un.start:un.end()], int(un.start), sc.tokArena)
	p.toks = sc.tokArena[n:len(sc.tokArena):len(sc.tokArena)]
	p.ents = x.entities(text, p.toks, nil)
	if cap(sc.termArena)-len(sc.termArena) < len(p.toks) {
		sc.termArena = make([]wterm, 0, max(2048, len(p.toks)))
	}
	n = len(sc.termArena)
	sc.termArena = x.contentTerms(sc.termArena, p.toks)
	p.terms = sc.termArena[n:len(sc.termArena):len(sc.termArena)]
	sc.cache[u] = p
	return p
}

// candidates returns the sentences worth scoring: those sharing an LSH
// band with a query sentence (near-duplicates) and those sharing the most
// weighted content words with the query (paraphrases, fragments).
func (x *Index) candidates(q *query, k int, skip func(uint32) bool) []uint32 {
	hits := make(map[uint32]int)
	var words, shingles []uint64
	var sig [numHashes]uint32
	var keys [numBands]uint32
	for si := 0; si+1 < len(q.sentTok) && si < maxProbeSentences; si++ {
		toks := q.toks[q.sentTok[si]:q.sentTok[si+1]]
		if len(toks) < shingleSize {
			continue
		}
		words = words[:0]
		for _, t := range toks {
			words = append(words, t.word)
		}
		shingles = appendShingles(shingles[:0], words, shingleSize)
		signature(shingles, &sig)
		bandKeys(&sig, &keys)
		for b := range x.bands {
			x.bands[b].lookup(keys[b], func(u uint32) {
				if !skip(u) {
					hits[u]++
				}
			})
		}
	}
	out := make([]uint32, 0, len(hits))
	for u := range hits {
		out = append(out, u)
	}
	if len(out) > lshLimit {
		slices.SortFunc(out, func(a, b uint32) int {
			if c := cmp.Compare(hits[b], hits[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		out = out[:lshLimit]
	}
	out = append(out, x.termCandidates(q.allTerms, termLimit(k), skip)...)
	slices.Sort(out)
	return slices.Compact(out)
}

func sortTerms(ts []wterm) {
	slices.SortFunc(ts, func(a, b wterm) int { return cmp.Compare(a.term, b.term) })
}
