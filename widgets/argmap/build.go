package argmap

import (
	"math"
	"math/rand/v2"
	"slices"
)

// layering is Lay's working state: the graph as layered vertices (real
// nodes, leaf stacks, and the dummy and label vertices that long edges
// pass through) and layered edges between them.
type layering struct {
	g    Graph
	opt  Options
	met  Metrics
	keys []string
	rng  *rand.Rand

	nodes  []nodeInfo
	byID   map[string]int // node ID → index in nodes
	edges  []edgeInfo     // by g.Edges index
	stacks []*leafStack
	verts  []vert
	les    []ledge
	outs   [][]int // ledges by tail vertex
	ins    [][]int // ledges by head vertex

	portOff map[portKey]float32 // port x, relative to its vertex
	tracks  map[trackKey]track  // gap crossings' tracks
}

type nodeInfo struct {
	n     *Node
	box   Size
	text  NodeText
	loops []int   // self-loop edges
	loopW float32 // slot width kept right of the box for the loops and their labels
	loopH float32
	vert  int // -1 when the node is a leaf in a stack
	stack int // the stack it is a leaf of, or -1
	deg   int
}

type edgeInfo struct {
	from, to  int // node indices; -1: missing
	label     string
	labelSize Size
	stack     int // the stack whose leaf it links, or -1
	selfLoop  bool
	ledge     int // -1 if none
}

type vkind uint8

const (
	vReal  vkind = iota // a node
	vStack              // a node's leaves, listed under it
	vDummy              // a long edge passing through a layer
	vLabel              // an edge's label, given a place in a layer like a node
)

// vert is a vertex of the layered graph: a slot in a layer.
type vert struct {
	kind       vkind
	ref        int     // node, stack or ledge index, by kind
	w, h       float32 // slot size
	rank       int
	layer, pos int
	x          float32 // slot centre
	top        float32 // slot top
	band       band
	up, down   []nb // neighbours in the layer above and below
}

// nb is a neighbour of a vertex along ledge le. An edge is straight when
// x+off of one end equals x+noff of the other: the offsets put a stack's
// bundle of lanes under the left part of its parent.
type nb struct {
	v         int
	off, noff float32
	le        int
}

// band is a layer's vertical extent.
type band struct{ top, bot float32 }

// ledge is an edge of the layered graph, from its lower vertex (tail) to
// its upper one (head): links point up, towards what they support.
type ledge struct {
	edge       int // g.Edges index, or -1 for a stack's bundle
	stack      int
	tail, head int
	reversed   bool  // tail is the edge's To: reversed to break a cycle
	chain      []int // vertices from tail to head
}

func newLayering(g Graph, opt Options) *layering {
	fs := opt.FontSize
	ly := &layering{
		g: g, opt: opt, keys: g.EdgeKeys(),
		byID:    make(map[string]int, len(g.Nodes)),
		portOff: make(map[portKey]float32), tracks: make(map[trackKey]track),
		rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)),
		met: Metrics{
			FontSize: fs, SubFontSize: opt.SubFontSize, LabelFontSize: opt.LabelFontSize,
			LineHeight: float32(math.Ceil(float64(fs * 1.3))),
			Pad:        float32(math.Round(float64(fs * 0.65))),
			LabelPad:   float32(math.Round(float64(opt.LabelFontSize * 0.5))),
		},
	}
	return ly
}

// labelHeight is the height of an edge label's pill.
func (m Metrics) labelHeight() float32 {
	return float32(math.Ceil(float64(m.LabelFontSize * 1.45)))
}

// subHeight is the height of a node's sub line.
func (m Metrics) subHeight() float32 { return m.LineHeight * m.SubFontSize / m.FontSize }

// maxEdgeLabel is the widest an edge label's text may be.
const maxEdgeLabelChars = 18

