package search

import "slices"

// bitset is a set of slots, for filters that are cheapest to compute as
// "every item that has this word in that field".
type bitset []uint64

func newBitset(n int) bitset       { return make(bitset, (n+63)/64) }
func (b bitset) set(i uint32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) has(i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}
func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// filters is a query's filters compiled against the current index. Same-key
// positive filters were merged into one alternative each; everything here
// must hold.
type filters struct {
	kindPos, kindNeg uint8
	tagPos, relPos   []uint32 // nil: no such filter; else any of them
	hasTag, hasRel   bool
	tagNeg, relNeg   []uint32
	before, after    int32 // positive date bounds, 0 for none
	notBefore        []int32
	notAfter         []int32
	sets             []bitset // must be in each
	notSets          []bitset // must be in none
	none             bool     // nothing can match
}

// compileFilters resolves filter values to ids and slot sets. The caller
// holds the read lock.
func (e *Engine) compileFilters(fs []Filter) *filters {
	c := &filters{}
	groups := map[string]bitset{}
	var order []string
	for _, f := range fs {
		switch f.Key {
		case KeyKind:
			if f.Not {
				c.kindNeg |= kindBit(Kind(f.Value))
			} else {
				c.kindPos |= kindBit(Kind(f.Value))
			}
		case KeyTag, KeyRel:
			m, pos, neg, has := e.tagIDs, &c.tagPos, &c.tagNeg, &c.hasTag
			if f.Key == KeyRel {
				m, pos, neg, has = e.relIDs, &c.relPos, &c.relNeg, &c.hasRel
			}
			id, ok := m[foldValue(f.Value)]
			if f.Not {
				if ok {
					*neg = append(*neg, id)
				}
				continue
			}
			*has = true
			if ok {
				*pos = append(*pos, id)
			}
		case KeyBefore, KeyAfter:
			k, ok := dateKey(f.Value)
			if !ok {
				continue
			}
			switch {
			case f.Key == KeyBefore && f.Not:
				c.notBefore = append(c.notBefore, k)
			case f.Key == KeyAfter && f.Not:
				c.notAfter = append(c.notAfter, k)
			case f.Key == KeyBefore:
				c.before = max(c.before, k) // alternatives: the widest wins
			default:
				if c.after == 0 || k < c.after {
					c.after = k
				}
			}
		case KeyPiece, KeyAuthor, KeyOutlet:
			s := e.valueSet(f)
			if f.Not {
				c.notSets = append(c.notSets, s)
				continue
			}
			if g, ok := groups[f.Key]; ok {
				g.or(s)
			} else {
				groups[f.Key] = s
				order = append(order, f.Key)
			}
		}
	}
	for _, k := range order {
		c.sets = append(c.sets, groups[k])
	}
	if (c.hasTag && len(c.tagPos) == 0) || (c.hasRel && len(c.relPos) == 0) {
		c.none = true
	}
	return c
}

// valueSet is the set of slots a piece:, author: or outlet: value selects:
// items where every word of the value begins a word of the field.
func (e *Engine) valueSet(f Filter) bitset {
	n := len(e.kinds)
	var out bitset
	fieldOK := func(meta uint16, d uint32) bool {
		switch f.Key {
		case KeyAuthor:
			return meta&fAuthors != 0
		case KeyOutlet:
			return meta&fOutlet != 0
		}
		return meta&fPieceTitle != 0 || meta&fTitle != 0 && e.kinds[d] == kindBit(KindPiece)
	}
	for _, w := range foldWords(f.Value) {
		s := newBitset(n)
		for _, id := range e.voc.prefixRange(w) {
			pl := &e.post[id]
			for i, d := range pl.docs {
				if fieldOK(pl.meta[i], d) {
					s.set(d)
				}
			}
		}
		if out == nil {
			out = s
		} else {
			out.and(s)
		}
	}
	if out == nil {
		out = newBitset(n)
	}
	if f.Key == KeyPiece {
		// A piece id selects the piece and its passages.
		if slot, ok := e.ids[f.Value]; ok && e.kinds[slot] == kindBit(KindPiece) {
			out.set(slot)
			for d := range e.recs {
				if e.recs[d].PieceID == f.Value && e.kinds[d] != 0 {
					out.set(uint32(d))
				}
			}
		}
	}
	return out
}

// pass reports whether slot d satisfies the filters.
func (c *filters) pass(e *Engine, d uint32) bool {
	k := e.kinds[d]
	if k == 0 || c.kindPos != 0 && k&c.kindPos == 0 || k&c.kindNeg != 0 {
		return false
	}
	if c.hasTag || len(c.tagNeg) > 0 || c.hasRel || len(c.relNeg) > 0 {
		r := &e.recs[d]
		if tags := r.tagIDs(); c.hasTag && !anyIn(tags, c.tagPos) || anyIn(tags, c.tagNeg) {
			return false
		}
		if rels := r.relIDs(); c.hasRel && !anyIn(rels, c.relPos) || anyIn(rels, c.relNeg) {
			return false
		}
	}
	if c.before != 0 || c.after != 0 || len(c.notBefore) > 0 || len(c.notAfter) > 0 {
		date := e.date[d]
		if (c.before != 0 || c.after != 0) && date == 0 {
			return false
		}
		if c.before != 0 && date >= c.before || c.after != 0 && date < c.after {
			return false
		}
		for _, b := range c.notBefore {
			if date != 0 && date < b {
				return false
			}
		}
		for _, a := range c.notAfter {
			if date != 0 && date >= a {
				return false
			}
		}
	}
	for _, s := range c.sets {
		if !s.has(d) {
			return false
		}
	}
	for _, s := range c.notSets {
		if s.has(d) {
			return false
		}
	}
	return true
}

func anyIn(have, want []uint32) bool {
	for _, h := range have {
		if slices.Contains(want, h) {
			return true
		}
	}
	return false
}
