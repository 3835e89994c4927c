package search

// osa returns the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours each cost
// one) when it is at most k, and k+1 otherwise. Swaps count once because
// "secuirty" is one slip of the fingers, not two.
//
// With prefix set, b may be cut anywhere and the distance is to the closest
// prefix of b: that is how a half-typed word with a typo ("secri") still
// finds the word it is becoming ("security").
func osa[E byte | rune](a, b []E, k int, prefix bool) int {
	m := len(a)
	if prefix {
		if len(b) > m+k {
			b = b[:m+k]
		}
	} else if d := len(b) - m; d > k || -d > k {
		return k + 1
	}
	n := len(b)
	if m == 0 {
		if prefix {
			return 0
		}
		return min(n, k+1)
	}
	// Three rows, for the swap rule that looks two rows back.
	var buf [3 * (maxWordRunes + 4)]int
	if n+1 > maxWordRunes+4 {
		return k + 1
	}
	w := n + 1
	prev2, prev, cur := buf[0:w], buf[w:2*w], buf[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		rowMin := i
		ai := a[i-1]
		for j := 1; j <= n; j++ {
			cost := 1
			if ai == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if d := prev[j] + 1; d < v {
				v = d
			}
			if d := cur[j-1] + 1; d < v {
				v = d
			}
			if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == b[j-1] {
				if d := prev2[j-2] + 1; d < v {
					v = d
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	d := prev[n]
	if prefix {
		for _, v := range prev {
			d = min(d, v)
		}
	}
	return min(d, k+1)
}

// subsequence reports whether every element of a appears in b in order,
// starting with b's first: "afghnstn" in "afghanistan".
func subsequence[E byte | rune](a, b []E) bool {
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		return false
	}
	j := 0
	for _, c := range a {
		for j < len(b) && b[j] != c {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}
