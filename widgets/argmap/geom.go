package argmap

import "math"

// Point is a position in layout space (pixels at 1x, y down).
type Point struct{ X, Y float32 }

// Size is a width and height in layout space.
type Size struct{ W, H float32 }

// Rect is an axis-aligned rectangle: Min is the top-left corner.
type Rect struct{ Min, Max Point }

// W is the rectangle's width.
func (r Rect) W() float32 { return r.Max.X - r.Min.X }

// H is the rectangle's height.
func (r Rect) H() float32 { return r.Max.Y - r.Min.Y }

// Center is the rectangle's middle.
func (r Rect) Center() Point { return Point{(r.Min.X + r.Max.X) / 2, (r.Min.Y + r.Max.Y) / 2} }

// Overlaps tells whether r and o share more than an edge, once each is
// grown by margin on every side.
func (r Rect) Overlaps(o Rect, margin float32) bool {
	return r.Min.X-margin < o.Max.X && o.Min.X-margin < r.Max.X &&
		r.Min.Y-margin < o.Max.Y && o.Min.Y-margin < r.Max.Y
}

// Contains tells whether p lies inside r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// Union is the smallest rectangle holding r and o.
func (r Rect) Union(o Rect) Rect {
	return Rect{
		Point{min(r.Min.X, o.Min.X), min(r.Min.Y, o.Min.Y)},
		Point{max(r.Max.X, o.Max.X), max(r.Max.Y, o.Max.Y)},
	}
}

// rectAt is the rectangle of size s centred on c.
func rectAt(c Point, s Size) Rect {
	return Rect{Point{c.X - s.W/2, c.Y - s.H/2}, Point{c.X + s.W/2, c.Y + s.H/2}}
}

func hypot(x, y float32) float32 { return float32(math.Hypot(float64(x), float64(y))) }
