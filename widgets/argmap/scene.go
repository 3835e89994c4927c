package argmap

import (
	"image/color"
	"strings"
)

// A scene is a drawing as a list of simple shapes, built once from a graph
// and its layout; the SVG and PNG renderers only translate shapes, so the
// two pictures match.
type scene struct {
	w, h   float32
	bg     color.NRGBA
	groups []shapeGroup
}

// shapeGroup is the shapes of one thing drawn: a node, an edge, a label,
// the legend. The SVG keeps it as a <g> element.
type shapeGroup struct {
	class, id, title string
	shapes           []shape
}

type shapeKind uint8

const (
	shapeRect     shapeKind = iota // r, radius, fill, stroke
	shapePolyline                  // pts, stroke, width, dashes
	shapePolygon                   // pts, fill
	shapeText                      // text at pt (left end of the baseline), font, fill
)

type shape struct {
	kind         shapeKind
	r            Rect
	radius       float32
	fill, stroke color.NRGBA // A == 0: none
	width        float32
	dashes       []float32 // a polyline's dash pattern (nil: solid)
	pts          []Point
	text         string
	font         Font
}

const (
	legendH     = 26
	legendLine  = 30 // a legend entry's sample of line and end mark
	arrowLength = 9
)

// edgeShapes draws an edge along pts in its relation's style: the line,
// dashed if need be and stopped where the end mark begins, and the mark.
func edgeShapes(pts []Point, rs RelationStyle, dark bool, markSize float32) []shape {
	c := rs.Color(dark)
	line := append([]Point(nil), pts...)
	mk, ok := EndMark(pts, rs.Head, markSize)
	if ok {
		line[len(line)-1] = mk.LineEnd
	}
	out := []shape{{kind: shapePolyline, pts: line, stroke: c, width: rs.Width, dashes: ScaledDashes(rs.Line, rs.Width, 1)}}
	if mk.Fill != nil {
		out = append(out, shape{kind: shapePolygon, pts: mk.Fill, fill: c})
	}
	for _, s := range mk.Strokes {
		out = append(out, shape{kind: shapePolyline, pts: s, stroke: c, width: rs.Width})
	}
	return out
}

// baseline is where text of font size s sits in a line box from top to
// top+h: the x-height centred, which looks centred for mixed-case text.
func baseline(top, h, s float32) float32 { return top + h/2 + 0.36*s }

func buildScene(g Graph, l Layout, st Style) scene {
	st = st.withDefaults()
	pal := StylePalette(st.Dark)
	m := l.Metrics
	top := st.Margin
	rels := UsedRelations(g)
	if !st.NoLegend && len(rels) > 0 {
		top += legendH
	}
	off := Point{st.Margin - l.Bounds.Min.X, top - l.Bounds.Min.Y}
	mv := func(p Point) Point { return Point{p.X + off.X, p.Y + off.Y} }
	mvr := func(r Rect) Rect { return Rect{mv(r.Min), mv(r.Max)} }
	sc := scene{w: l.Bounds.W() + 2*st.Margin, h: l.Bounds.H() + top + st.Margin, bg: pal.Background}
	if !st.NoLegend && len(rels) > 0 {
		lg, w := legendGroup(rels, st, pal, m)
		sc.groups = append(sc.groups, lg)
		sc.w = max(sc.w, w+st.Margin)
	}
	keys := g.EdgeKeys()
	for i, e := range g.Edges {
		pts, ok := l.EdgePaths[keys[i]]
		if !ok || len(pts) < 2 {
			continue
		}
		rs := StyleOf(e.Rel)
		moved := make([]Point, len(pts))
		for j, p := range pts {
			moved[j] = mv(p)
		}
		gr := shapeGroup{class: "edge " + NormalRel(e.Rel), id: keys[i], title: e.EdgeText()}
		gr.shapes = edgeShapes(moved, rs, st.Dark, arrowLength)
		sc.groups = append(sc.groups, gr)
	}
	for i, e := range g.Edges {
		r, ok := l.Labels[keys[i]]
		if !ok {
			continue
		}
		r = mvr(r)
		c := RelationColor(e.Rel, st.Dark)
		sc.groups = append(sc.groups, shapeGroup{class: "edge-label", id: keys[i], shapes: []shape{
			{kind: shapeRect, r: r, radius: r.H() / 2, fill: pal.Background, stroke: c, width: 1},
			{kind: shapeText, pts: []Point{{r.Min.X + m.LabelPad, baseline(r.Min.Y, r.H(), m.LabelFontSize)}},
				text: l.LabelTexts[keys[i]], font: fitFont(l.LabelTexts[keys[i]], Font{Size: m.LabelFontSize}, r.W()-2*m.LabelPad), fill: pal.Foreground},
		}})
	}
	seen := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		r, ok := l.NodeRect(n.ID)
		if !ok || seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		sc.groups = append(sc.groups, nodeGroup(n, mvr(r), l, st, pal))
	}
	return sc
}

