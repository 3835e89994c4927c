package anchor

// Scoring follows Hypothesis (match-quote.ts): a weighted sum of how well
// the quote, the prefix and the suffix match, plus a small pull towards the
// old position that only matters between otherwise equal places.
const (
	weightQuote  = 50
	weightPrefix = 20
	weightSuffix = 20
	weightPos    = 2
	weightTotal  = weightQuote + weightPrefix + weightSuffix + weightPos
)

// maxContextRunes bounds the prefix and suffix used for scoring. Selectors
// written by Describe keep ContextRunes; the bound protects against foreign
// or corrupt selectors whose context would make scoring quadratic.
const maxContextRunes = 2 * ContextRunes

// candidate is one place the quote may have gone to, in rune offsets of the
// resolved text.
type candidate struct {
	start, end int
	quote      float64 // 1 - edits/len(quote)
	prefix     float64 // similarity of the text before start to the stored prefix
	suffix     float64 // likewise after end
	context    float64 // mean of prefix and suffix over the sides the selector has
	score      float64
	verbatim   bool // the quote occurs here as is, or differing only in white space
}

// quoteContext is the selector's stored context, trimmed to what scoring uses.
type quoteContext struct {
	prefix, suffix []rune
}

func newContext(prefix, suffix []rune) quoteContext {
	if len(prefix) > maxContextRunes {
		prefix = prefix[len(prefix)-maxContextRunes:]
	}
	if len(suffix) > maxContextRunes {
		suffix = suffix[:maxContextRunes]
	}
	return quoteContext{prefix: prefix, suffix: suffix}
}

// rate fills in the context scores of a match at [s, e) of hay (the text in
// whichever form it was found in) and the combined score. posScore has been
// computed by the caller in original offsets.
func (cx quoteContext) rate(c *candidate, hay []rune, s, e int, posScore float64) {
	c.prefix, c.suffix = 1, 1 // a side the selector lacks cannot disagree
	sides, sum := 0, 0.0
	if len(cx.prefix) > 0 {
		c.prefix = prefixSimilarity(cx.prefix, hay[max(0, s-len(cx.prefix)):s])
		sides++
		sum += c.prefix
	}
	if len(cx.suffix) > 0 {
		c.suffix = suffixSimilarity(cx.suffix, hay[e:min(len(hay), e+len(cx.suffix))])
		sides++
		sum += c.suffix
	}
	c.context = 1
	if sides > 0 {
		c.context = sum / float64(sides)
	}
	c.score = (weightQuote*c.quote + weightPrefix*c.prefix + weightSuffix*c.suffix + weightPos*posScore) / weightTotal
}

// positionScore is 1 at the old position and falls linearly to 0 across the
// whole text, as in Hypothesis.
func positionScore(start, hint, n int) float64 {
	if n == 0 {
		return 1
	}
	d := start - hint
	if d < 0 {
		d = -d
	}
	return 1 - float64(min(d, n))/float64(n)
}

// prefixSimilarity compares the stored prefix with the text just before a
// match. The two are aligned at the match; at the far end the window may
// start anywhere, since edits there only shift what falls inside it.
// Stored runes left unmatched count as errors, so unrelated text scores low.
func prefixSimilarity(want, win []rune) float64 {
	if len(win) == 0 {
		return 0
	}
	if equalRunes(want, win) {
		return 1
	}
	// D[i][j]: edits from want[:i] to win[x:j], free x.
	var buf [maxContextRunes + 1]int
	row := buf[:len(win)+1]
	for i := 1; i <= len(want); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(win); j++ {
			up := row[j]
			v := diag
			if want[i-1] != win[j-1] {
				v = min(diag, up, row[j-1]) + 1
			}
			row[j] = v
			diag = up
		}
	}
	return 1 - float64(row[len(win)])/float64(len(want))
}

// suffixSimilarity is prefixSimilarity mirrored: aligned at the match, free
// at the far end of the window.
func suffixSimilarity(want, win []rune) float64 {
	if len(win) == 0 {
		return 0
	}
	if equalRunes(want, win) {
		return 1
	}
	// D[i][j]: edits from want[:i] to win[:j]; the answer is the best j.
	var buf [maxContextRunes + 1]int
	row := buf[:len(win)+1]
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(want); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(win); j++ {
			up := row[j]
			v := diag
			if want[i-1] != win[j-1] {
				v = min(diag, up, row[j-1]) + 1
			}
			row[j] = v
			diag = up
		}
	}
	best := row[0]
	for _, v := range row[1:] {
		best = min(best, v)
	}
	return 1 - float64(best)/float64(len(want))
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
