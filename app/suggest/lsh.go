package suggest

import "slices"

// bandTable maps the key of one LSH band to the sentences that have it.
// Entries are key<<32|sentence: a map of slices would cost five to ten
// times the memory at half a million sentences per band. head is sorted
// and searched by bisection; tail collects recent additions unsorted and
// is scanned, until it is large enough to be worth merging.
//
// From splitMin entries the head is kept split instead, as a directory
// over the keys' high halves and, per entry, the low half and the
// sentence: 6 bytes an entry instead of 8, for a fixed 256 KB directory.
// The bands are most of an index's memory.
type bandTable struct {
	head []uint64
	// dir[h]..dir[h+1] are the entries whose key's high half is h, in
	// lo and units; dir is nil while the head is not split.
	dir   []uint32
	lo    []uint16
	units []uint32
	tail  []uint64
}

// splitMin is the head length from which it is kept split: the 2 bytes an
// entry saved then outweigh the directory. Tests lower it.
var splitMin = 1 << 17

// minMergeTail is the tail length below which merging is not worth it: a
// query scans at most this many entries per band.
const minMergeTail = 4096

func (t *bandTable) add(key, unit uint32) {
	t.tail = append(t.tail, uint64(key)<<32|uint64(unit))
}

func (t *bandTable) headLen() int {
	if t.dir != nil {
		return len(t.units)
	}
	return len(t.head)
}

// lookup calls fn for each sentence filed under key, in the order of the
// entries.
func (t *bandTable) lookup(key uint32, fn func(unit uint32)) {
	if t.dir != nil {
		from, to := int(t.dir[key>>16]), int(t.dir[key>>16+1])
		i, _ := slices.BinarySearch(t.lo[from:to], uint16(key))
		for i += from; i < to && t.lo[i] == uint16(key); i++ {
			fn(t.units[i])
		}
	} else {
		lo := uint64(key) << 32
		i, _ := slices.BinarySearch(t.head, lo)
		for ; i < len(t.head) && t.head[i]>>32 == uint64(key); i++ {
			fn(uint32(t.head[i]))
		}
	}
	for _, e := range t.tail {
		if e>>32 == uint64(key) {
			fn(uint32(e))
		}
	}
}

// headCursor reads the head's entries in order, split or not.
type headCursor struct {
	t *bandTable
	i int
	h uint32 // high half of the current entry's key, when split
}

func (c *headCursor) next() (uint64, bool) {
	t := c.t
	if t.dir == nil {
		if c.i >= len(t.head) {
			return 0, false
		}
		c.i++
		return t.head[c.i-1], true
	}
	if c.i >= len(t.units) {
		return 0, false
	}
	for uint32(c.i) >= t.dir[c.h+1] {
		c.h++
	}
	c.i++
	return uint64(c.h<<16|uint32(t.lo[c.i-1]))<<32 | uint64(t.units[c.i-1]), true
}

// headBuilder builds a head from entries given in order; n is their number
// or a bound on it.
type headBuilder struct {
	bandTable
	h uint32 // the next directory entry to fill
}

func newHeadBuilder(n int) *headBuilder {
	b := &headBuilder{}
	if n >= splitMin {
		b.dir = make([]uint32, 1<<16+1)
		b.lo = make([]uint16, 0, n)
		b.units = make([]uint32, 0, n)
	} else {
		b.head = make([]uint64, 0, n)
	}
	return b
}

func (b *headBuilder) add(e uint64) {
	if b.dir == nil {
		b.head = append(b.head, e)
		return
	}
	for h := uint32(e >> 48); b.h <= h; b.h++ {
		b.dir[b.h] = uint32(len(b.units))
	}
	b.lo = append(b.lo, uint16(e>>32))
	b.units = append(b.units, uint32(e))
}

// finish moves the head built into t, giving back the memory of a bound
// much above the entries given.
func (b *headBuilder) finish(t *bandTable) {
	if b.dir != nil {
		for ; b.h <= 1<<16; b.h++ {
			b.dir[b.h] = uint32(len(b.units))
		}
		if len(b.units) < cap(b.units)/2 {
			b.lo, b.units = slices.Clone(b.lo), slices.Clone(b.units)
		}
	} else if len(b.head) < cap(b.head)/2 {
		b.head = slices.Clone(b.head)
	}
	t.head, t.dir, t.lo, t.units = b.head, b.dir, b.lo, b.units
}

// maybeMerge merges the tail into the head once it exceeds limit entries
// (and minMergeTail). Limit 0 marks the end of an Add.
func (t *bandTable) maybeMerge(limit int) {
	if len(t.tail) <= max(limit, minMergeTail) {
		return
	}
	sortByKey(t.tail)
	b := newHeadBuilder(t.headLen() + len(t.tail))
	c := headCursor{t: t}
	e, ok := c.next()
	j := 0
	for ok || j < len(t.tail) {
		if ok && (j == len(t.tail) || e <= t.tail[j]) {
			b.add(e)
			e, ok = c.next()
		} else {
			b.add(t.tail[j])
			j++
		}
	}
	b.finish(t)
	if limit == 0 && cap(t.tail) > 4*minMergeTail {
		t.tail = nil // the end of a bulk build: give its large tail back
	} else {
		t.tail = t.tail[:0] // mid-build: it will fill again
	}
}

// sortByKey sorts entries by key, keeping entries with equal keys in
// order: the tail is appended in sentence order, so the result is fully
// sorted. An LSD radix sort on the key's four bytes is several times
// faster than a comparison sort here, and building is mostly sorting.
func sortByKey(es []uint64) {
	if len(es) < 256 {
		slices.Sort(es)
		return
	}
	tmp := make([]uint64, len(es))
	src, dst := es, tmp
	for shift := uint(32); shift < 64; shift += 8 {
		var count [257]int
		for _, e := range src {
			count[(e>>shift)&0xff+1]++
		}
		if count[(src[0]>>shift)&0xff+1] == len(src) {
			continue // all share this byte
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, e := range src {
			b := (e >> shift) & 0xff
			dst[count[b]] = e
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &es[0] {
		copy(es, src)
	}
}

// remap renumbers sentences after a compaction, dropping those that map to
// dead. The renumbering preserves order, so head stays sorted.
func (t *bandTable) remap(newID []uint32) {
	b := newHeadBuilder(t.headLen())
	c := headCursor{t: t}
	for e, ok := c.next(); ok; e, ok = c.next() {
		if id := newID[uint32(e)]; id != dead {
			b.add(e&^0xffffffff | uint64(id))
		}
	}
	b.finish(t)
	t.tail = remapEntries(t.tail, newID)
}

func remapEntries(es []uint64, newID []uint32) []uint64 {
	out := es[:0]
	for _, e := range es {
		if id := newID[uint32(e)]; id != dead {
			out = append(out, e&^0xffffffff|uint64(id))
		}
	}
	if len(out) < cap(es)/2 {
		return slices.Clone(out) // give the memory of the dropped back
	}
	return out
}

// dead marks a sentence that a compaction drops.
const dead = ^uint32(0)
