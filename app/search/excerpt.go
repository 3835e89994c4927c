package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// excerptRunes is the length of an excerpt: about two lines of a list row.
const excerptRunes = 160

// highlighter knows, for every vocabulary word a query matched, which query
// words it answers and how much of it to mark.
type highlighter struct {
	e     *Engine
	words map[uint32]hl
	nterm int
}

type hl struct {
	terms  uint64
	prefix int  // folded runes to mark when only a start matched
	whole  bool // some query word matched the whole word
}

func (e *Engine) newHighlighter(p *plan) *highlighter {
	h := &highlighter{e: e, words: map[uint32]hl{}, nterm: min(len(p.terms), 64)}
	for i, t := range p.terms[:h.nterm] {
		for _, wm := range t.words {
			v := h.words[wm.id]
			v.terms |= 1 << i
			if wm.class == classPrefix || wm.class == classFuzzyPrefix {
				v.prefix = max(v.prefix, t.runes)
			} else {
				v.whole = true
			}
			h.words[wm.id] = v
		}
	}
	return h
}

// match is a highlighted word of a string.
type match struct {
	runeStart, runeEnd int
	start, end         int // bytes of the whole word
	terms              uint64
}

// matches returns the matched words of s, in order. With stopAfter > 0 it
// stops once it has seen every query word matched in s within a window
// and read stopAfter runes past it; excerpts need no more.
func (h *highlighter) matches(s string, stopAfter int) []match {
	var out []match
	var t tokenizer
	t.track = true
	t.reset(s)
	nextCheck := stopAfter
	for t.next() {
		if stopAfter > 0 && len(out) > 0 && t.runeStart >= nextCheck {
			// By position, not by matches counted: a text with a match or
			// two near its start must not be read to its end.
			nextCheck = t.runeStart + stopAfter
			if _, r, all := h.bestWindow(out); all && t.runeStart > out[r].runeEnd+stopAfter {
				break
			}
		}
		id, ok := h.e.voc.lookup(t.word(), t.hash)
		if !ok {
			continue
		}
		v, ok := h.words[id]
		if !ok {
			continue
		}
		end := t.runeEnd
		if !v.whole && v.prefix < t.folded {
			end = t.runeStart + t.prefix[v.prefix-1]
		}
		out = append(out, match{runeStart: t.runeStart, runeEnd: end, start: t.start, end: t.end, terms: v.terms})
	}
	return out
}

// bestWindow picks the run of matches that fits an excerpt and covers the
// most distinct query words, then the most matches. It reports whether it
// covers every query word seen in ms.
func (h *highlighter) bestWindow(ms []match) (int, int, bool) {
	var seen uint64
	for _, m := range ms {
		seen |= m.terms
	}
	var counts [64]int
	var cover uint64
	bestL, bestR, bestN, bestC := 0, 0, -1, 0
	l := 0
	add := func(m match, d int) {
		for b := m.terms; b != 0; b &= b - 1 {
			i := trailingZeros(b)
			counts[i] += d
			if counts[i] > 0 {
				cover |= 1 << i
			} else {
				cover &^= 1 << i
			}
		}
	}
	for r, m := range ms {
		add(m, 1)
		for ms[r].runeEnd-ms[l].runeStart > excerptRunes-20 && l < r {
			add(ms[l], -1)
			l++
		}
		n := popcount(cover)
		if n > bestN || n == bestN && r-l+1 > bestC {
			bestL, bestR, bestN, bestC = l, r, n, r-l+1
		}
		if cover == seen && r-l+1 >= 4 {
			break
		}
	}
	return bestL, bestR, cover == seen || popcount(seen) == bestN
}

