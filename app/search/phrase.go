package search

import (
	"slices"
)

// hasPhrase reports whether slot d holds the words ids in a row inside one
// field. Postings say which fields hold all the words; the long text is
// checked against its stored word stream, short fields are tokenised
// again. buf is scratch space, returned for reuse.
func (e *Engine) hasPhrase(d uint32, ids []uint32, buf []uint32) (bool, []uint32) {
	fields := uint16(fieldMask)
	for _, id := range ids {
		pl := &e.post[id]
		i, ok := slices.BinarySearch(pl.docs, d)
		if !ok {
			return false, buf
		}
		fields &= pl.meta[i]
	}
	if fields == 0 {
		return false, buf
	}
	rec := &e.recs[d]
	if fields&fText != 0 {
		if buf = rec.textIDs(buf[:0]); containsRun(buf, ids) {
			return true, buf
		}
	}
	if fields&fTitle != 0 {
		if buf = rec.titleIDs(buf[:0]); containsRun(buf, ids) {
			return true, buf
		}
	}
	check := func(s string) bool {
		buf = e.wordIDs(s, buf[:0])
		return containsRun(buf, ids)
	}
	if fields&fPieceTitle != 0 && check(rec.PieceTitle) ||
		fields&fOutlet != 0 && check(rec.Outlet) {
		return true, buf
	}
	for _, l := range []struct {
		f    uint16
		vals []string
	}{{fTags, rec.tags()}, {fAuthors, rec.authors()}, {fLinkNotes, rec.linkNotes()}} {
		if fields&l.f == 0 {
			continue
		}
		for _, s := range l.vals {
			if check(s) {
				return true, buf
			}
		}
	}
	return false, buf
}

// wordIDs appends the vocabulary ids of the words of s (0 for unknown).
func (e *Engine) wordIDs(s string, buf []uint32) []uint32 {
	var t tokenizer
	t.reset(s)
	for t.next() {
		id, _ := e.voc.lookup(t.word(), t.hash)
		buf = append(buf, id)
	}
	return buf
}

// containsRun reports whether seq holds run contiguously.
func containsRun(seq, run []uint32) bool {
	if len(run) == 0 {
		return true
	}
	for i := 0; i+len(run) <= len(seq); i++ {
		if seq[i] == run[0] && slices.Equal(seq[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
