package storagetest

import (
	"math/rand/v2"
	"strings"
)

// LongText makes a normalised text (see textnorm) of exactly n bytes:
// sentences of words, some outside ASCII, in paragraphs, the last one
// filler to make up the length. The same seed makes the same text.
func LongText(n int, seed uint64) string {
	words := strings.Fields("the corridor through Wakhan is narrow and watched by border posts " +
		"Badakhshān traders in Termez report that copper lithium investment stalled " +
		"Beijing worries about militants officials say the road must stay closed Ürümqi")
	r := rand.New(rand.NewPCG(seed, 13))
	var b strings.Builder
	b.Grow(n)
	for b.Len() < n-2000 {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for s := range 5 {
			if s > 0 {
				b.WriteByte(' ')
			}
			for w := range 14 {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
			b.WriteByte('.')
		}
	}
	if r := n - b.Len(); r > 0 {
		if b.Len() > 0 && r > 2 {
			b.WriteString("\n\n")
			r -= 2
		}
		filler := []byte(strings.Repeat("more ", r/5+1)[:r])
		if filler[r-1] == ' ' {
			filler[r-1] = 's' // no space at the end of a line
		}
		b.Write(filler)
	}
	return b.String()
}
