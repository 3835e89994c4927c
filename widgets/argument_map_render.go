package widgets

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"commonplace/widgets/argmap"
)

// End marks keep their size on screen over a range of zooms: legible when
// zoomed out, not clumsy when zoomed in.
const (
	arrowLen    = 9
	legendLine  = 30 // a legend entry's sample of line and end mark
	legendMark  = 8
	cornerRound = 6
)

// CreateRenderer implements fyne.Widget.
func (m *ArgumentMap) CreateRenderer() fyne.WidgetRenderer {
	return &argumentMapRenderer{m: m}
}

// argumentMapRenderer keeps pools of lines, triangles, rectangles and texts
// and, on each refresh, fills them for what is in view only: panning a big
// map moves a few hundred objects rather than creating thousands.
type argumentMapRenderer struct {
	m       *ArgumentMap
	lines   []*canvas.Line
	arrows  []*canvas.Polygon
	rects   []*canvas.Rectangle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
	nl, na  int
	nr, nt  int
	widths  map[textKey]float32
	colours map[relColour]color.Color
}

type relColour struct {
	rel  string
	dark bool
}

// relColour is RelationColor as a color.Color, made once: boxing a colour
// for every line of every frame would allocate thousands of times a frame.
func (r *argumentMapRenderer) relColour(rel string, dark bool) color.Color {
	k := relColour{rel, dark}
	c, ok := r.colours[k]
	if !ok {
		if r.colours == nil {
			r.colours = make(map[relColour]color.Color)
		}
		c = argmap.RelationColor(rel, dark)
		r.colours[k] = c
	}
	return c
}

// textKey is a measured string: measuring shapes the text, too slow to
// repeat for every label on every frame.
type textKey struct {
	s     string
	size  float32
	style fyne.TextStyle
}

func (r *argumentMapRenderer) measure(s string, size float32, style fyne.TextStyle) float32 {
	k := textKey{s, size, style}
	if w, ok := r.widths[k]; ok {
		return w
	}
	if r.widths == nil || len(r.widths) > 4096 { // zooming makes new sizes: forget old ones
		r.widths = make(map[textKey]float32)
	}
	w := fyne.MeasureText(s, size, style).Width
	r.widths[k] = w
	return w
}

