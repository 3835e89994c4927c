package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/widgets/argmap"
)

// Zoom limits and steps. Text smaller than minTextPx is not drawn: boxes
// and edges still show the map's shape, and unreadable smudges would only
// cost time.
const (
	maxZoom     = 4
	zoomStep    = 1.25 // ZoomIn, ZoomOut and the buttons
	wheelNotch  = 25   // the desktop driver's scroll delta per wheel notch
	wheelFactor = 1.15 // zoom per notch
	minTextPx   = 7
	fitMargin   = 24
	maxFitZoom  = 1 // FitView does not blow a small map up beyond 1x
)

// ArgumentMap shows an argument map: claims and passages as boxes, links as
// arrows in their relation's style (argmap.StyleOf: colour, line pattern,
// end mark), with a legend. The reader pans by dragging,
// zooms with the wheel (around the pointer) or the corner buttons, and taps
// nodes; resting the pointer on a node shows its full text. It draws only
// what is in view, from pools of canvas objects, so a 500-node map pans as
// smoothly as a small one.
type ArgumentMap struct {
	widget.BaseWidget
	clock clock

	// OnNodeTapped is called with a node's id when the user clicks it.
	OnNodeTapped func(id string)

	full       argmap.Graph
	filter     argmap.Filter
	focus      string // "" when the whole (filtered) graph is shown
	focusDepth int
	selected   string

	shown    argmap.Graph
	lay      argmap.Layout
	keys     []string      // shown's edge keys
	edgeBox  []argmap.Rect // each shown edge's path's bounding box
	nodeAt   map[string]int
	laidSize float32 // the theme text size the layout was made for

	scale  float32
	origin fyne.Position // where layout (0,0) is, in widget coordinates
	// auto: the view is the map's own choice (autoView), not the user's,
	// so it is made again whenever the size changes, until the user pans
	// or zooms. A widget gets its real size only once it is in a window
	// (and may pass through others on the way): a view made earlier
	// would be made for the wrong size.
	auto     bool
	autoSize fyne.Size // the size the automatic view was last made for
	// showSelected: the automatic view also brings the selected node
	// into view, readable, with its neighbours; false after FitView.
	showSelected bool

	hover   mapHover
	tip     *tooltip
	buttons *fyne.Container // zoom in, zoom out, fit: bottom right
}

var _ fyne.Widget = (*ArgumentMap)(nil)

// NewArgumentMap makes an empty map.
func NewArgumentMap() *ArgumentMap {
	m := &ArgumentMap{clock: realClock{}, scale: 1}
	m.tip = newTooltip()
	m.buttons = container.NewHBox(
		mapButton(theme.ZoomOutIcon(), m.ZoomOut),
		mapButton(theme.ZoomInIcon(), m.ZoomIn),
		mapButton(theme.ZoomFitIcon(), m.FitView))
	m.ExtendBaseWidget(m)
	return m
}

// SetGraph shows g, laid out afresh and fitted to the view, with no focus
// (the filter stays).
func (m *ArgumentMap) SetGraph(g argmap.Graph) {
	m.full = g
	m.focus, m.focusDepth = "", 0
	m.relayout()
	m.setAutoView(true)
}

// Focus shows only the nodes within depth links of id, laid out on their
// own and fitted, with id selected (and readable); depth 0 (or an id not
// in the graph) shows the whole graph again. Focusing on what is already
// focused changes nothing: the user's pan and zoom stay.
func (m *ArgumentMap) Focus(id string, depth int) {
	if depth <= 0 || !hasNode(m.full, id) {
		id, depth = "", 0
	}
	if id != "" {
		m.selected = id
	}
	if id == m.focus && depth == m.focusDepth {
		return
	}
	m.focus, m.focusDepth = id, depth
	m.relayout()
	m.setAutoView(true)
}

// SetFilter shows only what f keeps, laid out afresh and fitted.
func (m *ArgumentMap) SetFilter(f argmap.Filter) {
	m.filter = f
	m.relayout()
	m.setAutoView(true)
}

// Select highlights node id (the item open elsewhere; "" for none) and
// brings it into view with its neighbours, zooming in if its text would
// be too small to read. A node already in view, readable, stays where it
// is: moving the map under the reader's eyes would lose their place.
func (m *ArgumentMap) Select(id string) {
	m.selected = id
	if m.auto {
		m.setAutoView(true)
		return
	}
	if !m.readableInView(id) {
		m.reveal(id)
	}
	m.Refresh()
}