func (ly *layering) build() {
	g, opt, met := ly.g, ly.opt, ly.met
	m := opt.Measure
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if _, dup := ly.byID[n.ID]; dup {
			continue
		}
		ly.byID[n.ID] = len(ly.nodes)
		f := met.NodeFont(n.Kind)
		lines := wrapText(n.Label, opt.TextWidth, opt.MaxLines, f, m)
		sub := truncate(n.Sub, opt.TextWidth, Font{Size: met.SubFontSize}, m)
		w := float32(56)
		for _, l := range lines {
			w = max(w, m(l, f))
		}
		h := 2*met.Pad + max(1, float32(len(lines)))*met.LineHeight
		if sub != "" {
			w = max(w, m(sub, Font{Size: met.SubFontSize}))
			h += met.subHeight() + 2
		}
		ly.nodes = append(ly.nodes, nodeInfo{
			n: n, box: Size{float32(math.Ceil(float64(w + 2*met.Pad))), float32(math.Ceil(float64(h)))},
			text: NodeText{lines, sub}, vert: -1, stack: -1,
		})
	}
	labelFont := Font{Size: met.LabelFontSize}
	maxLabel := m("abcdefghijklmnopqrstuvwxyz", labelFont) / 26 * maxEdgeLabelChars
	ly.edges = make([]edgeInfo, len(g.Edges))
	for i, e := range g.Edges {
		ei := edgeInfo{from: -1, to: -1, stack: -1, ledge: -1}
		if f, ok := ly.byID[e.From]; ok {
			ei.from = f
		}
		if t, ok := ly.byID[e.To]; ok {
			ei.to = t
		}
		if ei.from >= 0 && ei.to >= 0 {
			ei.label = truncate(e.EdgeText(), maxLabel, labelFont, m)
			if ei.label != "" {
				ei.labelSize = Size{float32(math.Ceil(float64(m(ei.label, labelFont) + 2*met.LabelPad))), met.labelHeight()}
			}
			if ei.from == ei.to {
				ei.selfLoop = true
				ly.nodes[ei.from].loops = append(ly.nodes[ei.from].loops, i)
			} else {
				ly.nodes[ei.from].deg++
				ly.nodes[ei.to].deg++
			}
		}
		ly.edges[i] = ei
	}
	for i := range ly.nodes {
		ly.sizeLoops(&ly.nodes[i])
	}
	ly.findStacks()
	for i := range ly.nodes {
		ni := &ly.nodes[i]
		if ni.stack >= 0 {
			continue
		}
		ni.vert = len(ly.verts)
		ly.verts = append(ly.verts, vert{kind: vReal, ref: i, w: ni.box.W + ni.loopW, h: max(ni.box.H, ni.loopH)})
	}
	for s, st := range ly.stacks {
		st.vert = len(ly.verts)
		ly.verts = append(ly.verts, vert{kind: vStack, ref: s, w: st.size.W, h: st.size.H})
	}
	for i, ei := range ly.edges {
		if ei.from < 0 || ei.to < 0 || ei.selfLoop || ei.stack >= 0 {
			continue
		}
		ly.edges[i].ledge = len(ly.les)
		ly.les = append(ly.les, ledge{edge: i, stack: -1, tail: ly.nodes[ei.from].vert, head: ly.nodes[ei.to].vert})
	}
	for s, st := range ly.stacks {
		ly.les = append(ly.les, ledge{edge: -1, stack: s, tail: st.vert, head: ly.nodes[st.parent].vert})
	}
	ly.outs = make([][]int, len(ly.verts))
	ly.ins = make([][]int, len(ly.verts))
	for i, le := range ly.les {
		ly.outs[le.tail] = append(ly.outs[le.tail], i)
		ly.ins[le.head] = append(ly.ins[le.head], i)
	}
}

// Self-loops are drawn as small rectangular loops off the node's right side,
// their labels in a column beyond them, in room kept in the node's slot.
const (
	loopBase = 10
	loopStep = 6
)

func (ly *layering) sizeLoops(ni *nodeInfo) {
	k := len(ni.loops)
	if k == 0 {
		return
	}
	var lw float32
	for _, e := range ni.loops {
		lw = max(lw, ly.edges[e].labelSize.W)
	}
	ni.loopW = loopBase + loopStep*float32(k-1) + 4 + lw
	ni.loopH = float32(k) * (ly.met.labelHeight() + 3)
}

// components are the weakly connected parts of the layered graph, each a
// list of its real and stack vertices in order.
func (ly *layering) components() [][]int {
	parent := make([]int, len(ly.verts))
	for i := range parent {
		parent[i] = i
	}
	find := func(v int) int {
		for parent[v] != v {
			parent[v] = parent[parent[v]]
			v = parent[v]
		}
		return v
	}
	for _, le := range ly.les {
		a, b := find(le.tail), find(le.head)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	idx := make(map[int]int)
	var comps [][]int
	for v := range ly.verts {
		r := find(v)
		c, ok := idx[r]
		if !ok {
			c = len(comps)
			idx[r] = c
			comps = append(comps, nil)
		}
		comps[c] = append(comps[c], v)
	}
	return comps
}

// slotRect is a vertex's slot.
func (ly *layering) slotRect(v int) Rect {
	vt := &ly.verts[v]
	return Rect{Point{vt.x - vt.w/2, vt.top}, Point{vt.x + vt.w/2, vt.top + vt.h}}
}

// shift moves the vertices vs by (dx, dy).
func (ly *layering) shift(vs []int, dx, dy float32) {
	for _, v := range vs {
		vt := &ly.verts[v]
		vt.x += dx
		vt.top += dy
		vt.band.top += dy
		vt.band.bot += dy
	}
}

// sortedStable sorts vs by key, keeping the order of equal keys.
func sortedStable(vs []int, key []float32) {
	slices.SortStableFunc(vs, func(a, b int) int {
		switch {
		case key[a] < key[b]:
			return -1
		case key[a] > key[b]:
			return 1
		}
		return 0
	})
}
