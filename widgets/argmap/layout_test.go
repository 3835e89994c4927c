package argmap_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"commonplace/widgets/argmap"
	"commonplace/widgets/argmap/argmaptest"
)

// checkLayout fails t unless every node of g is placed, no two node boxes
// come within margin of each other, no label overlaps a node box or
// another label, and every edge path stays out of the boxes of the nodes
// it does not link.
func checkLayout(t *testing.T, g argmap.Graph, l argmap.Layout, margin float32) {
	t.Helper()
	var ids []string
	seen := map[string]bool{}
	for _, n := range g.Nodes {
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		ids = append(ids, n.ID)
		if _, ok := l.Pos[n.ID]; !ok {
			t.Fatalf("node %q not placed", n.ID)
		}
	}
	rects := make([]argmap.Rect, len(ids))
	for i, id := range ids {
		rects[i], _ = l.NodeRect(id)
		if !l.Bounds.Contains(rects[i].Min) || !l.Bounds.Contains(rects[i].Max) {
			t.Fatalf("node %q %v outside bounds %v", id, rects[i], l.Bounds)
		}
	}
	for i := range rects {
		for j := i + 1; j < len(rects); j++ {
			if rects[i].Overlaps(rects[j], margin) {
				t.Fatalf("nodes %q %v and %q %v overlap", ids[i], rects[i], ids[j], rects[j])
			}
		}
	}
	var labels []string
	for k, lr := range l.Labels {
		labels = append(labels, k)
		for i, r := range rects {
			if lr.Overlaps(r, 0) {
				t.Fatalf("label of %q %v overlaps node %q %v", k, lr, ids[i], r)
			}
		}
	}
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			if l.Labels[a].Overlaps(l.Labels[b], 0) {
				t.Fatalf("labels of %q and %q overlap", a, b)
			}
		}
	}
	keys := g.EdgeKeys()
	for i, e := range g.Edges {
		pts, ok := l.EdgePaths[keys[i]]
		if !ok {
			continue
		}
		for _, p := range pts {
			if math.IsNaN(float64(p.X)) || math.IsNaN(float64(p.Y)) || math.IsInf(float64(p.X), 0) {
				t.Fatalf("edge %q has point %v", keys[i], p)
			}
		}
		for j, id := range ids {
			if id == e.From || id == e.To {
				continue
			}
			inner := rects[j]
			inner.Min.X, inner.Min.Y, inner.Max.X, inner.Max.Y = inner.Min.X+1, inner.Min.Y+1, inner.Max.X-1, inner.Max.Y-1
			for s := 1; s < len(pts); s++ {
				if segmentHitsRect(pts[s-1], pts[s], inner) {
					t.Fatalf("edge %q (%s→%s) passes through node %q", keys[i], e.From, e.To, id)
				}
			}
		}
	}
}