// NodeColors are a node's fill, border colour and border width.
func NodeColors(n Node, pal Palette, dark bool) (fill, border color.NRGBA, width float32) {
	switch n.Kind {
	case KindClaim:
		return pal.ClaimFill, pal.ClaimBorder, 2
	case KindNote:
		return pal.NoteFill, pal.NodeBorder, 1
	}
	fill = pal.NodeFill
	if t, ok := GroupTint(n.Group, dark); ok {
		fill = t
	}
	return fill, pal.NodeBorder, 1
}

func nodeGroup(n Node, r Rect, l Layout, st Style, pal Palette) shapeGroup {
	m := l.Metrics
	fill, border, bw := NodeColors(n, pal, st.Dark)
	if n.ID == st.Selected {
		border, bw = pal.Selected, 3
	}
	gr := shapeGroup{class: "node " + string(n.Kind), id: n.ID, title: n.Label}
	if n.Sub != "" {
		gr.title += "\n" + n.Sub
	}
	gr.shapes = append(gr.shapes, shape{kind: shapeRect, r: r, radius: 6, fill: fill, stroke: border, width: bw})
	txt := l.Text[n.ID]
	avail := r.W() - 2*m.Pad
	y := r.Min.Y + m.Pad
	for _, line := range txt.Lines {
		f := fitFont(line, m.NodeFont(n.Kind), avail)
		gr.shapes = append(gr.shapes, shape{kind: shapeText, pts: []Point{{r.Min.X + m.Pad, baseline(y, m.LineHeight, f.Size)}}, text: line, font: f, fill: pal.Foreground})
		y += m.LineHeight
	}
	if txt.Sub != "" {
		sh := m.subHeight()
		f := fitFont(txt.Sub, Font{Size: m.SubFontSize}, avail)
		gr.shapes = append(gr.shapes, shape{kind: shapeText, pts: []Point{{r.Min.X + m.Pad, baseline(y+2, sh, f.Size)}}, text: txt.Sub, font: f, fill: pal.Muted})
	}
	return gr
}

// fitFont is f, smaller if need be for text to fit width in the Go fonts:
// a layout made with other metrics (the widget's theme font, for an
// export of what it shows) may have measured the text narrower.
func fitFont(text string, f Font, width float32) Font {
	if w := GoFontMeasure(text, f); w > width && w > 0 {
		f.Size *= width / w
	}
	return f
}

// legendGroup is a row of relation swatches along the top.
func legendGroup(rels []string, st Style, pal Palette, m Metrics) (shapeGroup, float32) {
	gr := shapeGroup{class: "legend", title: "Relations: " + strings.Join(rels, ", ")}
	f := Font{Size: m.LabelFontSize}
	x, y := st.Margin, st.Margin+legendH/2-4
	for _, r := range rels {
		rs := StyleOf(r)
		gr.shapes = append(gr.shapes, edgeShapes([]Point{{x, y}, {x + legendLine, y}}, rs, st.Dark, arrowLength)...)
		gr.shapes = append(gr.shapes, shape{kind: shapeText, pts: []Point{{x + legendLine + 6, baseline(y-8, 16, f.Size)}}, text: r, font: f, fill: pal.Foreground})
		x += legendLine + 6 + GoFontMeasure(r, f) + 18
	}
	return gr, x - 18
}
