package argmap

import "slices"

// layComponent lays out one connected part, in its own coordinates, and
// returns all its vertices, dummies included.
func (ly *layering) layComponent(comp []int) []int {
	ly.rankComponent(comp)
	all := ly.addDummies(comp)
	layers := ly.initialOrder(all)
	ly.reduceCrossings(layers)
	ly.placeX(layers)
	ly.placePorts(all)
	ly.placeY(layers, ly.assignTracks(layers))
	return all
}

// addDummies splits each link of the component into a chain through every
// layer between its ends. Nodes sit in even layers (2×rank) and the odd
// layers between them hold edge labels: each label is a vertex just above
// the link's lower end, so labels get room like nodes do and can overlap
// neither nodes nor each other.
func (ly *layering) addDummies(comp []int) []int {
	for _, v := range comp {
		ly.verts[v].layer = 2 * ly.verts[v].rank
	}
	n := 0
	for _, v := range comp {
		for _, li := range ly.outs[v] {
			n += ly.verts[v].layer - ly.verts[ly.les[li].head].layer - 1
		}
	}
	// Grow once: appending thousands of vertices one by one copies them
	// over and over.
	ly.verts = slices.Grow(ly.verts, n)
	all := make([]int, len(comp), len(comp)+n)
	copy(all, comp)
	for _, v := range comp {
		for _, li := range ly.outs[v] {
			le := &ly.les[li]
			tail, head := &ly.verts[le.tail], &ly.verts[le.head]
			le.chain = append(le.chain[:0], le.tail)
			var tailOff, headOff, w float32
			label := Size{}
			if le.stack >= 0 {
				st := ly.stacks[le.stack]
				tailOff = st.laneMid() - tail.w/2
				headOff = ly.bundleOffset(le.head)
				w = float32(len(st.leaves)) * laneGap
			} else if le.edge >= 0 {
				label = ly.edges[le.edge].labelSize
			}
			prev, prevOff := le.tail, tailOff
			for layer := tail.layer - 1; layer > head.layer; layer-- {
				d := vert{kind: vDummy, ref: li, w: w, layer: layer, rank: -1}
				if layer == tail.layer-1 && label.W > 0 {
					d.kind, d.w, d.h = vLabel, label.W, label.H
				}
				ly.verts = append(ly.verts, d)
				dv := len(ly.verts) - 1
				ly.link(prev, dv, prevOff, 0, li)
				all = append(all, dv)
				le.chain = append(le.chain, dv)
				prev, prevOff = dv, 0
			}
			ly.link(prev, le.head, prevOff, headOff, li)
			le.chain = append(le.chain, le.head)
		}
	}
	return all
}

// link joins lower vertex a to upper vertex b along ledge li.
func (ly *layering) link(a, b int, offA, offB float32, li int) {
	ly.verts[a].up = append(ly.verts[a].up, nb{v: b, off: offA, noff: offB, le: li})
	ly.verts[b].down = append(ly.verts[b].down, nb{v: a, off: offB, noff: offA, le: li})
}

// bundleOffset is where a stack's lanes meet its parent, relative to the
// parent's slot centre: under the left part of its box, so the leaves hang
// below it like an outline.
func (ly *layering) bundleOffset(parent int) float32 {
	p := &ly.verts[parent]
	box := ly.nodes[p.ref].box
	return -p.w/2 + box.W/4
}
