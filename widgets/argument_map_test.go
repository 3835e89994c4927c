package widgets

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"commonplace/widgets/argmap"
	"commonplace/widgets/argmap/argmaptest"
)

// smallArgument is a claim with three passages from two pieces (stacked
// under it), a second claim, and a contradiction between passages.
func smallArgument() argmap.Graph {
	return argmap.Graph{
		Nodes: []argmap.Node{
			{ID: "c1", Kind: argmap.KindClaim, Label: "The dam caused the drought downstream"},
			{ID: "c2", Kind: argmap.KindClaim, Label: "Rainfall explains the low river"},
			{ID: "p1", Kind: argmap.KindPassage, Label: "“Flow fell by half the month the sluices closed.”", Sub: "The Tribune", Group: "t"},
			{ID: "p2", Kind: argmap.KindPassage, Label: "“Farmers saw the canals empty in May.”", Sub: "The Tribune", Group: "t"},
			{ID: "p3", Kind: argmap.KindPassage, Label: "“Releases met the treaty minimum.”", Sub: "Basin Monitor", Group: "b"},
			{ID: "p4", Kind: argmap.KindPassage, Label: "“Rainfall was a third below normal.”", Sub: "Basin Monitor", Group: "b"},
		},
		Edges: []argmap.Edge{
			{ID: "e1", From: "p1", To: "c1", Rel: "supports"},
			{ID: "e2", From: "p2", To: "c1", Rel: "supports"},
			{ID: "e3", From: "p3", To: "c1", Rel: "contradicts"},
			{ID: "e4", From: "p4", To: "c2", Rel: "supports"},
			{ID: "e5", From: "p4", To: "p1", Rel: "qualifies"},
			{ID: "e6", From: "c2", To: "c1", Rel: "contradicts"},
		},
	}
}

func showMap(t testing.TB, g argmap.Graph, size fyne.Size) (*ArgumentMap, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	m := NewArgumentMap()
	m.clock = testClock
	m.SetGraph(g)
	w.SetContent(m)
	w.Resize(size)
	return m, w
}

// drawnTexts is the text of every canvas.Text the map draws.
func drawnTexts(m *ArgumentMap) []string {
	var out []string
	for _, o := range test.WidgetRenderer(m).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// drawnLineColours counts the lines the map draws, by colour.
func drawnLineColours(m *ArgumentMap) map[color.Color]int {
	out := map[color.Color]int{}
	for _, o := range test.WidgetRenderer(m).Objects() {
		if l, ok := o.(*canvas.Line); ok {
			out[l.StrokeColor]++
		}
	}
	return out
}

func nodeCentre(m *ArgumentMap, id string) fyne.Position {
	return m.ToScreen(m.lay.Pos[id])
}

func TestArgumentMapRenders(t *testing.T) {
	test.NewTempApp(t)
	m, w := showMap(t, smallArgument(), fyne.NewSize(960, 600))
	if m.Zoom() != 1 {
		t.Fatalf("fitted zoom %v", m.Zoom())
	}
	test.AssertRendersToMarkup(t, "argument_map.xml", w.Canvas())
}

func TestArgumentMapTapReportsNode(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	var tapped []string
	m.OnNodeTapped = func(id string) { tapped = append(tapped, id) }
	for _, id := range []string{"c1", "p3"} {
		m.Tapped(&fyne.PointEvent{Position: nodeCentre(m, id)})
	}
	m.Tapped(&fyne.PointEvent{Position: fyne.NewPos(2, 300)}) // background
	if !slices.Equal(tapped, []string{"c1", "p3"}) {
		t.Fatalf("tapped %q", tapped)
	}
}

func TestArgumentMapFocusShowsNeighbourhood(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	m.Focus("p4", 1)
	g, l := m.Export()
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	if !slices.Equal(ids, []string{"c2", "p1", "p4"}) || len(l.Pos) != 3 {
		t.Fatalf("focus shows %q", ids)
	}
	texts := drawnTexts(m)
	for _, hidden := range []string{"“Releases met the", "The dam caused the"} {
		for _, s := range texts {
			if len(s) >= len(hidden) && s[:len(hidden)] == hidden {
				t.Errorf("focus still draws %q", s)
			}
		}
	}
	if m.Selected() != "p4" {
		t.Errorf("focused node not selected: %q", m.Selected())
	}
	m.Focus("p4", 0)
	if g, _ := m.Export(); len(g.Nodes) != 6 {
		t.Errorf("depth 0 shows %d nodes", len(g.Nodes))
	}
}

func TestArgumentMapFilterByRelation(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	m.SetFilter(argmap.Filter{Relations: []string{"contradicts"}})
	g, _ := m.Export()
	if len(g.Nodes) != 6 || len(g.Edges) != 2 {
		t.Fatalf("filter kept %d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
	red := argmap.RelationColor("contradicts", isDark(theme.ColorForWidget(theme.ColorNameBackground, m)))
	for c, n := range drawnLineColours(m) {
		if c != red && c != color.Color(red) {
			t.Errorf("%d lines drawn in %v, not the contradicts colour", n, c)
		}
	}
	m.SetFilter(argmap.Filter{})
	if g, _ := m.Export(); len(g.Edges) != 6 {
		t.Errorf("clearing the filter shows %d edges", len(g.Edges))
	}
}

func TestArgumentMapWheelZoomsAroundPointer(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	at := fyne.NewPos(300, 200)
	before, z := m.ToLayout(at), m.Zoom()
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, 2*wheelNotch)})
	if m.Zoom() <= z*1.3 {
		t.Fatalf("two notches zoomed from %v to %v", z, m.Zoom())
	}
	if after := m.ToLayout(at); abs32(after.X-before.X) > 0.01 || abs32(after.Y-before.Y) > 0.01 {
		t.Fatalf("point under the pointer moved from %v to %v", before, after)
	}
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, -2*wheelNotch)})
	if abs32(m.Zoom()-z) > 0.001 {
		t.Errorf("zooming back gives %v, want %v", m.Zoom(), z)
	}
	m.ZoomIn()
	if abs32(m.Zoom()-z*zoomStep) > 0.001 {
		t.Errorf("ZoomIn: %v", m.Zoom())
	}
	m.FitView()
	if m.Zoom() != z {
		t.Errorf("FitView: %v, want %v", m.Zoom(), z)
	}
}

