package argmap

import "slices"

// rankComponent breaks cycles and gives each vertex of comp a rank: 0 at
// the top, where the links end (claims), growing downwards (evidence).
func (ly *layering) rankComponent(comp []int) {
	ly.breakCycles(comp)
	// Longest path from the top: a vertex sits one rank below the lowest
	// of the vertices it points to, so every link points up.
	const unset = -1
	for _, v := range comp {
		ly.verts[v].rank = unset
	}
	var rank func(v int) int
	rank = func(v int) int {
		vt := &ly.verts[v]
		if vt.rank != unset {
			return vt.rank
		}
		vt.rank = 0 // cycles are broken; this only guards recursion
		r := 0
		for _, le := range ly.outs[v] {
			r = max(r, rank(ly.les[le].head)+1)
		}
		ly.verts[v].rank = r
		return r
	}
	for _, v := range comp {
		rank(v)
	}
	ly.balanceRanks(comp)
	lo := ly.verts[comp[0]].rank
	for _, v := range comp {
		lo = min(lo, ly.verts[v].rank)
	}
	for _, v := range comp {
		ly.verts[v].rank -= lo
	}
}

// breakCycles reverses the links that close a cycle, found by a depth-first
// search in vertex order, so the layered graph is acyclic. A reversed link
// is still drawn with its arrow towards To.
func (ly *layering) breakCycles(comp []int) {
	state := make(map[int]uint8, len(comp)) // 0 new, 1 on the path, 2 done
	type frame struct{ v, next int }
	for _, root := range comp {
		if state[root] != 0 {
			continue
		}
		stack := []frame{{root, 0}}
		state[root] = 1
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(ly.outs[f.v]) {
				state[f.v] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			li := ly.outs[f.v][f.next]
			f.next++
			le := &ly.les[li]
			switch state[le.head] {
			case 0:
				state[le.head] = 1
				stack = append(stack, frame{le.head, 0})
			case 1:
				ly.reverse(li)
				f.next-- // outs[f.v] lost this entry
			}
		}
	}
}

// reverse flips ledge li and moves it between the adjacency lists.
func (ly *layering) reverse(li int) {
	le := &ly.les[li]
	t, h := le.tail, le.head
	ly.outs[t] = slices.DeleteFunc(ly.outs[t], func(x int) bool { return x == li })
	ly.ins[h] = slices.DeleteFunc(ly.ins[h], func(x int) bool { return x == li })
	le.tail, le.head, le.reversed = h, t, !le.reversed
	ly.outs[h] = append(ly.outs[h], li)
	ly.ins[t] = append(ly.ins[t], li)
}

// balanceRanks shortens links the longest-path ranking left long: each
// vertex moves, within the ranks its links allow, to the median of where
// its neighbours would have it (a cheap stand-in for network simplex). A
// claim backed only by deep evidence comes down to meet it.
func (ly *layering) balanceRanks(comp []int) {
	var ideal []int
	for range 4 {
		moved := false
		for _, v := range comp {
			vt := &ly.verts[v]
			lo, hi := 0, 1<<30
			ideal = ideal[:0]
			for _, le := range ly.outs[v] {
				r := ly.verts[ly.les[le].head].rank + 1
				lo = max(lo, r)
				ideal = append(ideal, r)
			}
			for _, le := range ly.ins[v] {
				r := ly.verts[ly.les[le].tail].rank - 1
				hi = min(hi, r)
				ideal = append(ideal, r)
			}
			if len(ideal) == 0 || lo > hi {
				continue
			}
			slices.Sort(ideal)
			r := max(lo, min(hi, ideal[(len(ideal)-1)/2]))
			// Only move when it shortens the links: the median's cost is
			// flat between the two middle ideals.
			if r != vt.rank && ly.rankCost(v, r) < ly.rankCost(v, vt.rank) {
				vt.rank = r
				moved = true
			}
		}
		if !moved {
			break
		}
	}
}

// rankCost is the total length of v's links were it at rank r.
func (ly *layering) rankCost(v, r int) int {
	c := 0
	for _, le := range ly.outs[v] {
		c += r - ly.verts[ly.les[le].head].rank
	}
	for _, le := range ly.ins[v] {
		c += ly.verts[ly.les[le].tail].rank - r
	}
	return c
}
