package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// sentence is the byte span [start,end) of one sentence of a text. para is
// set on the first sentence of a paragraph, so that passages, which never
// cross a paragraph break, can be built from consecutive sentences.
type sentence struct {
	start, end int
	para       bool
}

// sentences splits s into sentences. Paragraph breaks and single line
// breaks always end a sentence (a line without a full stop is a heading, a
// verse line or a speaker's turn); inside a line, terminal punctuation ends
// one when what follows looks like the start of another. Spans never start
// or end with white space.
func sentences(s string, dst []sentence) []sentence {
	for _, p := range textnorm.Paragraphs(s) {
		first := true
		for ls := p[0]; ls < p[1]; {
			le := ls + strings.IndexByte(s[ls:p[1]], '\n')
			if le < ls {
				le = p[1]
			}
			n := len(dst)
			dst = splitLine(s, ls, le, dst)
			if first && len(dst) > n {
				dst[n].para = true
				first = false
			}
			ls = le + 1
		}
	}
	return dst
}

// splitLine appends the sentences of the line s[from:to].
func splitLine(s string, from, to int, dst []sentence) []sentence {
	start := skipSpace(s, from, to)
	for i := start; i < to; {
		r, w := utf8.DecodeRuneInString(s[i:to])
		switch {
		case isCJKStop(r):
			// CJK text has no spaces after a full stop: the stop alone ends
			// the sentence.
			j := absorb(s, i+w, to, isCJKStop)
			j = absorb(s, j, to, isCloser)
			dst = appendSentence(s, start, j, dst)
			start = skipSpace(s, j, to)
			i = start
		case isStop(r):
			j := absorb(s, i+w, to, isStop)
			j = absorb(s, j, to, isCloser)
			if j < to && s[j] != ' ' && s[j] != '\t' {
				// "3.5", "example.com", "U.S.-China": no space, no boundary.
				i = j
				continue
			}
			k := skipSpace(s, j, to)
			if k < to && boundary(s, start, i, j, k, to) {
				dst = appendSentence(s, start, j, dst)
				start = k
			}
			i = k
		default:
			i += w
		}
	}
	return appendSentence(s, start, to, dst)
}

// boundary decides whether the terminal punctuation s[i:j] ends the
// sentence begun at start, given that the next one would begin at k.
func boundary(s string, start, i, j, k, to int) bool {
	next, nextWord := peekWord(s, k, to)
	if unicode.IsLower(next) {
		// "e.g. the", "“Why?” she asked", "etc. and": sentences do not
		// start in lower case in edited prose.
		return false
	}
	if s[i] != '.' || j-i > 1 && s[i+1] == '.' {
		return true // ! ? … or a run of dots ending in a capital
	}
	word := wordBefore(s, start, i)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if titles[lw] {
		return false // "Dr. Rahimova": a title always precedes a name
	}
	initial := utf8.RuneCountInString(word) == 1 && unicode.IsUpper(firstRune(word))
	if initial || abbreviations[lw] {
		// "U.S." and "Inc." end sentences too, but only a word that
		// commonly starts one ("The", "In") says that they do here.
		if unicode.IsDigit(next) {
			return false
		}
		return starters[strings.ToLower(nextWord)]
	}
	return true
}

// peekWord returns the first letter or digit at or after k (skipping
// opening quotes and brackets) and the word it starts.
func peekWord(s string, k, to int) (rune, string) {
	for k < to {
		r, w := utf8.DecodeRuneInString(s[k:to])
		if isOpener(r) {
			k += w
			continue
		}
		e := k
		for e < to {
			r2, w2 := utf8.DecodeRuneInString(s[e:to])
			if !unicode.IsLetter(r2) {
				break
			}
			e += w2
		}
		return r, s[k:e]
	}
	return 0, ""
}

// wordBefore returns the run of letters ending at i, stopping at a dot so
// that "U.S" yields "S".
func wordBefore(s string, start, i int) string {
	b := i
	for b > start {
		r, w := utf8.DecodeLastRuneInString(s[start:b])
		if !unicode.IsLetter(r) {
			break
		}
		b -= w
	}
	return s[b:i]
}

// maxSentence is the longest sentence, in bytes, kept whole. Transcripts
// and lists can run for pages without a full stop; cutting them at a
// clause keeps passages readable and the cost of scoring one bounded.
const maxSentence = 1500

func appendSentence(s string, start, end int, dst []sentence) []sentence {
	for end-start > maxSentence {
		cut := clauseEnd(s, start, start+maxSentence)
		dst = appendSentence(s, start, cut, dst)
		start = skipSpace(s, cut, end)
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	if end > start {
		dst = append(dst, sentence{start: start, end: end})
	}
	return dst
}

// clauseEnd returns where to cut s[start:limit]: after the last clause
// punctuation in its second half, else at its last space, else at a rune
// boundary.
func clauseEnd(s string, start, limit int) int {
	half := start + (limit-start)/2
	for i := limit; i > half; {
		r, w := utf8.DecodeLastRuneInString(s[half:i])
		switch r {
		case ';', ',', '，', '、', '；', ':', '—':
			return i
		}
		i -= w
	}
	if i := strings.LastIndexByte(s[half:limit], ' '); i > 0 {
		return half + i
	}
	for limit > half && !utf8.RuneStart(s[limit]) {
		limit--
	}
	return limit
}

func skipSpace(s string, i, to int) int {
	for i < to && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// absorb advances i over runes matching f.
func absorb(s string, i, to int, f func(rune) bool) int {
	for i < to {
		r, w := utf8.DecodeRuneInString(s[i:to])
		if !f(r) {
			break
		}
		i += w
	}
	return i
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isStop(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

func isCJKStop(r rune) bool {
	switch r {
	case '。', '！', '？', '｡':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '】', '〕', '》':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '「', '『', '（', '【', '〔', '《', '¿', '¡':
		return true
	}
	return false
}

// titles precede a name, so a full stop after one never ends a sentence.
var titles = setOf(`mr mrs ms dr prof gen col lt sgt capt cpt maj adm gov sen rep rev hon pres fr st mt ft messrs mme mlle
	brig cmdr supt insp det`)

// abbreviations usually continue the sentence but may end it ("Apple
// Inc." at the end of one); months are here for "Jan. 5".
var abbreviations = setOf(`etc vs approx inc ltd co corp bros jr sr al cf ca fig no nos vol pp esp dept univ assn est
	jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun e g i u s k n`)

// starters are words that commonly begin a sentence: after an abbreviation
// or an initial, one of them is the evidence that a sentence ended.
var starters = setOf(`the a an in on at it its he she they we i you this that these those there here but and or so yet
	however his her their our my your when while after before as if for from with by one some many most what who why
	how since although though because meanwhile then still now no not mr mrs ms dr officials analysts critics`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
