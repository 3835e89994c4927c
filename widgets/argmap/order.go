package argmap

import "slices"

// initialOrder puts the vertices into layers in depth-first order from
// the top, so that linked vertices start near each other; the seed shuffles
// the roots.
func (ly *layering) initialOrder(all []int) [][]int {
	nl := 0
	for _, v := range all {
		nl = max(nl, ly.verts[v].layer+1)
	}
	layers := make([][]int, nl)
	seen := make(map[int]bool, len(all))
	roots := append([]int(nil), all...)
	// Real vertices in the top layer first, then the rest in order.
	slices.SortStableFunc(roots, func(a, b int) int { return ly.verts[a].layer - ly.verts[b].layer })
	if ly.opt.Seed != 0 {
		ly.rng.Shuffle(len(roots), func(i, j int) { roots[i], roots[j] = roots[j], roots[i] })
		slices.SortStableFunc(roots, func(a, b int) int { return ly.verts[a].layer - ly.verts[b].layer })
	}
	var stack []int
	for _, r := range roots {
		if seen[r] {
			continue
		}
		stack = append(stack[:0], r)
		seen[r] = true
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			vt := &ly.verts[v]
			layers[vt.layer] = append(layers[vt.layer], v)
			// Push in reverse so the first neighbour is visited first.
			for i := len(vt.down) - 1; i >= 0; i-- {
				if w := vt.down[i].v; !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
			for i := len(vt.up) - 1; i >= 0; i-- {
				if w := vt.up[i].v; !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	ly.number(layers)
	return layers
}

func (ly *layering) number(layers [][]int) {
	for _, l := range layers {
		for i, v := range l {
			ly.verts[v].pos = i
		}
	}
}

// reduceCrossings sweeps down and up the layers, sorting each by the mean
// position of its neighbours in the layer before (the barycentre
// heuristic), and keeps the order with the fewest crossings.
func (ly *layering) reduceCrossings(layers [][]int) {
	if len(layers) < 2 {
		return
	}
	best := ly.crossings(layers)
	saved := cloneLayers(layers)
	keyOf := func(v int, nbs []nb) float32 {
		if len(nbs) == 0 {
			return float32(ly.verts[v].pos)
		}
		var s float32
		for _, n := range nbs {
			s += float32(ly.verts[n.v].pos)
		}
		return s / float32(len(nbs))
	}
	keys := make([]float32, len(ly.verts))
	stale := 0
	for it := 0; it < 24 && best > 0 && stale < 4; it++ {
		down := it%2 == 0
		for k := range layers {
			li := k
			if !down {
				li = len(layers) - 1 - k
			}
			if down && li == 0 || !down && li == len(layers)-1 {
				continue
			}
			l := layers[li]
			for _, v := range l {
				if down {
					keys[v] = keyOf(v, ly.verts[v].up)
				} else {
					keys[v] = keyOf(v, ly.verts[v].down)
				}
			}
			sortedStable(l, keys)
			for i, v := range l {
				ly.verts[v].pos = i
			}
		}
		if c := ly.crossings(layers); c < best {
			best, stale = c, 0
			saved = cloneLayers(layers)
		} else {
			stale++
		}
	}
	for i := range layers {
		copy(layers[i], saved[i])
	}
	ly.number(layers)
}

func cloneLayers(layers [][]int) [][]int {
	out := make([][]int, len(layers))
	for i, l := range layers {
		out[i] = slices.Clone(l)
	}
	return out
}

// crossings counts the crossing link segments between all pairs of
// adjacent layers, with a Fenwick tree: O(E log V).
func (ly *layering) crossings(layers [][]int) int {
	total := 0
	var pairs [][2]int
	var tree []int
	for li := 0; li+1 < len(layers); li++ {
		pairs = pairs[:0]
		for _, v := range layers[li+1] {
			for _, n := range ly.verts[v].up {
				pairs = append(pairs, [2]int{ly.verts[v].pos, ly.verts[n.v].pos})
			}
		}
		slices.SortFunc(pairs, func(a, b [2]int) int {
			if a[0] != b[0] {
				return a[0] - b[0]
			}
			return a[1] - b[1]
		})
		n := len(layers[li]) + 1
		tree = append(tree[:0], make([]int, n+1)...)
		for i, p := range pairs {
			// Segments seen so far that end right of p's upper end cross it.
			le := 0
			for j := p[1] + 1; j > 0; j -= j & -j {
				le += tree[j]
			}
			total += i - le
			for j := p[1] + 1; j <= n; j += j & -j {
				tree[j]++
			}
		}
	}
	return total
}
