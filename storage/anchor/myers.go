package anchor

// Myers' bit-parallel edit distance (Myers 1999, "A fast bit-vector
// algorithm for approximate string matching based on dynamic programming"),
// in the multi-word block form with Ukkonen's cut-off, as used by the
// approx-string-match library behind Hypothesis. A column of the dynamic
// programming matrix is kept as bit vectors of +1/-1 vertical deltas, 64
// pattern runes per word, so a quote of m runes costs about ceil(m/64) word
// operations per text position and long quotes stay fast.

const wordBits = 64

// bitPattern is a quote compiled for one text's alphabet.
type bitPattern struct {
	m      int
	blocks int
	// row[id] selects the masks for the text rune numbered id: peq[row*blocks+b]
	// has bit r set when pattern rune b*64+r is that rune. Row 0 is all
	// zero and serves every rune the pattern lacks, so the tables grow with
	// the pattern, not with the alphabet (thousands of runes for CJK).
	row  []int32
	peq  []uint64
	last []uint64 // last[b] selects block b's bottom row; only the final block may be partial
}

func compilePattern(pat []rune, a *alphabet, reversed bool) *bitPattern {
	m := len(pat)
	blocks := (m + wordBits - 1) / wordBits
	p := &bitPattern{
		m:      m,
		blocks: blocks,
		row:    make([]int32, a.size),
		peq:    make([]uint64, blocks, blocks*8),
		last:   make([]uint64, blocks),
	}
	for b := range p.last {
		p.last[b] = 1 << (wordBits - 1)
	}
	p.last[blocks-1] = 1 << ((m - 1) % wordBits)
	rows := int32(1)
	for i := range pat {
		r := pat[i]
		if reversed {
			r = pat[m-1-i]
		}
		id, ok := a.id[r]
		if !ok {
			continue // absent from the text: can never match
		}
		if p.row[id] == 0 {
			p.row[id] = rows
			rows++
			p.peq = append(p.peq, make([]uint64, blocks)...)
		}
		p.peq[int(p.row[id])*blocks+i/wordBits] |= 1 << (i % wordBits)
	}
	return p
}

// masks returns the match masks of the text rune numbered id.
func (p *bitPattern) masks(id int32) []uint64 {
	r := int(p.row[id]) * p.blocks
	return p.peq[r : r+p.blocks]
}

// advance moves block b of the column state one text position to the right.
// hIn is the horizontal delta (-1, 0, +1) entering the block's top row; the
// return value is the delta leaving its bottom row.
func advance(pv, mv *uint64, eq, last uint64, hIn int) int {
	p, m := *pv, *mv
	var hInNeg uint64
	if hIn < 0 {
		hInNeg = 1
	}
	eq |= hInNeg
	xv := eq | m
	xh := (((eq & p) + p) ^ p) | eq
	ph := m | ^(xh | p)
	mh := p & xh
	hOut := 0
	if ph&last != 0 {
		hOut = 1
	}
	if mh&last != 0 {
		hOut--
	}
	ph <<= 1
	mh = mh<<1 | hInNeg
	if hIn > 0 {
		ph |= 1
	}
	*pv = mh | ^(xv | ph)
	*mv = ph & xv
	return hOut
}

// searchEnds scans ids (a slice of the text's alphabet ids) and calls emit
// for every end offset j (exclusive) at which some substring of ids ends
// within k edits of the pattern, with the fewest edits of any such
// substring. k must be below the pattern length.
func (p *bitPattern) searchEnds(ids []int32, k int, emit func(end, errs int)) {
	nb := p.blocks
	pv := make([]uint64, nb)
	mv := make([]uint64, nb)
	score := make([]int, nb)
	// Only blocks 0..y are live; below y every cell exceeds k, so they can
	// be treated as "all +1" until a match makes them relevant again.
	y := max(0, (k+wordBits-1)/wordBits-1)
	for b := 0; b <= y; b++ {
		score[b] = (b + 1) * wordBits
		pv[b] = ^uint64(0)
	}
	score[nb-1] = p.m
	for j, id := range ids {
		eqRow := p.masks(id)
		carry := 0
		for b := 0; b <= y; b++ {
			carry = advance(&pv[b], &mv[b], eqRow[b], p.last[b], carry)
			score[b] += carry
		}
		if score[y]-carry <= k && y < nb-1 && (eqRow[y+1]&1 != 0 || carry < 0) {
			y++
			pv[y], mv[y] = ^uint64(0), 0
			height := wordBits
			if y == nb-1 {
				if r := p.m % wordBits; r != 0 {
					height = r
				}
			}
			score[y] = score[y-1] + height - carry + advance(&pv[y], &mv[y], eqRow[y], p.last[y], carry)
		} else {
			for y > 0 && score[y] >= k+wordBits {
				y--
			}
		}
		if y == nb-1 && score[y] <= k {
			emit(j+1, score[y])
		}
	}
}

// anchoredScores computes the edit distance between the pattern and the
// text pinned at offset from of ids and extending c runes from it, for
// c = 0..maxLen (clamped to the text): forwards (dir > 0) for a pattern
// compiled as is, backwards (dir < 0) for one compiled reversed. It is how
// a match found by searchEnds gets its start, and how either boundary of a
// match is re-chosen once the other is fixed.
func (p *bitPattern) anchoredScores(ids []int32, from, dir, maxLen int) []int {
	nb := p.blocks
	pv := make([]uint64, nb)
	mv := make([]uint64, nb)
	for b := range pv {
		pv[b] = ^uint64(0) // D[i][0] = i: an empty text costs one per rune
	}
	if dir < 0 {
		maxLen = min(maxLen, from)
	} else {
		maxLen = min(maxLen, len(ids)-from)
	}
	out := make([]int, maxLen+1)
	score := p.m
	out[0] = score
	for c := 1; c <= maxLen; c++ {
		var id int32
		if dir > 0 {
			id = ids[from+c-1]
		} else {
			id = ids[from-c]
		}
		eqRow := p.masks(id)
		carry := 1 // D[0][c] = c: nothing is free at the pinned end
		for b := 0; b < nb; b++ {
			carry = advance(&pv[b], &mv[b], eqRow[b], p.last[b], carry)
		}
		score += carry
		out[c] = score
	}
	return out
}