func TestArgumentMapDragPans(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	before := nodeCentre(m, "c1")
	m.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(30, -20)})
	m.DragEnd()
	if after := nodeCentre(m, "c1"); after != before.AddXY(30, -20) {
		t.Fatalf("node moved from %v to %v", before, after)
	}
}

func TestArgumentMapSelectBringsNodeIntoView(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	before := nodeCentre(m, "p4")
	m.Select("p4")
	if after := nodeCentre(m, "p4"); after != before {
		t.Fatalf("selecting a node in view moved it from %v to %v", before, after)
	}
	// Zoomed in and panned away, selecting brings p4 back with the claim
	// it supports and the passage it qualifies.
	m.ZoomIn()
	m.ZoomIn()
	m.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-2000, -2000)})
	m.Select("p4")
	size := m.Size()
	for _, id := range []string{"p4", "c2", "p1"} {
		r, _ := m.lay.NodeRect(id)
		a, b := m.ToScreen(r.Min), m.ToScreen(r.Max)
		if a.X < 0 || a.Y < 0 || b.X > size.Width || b.Y > size.Height {
			t.Errorf("after Select(p4), %s is at %v–%v, outside %v", id, a, b, size)
		}
	}
}

func TestArgumentMapHidesTextTooSmallToRead(t *testing.T) {
	test.NewTempApp(t)
	m, _ := showMap(t, smallArgument(), fyne.NewSize(760, 460))
	for m.Zoom() > 0.3 {
		m.ZoomOut()
	}
	// Only the legend's relation names are left.
	for _, s := range drawnTexts(m) {
		if !slices.Contains(argmap.Relations(), s) {
			t.Fatalf("at zoom %v still draws %q", m.Zoom(), s)
		}
	}
}

func TestArgumentMapTooltipShowsFullLabel(t *testing.T) {
	test.NewTempApp(t)
	long := "“" + longText(60) + "”"
	g := smallArgument()
	g.Nodes[2].Label = long
	m, _ := showMap(t, g, fyne.NewSize(760, 460))
	m.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: nodeCentre(m, "p1")}})
	testClock.advance(tooltipDelay)
	if !m.tip.Visible() || m.tip.text != long+"\n\nThe Tribune" {
		t.Fatalf("tooltip visible %v, text %q", m.tip.Visible(), m.tip.text)
	}
	m.MouseOut()
	if m.tip.Visible() {
		t.Fatalf("tooltip still shown")
	}
}

