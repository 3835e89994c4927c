package argmap_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"

	"commonplace/widgets/argmap"
	"commonplace/widgets/argmap/argmaptest"
)

// TestCompareLayouts is the comparison behind choosing a layered layout:
// it lays generated maps out with Lay and with gonum's force-directed
// Eades layout (plus overlap removal and straight border-to-border edges),
// and logs crossings, edges through boxes, labels on boxes, size and time.
// It runs only with ARGMAP_COMPARE set to a directory, where it also
// writes both pictures of each map:
//
//	ARGMAP_COMPARE=/tmp/cmp go test -run CompareLayouts -v ./widgets/argmap/
func TestCompareLayouts(t *testing.T) {
	dir := os.Getenv("ARGMAP_COMPARE")
	if dir == "" {
		t.Skip("set ARGMAP_COMPARE to a directory to compare layouts")
	}
	os.MkdirAll(dir, 0o755)
	for _, n := range []int{50, 200} {
		// Eades has no gravity: disconnected parts drift apart without
		// bound. Compare on the biggest connected part.
		g := largestComponent(argmaptest.Generate(n, 0, 1))
		t0 := time.Now()
		lay := argmap.Lay(g, argmap.Options{})
		tl := time.Since(t0)
		t0 = time.Now()
		force := forceLayout(g, lay, 1)
		tf := time.Since(t0)
		again := forceLayout(g, lay, 1)
		t.Logf("%d nodes: Eades with one seed gives the same layout twice: %v", n, reflect.DeepEqual(force.Pos, again.Pos))
		for _, c := range []struct {
			name string
			l    argmap.Layout
			d    time.Duration
		}{{"layered", lay, tl}, {"eades", force, tf}} {
			m := measureLayout(g, c.l)
			t.Logf("%3d (%3d) nodes %-8s %6.1f ms  %5.0f×%-5.0f  crossings %4d  edges through boxes %4d  labels on boxes %3d  mean edge %4.0f px",
				n, len(g.Nodes), c.name, float64(c.d.Microseconds())/1000, c.l.Bounds.W(), c.l.Bounds.H(), m.crossings, m.through, m.labelsOnBoxes, m.meanEdge)
			if c.l.Bounds.W()*c.l.Bounds.H() > 2e8 {
				continue
			}
			f, _ := os.Create(filepath.Join(dir, fmt.Sprintf("%s%d.png", c.name, n)))
			argmap.RenderPNG(f, g, c.l, argmap.Style{})
			f.Close()
		}
	}
}

type layoutMetrics struct {
	crossings, through, labelsOnBoxes int
	meanEdge                          float64
}

func measureLayout(g argmap.Graph, l argmap.Layout) layoutMetrics {
	var m layoutMetrics
	type seg struct {
		a, b argmap.Point
		e    int
	}
	var segs []seg
	keys := g.EdgeKeys()
	var total float64
	for i, k := range keys {
		pts := l.EdgePaths[k]
		for j := 1; j < len(pts); j++ {
			segs = append(segs, seg{pts[j-1], pts[j], i})
			total += math.Hypot(float64(pts[j].X-pts[j-1].X), float64(pts[j].Y-pts[j-1].Y))
		}
		e := g.Edges[i]
		for id := range l.Pos {
			if id == e.From || id == e.To {
				continue
			}
			r, _ := l.NodeRect(id)
			r = argmap.Rect{Min: argmap.Point{X: r.Min.X + 1, Y: r.Min.Y + 1}, Max: argmap.Point{X: r.Max.X - 1, Y: r.Max.Y - 1}}
			for j := 1; j < len(pts); j++ {
				if segmentHitsRect(pts[j-1], pts[j], r) {
					m.through++
					break
				}
			}
		}
	}
	m.meanEdge = total / float64(max(1, len(keys)))
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if segs[i].e != segs[j].e && properCross(segs[i].a, segs[i].b, segs[j].a, segs[j].b) {
				m.crossings++
			}
		}
	}
	for _, lr := range l.Labels {
		for id := range l.Pos {
			if r, _ := l.NodeRect(id); lr.Overlaps(r, 0) {
				m.labelsOnBoxes++
			}
		}
	}
	return m
}

func properCross(a, b, c, d argmap.Point) bool {
	o := func(p, q, r argmap.Point) float32 { return (q.X-p.X)*(r.Y-p.Y) - (q.Y-p.Y)*(r.X-p.X) }
	return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
}

