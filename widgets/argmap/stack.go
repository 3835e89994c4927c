package argmap

// A leaf stack lists a node's leaves (nodes whose one link is to it: the
// usual shape of evidence) as a column under it, like an outline, instead
// of a row beside each other. Argument maps are mostly claims with several
// passages each; in rows, the passage layer of a 200-node map is tens of
// thousands of pixels wide and the map a thin strip. Each leaf's link runs
// in its own lane down the stack's left side, so lanes never cross, and
// its label sits on the short stub into the leaf.
type leafStack struct {
	parent int   // node index
	leaves []int // node indices, top to bottom
	edges  []int // each leaf's link
	vert   int
	size   Size
	lanesW float32 // the lanes' share of the width, at the left
	stubW  float32 // the stubs' share, between the lanes and the leaves
	leafAt []Point // each leaf box's top-left, relative to the stack's
}

const (
	laneGap  = 6 // between lanes
	leafGap  = 8 // between stacked leaves
	stubRoom = 10
)

func (ly *layering) findStacks() {
	if ly.opt.StackLeaves < 0 {
		return
	}
	leavesOf := make(map[int][]int) // parent → leaf edges, in edge order
	var parents []int
	for i, ei := range ly.edges {
		if ei.from < 0 || ei.to < 0 || ei.selfLoop {
			continue
		}
		for _, end := range [2][2]int{{ei.from, ei.to}, {ei.to, ei.from}} {
			leaf, p := end[0], end[1]
			if ly.nodes[leaf].deg == 1 && ly.nodes[p].deg > 1 {
				if leavesOf[p] == nil {
					parents = append(parents, p)
				}
				leavesOf[p] = append(leavesOf[p], i)
			}
		}
	}
	for _, p := range parents {
		es := leavesOf[p]
		if len(es) < ly.opt.StackLeaves {
			continue
		}
		st := &leafStack{parent: p}
		// Passages of one piece together, pieces in order of first mention.
		groupRank := make(map[string]int)
		for _, e := range es {
			l := ly.leafOf(e, p)
			if _, ok := groupRank[ly.nodes[l].n.Group]; !ok {
				groupRank[ly.nodes[l].n.Group] = len(groupRank)
			}
		}
		ordered := make([]int, 0, len(es))
		for r := range len(groupRank) {
			for _, e := range es {
				if groupRank[ly.nodes[ly.leafOf(e, p)].n.Group] == r {
					ordered = append(ordered, e)
				}
			}
		}
		s := len(ly.stacks)
		var labelW, leafW, y float32
		for _, e := range ordered {
			l := ly.leafOf(e, p)
			st.leaves = append(st.leaves, l)
			st.edges = append(st.edges, e)
			ly.nodes[l].stack = s
			ly.edges[e].stack = s
			labelW = max(labelW, ly.edges[e].labelSize.W)
			leafW = max(leafW, ly.nodes[l].box.W+ly.nodes[l].loopW)
		}
		k := len(st.leaves)
		st.lanesW = 3 + float32(k)*laneGap
		st.stubW = labelW + 2*4 + stubRoom
		for i, l := range st.leaves {
			if i > 0 {
				y += leafGap
			}
			st.leafAt = append(st.leafAt, Point{st.lanesW + st.stubW, y})
			y += max(ly.nodes[l].box.H, ly.nodes[l].loopH)
		}
		st.size = Size{st.lanesW + st.stubW + leafW, y}
		ly.stacks = append(ly.stacks, st)
	}
}

// leafOf is the end of edge e that is not p.
func (ly *layering) leafOf(e, p int) int {
	if ly.edges[e].from == p {
		return ly.edges[e].to
	}
	return ly.edges[e].from
}

// laneX is the x of leaf i's lane, relative to the stack's left: the top
// leaf's lane is innermost, so lanes of lower leaves pass outside it.
func (st *leafStack) laneX(i int) float32 {
	return 3 + float32(len(st.leaves)-1-i)*laneGap
}

// laneMid is the middle of the lanes, relative to the stack's left.
func (st *leafStack) laneMid() float32 {
	return (st.laneX(0) + st.laneX(len(st.leaves)-1)) / 2
}