// excerpt cuts about excerptRunes runes of text around its best matches,
// or its start when nothing matched there, and returns the matched ranges
// inside it. Line breaks become spaces: excerpts show on one line.
func (h *highlighter) excerpt(text string) (string, [][2]int) {
	if text == "" {
		return "", nil
	}
	ms := h.matches(text, excerptRunes)
	if len(ms) == 0 {
		end := advanceRunes(text, 0, excerptRunes)
		end = wordEnd(text, end)
		return oneLine(text[:end], end < len(text), false), nil
	}
	l, r, _ := h.bestWindow(ms)
	spanRunes := ms[r].runeEnd - ms[l].runeStart
	pad := max(excerptRunes-spanRunes, 0)
	// Give most of the room to what follows: readers read forwards.
	before := min(pad/3, 60)
	start, startRune := backRunes(text, ms[l].start, ms[l].runeStart, before)
	start, startRune = wordStart(text, start, startRune, ms[l].start, ms[l].runeStart)
	end := advanceRunes(text, start, excerptRunes)
	if end < ms[r].end {
		end = ms[r].end
	}
	end = wordEnd(text, end)
	lead := start > 0
	out := oneLine(text[start:end], end < len(text), lead)
	shift := -startRune
	if lead {
		shift++
	}
	endRune := startRune + utf8.RuneCountInString(text[start:end])
	var ranges [][2]int
	for _, m := range ms {
		if m.runeStart >= startRune && m.runeEnd <= endRune {
			ranges = append(ranges, [2]int{m.runeStart + shift, m.runeEnd + shift})
		}
	}
	return out, ranges
}

func oneLine(s string, trail, lead bool) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if lead {
		s = "…" + s
	}
	if trail {
		s += "…"
	}
	return s
}

// advanceRunes returns the byte offset n runes after byte offset i.
func advanceRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// backRunes steps back n runes from byte i (rune ri).
func backRunes(s string, i, ri, n int) (int, int) {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		ri--
	}
	return i, ri
}

// wordStart moves i forward, never past limit, so that an excerpt opens on
// a sentence if one starts before the match, else on a whole word.
func wordStart(s string, i, ri, limit, limitRune int) (int, int) {
	if i == 0 {
		return 0, 0
	}
	if k := lastSentenceEnd(s[i:limit]); k >= 0 {
		return skipSpace(s, i+k, ri+utf8.RuneCountInString(s[i:i+k]), limit, limitRune)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isWordRune(r) {
		return skipSpace(s, i, ri, limit, limitRune)
	}
	for i < limit {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
		ri++
	}
	return skipSpace(s, i, ri, limit, limitRune)
}

// lastSentenceEnd returns the offset just past the last sentence end (a
// full stop, question or exclamation mark before a space, or a line
// break) in s, or -1.
func lastSentenceEnd(s string) int {
	for k := len(s) - 1; k >= 0; k-- {
		switch s[k] {
		case '\n':
			return k + 1
		case ' ':
			if k > 0 && (s[k-1] == '.' || s[k-1] == '?' || s[k-1] == '!') {
				return k
			}
		}
	}
	return -1
}

func skipSpace(s string, i, ri, limit, limitRune int) (int, int) {
	for i < limit {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		i += size
		ri++
	}
	if i > limit {
		return limit, limitRune
	}
	return i, ri
}

// wordEnd extends i to the end of the word it falls in.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// hits builds the Hits for the top slots, excerpts and highlights
// included, on two cores when there is enough text to cut.
func (e *Engine) hits(p *plan, top []scored) []Hit {
	if len(top) == 0 {
		return nil
	}
	h := e.newHighlighter(p)
	out := make([]Hit, len(top))
	titles, texts := make([]string, len(top)), make([]string, len(top))
	textBytes := 0
	for i, s := range top {
		titles[i], texts[i] = e.shown(s.slot)
		textBytes += len(texts[i])
	}
	build := func(i int) {
		rec := &e.recs[top[i].slot]
		hit := Hit{
			ID: rec.ID, Kind: rec.Kind, Title: titles[i],
			PieceID: rec.PieceID, PieceTitle: rec.PieceTitle,
			Date: e.date[top[i].slot], Score: float64(top[i].score),
		}
		if len(h.words) > 0 {
			for _, m := range h.matches(titles[i], 0) {
				hit.TitleMatches = append(hit.TitleMatches, [2]int{m.runeStart, m.runeEnd})
			}
		}
		hit.Excerpt, hit.ExcerptMatches = h.excerpt(texts[i])
		out[i] = hit
	}
	if textBytes < 64<<10 || len(top) < 4 {
		for i := range top {
			build(i)
		}
		return out
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(top); i += 2 {
				build(i)
			}
		}()
	}
	wg.Wait()
	return out
}
