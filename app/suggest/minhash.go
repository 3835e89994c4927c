package suggest

// MinHash estimates the Jaccard similarity of two shingle sets as the share
// of hash functions whose minimum over one set equals that over the other.
// Here it is only used to find candidates (lsh.go): scores are computed
// exactly on the few candidates, so the signatures are not kept.
const (
	numHashes = numBands * bandRows // hash functions per signature
	numBands  = 16                  // LSH bands
	bandRows  = 4                   // signature values per band
)

// The hash functions are h_i(x) = (a_i·x + b_i) >> 32 over the 64-bit
// shingle hash x, with odd a_i: one multiply-add each, and the shingle hash
// is already well mixed, so no per-function rehash is needed. The
// coefficients are fixed (seeded) so that an index is reproducible.
var mhA, mhB = minhashCoefficients()

func minhashCoefficients() (a, b [numHashes]uint64) {
	seed := uint64(0x2545f4914f6cdd1d)
	next := func() uint64 {
		seed += 0x9e3779b97f4a7c15
		return mix64(seed)
	}
	for i := range a {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}

// signature computes the MinHash signature of a non-empty shingle list
// (duplicates do not matter).
func signature(shingles []uint64, sig *[numHashes]uint32) {
	// A local copy and a branchless min keep the inner loop in registers
	// and free of mispredictions: this is most of the cost of building.
	var m [numHashes]uint32
	for i := range m {
		m[i] = ^uint32(0)
	}
	for _, x := range shingles {
		for i := range numHashes {
			m[i] = min(m[i], uint32((x*mhA[i]+mhB[i])>>32))
		}
	}
	*sig = m
}

// bandKeys hashes each band of rows of a signature to one key. Two
// sentences with Jaccard similarity J share a given band with probability
// J^bandRows, and at least one of numBands with 1-(1-J^bandRows)^numBands:
// with 16 bands of 4 rows that is 0.9996 at J=0.8, 0.89 at J=0.6, 0.64 at
// J=0.5 and 0.12 at J=0.3. The content-word channel (terms.go) covers what
// falls below.
func bandKeys(sig *[numHashes]uint32, keys *[numBands]uint32) {
	for b := range numBands {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for _, v := range sig[b*bandRows : (b+1)*bandRows] {
			h = mix64(h ^ uint64(v))
		}
		keys[b] = uint32(h >> 32)
	}
}