// Selected is the highlighted node's id.
func (m *ArgumentMap) Selected() string { return m.selected }

// ZoomIn zooms in a step around the middle of the view.
func (m *ArgumentMap) ZoomIn() { m.zoomAt(m.middle(), zoomStep) }

// ZoomOut zooms out a step around the middle of the view.
func (m *ArgumentMap) ZoomOut() { m.zoomAt(m.middle(), 1/zoomStep) }

// FitView zooms and pans so the whole map is in view (at most at 1x),
// and keeps it so as the widget is resized, until the user pans or zooms.
func (m *ArgumentMap) FitView() { m.setAutoView(false) }

// setAutoView hands the view back to the map: the whole map fitted and,
// with showSelected, the selected node readable with its neighbours.
func (m *ArgumentMap) setAutoView(showSelected bool) {
	m.auto, m.showSelected = true, showSelected
	m.autoSize = fyne.Size{}
	m.autoView()
}

// autoView makes the automatic view for the widget's size; with no size
// yet, the first layout with one makes it.
func (m *ArgumentMap) autoView() {
	size := m.Size()
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	m.autoSize = size
	b := m.lay.Bounds
	// The map is fitted beside the legend or below it, whichever leaves
	// it larger: the legend must not cover a node.
	fit := func(x, y, w, h float32) (scale float32, origin fyne.Position) {
		scale = min(maxFitZoom, (w-2*fitMargin)/max(b.W(), 1), (h-2*fitMargin)/max(b.H(), 1))
		scale = max(scale, m.minZoom())
		return scale, fyne.NewPos(x+(w-b.W()*scale)/2-b.Min.X*scale, y+(h-b.H()*scale)/2-b.Min.Y*scale)
	}
	legend := m.legendCorner()
	m.scale, m.origin = fit(legend.Width, 0, size.Width-legend.Width, size.Height)
	if s, o := fit(0, legend.Height, size.Width, size.Height-legend.Height); s > m.scale {
		m.scale, m.origin = s, o
	}
	if m.showSelected && !m.readableInView(m.selected) {
		// Too big a map to read fitted: read it around the selection.
		m.reveal(m.selected)
	}
	m.hideTooltip()
	m.Refresh()
}

// Zoom is the current scale: screen pixels per layout unit.
func (m *ArgumentMap) Zoom() float32 { return m.scale }

// Export is what the map shows: the focused and filtered graph and its
// layout, for the app to write as SVG or PNG.
func (m *ArgumentMap) Export() (argmap.Graph, argmap.Layout) { return m.shown, m.lay }

// ToScreen is where layout point p is drawn, in widget coordinates.
func (m *ArgumentMap) ToScreen(p argmap.Point) fyne.Position {
	return fyne.NewPos(m.origin.X+p.X*m.scale, m.origin.Y+p.Y*m.scale)
}

// ToLayout is the layout point drawn at widget position p.
func (m *ArgumentMap) ToLayout(p fyne.Position) argmap.Point {
	return argmap.Point{X: (p.X - m.origin.X) / m.scale, Y: (p.Y - m.origin.Y) / m.scale}
}

func hasNode(g argmap.Graph, id string) bool {
	for _, n := range g.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

// relayout filters, focuses and lays the graph out again, measuring text
// with the theme's fonts so boxes fit what the widget draws.
func (m *ArgumentMap) relayout() {
	g := m.full
	if !m.filter.IsZero() {
		g = g.Filter(m.filter)
	}
	if m.focus != "" {
		g = g.Neighbourhood(m.focus, m.focusDepth)
	}
	m.shown = g
	m.laidSize = theme.SizeForWidget(theme.SizeNameText, m)
	caption := theme.SizeForWidget(theme.SizeNameCaptionText, m)
	m.lay = argmap.Lay(g, argmap.Options{
		Measure: func(s string, f argmap.Font) float32 {
			return fyne.MeasureText(s, f.Size, fyne.TextStyle{Bold: f.Bold, Italic: f.Italic}).Width
		},
		FontSize: m.laidSize, SubFontSize: caption, LabelFontSize: caption,
	})
	m.keys = g.EdgeKeys()
	m.edgeBox = make([]argmap.Rect, len(g.Edges))
	for i, k := range m.keys {
		pts := m.lay.EdgePaths[k]
		if len(pts) == 0 {
			continue
		}
		r := argmap.Rect{Min: pts[0], Max: pts[0]}
		for _, p := range pts[1:] {
			r = r.Union(argmap.Rect{Min: p, Max: p})
		}
		m.edgeBox[i] = r
	}
	m.nodeAt = make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if _, dup := m.nodeAt[n.ID]; !dup {
			m.nodeAt[n.ID] = i
		}
	}
	m.hideTooltip()
}

