package argmap

import "slices"

// result reads the finished layered graph out as a Layout: node boxes,
// ports, edge polylines and label boxes.
//
// Routes go vertically through each layer a link crosses, in the slot its
// dummy or label vertex holds there, and diagonally across the gaps between
// layers, where there are no boxes: so a link never passes through a node
// or a label other than its own.
func (ly *layering) result() Layout {
	n := len(ly.nodes)
	l := Layout{
		Pos: make(map[string]Point, n), Size: make(map[string]Size, n),
		EdgePaths: make(map[string][]Point, len(ly.edges)), Labels: make(map[string]Rect),
		LabelTexts: make(map[string]string), Text: make(map[string]NodeText, n), Metrics: ly.met,
	}
	boxes := make([]Rect, n)
	for i, ni := range ly.nodes {
		var tl Point
		if ni.vert >= 0 {
			vt := &ly.verts[ni.vert]
			tl = Point{vt.x - vt.w/2, vt.top}
		} else {
			st := ly.stacks[ni.stack]
			svt := &ly.verts[st.vert]
			at := st.leafAt[slices.Index(st.leaves, i)]
			tl = Point{svt.x - svt.w/2 + at.X, svt.top + at.Y}
		}
		boxes[i] = Rect{tl, Point{tl.X + ni.box.W, tl.Y + ni.box.H}}
		l.Pos[ni.n.ID] = boxes[i].Center()
		l.Size[ni.n.ID] = ni.box
		l.Text[ni.n.ID] = ni.text
	}
	for li := range ly.les {
		le := &ly.les[li]
		if le.stack >= 0 {
			ly.routeStack(&l, li, boxes)
			continue
		}
		head := boxes[ly.verts[le.head].ref]
		pts := []Point{{ly.portX(li, false), boxes[ly.verts[le.tail].ref].Min.Y}}
		for i, d := range le.chain[1:] {
			dv := &ly.verts[d]
			x := dv.x
			if i == len(le.chain)-2 {
				x = ly.portX(li, true)
			}
			// Across the gap below d: straight up, or along the track the
			// channel router gave it.
			if t, ok := ly.tracks[trackKey{li, le.chain[i]}]; ok {
				y := dv.band.bot + t.y
				pts = append(pts, Point{pts[len(pts)-1].X, y}, Point{x, y})
			}
			if i == len(le.chain)-2 {
				pts = append(pts, Point{x, dv.band.bot}, Point{x, head.Max.Y})
				break
			}
			pts = append(pts, Point{x, dv.band.bot}, Point{x, dv.band.top})
			if dv.kind == vLabel {
				ly.putLabel(&l, le.edge, Rect{Point{dv.x - dv.w/2, dv.top}, Point{dv.x + dv.w/2, dv.top + dv.h}})
			}
		}
		ly.putPath(&l, le.edge, pts, le.reversed)
	}
	for i, ni := range ly.nodes {
		ly.routeLoops(&l, ni, boxes[i])
	}
	ly.bounds(&l)
	return l
}

func (ly *layering) putPath(l *Layout, edge int, pts []Point, reversed bool) {
	pts = simplify(pts)
	if reversed {
		slices.Reverse(pts)
	}
	l.EdgePaths[ly.keys[edge]] = pts
}

func (ly *layering) putLabel(l *Layout, edge int, r Rect) {
	k := ly.keys[edge]
	l.Labels[k] = r
	l.LabelTexts[k] = ly.edges[edge].label
}

