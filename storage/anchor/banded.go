package anchor

// bandedScores aligns the whole quote with the text pinned at from, reading
// forwards (dir > 0) or backwards (dir < 0), and returns the edit distance
// for every length of text covered (index = length, up to len(quote)+k).
// Only distances up to k are wanted, and alignments within k edits never
// stray more than k cells from the diagonal, so the work is
// len(quote)*(2k+1) however long the quote (Ukkonen's band); entries above
// k are only bounds. It returns nil when every alignment needs more than k.
func bandedScores(quote, text []rune, from, dir, k int) []int {
	const inf = 1 << 30
	m := len(quote)
	avail := len(text) - from
	if dir < 0 {
		avail = from
	}
	if from < 0 || avail < 0 || k < 0 {
		return nil
	}
	width := 2*k + 1
	prev := make([]int, width) // band index b holds column j = i + b - k
	cur := make([]int, width)
	for b := range prev {
		prev[b] = inf
		if j := b - k; j >= 0 && j <= avail {
			prev[b] = j
		}
	}
	for i := 1; i <= m; i++ {
		q := quote[i-1]
		if dir < 0 {
			q = quote[m-i]
		}
		rowMin := inf
		for b := 0; b < width; b++ {
			j := i + b - k
			if j < 0 || j > avail {
				cur[b] = inf
				continue
			}
			v := i // column 0: the quote's first i runes deleted
			if j > 0 {
				var t rune
				if dir > 0 {
					t = text[from+j-1]
				} else {
					t = text[from-j]
				}
				v = prev[b] // diagonal
				if q != t {
					v++
				}
				if b+1 < width && prev[b+1]+1 < v {
					v = prev[b+1] + 1
				}
				if b > 0 && cur[b-1]+1 < v {
					v = cur[b-1] + 1
				}
			}
			cur[b] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > k {
			return nil
		}
		prev, cur = cur, prev
	}
	out := make([]int, m+k+1)
	for j := range out {
		out[j] = inf
		if b := j - m + k; b >= 0 && b < width {
			out[j] = prev[b]
		}
	}
	return out
}