// segmentHitsRect tells whether segment ab meets r (Liang–Barsky clipping).
func segmentHitsRect(a, b argmap.Point, r argmap.Rect) bool {
	t0, t1 := float32(0), float32(1)
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4][2]float32{{-dx, a.X - r.Min.X}, {dx, r.Max.X - a.X}, {-dy, a.Y - r.Min.Y}, {dy, r.Max.Y - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

func TestLayoutHasNoOverlaps(t *testing.T) {
	for _, n := range []int{10, 50, 200, 500} {
		for _, seed := range []uint64{1, 2} {
			t.Run(fmt.Sprintf("%d/%d", n, seed), func(t *testing.T) {
				edges := 0
				if n == 500 {
					edges = 1000
				}
				g := argmaptest.Generate(n, edges, seed)
				l := argmap.Lay(g, argmap.Options{Seed: seed})
				checkLayout(t, g, l, 4)
				if len(l.Labels) != len(g.Edges) {
					t.Errorf("%d labels for %d edges", len(l.Labels), len(g.Edges))
				}
			})
		}
	}
}

func TestEdgePathsRunBorderToBorder(t *testing.T) {
	g := argmaptest.Generate(50, 0, 3)
	l := argmap.Lay(g, argmap.Options{})
	onBorder := func(p argmap.Point, r argmap.Rect) bool {
		const eps = 0.5
		in := p.X >= r.Min.X-eps && p.X <= r.Max.X+eps && p.Y >= r.Min.Y-eps && p.Y <= r.Max.Y+eps
		edge := abs(p.X-r.Min.X) < eps || abs(p.X-r.Max.X) < eps || abs(p.Y-r.Min.Y) < eps || abs(p.Y-r.Max.Y) < eps
		return in && edge
	}
	for i, k := range g.EdgeKeys() {
		e := g.Edges[i]
		pts := l.EdgePaths[k]
		from, _ := l.NodeRect(e.From)
		to, _ := l.NodeRect(e.To)
		if len(pts) < 2 || !onBorder(pts[0], from) || !onBorder(pts[len(pts)-1], to) {
			t.Fatalf("edge %s: path %v does not run from %v to %v", k, pts, from, to)
		}
	}
}

func abs(v float32) float32 { return max(v, -v) }

func TestClaimsSitAboveTheirEvidence(t *testing.T) {
	g := argmap.Graph{Nodes: []argmap.Node{{ID: "c", Kind: argmap.KindClaim, Label: "Dams cause droughts"}}}
	for i := range 5 {
		id := fmt.Sprint("p", i)
		g.Nodes = append(g.Nodes, argmap.Node{ID: id, Kind: argmap.KindPassage, Label: "A quote"})
		g.Edges = append(g.Edges, argmap.Edge{ID: "e" + id, From: id, To: "c", Rel: "supports"})
	}
	g.Edges = append(g.Edges, argmap.Edge{ID: "x", From: "p0", To: "p1", Rel: "contradicts"})
	l := argmap.Lay(g, argmap.Options{})
	c, _ := l.NodeRect("c")
	for _, n := range g.Nodes[1:] {
		r, _ := l.NodeRect(n.ID)
		if r.Min.Y <= c.Max.Y {
			t.Errorf("passage %s at %v is not below the claim at %v", n.ID, r, c)
		}
	}
}

func TestLayIsDeterministic(t *testing.T) {
	g := argmaptest.Generate(200, 0, 7)
	for _, seed := range []uint64{0, 42} {
		a := argmap.Lay(g, argmap.Options{Seed: seed})
		b := argmap.Lay(g, argmap.Options{Seed: seed})
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: two layouts of one graph differ", seed)
		}
	}
}

func TestLeavesAreStacked(t *testing.T) {
	g := argmap.Graph{Nodes: []argmap.Node{{ID: "c", Kind: argmap.KindClaim, Label: "Claim"}}}
	for i := range 6 {
		id := fmt.Sprint("p", i)
		g.Nodes = append(g.Nodes, argmap.Node{ID: id, Kind: argmap.KindPassage, Label: "Quote " + id})
		g.Edges = append(g.Edges, argmap.Edge{ID: id, From: id, To: "c", Rel: "supports"})
	}
	l := argmap.Lay(g, argmap.Options{})
	if l.Bounds.W() > 2*l.Bounds.H() {
		t.Errorf("six leaves laid out %v: in a row, not a list", l.Bounds)
	}
	l = argmap.Lay(g, argmap.Options{StackLeaves: -1})
	if l.Bounds.W() < 2*l.Bounds.H() {
		t.Errorf("StackLeaves -1 still stacks: %v", l.Bounds)
	}
}

func TestOddEdges(t *testing.T) {
	g := argmap.Graph{
		Nodes: []argmap.Node{{ID: "a", Label: "A"}, {ID: "b", Label: ""}, {ID: "a", Label: "A again"}, {ID: "huge", Label: strings.Repeat("x", 5000)}},
		Edges: []argmap.Edge{
			{ID: "self", From: "a", To: "a", Rel: "qualifies"},
			{ID: "d", From: "a", To: "b", Rel: "supports"},
			{ID: "d", From: "a", To: "b", Rel: "supports"},
			{ID: "", From: "b", To: "a", Rel: "contradicts"},
			{ID: "gone", From: "a", To: "nowhere", Rel: "cites"},
		},
	}
	l := argmap.Lay(g, argmap.Options{})
	keys := g.EdgeKeys()
	if keys[1] == keys[2] || keys[3] == "" {
		t.Fatalf("keys %q", keys)
	}
	for _, k := range keys[:4] {
		if len(l.EdgePaths[k]) < 2 {
			t.Errorf("edge %q has no path", k)
		}
	}
	if _, ok := l.EdgePaths["gone"]; ok {
		t.Errorf("edge to a missing node was routed")
	}
	if lines := l.Text["huge"].Lines; len(lines) != 3 || !strings.HasSuffix(lines[2], "…") {
		t.Errorf("huge label wrapped as %q", lines)
	}
	checkLayout(t, g, l, 0)
}

func TestNeighbourhood(t *testing.T) {
	// a → b → c → d, e isolated, f → a
	g := argmap.Graph{
		Nodes: []argmap.Node{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}, {ID: "f"}},
		Edges: []argmap.Edge{{ID: "ab", From: "a", To: "b"}, {ID: "bc", From: "b", To: "c"}, {ID: "cd", From: "c", To: "d"}, {ID: "fa", From: "f", To: "a"}, {ID: "ca", From: "c", To: "a"}},
	}
	ids := func(g argmap.Graph) (nodes, edges string) {
		var ns, es []string
		for _, n := range g.Nodes {
			ns = append(ns, n.ID)
		}
		for _, e := range g.Edges {
			es = append(es, e.ID)
		}
		return strings.Join(ns, ","), strings.Join(es, ",")
	}
	for _, c := range []struct {
		id           string
		depth        int
		nodes, edges string
	}{
		{"b", 0, "b", ""},
		{"b", 1, "a,b,c", "ab,bc,ca"}, // both directions; ca joins two kept nodes
		{"b", 2, "a,b,c,d,f", "ab,bc,cd,fa,ca"},
		{"e", 3, "e", ""},
		{"zz", 2, "", ""},
	} {
		n, e := ids(g.Neighbourhood(c.id, c.depth))
		if n != c.nodes || e != c.edges {
			t.Errorf("Neighbourhood(%s, %d) = %s / %s, want %s / %s", c.id, c.depth, n, e, c.nodes, c.edges)
		}
	}
}

