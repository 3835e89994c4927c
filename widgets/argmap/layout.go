package argmap

import (
	"math"
	"slices"
)

// Options tune Lay. The zero value is a sensible default for the SVG and
// PNG renderers; the widget sets the measurer and sizes from its theme.
type Options struct {
	// Seed varies the initial order within layers, from which the crossing
	// reduction starts; the same graph and seed give the same layout.
	Seed uint64
	// Measure gives text widths; nil means GoFontMeasure.
	Measure Measurer
	// FontSize is the node labels' size (13 if 0); SubFontSize the
	// secondary line's (0.85×) and LabelFontSize the edge labels' (0.8×).
	FontSize, SubFontSize, LabelFontSize float32
	// MaxLines caps a node label's wrapped lines (3 if 0); TextWidth is the
	// widest a line may be (about 28 average characters if 0).
	MaxLines  int
	TextWidth float32
	// NodeGap is the least horizontal space between boxes (24 if 0),
	// LayerGap the vertical space between a layer and the edge labels
	// below it (16 if 0), ComponentGap the space between disconnected parts
	// (48 if 0).
	NodeGap, LayerGap, ComponentGap float32
	// StackLeaves is how many one-link nodes (evidence that nothing else
	// refers to) a node needs before they are drawn as a list under it
	// rather than in a row (3 if 0; negative: never).
	StackLeaves int
	// Aspect is the width-to-height ratio the packing of disconnected
	// parts aims at (1.6 if 0).
	Aspect float32
}

func (o Options) withDefaults() Options {
	if o.Measure == nil {
		o.Measure = GoFontMeasure
	}
	if o.FontSize <= 0 {
		o.FontSize = 13
	}
	if o.SubFontSize <= 0 {
		o.SubFontSize = o.FontSize * 0.85
	}
	if o.LabelFontSize <= 0 {
		o.LabelFontSize = o.FontSize * 0.8
	}
	if o.MaxLines <= 0 {
		o.MaxLines = 3
	}
	if o.TextWidth <= 0 {
		o.TextWidth = o.Measure("abcdefghijklmnopqrstuvwxyz    ", Font{Size: o.FontSize}) / 30 * 28
	}
	if o.NodeGap <= 0 {
		o.NodeGap = 24
	}
	if o.LayerGap <= 0 {
		o.LayerGap = 16
	}
	if o.ComponentGap <= 0 {
		o.ComponentGap = 48
	}
	if o.StackLeaves == 0 {
		o.StackLeaves = 3
	}
	if o.Aspect <= 0 {
		o.Aspect = 1.6
	}
	return o
}

// Metrics are the text sizes and spacing a Layout was made with, which its
// renderers must use to fit the boxes.
type Metrics struct {
	FontSize, SubFontSize, LabelFontSize float32
	LineHeight                           float32 // of node labels; the sub line and edge labels scale it
	Pad                                  float32 // inside a node box, around its text
	LabelPad                             float32 // inside an edge label's pill, left and right
}

// NodeFont is the face of a node's label: claims bold, passages italic.
func (m Metrics) NodeFont(k NodeKind) Font {
	return Font{Size: m.FontSize, Bold: k == KindClaim, Italic: k == KindPassage}
}

// NodeText is a node's label as drawn: wrapped, cut, and its sub line.
type NodeText struct {
	Lines []string
	Sub   string
}

// Layout is where everything goes, in pixels at 1x with y down.
type Layout struct {
	Pos    map[string]Point // node centre
	Size   map[string]Size  // node box
	Bounds Rect             // everything drawn: boxes, edges, labels; Min is (0,0)
	// EdgePaths are polylines from From's border to To's, keyed by
	// Graph.EdgeKeys; edges with a missing end have none.
	EdgePaths map[string][]Point
	// Labels are the boxes of the edges' labels (the pill behind the text),
	// keyed like EdgePaths; they overlap no node box.
	Labels     map[string]Rect
	LabelTexts map[string]string // the label as drawn: cut to fit
	Text       map[string]NodeText
	Metrics    Metrics
}

// NodeRect is the box of node id (false if it was not laid out).
func (l Layout) NodeRect(id string) (Rect, bool) {
	p, ok := l.Pos[id]
	if !ok {
		return Rect{}, false
	}
	return rectAt(p, l.Size[id]), true
}

// NodeAt is the node whose box holds p ("" if none).
func (l Layout) NodeAt(p Point) string {
	best := ""
	for id, c := range l.Pos {
		if rectAt(c, l.Size[id]).Contains(p) && (best == "" || id < best) {
			best = id
		}
	}
	return best
}

// Lay places g's nodes, routes its edges and places their labels.
func Lay(g Graph, opt Options) Layout {
	opt = opt.withDefaults()
	ly := newLayering(g, opt)
	ly.build()
	comps := ly.components()
	for i, c := range comps {
		comps[i] = ly.layComponent(c)
	}
	ly.pack(comps)
	return ly.result()
}

// pack places the components side by side in rows (tallest first) about
// as wide as Aspect asks of their total area, then moves the whole drawing
// to the origin.
func (ly *layering) pack(comps [][]int) {
	type box struct {
		comp int
		r    Rect
	}
	boxes := make([]box, len(comps))
	var area float64
	var widest float32
	for i, c := range comps {
		r := ly.slotRect(c[0])
		for _, v := range c[1:] {
			r = r.Union(ly.slotRect(v))
		}
		boxes[i] = box{i, r}
		area += float64(r.W()+ly.opt.ComponentGap) * float64(r.H()+ly.opt.ComponentGap)
		widest = max(widest, r.W())
	}
	slices.SortStableFunc(boxes, func(a, b box) int {
		switch {
		case a.r.H() > b.r.H():
			return -1
		case a.r.H() < b.r.H():
			return 1
		}
		return 0
	})
	rowW := max(widest, float32(math.Sqrt(area*float64(ly.opt.Aspect))))
	gap := ly.opt.ComponentGap
	var x, y, rowH float32
	for _, b := range boxes {
		if x > 0 && x+b.r.W() > rowW {
			x, y, rowH = 0, y+rowH+gap, 0
		}
		ly.shift(comps[b.comp], x-b.r.Min.X, y-b.r.Min.Y)
		x += b.r.W() + gap
		rowH = max(rowH, b.r.H())
	}
}
