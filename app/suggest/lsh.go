package suggest

import "slices"

// bandTable maps the key of one LSH band to the sentences that have it.
// Entries are key<<32|sentence in one flat slice: a map of slices would
// cost five to ten times the memory at half a million sentences per band.
// head is sorted and searched by bisection; tail collects recent additions
// unsorted and is scanned, until it is large enough to be worth merging.
type bandTable struct {
	head, tail []uint64
}

// minMergeTail is the tail length below which merging is not worth it: a
// query scans at most this many entries per band.
const minMergeTail = 4096

func (t *bandTable) add(key, unit uint32) {
	t.tail = append(t.tail, uint64(key)<<32|uint64(unit))
}

// lookup calls fn for each sentence filed under key.
func (t *bandTable) lookup(key uint32, fn func(unit uint32)) {
	lo := uint64(key) << 32
	i, _ := slices.BinarySearch(t.head, lo)
	for ; i < len(t.head) && t.head[i]>>32 == uint64(key); i++ {
		fn(uint32(t.head[i]))
	}
	for _, e := range t.tail {
		if e>>32 == uint64(key) {
			fn(uint32(e))
		}
	}
}

// maybeMerge merges the tail into the head once it exceeds limit entries
// (and minMergeTail). Limit 0 marks the end of an Add.
func (t *bandTable) maybeMerge(limit int) {
	if len(t.tail) <= max(limit, minMergeTail) {
		return
	}
	sortByKey(t.tail)
	merged := make([]uint64, len(t.head)+len(t.tail))
	i, j, k := 0, 0, 0
	for i < len(t.head) && j < len(t.tail) {
		if t.head[i] <= t.tail[j] {
			merged[k] = t.head[i]
			i++
		} else {
			merged[k] = t.tail[j]
			j++
		}
		k++
	}
	k += copy(merged[k:], t.head[i:])
	copy(merged[k:], t.tail[j:])
	t.head = merged
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
	t.head = remapEntries(t.head, newID)
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
