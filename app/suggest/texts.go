package suggest

import (
	"encoding/binary"
	"errors"
	"slices"
	"unicode/utf8"
)

// SetPieceTexts makes texts the keeper of the pieces' texts: the index
// analyses a piece's text when it is added but keeps no copy of it, and
// reads the texts of the pieces whose sentences a query scores. A piece's
// text is most of what a notebook holds, and the store holds it already.
// Set it before the first Add (pieces added before keep their text).
//
// texts is called with the index's read lock held, so it must not wait on
// anything an Add may hold: it should fail fast instead. A piece whose
// text cannot be read, or reads back different from what was indexed (the
// store changed and the index has not caught up), is left out of the
// results rather than answered with wrong offsets.
func (x *Index) SetPieceTexts(texts func(pieceID string) (string, error)) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.pieceTexts = texts
}

// textOf returns the text of p as indexed; ok is false if it had to be
// read from the keeper of texts and could not be, or is not the text
// indexed. x.mu must be held.
func (x *Index) textOf(p *piece) (text string, ok bool) {
	if p.text != "" || p.size == 0 {
		return p.text, true
	}
	if x.pieceTexts == nil {
		return "", false // loaded without texts, and no keeper yet
	}
	text, err := x.pieceTexts(p.id)
	if err != nil || len(text) != int(p.size) || textHash(text) != p.hash {
		return "", false
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // as analyze did
	}
	// Load checked the sentences against the length added, not the text.
	if p.n > 0 && int(x.units[p.first+p.n-1].end()) > len(text) {
		return "", false
	}
	return text, true
}

// textHash identifies a text. Each step is a bijection of the state, so
// texts of one length that differ in a single 8-byte word never collide,
// and other changes collide with chance 2⁻⁶⁴; nothing here is adversarial
// (the caller's store is the only source of texts). It runs at several
// GB/s, which matters when a notebook is added again at every start.
func textHash(s string) uint64 {
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ w) * 0x9fb21c651e98df25
		h ^= h >> 29
		s = s[8:]
	}
	var w uint64
	for i := len(s) - 1; i >= 0; i-- {
		w = w<<8 | uint64(s[i])
	}
	return mix64(h ^ w)
}

// termContrib is what one piece adds to one term's counts.
type termContrib struct {
	term            uint32 // index into termDict.stats
	df, mid, midCap uint32
}

// encodeContrib encodes cs — one sum per term, by ascending term, as
// insert builds them — as uvarint(delta<<1 | common) with delta the difference from the
// previous term (the first from 0); common marks the usual df 1, mid 1,
// midCap 0, otherwise uvarints of df, mid and midCap follow. At a couple
// of bytes a term it is a fraction of the text. buf is scratch; the result
// is a new slice.
func encodeContrib(cs []termContrib, buf *[]byte) []byte {
	if len(cs) == 0 {
		return nil
	}
	b := (*buf)[:0]
	prev := uint32(0)
	for _, c := range cs {
		delta := uint64(c.term-prev) << 1
		prev = c.term
		if c.df == 1 && c.mid == 1 && c.midCap == 0 {
			b = binary.AppendUvarint(b, delta|1)
			continue
		}
		b = binary.AppendUvarint(b, delta)
		b = binary.AppendUvarint(b, uint64(c.df))
		b = binary.AppendUvarint(b, uint64(c.mid))
		b = binary.AppendUvarint(b, uint64(c.midCap))
	}
	*buf = b
	return slices.Clone(b)
}

var errContrib = errors.New("bad term counts")

// decodeContrib calls fn for each term contribution in b, in ascending
// term order. It checks the encoding, not the values.
func decodeContrib(b []byte, fn func(termContrib) error) error {
	var term uint64
	first := true
	next := func(limit uint64) (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > limit {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	for len(b) > 0 {
		v, ok := next(1<<33 - 1)
		if !ok || (!first && v>>1 == 0) {
			return errContrib
		}
		term += v >> 1
		if term > 1<<32-1 {
			return errContrib
		}
		first = false
		c := termContrib{term: uint32(term), df: 1, mid: 1}
		if v&1 == 0 {
			df, ok1 := next(1<<32 - 1)
			mid, ok2 := next(1<<32 - 1)
			midCap, ok3 := next(1<<32 - 1)
			if !ok1 || !ok2 || !ok3 {
				return errContrib
			}
			c.df, c.mid, c.midCap = uint32(df), uint32(mid), uint32(midCap)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// eachContrib calls fn for each term contribution of an encoding the index
// made or Load checked.
func eachContrib(b []byte, fn func(termContrib)) {
	_ = decodeContrib(b, func(c termContrib) error { fn(c); return nil })
}