func (r *argumentMapRenderer) Destroy()                     {}
func (r *argumentMapRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is small: the map scrolls and zooms inside whatever it is given.
func (r *argumentMapRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

func (r *argumentMapRenderer) Layout(size fyne.Size) {
	m := r.m
	if m.auto && size != m.autoSize {
		m.autoView() // refreshes
		return
	}
	r.Refresh()
}

// palette is the theme's colours as the map uses them.
type mapPalette struct {
	dark                           bool
	bg, fg, muted, border, primary color.Color
	claimFill, nodeFill, panel     color.Color
	// nodes colours nodes by the export's rules (argmap.NodeColors),
	// with the theme's colours where the theme has them.
	nodes argmap.Palette
}

func (r *argumentMapRenderer) palette() mapPalette {
	m := r.m
	bg := theme.ColorForWidget(theme.ColorNameBackground, m)
	pal := mapPalette{
		dark: isDark(bg), bg: bg,
		fg:        theme.ColorForWidget(theme.ColorNameForeground, m),
		muted:     theme.ColorForWidget(theme.ColorNamePlaceHolder, m),
		border:    theme.ColorForWidget(theme.ColorNameInputBorder, m),
		primary:   theme.ColorForWidget(theme.ColorNamePrimary, m),
		claimFill: theme.ColorForWidget(theme.ColorNameInputBackground, m),
		nodeFill:  theme.ColorForWidget(theme.ColorNameBackground, m),
		panel:     theme.ColorForWidget(theme.ColorNameOverlayBackground, m),
	}
	pal.nodes = argmap.StylePalette(pal.dark)
	pal.nodes.ClaimFill, pal.nodes.ClaimBorder = nrgba(pal.claimFill), nrgba(pal.fg)
	pal.nodes.NodeFill, pal.nodes.NodeBorder = nrgba(pal.nodeFill), nrgba(pal.muted)
	return pal
}

func nrgba(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }

func (r *argumentMapRenderer) Refresh() {
	m := r.m
	if ts := theme.SizeForWidget(theme.SizeNameText, m); m.laidSize > 0 && ts != m.laidSize {
		// The theme's text size changed: boxes must fit the new text.
		c := m.ToLayout(m.middle())
		m.relayout()
		m.origin = fyne.NewPos(m.Size().Width/2-c.X*m.scale, m.Size().Height/2-c.Y*m.scale)
	}
	r.objects = r.objects[:0]
	r.nl, r.na, r.nr, r.nt = 0, 0, 0, 0
	pal := r.palette()
	size := m.Size()
	view := argmap.Rect{Min: m.ToLayout(fyne.Position{}), Max: m.ToLayout(fyne.NewPos(size.Width, size.Height))}
	r.drawEdges(view, pal)
	r.drawLabels(view, pal)
	r.drawNodes(view, pal)
	r.drawLegend(pal)
	bs := m.buttons.MinSize()
	m.buttons.Resize(bs)
	pad := theme.SizeForWidget(theme.SizeNamePadding, m)
	m.buttons.Move(fyne.NewPos(size.Width-bs.Width-pad, size.Height-bs.Height-pad))
	r.objects = append(r.objects, m.buttons, m.tip)
	canvas.Refresh(m)
}

// zoomed is how much a stroke or an arrowhead grows with the zoom: some,
// within bounds.
func (m *ArgumentMap) zoomed() float32 { return max(0.6, min(1.6, m.scale)) }

func (r *argumentMapRenderer) drawEdges(view argmap.Rect, pal mapPalette) {
	m := r.m
	s := m.scale
	al := arrowLen * m.zoomed()
	// Dashes only where text shows: zoomed out, a dashed edge would be
	// hundreds of tiny lines to draw, and the map is read by its shape.
	dashed := m.lay.Metrics.FontSize*s >= minTextPx
	size := m.Size()
	var screen []fyne.Position
	for i, e := range m.shown.Edges {
		pts := m.lay.EdgePaths[m.keys[i]]
		if len(pts) < 2 || !m.edgeBox[i].Overlaps(view, al/s) {
			continue
		}
		rs := argmap.StyleOf(e.Rel)
		col := r.relColour(e.Rel, pal.dark)
		width := rs.Width * m.zoomed()
		line := append([]argmap.Point(nil), pts...)
		if mk, ok := argmap.EndMark(pts, rs.Head, al/s); ok {
			line[len(line)-1] = mk.LineEnd
			if (argmap.Rect{Min: pts[len(pts)-1], Max: pts[len(pts)-1]}).Overlaps(view, al/s) {
				r.mark(mk, rs.Head, m.ToScreen(pts[len(pts)-1]), width, col)
			}
		}
		screen = screen[:0]
		for _, p := range line {
			sp := m.ToScreen(p)
			screen = append(screen, sp)
		}
		pieces := [][]argmap.Point{toPoints(screen)}
		if dashed && rs.Line != argmap.LineSolid {
			pieces = argmap.DashPieces(pieces[0], argmap.ScaledDashes(rs.Line, rs.Width, m.zoomed()))
		}
		for _, piece := range pieces {
			for j := 1; j < len(piece); j++ {
				a, b := piece[j-1], piece[j]
				if max(a.X, b.X) < -width || min(a.X, b.X) > size.Width+width ||
					max(a.Y, b.Y) < -width || min(a.Y, b.Y) > size.Height+width {
					continue
				}
				if abs32(b.X-a.X) < 0.5 && abs32(b.Y-a.Y) < 0.5 && len(piece) > 2 {
					continue // a jog too small to see at this zoom
				}
				r.line(fyne.NewPos(a.X, a.Y), fyne.NewPos(b.X, b.Y), width, col)
			}
		}
	}
}

func toPoints(ps []fyne.Position) []argmap.Point {
	out := make([]argmap.Point, len(ps))
	for i, p := range ps {
		out[i] = argmap.Point{X: p.X, Y: p.Y}
	}
	return out
}

// mark draws an edge's end mark, its tip at tip on screen: filled heads
// as Fyne's regular polygons, open ones and bars as lines.
func (r *argumentMapRenderer) mark(mk argmap.Mark, head argmap.Head, tip fyne.Position, width float32, col color.Color) {
	m := r.m
	back := m.ToScreen(mk.LineEnd)
	switch head {
	case argmap.HeadTriangle:
		r.polygon(3, tip, back, col)
	case argmap.HeadDiamond:
		r.polygon(4, tip, back, col)
	case argmap.HeadCircle:
		r.polygon(12, tip, back, col)
	}
	for _, st := range mk.Strokes {
		for j := 1; j < len(st); j++ {
			r.line(m.ToScreen(st[j-1]), m.ToScreen(st[j]), width, col)
		}
	}
}

func (r *argumentMapRenderer) drawLabels(view argmap.Rect, pal mapPalette) {
	m := r.m
	met := m.lay.Metrics
	s := m.scale
	size := met.LabelFontSize * s
	if size < minTextPx {
		return
	}
	for i, e := range m.shown.Edges {
		k := m.keys[i]
		lr, ok := m.lay.Labels[k]
		if !ok || !lr.Overlaps(view, 0) {
			continue
		}
		col := r.relColour(e.Rel, pal.dark)
		p := m.ToScreen(lr.Min)
		h := lr.H() * s
		r.rect(p, fyne.NewSize(lr.W()*s, h), pal.bg, col, 1, h/2)
		r.text(m.lay.LabelTexts[k], fyne.NewPos(p.X+met.LabelPad*s, p.Y), fyne.NewSize((lr.W()-2*met.LabelPad)*s, h), size, fyne.TextStyle{}, pal.fg)
	}
}

func (r *argumentMapRenderer) drawNodes(view argmap.Rect, pal mapPalette) {
	m := r.m
	met := m.lay.Metrics
	s := m.scale
	showText := met.FontSize*s >= minTextPx
	showSub := met.SubFontSize*s >= minTextPx
	for i, n := range m.shown.Nodes {
		if m.nodeAt[n.ID] != i {
			continue // a repeated id: drawn once
		}
		nr, ok := m.lay.NodeRect(n.ID)
		if !ok || !nr.Overlaps(view, 2) {
			continue
		}
		fillC, strokeC, sw := argmap.NodeColors(n, pal.nodes, pal.dark)
		var fill, stroke color.Color = fillC, strokeC
		if n.ID == m.selected {
			stroke, sw = pal.primary, 3
		}
		p := m.ToScreen(nr.Min)
		r.rect(p, fyne.NewSize(nr.W()*s, nr.H()*s), fill, stroke, sw*m.zoomed(), cornerRound*s)
		if !showText {
			continue
		}
		txt := m.lay.Text[n.ID]
		f := met.NodeFont(n.Kind)
		style := fyne.TextStyle{Bold: f.Bold, Italic: f.Italic}
		inner := (nr.W() - 2*met.Pad) * s
		y := nr.Min.Y + met.Pad
		for _, line := range txt.Lines {
			r.text(line, m.ToScreen(argmap.Point{X: nr.Min.X + met.Pad, Y: y}), fyne.NewSize(inner, met.LineHeight*s), met.FontSize*s, style, pal.fg)
			y += met.LineHeight
		}
		if txt.Sub != "" && showSub {
			h := met.LineHeight * met.SubFontSize / met.FontSize
			r.text(txt.Sub, m.ToScreen(argmap.Point{X: nr.Min.X + met.Pad, Y: y + 2}), fyne.NewSize(inner, h*s), met.SubFontSize*s, fyne.TextStyle{}, pal.muted)
		}
	}
}

// legendMetrics are the legend's padding, text size and row height.
func (m *ArgumentMap) legendMetrics() (pad, textSize, rowH float32) {
	pad = theme.SizeForWidget(theme.SizeNamePadding, m)
	textSize = theme.SizeForWidget(theme.SizeNameCaptionText, m)
	return pad, textSize, textSize * 1.6
}

// legendCorner is the corner the legend takes from the top left of the
// widget, its margin included (zero when no relation is shown).
func (m *ArgumentMap) legendCorner() fyne.Size {
	rels := argmap.UsedRelations(m.shown)
	if len(rels) == 0 {
		return fyne.Size{}
	}
	pad, ts, rowH := m.legendMetrics()
	var textW float32
	for _, rel := range rels {
		textW = max(textW, fyne.MeasureText(rel, ts, fyne.TextStyle{}).Width)
	}
	return fyne.NewSize(pad+pad*3+legendLine+textW+pad, pad+float32(len(rels))*rowH+pad*2)
}

// drawLegend lists the shown relations, each with a sample of its line and
// end mark, in the top left corner.
func (r *argumentMapRenderer) drawLegend(pal mapPalette) {
	m := r.m
	rels := argmap.UsedRelations(m.shown)
	if len(rels) == 0 {
		return
	}
	pad, ts, rowH := m.legendMetrics()
	var textW float32
	for _, rel := range rels {
		textW = max(textW, r.measure(rel, ts, fyne.TextStyle{}))
	}
	w := pad*3 + legendLine + textW + pad
	h := float32(len(rels))*rowH + pad*2
	r.rect(fyne.NewPos(pad, pad), fyne.NewSize(w, h), pal.panel, pal.border, 1, theme.SizeForWidget(theme.SizeNameInputRadius, m))
	for i, rel := range rels {
		rs := argmap.StyleOf(rel)
		col := r.relColour(rel, pal.dark)
		y := pad*2 + float32(i)*rowH
		mid := y + rowH/2
		r.sample(rs, fyne.NewPos(pad*2, mid), fyne.NewPos(pad*2+legendLine, mid), col)
		r.text(rel, fyne.NewPos(pad*3+legendLine, y), fyne.NewSize(textW, rowH), ts, fyne.TextStyle{}, pal.fg)
	}
}

// sample draws a legend's short edge from a to b in a relation's style:
// its line pattern and its end mark, at 1x.
func (r *argumentMapRenderer) sample(rs argmap.RelationStyle, a, b fyne.Position, col color.Color) {
	pts := []argmap.Point{{X: a.X, Y: a.Y}, {X: b.X, Y: b.Y}}
	mk, ok := argmap.EndMark(pts, rs.Head, legendMark)
	if !ok {
		return
	}
	pts[1] = mk.LineEnd
	for _, piece := range argmap.DashPieces(pts, argmap.ScaledDashes(rs.Line, rs.Width, 1)) {
		for j := 1; j < len(piece); j++ {
			r.line(fyne.NewPos(piece[j-1].X, piece[j-1].Y), fyne.NewPos(piece[j].X, piece[j].Y), rs.Width, col)
		}
	}
	back := fyne.NewPos(mk.LineEnd.X, mk.LineEnd.Y)
	switch rs.Head {
	case argmap.HeadTriangle:
		r.polygon(3, b, back, col)
	case argmap.HeadDiamond:
		r.polygon(4, b, back, col)
	case argmap.HeadCircle:
		r.polygon(12, b, back, col)
	}
	for _, st := range mk.Strokes {
		for j := 1; j < len(st); j++ {
			r.line(fyne.NewPos(st[j-1].X, st[j-1].Y), fyne.NewPos(st[j].X, st[j].Y), rs.Width, col)
		}
	}
}

func (r *argumentMapRenderer) line(a, b fyne.Position, width float32, col color.Color) {
	if r.nl == len(r.lines) {
		r.lines = append(r.lines, canvas.NewLine(col))
	}
	l := r.lines[r.nl]
	r.nl++
	switch {
	case l.StrokeWidth != width || l.StrokeColor != col || l.Position2.Subtract(l.Position1) != b.Subtract(a):
		l.Position1, l.Position2, l.StrokeWidth, l.StrokeColor = a, b, width, col
		l.Refresh()
	case l.Position1 != a:
		// Only moved, as when panning: cheaper than a refresh.
		l.Move(fyne.NewPos(min(a.X, b.X), min(a.Y, b.Y)))
	}
	r.objects = append(r.objects, l)
}

// polygon draws a regular polygon with a vertex at tip, pointing away
// from back: a triangle as tall as tip is from back, other polygons
// spanning tip to back.
func (r *argumentMapRenderer) polygon(sides uint, tip, back fyne.Position, col color.Color) {
	dx, dy := tip.X-back.X, tip.Y-back.Y
	d := float32(math.Hypot(float64(dx), float64(dy)))
	if d == 0 {
		return
	}
	if r.na == len(r.arrows) {
		r.arrows = append(r.arrows, canvas.NewPolygon(sides, col))
	}
	p := r.arrows[r.na]
	r.na++
	// A regular triangle's circumradius is 2/3 of its height; fyne draws
	// a polygon centred in the object, a vertex up at angle 0.
	rad := d / 2
	if sides == 3 {
		rad = d * 2 / 3
	}
	c := fyne.NewPos(tip.X-dx/d*rad, tip.Y-dy/d*rad)
	angle := float32(math.Atan2(float64(dy), float64(dx))*180/math.Pi) + 90
	if p.FillColor != col || p.Angle != angle || p.Sides != sides {
		p.FillColor, p.Angle, p.Sides = col, angle, sides
		p.Refresh()
	}
	p.Move(fyne.NewPos(c.X-rad, c.Y-rad))
	p.Resize(fyne.NewSize(2*rad, 2*rad))
	r.objects = append(r.objects, p)
}

func (r *argumentMapRenderer) rect(pos fyne.Position, size fyne.Size, fill, stroke color.Color, sw, radius float32) {
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(fill))
	}
	o := r.rects[r.nr]
	r.nr++
	if o.FillColor != fill || o.StrokeColor != stroke || o.StrokeWidth != sw || o.CornerRadius != radius {
		o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, sw, radius
		o.Refresh()
	}
	o.Move(pos)
	o.Resize(size)
	r.objects = append(r.objects, o)
}

// text draws s in a line box at pos of size box, vertically centred. Text
// is shrunk to the box's width if need be: the layout measured it at the
// theme's size, and hinting makes some other sizes a few percent wider.
func (r *argumentMapRenderer) text(s string, pos fyne.Position, box fyne.Size, size float32, style fyne.TextStyle, col color.Color) {
	if w := r.measure(s, size, style); w > box.Width && w > 0 {
		size *= box.Width / w
	}
	if r.nt == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", col))
	}
	t := r.texts[r.nt]
	r.nt++
	if t.Text != s || t.TextSize != size || t.TextStyle != style || t.Color != col {
		t.Text, t.TextSize, t.TextStyle, t.Color = s, size, style, col
		t.Refresh()
	}
	// canvas.Text's box is as tall as the font's line; centre that box.
	h := size * 1.3
	t.Move(fyne.NewPos(pos.X, pos.Y+(box.Height-h)/2))
	t.Resize(fyne.NewSize(box.Width, h))
	r.objects = append(r.objects, t)
}

func abs32(v float32) float32 { return max(v, -v) }