// minZoom lets the whole map shrink to a quarter of the view, no further.
func (m *ArgumentMap) minZoom() float32 {
	size := m.Size()
	b := m.lay.Bounds
	fit := min(size.Width/max(b.W(), 1), size.Height/max(b.H(), 1))
	return min(0.1, fit/4)
}

func (m *ArgumentMap) middle() fyne.Position {
	s := m.Size()
	return fyne.NewPos(s.Width/2, s.Height/2)
}

// zoomAt scales by factor, keeping the layout point under p where it is.
func (m *ArgumentMap) zoomAt(p fyne.Position, factor float32) {
	at := m.ToLayout(p)
	m.scale = max(m.minZoom(), min(maxZoom, m.scale*factor))
	m.origin = fyne.NewPos(p.X-at.X*m.scale, p.Y-at.Y*m.scale)
	m.auto = false
	m.hideTooltip()
	m.Refresh()
}

// readableScale is the zoom at which node text is comfortably readable.
func (m *ArgumentMap) readableScale() float32 {
	return minTextPx * 1.6 / max(m.lay.Metrics.FontSize, 1)
}

// readableInView tells whether node id (none counts as yes) is wholly in
// view with its text drawn.
func (m *ArgumentMap) readableInView(id string) bool {
	r, ok := m.lay.NodeRect(id)
	if !ok {
		return true
	}
	size := m.Size()
	a, b := m.ToScreen(r.Min), m.ToScreen(r.Max)
	return m.scale*m.lay.Metrics.FontSize >= minTextPx &&
		a.X >= 0 && a.Y >= 0 && b.X <= size.Width && b.Y <= size.Height
}

// reveal zooms in to a readable size if need be and pans so node id and
// the nodes it links to are in view (id in the middle when they cannot
// all be), showing as little beyond the map's edges as it can.
func (m *ArgumentMap) reveal(id string) {
	r, ok := m.lay.NodeRect(id)
	size := m.Size()
	if !ok || size.Width <= 0 || size.Height <= 0 {
		return
	}
	m.scale = max(m.scale, m.readableScale())
	near := r
	for _, e := range m.shown.Edges {
		other := ""
		switch id {
		case e.From:
			other = e.To
		case e.To:
			other = e.From
		}
		if nr, ok := m.lay.NodeRect(other); ok {
			near = near.Union(nr)
		}
	}
	target := r.Center()
	if near.W()*m.scale <= size.Width-2*fitMargin && near.H()*m.scale <= size.Height-2*fitMargin {
		target = near.Center()
	}
	m.origin = fyne.NewPos(size.Width/2-target.X*m.scale, size.Height/2-target.Y*m.scale)
	m.keepMapInView()
}

// keepMapInView pans the least it takes so the map fills the view along
// each axis it is longer than the view in, and is centred along the
// others: a view made for the user shows no more empty space than it must.
func (m *ArgumentMap) keepMapInView() {
	size := m.Size()
	b := m.lay.Bounds
	clamp := func(origin, view, lo, hi float32) float32 {
		if (hi-lo)*m.scale+2*fitMargin <= view {
			return (view-(hi-lo)*m.scale)/2 - lo*m.scale
		}
		return min(fitMargin-lo*m.scale, max(view-fitMargin-hi*m.scale, origin))
	}
	m.origin = fyne.NewPos(
		clamp(m.origin.X, size.Width, b.Min.X, b.Max.X),
		clamp(m.origin.Y, size.Height, b.Min.Y, b.Max.Y))
}

// panBy moves the view by d.
func (m *ArgumentMap) panBy(d fyne.Delta) {
	m.origin = m.origin.AddXY(d.DX, d.DY)
	m.auto = false
	m.Refresh()
}

// wheelZoom is the zoom factor for a scroll of dy: one notch, 15%.
func wheelZoom(dy float32) float32 {
	return float32(math.Pow(wheelFactor, float64(dy/wheelNotch)))
}

// mapButton is one of the corner's zoom buttons: an icon only, quiet.
func mapButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon("", icon, tapped)
	b.Importance = widget.LowImportance
	return b
}
