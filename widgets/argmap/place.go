package argmap

// placeX gives each vertex an x: every sweep moves each layer, as a whole,
// to where its vertices' links would be straightest (the weighted mean of
// their neighbours' x), keeping the order and the gaps. Each layer is
// solved exactly as an isotonic regression (pool adjacent violators), so
// a sweep is linear in the number of vertices.
func (ly *layering) placeX(layers [][]int) {
	for _, l := range layers {
		var x float32
		for i, v := range l {
			if i > 0 {
				x += ly.sep(l[i-1], v)
			}
			ly.verts[v].x = x
		}
		for _, v := range l {
			ly.verts[v].x -= x / 2
		}
	}
	var p pav
	for it := range 12 {
		// Alternate down and up sweeps, then settle with both sides.
		down, up := it%2 == 0, it%2 == 1
		if it >= 8 {
			down, up = true, true
		}
		for k := range layers {
			li := k
			if !down {
				li = len(layers) - 1 - k
			}
			ly.placeLayer(layers[li], down, up, &p)
		}
	}
}

// sep is the least distance between the centres of neighbours a and b.
func (ly *layering) sep(a, b int) float32 {
	va, vb := &ly.verts[a], &ly.verts[b]
	thinA, thinB := va.kind == vDummy || va.kind == vLabel, vb.kind == vDummy || vb.kind == vLabel
	gap := ly.opt.NodeGap
	switch {
	case thinA && thinB:
		gap = 8
	case thinA || thinB:
		gap = ly.opt.NodeGap / 2
	}
	return (va.w+vb.w)/2 + gap
}

func (ly *layering) placeLayer(l []int, useUp, useDown bool, p *pav) {
	p.reset()
	var c float32
	for i, v := range l {
		if i > 0 {
			c += ly.sep(l[i-1], v)
		}
		vt := &ly.verts[v]
		var sum, n float32
		add := func(nbs []nb) {
			for _, e := range nbs {
				sum += ly.verts[e.v].x + e.noff - e.off
				n++
			}
		}
		if useUp {
			add(vt.up)
		}
		if useDown {
			add(vt.down)
		}
		want, w := vt.x, float32(0.05) // unlinked: stay put, give way easily
		if n > 0 {
			want, w = sum/n, 1
			// Long links are straightest when their dummies hold firm.
			if vt.kind == vDummy {
				w = 4
			} else if vt.kind == vLabel {
				w = 2
			}
		}
		p.add(want-c, w)
	}
	ys := p.solve()
	c = 0
	for i, v := range l {
		if i > 0 {
			c += ly.sep(l[i-1], v)
		}
		ly.verts[v].x = ys[i] + c
	}
}

// pav fits a non-decreasing sequence to weighted targets by least squares.
// With y = x - (sum of the least gaps to the left), "x keeps order and
// gaps" is "y does not decrease".
type pav struct {
	y, w   []float32
	blocks []pavBlock
	out    []float32
}

type pavBlock struct {
	sum, w float32
	n      int
}

func (p *pav) reset() { p.y, p.w = p.y[:0], p.w[:0] }

func (p *pav) add(y, w float32) { p.y, p.w = append(p.y, y), append(p.w, w) }

func (p *pav) solve() []float32 {
	p.blocks = p.blocks[:0]
	for i, y := range p.y {
		b := pavBlock{y * p.w[i], p.w[i], 1}
		for len(p.blocks) > 0 {
			last := p.blocks[len(p.blocks)-1]
			if last.sum/last.w <= b.sum/b.w {
				break
			}
			b = pavBlock{last.sum + b.sum, last.w + b.w, last.n + b.n}
			p.blocks = p.blocks[:len(p.blocks)-1]
		}
		p.blocks = append(p.blocks, b)
	}
	p.out = p.out[:0]
	for _, b := range p.blocks {
		m := b.sum / b.w
		for range b.n {
			p.out = append(p.out, m)
		}
	}
	return p.out
}

// placeY stacks the layers: node layers as tall as their tallest slot,
// label layers as tall as a label, with the gaps the channel router asks
// for between. Nodes hang from
// their layer's top, so links leave every box at the same height; labels
// sit in the middle of theirs.
func (ly *layering) placeY(layers [][]int, gaps []float32) {
	var y float32
	for li, l := range layers {
		var h float32
		for _, v := range l {
			h = max(h, ly.verts[v].h)
		}
		if li > 0 {
			y += gaps[li-1]
		}
		for _, v := range l {
			vt := &ly.verts[v]
			vt.band = band{y, y + h}
			vt.top = y
			if vt.kind == vLabel {
				vt.top = y + (h-vt.h)/2
			}
		}
		y += h
	}
}
