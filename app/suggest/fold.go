package suggest

import "strings"

// stem strips the commonest English inflections in place, so that
// "doubled", "doubling" and "doubles" count as one content word in a
// paraphrase. It is deliberately crude: it only has to map variants
// together, never to produce a real word. Words that are not plain ASCII
// letters are left alone.
func stem(w []byte) []byte {
	if len(w) < 4 {
		return w
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	n := len(w)
	switch {
	case n > 4 && hasSuffix(w, "ies"):
		w = append(w[:n-3], 'y')
	case hasSuffix(w, "sses"):
		w = w[:n-2]
	case hasSuffix(w, "ss"), hasSuffix(w, "us"), hasSuffix(w, "is"):
	case hasSuffix(w, "s"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case n > 5 && hasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && hasSuffix(w, "ed"):
		w = w[:n-2]
	}
	n = len(w)
	if n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		w = w[:n-1] // "planned" → "plann" → "plan"
	}
	if n = len(w); n > 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

func hasSuffix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == s
}

// Stopwords carry no topic: they are kept in shingles (recycled wording
// repeats them too) but are not content words, and a capitalised one does
// not start a name. They are looked up by folded-word hash, which the
// tokenizer computes anyway.
var stopHashes = func() map[uint64]bool {
	m := make(map[uint64]bool)
	for _, w := range strings.Fields(stopwordText) {
		m[hashBytes([]byte(w))] = true
	}
	return m
}()

const stopwordText = `a about above after again against all almost also although am among amongst an and another any
	are around as at be became because been before being below between both but by can cannot could did do does
	doing done down during each either else even ever every few for from further had has have having he her here
	hers herself him himself his how i if in into is it its itself just least less like many may me might more
	most much must my myself neither no nor not now of off often on once one only onto or other others otherwise
	our ours ourselves out over own per perhaps quite rather same several shall she should since so some still
	such than that the their theirs them themselves then there therefore these they this those though through
	thus to too toward towards under until up upon us very via was we were what whatever when whenever where
	whereas whether which while who whoever whom whose why will with within without would yet you your yours
	yourself yourselves
	said say says saying told tell according added also etc eg ie mr mrs ms dr`
