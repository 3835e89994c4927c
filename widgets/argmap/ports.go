package argmap

import "slices"

// portKey names where ledge le meets its head (true) or its tail (false).
type portKey struct {
	le   int
	head bool
}

// trackKey names the stretch of ledge le across the gap above vertex v.
type trackKey struct{ le, v int }

// track is where a stretch runs across its gap: y below the gap's top; a
// bundle's lanes take the tracks step apart from there, ordered so they
// do not cross (left: the bundle moves left going up).
type track struct {
	y, step float32
	left    bool
}

// placePorts spreads the links leaving each box's top and bottom along it,
// in the order of where they go, so they neither meet in one point nor
// cross just outside the box. Ports are kept relative to the vertex, so
// packing can move components afterwards.
func (ly *layering) placePorts(vs []int) {
	type end struct {
		key portKey
		x   float32
	}
	var ends []end
	for _, v := range vs {
		vt := &ly.verts[v]
		if vt.kind != vReal {
			continue
		}
		box := ly.nodes[vt.ref].box
		left := vt.x - vt.w/2
		for side, nbs := range [2][]nb{vt.up, vt.down} {
			ends = ends[:0]
			hasBundle := false
			for _, e := range nbs {
				if ly.les[e.le].stack >= 0 {
					hasBundle = true
					continue
				}
				ends = append(ends, end{portKey{e.le, side == 1}, ly.verts[e.v].x})
			}
			slices.SortStableFunc(ends, func(a, b end) int {
				switch {
				case a.x < b.x:
					return -1
				case a.x > b.x:
					return 1
				}
				return 0
			})
			cx, span := left+box.W/2, box.W*0.8
			if hasBundle { // the stack's lanes take the left half
				cx, span = left+box.W*0.75, box.W*0.4
			}
			k := len(ends)
			step := float32(14)
			if k > 1 {
				step = min(step, span/float32(k-1))
			}
			for i, e := range ends {
				ly.portOff[e.key] = cx + (float32(i)-float32(k-1)/2)*step - vt.x
			}
		}
	}
}

// portX is the x where ledge li meets its head or tail.
func (ly *layering) portX(li int, head bool) float32 {
	v := ly.les[li].tail
	if head {
		v = ly.les[li].head
	}
	return ly.verts[v].x + ly.portOff[portKey{li, head}]
}

// trackSep is the distance between horizontal tracks in a gap.
const trackSep = 5

// assignTracks routes the links across each gap between layers
// orthogonally: up from the lower end, along a horizontal track, up to the
// upper end. Links whose ends are out of line get tracks of their own
// where their horizontal runs would overlap (the left-edge channel
// algorithm), so no two run along the same line; the gap grows to hold
// them. It returns each gap's height (gap i is above layer i+1).
func (ly *layering) assignTracks(layers [][]int) []float32 {
	gaps := make([]float32, max(0, len(layers)-1))
	type run struct {
		key    trackKey
		lo, hi float32
		n      int // tracks it needs: a bundle needs one per lane
		left   bool
	}
	var runs []run
	var ends []float32 // each track's rightmost x so far
	for li := 1; li < len(layers); li++ {
		runs = runs[:0]
		for _, v := range layers[li] {
			for _, e := range ly.verts[v].up {
				le := &ly.les[e.le]
				xa := ly.verts[v].x + e.off
				if v == le.tail && le.stack < 0 {
					xa = ly.portX(e.le, false)
				}
				xb := ly.verts[e.v].x + e.noff
				if e.v == le.head && le.stack < 0 {
					xb = ly.portX(e.le, true)
				}
				if xa-xb < 1 && xb-xa < 1 {
					continue
				}
				r := run{trackKey{e.le, v}, min(xa, xb), max(xa, xb), 1, xb < xa}
				if le.stack >= 0 {
					k := len(ly.stacks[le.stack].leaves)
					r.n = k
					r.lo -= float32(k) * laneGap / 2
					r.hi += float32(k) * laneGap / 2
				}
				runs = append(runs, r)
			}
		}
		slices.SortStableFunc(runs, func(a, b run) int {
			switch {
			case a.lo < b.lo:
				return -1
			case a.lo > b.lo:
				return 1
			}
			return 0
		})
		ends = ends[:0]
		trackOf := make([]int, len(runs))
		for i, r := range runs {
			t := 0
			for ; t < len(ends); t++ {
				free := true
				for j := t; j < t+r.n && j < len(ends); j++ {
					free = free && ends[j]+trackSep < r.lo
				}
				if free {
					break
				}
			}
			for len(ends) < t+r.n {
				ends = append(ends, 0)
			}
			for j := t; j < t+r.n; j++ {
				ends[j] = r.hi
			}
			trackOf[i] = t
		}
		h := max(ly.opt.LayerGap, float32(len(ends)+1)*trackSep)
		gaps[li-1] = h
		step := h / float32(len(ends)+1)
		for i, r := range runs {
			ly.tracks[r.key] = track{y: step * float32(trackOf[i]+1), step: step, left: r.left}
		}
	}
	return gaps
}
