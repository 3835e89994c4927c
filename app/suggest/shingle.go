package suggest

import (
	"math/bits"
	"slices"
)

// shingleSize is the length of the word n-grams compared for near-duplicate
// wording. Three words are specific enough that unrelated sentences share
// few ("the Wakhan corridor" is a topic, "needs a safe" is wording) yet
// short enough that one edited word spoils only three of them.
const shingleSize = 3

// shortQueryWords is the length below which a query is compared by 2-word
// shingles: a five-word quote has only three 3-word shingles, too few for
// the proportion shared to mean much.
const shortQueryWords = 6

// sizeFor returns the shingle size used to compare a query of n words.
func sizeFor(n int) int {
	switch {
	case n >= shortQueryWords:
		return shingleSize
	case n >= 2:
		return 2
	}
	return 1
}

// shingleHash hashes the n words of one shingle. Rotating each word by its
// position keeps the hash order-sensitive ("safe haven needs" is not
// "needs safe haven").
func shingleHash(words []uint64) uint64 {
	h := uint64(len(words)) * 0x9e3779b97f4a7c15
	for j, w := range words {
		h ^= bits.RotateLeft64(w, 21*j)
	}
	return mix64(h)
}

// appendShingles appends the hashes of the n-word shingles of words. A
// sequence shorter than n is one shingle of its own, so that short
// passages still compare equal to themselves.
func appendShingles(dst []uint64, words []uint64, n int) []uint64 {
	if len(words) == 0 {
		return dst
	}
	if len(words) < n {
		return append(dst, shingleHash(words))
	}
	for i := 0; i+n <= len(words); i++ {
		dst = append(dst, shingleHash(words[i:i+n]))
	}
	return dst
}

// shingleSet returns the sorted, duplicate-free shingles of words, reusing
// dst.
func shingleSet(dst []uint64, words []uint64, n int) []uint64 {
	dst = appendShingles(dst[:0], words, n)
	slices.Sort(dst)
	return slices.Compact(dst)
}

// intersectCount counts the values two sorted sets share.
func intersectCount(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