// tallArgument is smallArgument with a chain of qualifications under p4,
// so the map is taller than it is wide and its claims are at the top.
func tallArgument() argmap.Graph {
	g := smallArgument()
	prev := "p4"
	for _, id := range []string{"q1", "q2", "q3"} {
		g.Nodes = append(g.Nodes, argmap.Node{ID: id, Kind: argmap.KindPassage, Label: "“Gauges upstream were read weekly, not daily.”", Sub: "Basin Monitor", Group: "b"})
		g.Edges = append(g.Edges, argmap.Edge{ID: "e-" + id, From: id, To: prev, Rel: "qualifies"})
		prev = id
	}
	return g
}

// assertEveryNodeInView fails unless every node the map shows lies wholly
// within the widget.
func assertEveryNodeInView(t *testing.T, m *ArgumentMap) {
	t.Helper()
	size := m.Size()
	g, l := m.Export()
	if len(g.Nodes) == 0 {
		t.Fatal("the map shows nothing")
	}
	for _, n := range g.Nodes {
		r, _ := l.NodeRect(n.ID)
		a, b := m.ToScreen(r.Min), m.ToScreen(r.Max)
		if a.X < 0 || a.Y < 0 || b.X > size.Width || b.Y > size.Height {
			t.Errorf("node %s is drawn at %v–%v, outside the %v view", n.ID, a, b, size)
		}
		if legend := m.legendCorner(); a.X < legend.Width && a.Y < legend.Height {
			t.Errorf("node %s at %v–%v is under the legend (%v)", n.ID, a, b, legend)
		}
	}
}

// TestArgumentMapOpensWithEveryNodeInView opens the map as the window does
// on Ctrl+M with a claim open: graph, filter, focus and the selection are
// set before the widget has a size; then it is shown and given one. The
// selected claim is at the top of the map: centring it pushed the bottom
// of the map out of view.
func TestArgumentMapOpensWithEveryNodeInView(t *testing.T) {
	test.NewTempApp(t)
	m := NewArgumentMap()
	m.clock = testClock
	m.SetGraph(tallArgument())
	m.SetFilter(argmap.Filter{})
	m.Focus("", 0)
	m.Select("c1")
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(1000, 700))
	assertEveryNodeInView(t, m)
	if m.Selected() != "c1" {
		t.Errorf("selected %q", m.Selected())
	}

	// Opened again, already with its size.
	m.SetGraph(tallArgument())
	m.Select("c1")
	assertEveryNodeInView(t, m)

	// The window grows and shrinks: the map stays fitted.
	w.Resize(fyne.NewSize(1200, 900))
	assertEveryNodeInView(t, m)
	w.Resize(fyne.NewSize(900, 640))
	assertEveryNodeInView(t, m)
}

// TestArgumentMapOpensReadableOnSelection opens a map too big to read
// fitted, with a node selected: the view zooms to where text is drawn and
// shows the node, in view, rather than a fitted smudge.
func TestArgumentMapOpensReadableOnSelection(t *testing.T) {
	test.NewTempApp(t)
	m := NewArgumentMap()
	m.clock = testClock
	m.SetGraph(argmaptest.Generate(500, 1000, 1))
	m.Select("c3")
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(1000, 700))
	if !m.readableInView("c3") || m.Zoom() < m.readableScale() {
		t.Fatalf("zoom %v: c3 not readable in view", m.Zoom())
	}
	// The user's zoom is theirs: a resize does not undo it.
	m.ZoomOut()
	z := m.Zoom()
	w.Resize(fyne.NewSize(1100, 760))
	if m.Zoom() != z {
		t.Errorf("a resize changed the user's zoom from %v to %v", z, m.Zoom())
	}
}

// TestArgumentMapLegendCoversNoNode fits maps of many shapes: none puts a
// node under the legend in the top left corner.
func TestArgumentMapLegendCoversNoNode(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		n    int
		seed uint64
	}{{16, 1}, {16, 3}, {16, 6}, {9, 7}, {16, 22}, {12, 5}} {
		m := NewArgumentMap()
		m.clock = testClock
		m.SetGraph(argmaptest.Generate(c.n, c.n+c.n/2, c.seed))
		w := test.NewTempWindow(t, m)
		w.Resize(fyne.NewSize(900, 560))
		assertEveryNodeInView(t, m)
	}
}
