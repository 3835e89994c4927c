package argmap

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// RenderPNG writes the same picture as RenderSVG as a PNG, Style.Scale
// pixels per layout unit, with the Go fonts.
func RenderPNG(w io.Writer, g Graph, l Layout, st Style) error {
	img := Rasterize(g, l, st)
	return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
}

// Rasterize draws the map into a new image, as RenderPNG encodes it.
func Rasterize(g Graph, l Layout, st Style) *image.RGBA {
	st = st.withDefaults()
	sc := buildScene(g, l, st)
	s := st.Scale
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(float64(sc.w*s))), int(math.Ceil(float64(sc.h*s)))))
	draw.Draw(img, img.Bounds(), image.NewUniform(sc.bg), image.Point{}, draw.Src)
	r := &raster{dst: img, scale: s, faces: make(map[Font]font.Face)}
	for _, gr := range sc.groups {
		for _, sh := range gr.shapes {
			r.draw(sh)
		}
	}
	return img
}

// raster draws shapes onto an image. Each shape is rasterised in its own
// bounding box: a vector.Rasterizer costs its area to reset, so one the
// size of a big map for every shape would be slow.
type raster struct {
	dst   *image.RGBA
	scale float32
	rz    vector.Rasterizer
	faces map[Font]font.Face
}

func (r *raster) draw(sh shape) {
	switch sh.kind {
	case shapeRect:
		rr := r.px(sh.r)
		rad := sh.radius * r.scale
		if sh.stroke.A > 0 && sh.width > 0 {
			r.fill(sh.stroke, rr, func(p *pather) { p.roundRect(rr, rad) })
			in := sh.width * r.scale
			rr = Rect{Point{rr.Min.X + in, rr.Min.Y + in}, Point{rr.Max.X - in, rr.Max.Y - in}}
			rad = max(0, rad-in)
		}
		if sh.fill.A > 0 && rr.W() > 0 && rr.H() > 0 {
			r.fill(sh.fill, rr, func(p *pather) { p.roundRect(rr, rad) })
		}
	case shapePolygon:
		pts := r.pxs(sh.pts)
		r.fill(sh.fill, boundsOf(pts, 1), func(p *pather) { p.poly(pts) })
	case shapePolyline:
		pts := r.pxs(sh.pts)
		hw := sh.width * r.scale / 2
		dashes := make([]float32, len(sh.dashes))
		for i, d := range sh.dashes {
			dashes[i] = d * r.scale
		}
		r.fill(sh.stroke, boundsOf(pts, hw+1), func(p *pather) {
			for _, piece := range DashPieces(pts, dashes) {
				for i := 1; i < len(piece); i++ {
					p.segment(piece[i-1], piece[i], hw)
				}
				for _, q := range piece[1 : len(piece)-1] {
					p.disc(q, hw)
				}
			}
		})
	case shapeText:
		r.text(sh)
	}
}

func (r *raster) px(rc Rect) Rect {
	return Rect{Point{rc.Min.X * r.scale, rc.Min.Y * r.scale}, Point{rc.Max.X * r.scale, rc.Max.Y * r.scale}}
}

func (r *raster) pxs(pts []Point) []Point {
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = Point{p.X * r.scale, p.Y * r.scale}
	}
	return out
}

func boundsOf(pts []Point, pad float32) Rect {
	b := Rect{pts[0], pts[0]}
	for _, p := range pts[1:] {
		b = b.Union(Rect{p, p})
	}
	return Rect{Point{b.Min.X - pad, b.Min.Y - pad}, Point{b.Max.X + pad, b.Max.Y + pad}}
}

// fill rasterises the path that build draws (in image pixels) within box
// and composites c through it. The paths use the non-zero rule, so
// overlapping pieces of one stroke do not darken.
func (r *raster) fill(c color.NRGBA, box Rect, build func(*pather)) {
	ib := image.Rect(int(math.Floor(float64(box.Min.X))), int(math.Floor(float64(box.Min.Y))),
		int(math.Ceil(float64(box.Max.X))), int(math.Ceil(float64(box.Max.Y)))).Intersect(r.dst.Bounds())
	if ib.Empty() {
		return
	}
	r.rz.Reset(ib.Dx(), ib.Dy())
	r.rz.DrawOp = draw.Over
	build(&pather{rz: &r.rz, ox: float32(ib.Min.X), oy: float32(ib.Min.Y)})
	r.rz.Draw(r.dst, ib, image.NewUniform(c), image.Point{})
}

// pather adds shapes to a rasteriser, moved by (-ox, -oy).
type pather struct {
	rz     *vector.Rasterizer
	ox, oy float32
}

func (p *pather) move(q Point) { p.rz.MoveTo(q.X-p.ox, q.Y-p.oy) }
func (p *pather) line(q Point) { p.rz.LineTo(q.X-p.ox, q.Y-p.oy) }
func (p *pather) quad(c, q Point) {
	p.rz.QuadTo(c.X-p.ox, c.Y-p.oy, q.X-p.ox, q.Y-p.oy)
}

func (p *pather) poly(pts []Point) {
	p.move(pts[0])
	for _, q := range pts[1:] {
		p.line(q)
	}
	p.rz.ClosePath()
}

func (p *pather) roundRect(r Rect, rad float32) {
	rad = min(rad, r.W()/2, r.H()/2)
	a, b := r.Min, r.Max
	p.move(Point{a.X + rad, a.Y})
	p.line(Point{b.X - rad, a.Y})
	p.quad(Point{b.X, a.Y}, Point{b.X, a.Y + rad})
	p.line(Point{b.X, b.Y - rad})
	p.quad(Point{b.X, b.Y}, Point{b.X - rad, b.Y})
	p.line(Point{a.X + rad, b.Y})
	p.quad(Point{a.X, b.Y}, Point{a.X, b.Y - rad})
	p.line(Point{a.X, a.Y + rad})
	p.quad(Point{a.X, a.Y}, Point{a.X + rad, a.Y})
	p.rz.ClosePath()
}

// segment adds a line from a to b, hw either side of it, wound the same
// way whatever its direction so that overlaps add up under non-zero.
func (p *pather) segment(a, b Point, hw float32) {
	dx, dy := b.X-a.X, b.Y-a.Y
	d := hypot(dx, dy)
	if d == 0 {
		return
	}
	nx, ny := -dy/d*hw, dx/d*hw
	p.poly([]Point{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}})
}

// disc adds an octagon of radius rad about c: a round join. It is wound
// like segment's quads (angles decreasing), or the two would cancel out.
func (p *pather) disc(c Point, rad float32) {
	var pts [8]Point
	for i := range pts {
		a := -float64(i) * math.Pi / 4
		pts[i] = Point{c.X + rad*float32(math.Cos(a)), c.Y + rad*float32(math.Sin(a))}
	}
	p.poly(pts[:])
}

func (r *raster) text(sh shape) {
	f := sh.font
	f.Size *= r.scale
	face, ok := r.faces[f]
	if !ok {
		loadGoFonts()
		var err error
		face, err = opentype.NewFace(goFaces.fonts[styleIndex(f)], &opentype.FaceOptions{Size: float64(f.Size), DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return
		}
		r.faces[f] = face
	}
	d := font.Drawer{Dst: r.dst, Src: image.NewUniform(sh.fill), Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(sh.pts[0].X * r.scale * 64), Y: fixed.Int26_6(sh.pts[0].Y * r.scale * 64)}}
	d.DrawString(sh.text)
}