// routeStack draws a stack's links: from each leaf's left side along a stub
// to its lane, down... up the lane to the top of the stack, through the
// bundle's dummies, and into the parent's bottom.
func (ly *layering) routeStack(l *Layout, li int, boxes []Rect) {
	le := &ly.les[li]
	st := ly.stacks[le.stack]
	svt := &ly.verts[st.vert]
	left := svt.x - svt.w/2
	mid := left + st.laneMid()
	parent := boxes[st.parent]
	pv := &ly.verts[ly.nodes[st.parent].vert]
	pmid := pv.x + ly.bundleOffset(ly.nodes[st.parent].vert)
	for i, leaf := range st.leaves {
		e := st.edges[i]
		lb := boxes[leaf]
		y := lb.Center().Y
		x := left + st.laneX(i)
		pts := []Point{{lb.Min.X, y}, {x, y}, {x, svt.top}}
		// Across each gap, lane i takes its own track of the bundle's.
		cross := func(below, above int, to float32) {
			if t, ok := ly.tracks[trackKey{li, below}]; ok {
				j := i
				if !t.left {
					j = len(st.leaves) - 1 - i
				}
				ty := ly.verts[above].band.bot + t.y + float32(j)*t.step
				pts = append(pts, Point{pts[len(pts)-1].X, ty}, Point{to, ty})
			}
		}
		for c := 1; c < len(le.chain)-1; c++ {
			dv := &ly.verts[le.chain[c]]
			dx := dv.x + x - mid
			cross(le.chain[c-1], le.chain[c], dx)
			pts = append(pts, Point{dx, dv.band.bot}, Point{dx, dv.band.top})
		}
		px := max(parent.Min.X+2, min(parent.Max.X-2, pmid+x-mid))
		cross(le.chain[len(le.chain)-2], le.chain[len(le.chain)-1], px)
		pts = append(pts, Point{px, pv.band.bot}, Point{px, parent.Max.Y})
		// Stored from the leaf up; flip when the link points at the leaf.
		ly.putPath(l, e, pts, ly.edges[e].from != leaf)
		if ls := ly.edges[e].labelSize; ls.W > 0 {
			sx := left + st.lanesW + 4
			ly.putLabel(l, e, Rect{Point{sx, y - ls.H/2}, Point{sx + ls.W, y + ls.H/2}})
		}
	}
}

// routeLoops draws a node's self-loops as nested loops off its right side,
// with their labels in a column beyond, all in the room its slot keeps.
func (ly *layering) routeLoops(l *Layout, ni nodeInfo, b Rect) {
	k := len(ni.loops)
	lh := ly.met.labelHeight()
	for i, e := range ni.loops {
		a := loopBase + loopStep*float32(i)
		y1 := max(b.Min.Y+3, b.Min.Y+b.H()*0.3-2*float32(i))
		y2 := min(b.Max.Y-3, b.Min.Y+b.H()*0.7+2*float32(i))
		ly.putPath(l, e, []Point{{b.Max.X, y1}, {b.Max.X + a, y1}, {b.Max.X + a, y2}, {b.Max.X, y2}}, false)
		if ls := ly.edges[e].labelSize; ls.W > 0 {
			x := b.Max.X + loopBase + loopStep*float32(k-1) + 4
			y := b.Min.Y + float32(i)*(lh+3)
			ly.putLabel(l, e, Rect{Point{x, y}, Point{x + ls.W, y + ls.H}})
		}
	}
}

// simplify drops repeated points and the middle of straight runs.
func simplify(pts []Point) []Point {
	out := pts[:0:0]
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if cross := (b.X-a.X)*(p.Y-b.Y) - (b.Y-a.Y)*(p.X-b.X); cross > -0.01 && cross < 0.01 &&
				(b.X-a.X)*(p.X-b.X)+(b.Y-a.Y)*(p.Y-b.Y) >= 0 {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// bounds sets l.Bounds to everything drawn and moves it all so that it
// starts at the origin.
func (ly *layering) bounds(l *Layout) {
	first := true
	var r Rect
	grow := func(o Rect) {
		if first {
			r, first = o, false
			return
		}
		r = r.Union(o)
	}
	for id, p := range l.Pos {
		grow(rectAt(p, l.Size[id]))
	}
	for _, lr := range l.Labels {
		grow(lr)
	}
	for _, pts := range l.EdgePaths {
		for _, p := range pts {
			grow(Rect{p, p})
		}
	}
	if first {
		return
	}
	d := r.Min
	for id, p := range l.Pos {
		l.Pos[id] = Point{p.X - d.X, p.Y - d.Y}
	}
	for k, lr := range l.Labels {
		l.Labels[k] = Rect{Point{lr.Min.X - d.X, lr.Min.Y - d.Y}, Point{lr.Max.X - d.X, lr.Max.Y - d.Y}}
	}
	for _, pts := range l.EdgePaths {
		for i := range pts {
			pts[i].X -= d.X
			pts[i].Y -= d.Y
		}
	}
	l.Bounds = Rect{Point{}, Point{r.W(), r.H()}}
}