func TestFilter(t *testing.T) {
	g := argmap.Graph{
		Nodes: []argmap.Node{
			{ID: "c", Kind: argmap.KindClaim, Tags: []string{"water"}},
			{ID: "p1", Group: "piece1", Tags: []string{"water"}},
			{ID: "p2", Group: "piece2"},
		},
		Edges: []argmap.Edge{{ID: "1", From: "p1", To: "c", Rel: "supports"}, {ID: "2", From: "p2", To: "c", Rel: "Contradicts"}},
	}
	count := func(g argmap.Graph) string { return fmt.Sprintf("%d/%d", len(g.Nodes), len(g.Edges)) }
	for _, c := range []struct {
		f    argmap.Filter
		want string
	}{
		{argmap.Filter{}, "3/2"},
		{argmap.Filter{Relations: []string{"contradicts"}}, "3/1"},
		{argmap.Filter{Relations: []string{"contradicts"}, HideIsolated: true}, "2/1"},
		{argmap.Filter{Tags: []string{"water"}}, "2/1"},
		{argmap.Filter{Groups: []string{"piece2"}}, "2/1"}, // the claim has no group: kept
	} {
		if got := count(g.Filter(c.f)); got != c.want {
			t.Errorf("Filter(%+v) kept %s, want %s", c.f, got, c.want)
		}
	}
}

func TestRelationColors(t *testing.T) {
	for _, dark := range []bool{false, true} {
		seen := map[string]string{}
		for _, r := range argmap.Relations() {
			c := fmt.Sprint(argmap.RelationColor(r, dark))
			if other, dup := seen[c]; dup {
				t.Errorf("%s and %s share %s", r, other, c)
			}
			seen[c] = r
		}
		if argmap.RelationColor("Same as", dark) != argmap.RelationColor("same-as", dark) {
			t.Errorf("relation names are not normalised")
		}
		a, b := argmap.RelationColor("refutes", dark), argmap.RelationColor("refutes", dark)
		if a != b || a.A != 0xFF {
			t.Errorf("unknown relation colour %v / %v", a, b)
		}
	}
	if argmap.RelationColor("contradicts", false) == argmap.RelationColor("contradicts", true) {
		t.Errorf("no dark variant")
	}
}
