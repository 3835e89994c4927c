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
// arrows coloured by relation, with a legend. The reader pans by dragging,
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

	scale    float32
	origin   fyne.Position // where layout (0,0) is, in widget coordinates
	fitDue   bool          // fit once the widget has a size
	fitted   bool          // fitted and not moved since: stay fitted as the size changes
	centreOn string        // with fitDue: centre this node instead

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
	m.FitView()
}

// Focus shows only the nodes within depth links of id, laid out on their
// own, with id selected and in the middle of the view; depth 0 (or an id
// not in the graph) shows the whole graph again.
func (m *ArgumentMap) Focus(id string, depth int) {
	if depth <= 0 || !hasNode(m.full, id) {
		m.focus, m.focusDepth = "", 0
	} else {
		m.focus, m.focusDepth, m.selected = id, depth, id
	}
	m.relayout()
	m.FitView()
	if m.focus != "" && m.scale*m.lay.Metrics.FontSize < minTextPx*1.6 {
		// Too big a neighbourhood to read fitted: read it around id.
		m.scale = minTextPx * 1.6 / m.lay.Metrics.FontSize
		m.centre(id)
	}
}

// SetFilter shows only what f keeps, laid out afresh and fitted.
func (m *ArgumentMap) SetFilter(f argmap.Filter) {
	m.filter = f
	m.relayout()
	m.FitView()
}

// Select highlights node id (the item open elsewhere; "" for none) and
// scrolls it to the middle of the view, zooming in if its text would be
// too small to read.
func (m *ArgumentMap) Select(id string) {
	m.selected = id
	if _, ok := m.lay.Pos[id]; ok {
		if m.scale*m.lay.Metrics.FontSize < minTextPx {
			m.scale = minTextPx * 1.6 / m.lay.Metrics.FontSize
		}
		m.centre(id)
	}
	m.Refresh()
}

// Selected is the highlighted node's id.
func (m *ArgumentMap) Selected() string { return m.selected }

// ZoomIn zooms in a step around the middle of the view.
func (m *ArgumentMap) ZoomIn() { m.zoomAt(m.middle(), zoomStep) }

// ZoomOut zooms out a step around the middle of the view.
func (m *ArgumentMap) ZoomOut() { m.zoomAt(m.middle(), 1/zoomStep) }

// FitView zooms and pans so the whole map is in view (at most at 1x).
func (m *ArgumentMap) FitView() {
	size := m.Size()
	if size.Width <= 0 || size.Height <= 0 {
		m.fitDue, m.centreOn = true, ""
		return
	}
	m.fitDue, m.fitted = false, true
	b := m.lay.Bounds
	m.scale = min(maxFitZoom, (size.Width-2*fitMargin)/max(b.W(), 1), (size.Height-2*fitMargin)/max(b.H(), 1))
	m.scale = max(m.scale, m.minZoom())
	m.origin = fyne.NewPos(
		(size.Width-b.W()*m.scale)/2-b.Min.X*m.scale,
		(size.Height-b.H()*m.scale)/2-b.Min.Y*m.scale)
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
	m.fitted = false
	m.hideTooltip()
	m.Refresh()
}

// centre pans so node id is in the middle of the view.
func (m *ArgumentMap) centre(id string) {
	c, ok := m.lay.Pos[id]
	if !ok {
		return
	}
	size := m.Size()
	if size.Width <= 0 {
		m.fitDue, m.centreOn = true, id
		return
	}
	m.origin = fyne.NewPos(size.Width/2-c.X*m.scale, size.Height/2-c.Y*m.scale)
	m.fitted = false
	m.Refresh()
}

// panBy moves the view by d.
func (m *ArgumentMap) panBy(d fyne.Delta) {
	m.origin = m.origin.AddXY(d.DX, d.DY)
	m.fitted = false
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