// forceLayout places g's boxes (sized as in base) by gonum's Eades
// layout, scaled so linked boxes sit about 260 px apart, then pushes
// overlapping boxes apart and draws each edge straight between borders,
// its label at the middle.
func forceLayout(g argmap.Graph, base argmap.Layout, seed uint64) argmap.Layout {
	ug := simple.NewUndirectedGraph()
	idx := map[string]int64{}
	var ids []string
	for _, n := range g.Nodes {
		if _, ok := idx[n.ID]; !ok {
			idx[n.ID] = int64(len(ids))
			ids = append(ids, n.ID)
			ug.AddNode(simple.Node(idx[n.ID]))
		}
	}
	for _, e := range g.Edges {
		a, b := idx[e.From], idx[e.To]
		if a != b && ug.Edge(a, b) == nil {
			ug.SetEdge(ug.NewEdge(simple.Node(a), simple.Node(b)))
		}
	}
	eades := layout.EadesR2{Repulsion: 1, Rate: 0.05, Updates: 100, Theta: 0.2, Src: rand.NewPCG(seed, seed)}
	opt := layout.NewOptimizerR2(ug, eades.Update)
	for opt.Update() {
	}
	pos := make([]argmap.Point, len(ids))
	for i := range ids {
		v := opt.Coord2(int64(i))
		pos[i] = argmap.Point{X: float32(v.X), Y: float32(v.Y)}
	}
	var lens []float64
	for _, e := range g.Edges {
		a, b := pos[idx[e.From]], pos[idx[e.To]]
		lens = append(lens, math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
	}
	sort.Float64s(lens)
	k := float32(260 / max(lens[len(lens)/2], 1e-6))
	for i := range pos {
		pos[i].X *= k
		pos[i].Y *= k
	}
	size := func(i int) argmap.Size { return base.Size[ids[i]] }
	// Remove overlaps by spreading the whole drawing evenly (it keeps
	// the picture's shape, unlike pushing pairs apart, which cascades).
	spread := float32(1)
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			dx, dy := abs(pos[j].X-pos[i].X), abs(pos[j].Y-pos[i].Y)
			nx, ny := (size(i).W+size(j).W)/2+12, (size(i).H+size(j).H)/2+12
			if dx >= nx || dy >= ny {
				continue
			}
			need := min(nx/max(dx, 1e-3), ny/max(dy, 1e-3))
			spread = max(spread, min(need, 50))
		}
	}
	for i := range pos {
		pos[i].X *= spread
		pos[i].Y *= spread
	}
	for it := 0; it < 50; it++ { // and push what is left apart, a little at a time
		moved := false
		for i := range pos {
			for j := i + 1; j < len(pos); j++ {
				dx, dy := pos[j].X-pos[i].X, pos[j].Y-pos[i].Y
				ox := (size(i).W+size(j).W)/2 + 12 - abs(dx)
				oy := (size(i).H+size(j).H)/2 + 12 - abs(dy)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				if ox < oy {
					s := ox / 2 * sign(dx, i, j)
					pos[i].X, pos[j].X = pos[i].X-s, pos[j].X+s
				} else {
					s := oy / 2 * sign(dy, i, j)
					pos[i].Y, pos[j].Y = pos[i].Y-s, pos[j].Y+s
				}
			}
		}
		if !moved {
			break
		}
	}
	l := argmap.Layout{Pos: map[string]argmap.Point{}, Size: base.Size, EdgePaths: map[string][]argmap.Point{},
		Labels: map[string]argmap.Rect{}, LabelTexts: base.LabelTexts, Text: base.Text, Metrics: base.Metrics}
	for i, id := range ids {
		l.Pos[id] = pos[i]
	}
	for i, key := range g.EdgeKeys() {
		e := g.Edges[i]
		a, b := l.Pos[e.From], l.Pos[e.To]
		if e.From == e.To {
			continue
		}
		pa, pb := clip(b, a, base.Size[e.From]), clip(a, b, base.Size[e.To])
		l.EdgePaths[key] = []argmap.Point{pa, pb}
		if r, ok := base.Labels[key]; ok {
			c := argmap.Point{X: (pa.X + pb.X) / 2, Y: (pa.Y + pb.Y) / 2}
			l.Labels[key] = argmap.Rect{Min: argmap.Point{X: c.X - r.W()/2, Y: c.Y - r.H()/2}, Max: argmap.Point{X: c.X + r.W()/2, Y: c.Y + r.H()/2}}
		}
	}
	first := true
	for id, p := range l.Pos {
		r := argmap.Rect{Min: argmap.Point{X: p.X - l.Size[id].W/2, Y: p.Y - l.Size[id].H/2}, Max: argmap.Point{X: p.X + l.Size[id].W/2, Y: p.Y + l.Size[id].H/2}}
		if first {
			l.Bounds, first = r, false
		}
		l.Bounds = l.Bounds.Union(r)
	}
	return l
}

func sign(d float32, i, j int) float32 {
	if d < 0 || d == 0 && i > j {
		return -1
	}
	return 1
}

// clip is where the line from p to box centre c meets the box's border.
func clip(p, c argmap.Point, s argmap.Size) argmap.Point {
	dx, dy := p.X-c.X, p.Y-c.Y
	if dx == 0 && dy == 0 {
		return c
	}
	t := min(s.W/2/max(abs(dx), 1e-6), s.H/2/max(abs(dy), 1e-6))
	return argmap.Point{X: c.X + dx*t, Y: c.Y + dy*t}
}

func largestComponent(g argmap.Graph) argmap.Graph {
	best := argmap.Graph{}
	done := map[string]bool{}
	for _, n := range g.Nodes {
		if done[n.ID] {
			continue
		}
		c := g.Neighbourhood(n.ID, len(g.Nodes))
		for _, m := range c.Nodes {
			done[m.ID] = true
		}
		if len(c.Nodes) > len(best.Nodes) {
			best = c
		}
	}
	return best
}
