package anchor

import (
	"math/rand"
	"slices"
	"testing"
)

// naiveEnds is the textbook O(nm) semi-global edit distance: the reference
// the bit-parallel search must agree with exactly.
func naiveEnds(pat, text []rune, k int) map[int]int {
	m := len(pat)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := map[int]int{}
	for j := 1; j <= len(text); j++ {
		diag := col[0]
		col[0] = 0
		for i := 1; i <= m; i++ {
			up := col[i]
			cost := 1
			if pat[i-1] == text[j-1] {
				cost = 0
			}
			v := min(diag+cost, up+1, col[i-1]+1)
			diag = up
			col[i] = v
		}
		if col[m] <= k {
			out[j] = col[m]
		}
	}
	return out
}

// naivePinned returns the edit distance between pat and text[:c] for every
// c, by the textbook dynamic programme.
func naivePinned(pat, text []rune) []int {
	col := make([]int, len(pat)+1)
	for i := range col {
		col[i] = i
	}
	out := []int{col[len(pat)]}
	for j := 1; j <= len(text); j++ {
		diag := col[0]
		col[0] = j
		for i := 1; i <= len(pat); i++ {
			up := col[i]
			cost := 1
			if pat[i-1] == text[j-1] {
				cost = 0
			}
			col[i] = min(diag+cost, up+1, col[i-1]+1)
			diag = up
		}
		out = append(out, col[len(pat)])
	}
	return out
}

func reverseRunes(rs []rune) []rune {
	out := slices.Clone(rs)
	slices.Reverse(out)
	return out
}

func naiveDistance(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			up := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(diag+cost, up+1, row[j-1]+1)
			diag = up
		}
	}
	return row[len(b)]
}

func randomRunes(rng *rand.Rand, n int, alpha []rune) []rune {
	out := make([]rune, n)
	for i := range out {
		out[i] = alpha[rng.Intn(len(alpha))]
	}
	return out
}

// mutate applies up to edits random substitutions, insertions and deletions.
func mutate(rng *rand.Rand, s []rune, edits int, alpha []rune) []rune {
	out := append([]rune(nil), s...)
	for e := 0; e < edits && len(out) > 0; e++ {
		i := rng.Intn(len(out))
		switch rng.Intn(3) {
		case 0:
			out[i] = alpha[rng.Intn(len(alpha))]
		case 1:
			out = append(out[:i], append([]rune{alpha[rng.Intn(len(alpha))]}, out[i:]...)...)
		default:
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}

func TestMyersMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphas := [][]rune{[]rune("ab"), []rune("abcd"), []rune("abcdefghij é漢")}
	for iter := 0; iter < 400; iter++ {
		alpha := alphas[iter%len(alphas)]
		m := 1 + rng.Intn(200)
		if iter%4 == 0 {
			m = 60 + rng.Intn(10) // around the word boundary
		}
		pat := randomRunes(rng, m, alpha)
		text := randomRunes(rng, rng.Intn(400), alpha)
		// plant a few mutated copies so that there is something to find
		for c := 0; c < 3; c++ {
			at := rng.Intn(len(text) + 1)
			cp := mutate(rng, pat, rng.Intn(m/3+1), alpha)
			text = append(text[:at], append(cp, text[at:]...)...)
		}
		k := rng.Intn(m)
		tx := NewText(string(text))
		a := tx.alphabet()
		p := compilePattern(pat, a, false)
		got := map[int]int{}
		p.searchEnds(a.ids, k, func(end, errs int) { got[end] = errs })
		want := naiveEnds(pat, tx.runes, k)
		if len(got) != len(want) {
			t.Fatalf("iter %d m=%d k=%d: got %d ends, want %d", iter, m, k, len(got), len(want))
		}
		for j, e := range want {
			if got[j] != e {
				t.Fatalf("iter %d m=%d k=%d: end %d got %d errs, want %d", iter, m, k, j, got[j], e)
			}
		}
		// anchored scores against plain edit distance
		rp := compilePattern(pat, a, true)
		end := rng.Intn(len(tx.runes) + 1)
		sc := rp.anchoredScores(a.ids, end, -1, m+k)
		pinned := naivePinned(reverseRunes(pat), reverseRunes(tx.runes[max(0, end-m-k):end]))
		if !slices.Equal(sc, pinned) {
			t.Fatalf("iter %d: anchored backwards got %v want %v", iter, sc, pinned)
		}
		sc = p.anchoredScores(a.ids, end, 1, m+k)
		pinned = naivePinned(pat, tx.runes[end:min(len(tx.runes), end+m+k)])
		if !slices.Equal(sc, pinned) {
			t.Fatalf("iter %d: anchored forwards got %v want %v", iter, sc, pinned)
		}
	}
}

func TestBandedAlign(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alpha := []rune("abcé")
	for iter := 0; iter < 2000; iter++ {
		quote := randomRunes(rng, 1+rng.Intn(40), alpha)
		text := randomRunes(rng, rng.Intn(60), alpha)
		if rng.Intn(2) == 0 {
			at := rng.Intn(len(text) + 1)
			text = append(text[:at], append(mutate(rng, quote, rng.Intn(6), alpha), text[at:]...)...)
		}
		k := rng.Intn(len(quote) + 3)
		from := rng.Intn(len(text) + 1)
		for _, dir := range []int{1, -1} {
			// reference: every length, plain edit distance
			best, bestLen := 1<<30, 0
			for l := 0; ; l++ {
				var seg []rune
				if dir > 0 {
					if from+l > len(text) {
						break
					}
					seg = text[from : from+l]
				} else {
					if from-l < 0 {
						break
					}
					seg = text[from-l : from]
				}
				d := naiveDistance(quote, seg)
				if d < best || d == best && absInt(l-len(quote)) < absInt(bestLen-len(quote)) {
					best, bestLen = d, l
				}
			}
			sc := bandedScores(quote, text, from, dir, k)
			if (sc != nil) != (best <= k) {
				t.Fatalf("iter %d dir %d k %d: got %v, want best %d", iter, dir, k, sc, best)
			}
			for l, d := range sc {
				var seg []rune
				if dir > 0 && from+l <= len(text) {
					seg = text[from : from+l]
				} else if dir < 0 && from-l >= 0 {
					seg = text[from-l : from]
				} else {
					if d <= k {
						t.Fatalf("iter %d: length %d beyond the text scored %d", iter, l, d)
					}
					continue
				}
				if want := naiveDistance(quote, seg); (want <= k || d <= k) && d != want {
					t.Fatalf("iter %d dir %d k %d: length %d got %d want %d", iter, dir, k, l, d, want)
				}
			}
			_ = bestLen
		}
	}
}
