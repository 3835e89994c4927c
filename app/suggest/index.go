package suggest

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Doc is one piece as the index sees it. Text is the piece's normalised
// plain text, paragraphs separated by "\n\n"; offsets in a Match are rune
// offsets into it. Title, Outlet and Authors are accepted for callers'
// convenience but do not (yet) affect matching.
type Doc struct {
	PieceID, Title, Outlet string
	Authors                []string
	Text                   string
}

// Index finds passages that say nearly the same thing as a query. It is
// safe for concurrent use: any number of Similar calls run in parallel,
// and Add and Remove can be called while they do (a query sees each piece
// either wholly before or wholly after it is added). Save runs alongside
// queries; Add and Remove wait for it.
type Index struct {
	mu     sync.RWMutex
	pieces []*piece          // by slot; nil once removed
	byID   map[string]uint32 // PieceID → slot
	units  []unit            // sentences of all pieces, in slot order
	nterms []uint8           // distinct content words per unit capped, scanned by termCandidates
	live   int               // sentences of pieces not removed
	bands  [numBands]bandTable
	terms  termDict
	// pieceTexts, when set, keeps the pieces' texts instead of the index
	// (SetPieceTexts).
	pieceTexts func(pieceID string) (string, error)
}

type piece struct {
	id string
	// text is the text as indexed (invalid UTF-8 replaced), or "" when
	// the keeper of texts holds it.
	text string
	// hash and size identify the text as given to Add, so that a text read
	// back from the keeper, or added again, can be told to be the same.
	hash     uint64
	size     uint32
	first, n uint32 // its sentences are units[first:first+n]
	// contrib is what the piece added to the term counts (encodeContrib),
	// so that removing it needs no text.
	contrib []byte
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{byID: make(map[string]uint32), terms: newTermDict()}
}

// Len returns the number of pieces in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byID)
}

// aheadLimit bounds how many analysed pieces may wait to be inserted, so
// that memory stays flat however many docs one Add is given.
const aheadLimit = 64

// Add adds docs to the index, replacing any piece with the same PieceID
// (the last one wins when docs repeats an ID); a piece whose text has not
// changed is left as it is. Docs with an empty PieceID are ignored.
// Pieces are analysed in parallel and inserted one at a time, so queries
// can run in between.
func (x *Index) Add(docs ...Doc) {
	if len(docs) == 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	results := make([]*analysis, len(docs))
	hashes := make([]uint64, len(docs))
	ready := make([]chan struct{}, len(docs))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	// A worker takes a slot before it takes a doc, so the docs being
	// analysed are always the lowest not yet inserted, and the inserter,
	// which waits for them in order, cannot wait on one that is waiting
	// for a slot.
	slots := make(chan struct{}, aheadLimit)
	var next atomic.Int64
	for range workers {
		go func() {
			var az analyzer
			for {
				slots <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					<-slots
					return
				}
				if d := &docs[i]; d.PieceID != "" {
					hashes[i] = textHash(d.Text)
					if !x.indexed(d.PieceID, d.Text, hashes[i]) {
						results[i] = az.analyze(d.Text)
					}
				}
				close(ready[i])
			}
		}()
	}
	var az analyzer
	for i := range docs {
		<-ready[i]
		d := &docs[i]
		a := results[i]
		results[i] = nil
		if a == nil && d.PieceID != "" && !x.indexed(d.PieceID, d.Text, hashes[i]) {
			// The text was indexed when a worker looked, but an earlier doc
			// of this call has replaced it since.
			a = az.analyze(d.Text)
		}
		if a != nil {
			x.mu.Lock()
			x.insert(d.PieceID, a, textID{hashes[i], uint32(len(d.Text))}, &az)
			x.mu.Unlock()
			a.release()
		}
		<-slots
	}
	x.mu.Lock()
	x.mergeBands(0)
	x.maybeCompact()
	x.mu.Unlock()
}

// textID identifies a text without keeping it.
type textID struct {
	hash uint64
	size uint32
}

// indexed reports whether the piece is in the index with this text (whose
// textHash is hash), so that adding a notebook again only re-indexes what
// changed.
func (x *Index) indexed(id, text string, hash uint64) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	slot, ok := x.byID[id]
	return ok && x.pieces[slot].hash == hash && int(x.pieces[slot].size) == len(text)
}

// insert adds one analysed piece; x.mu must be held.
func (x *Index) insert(id string, a *analysis, tid textID, az *analyzer) {
	if slot, ok := x.byID[id]; ok {
		x.remove(slot)
	}
	slot := uint32(len(x.pieces))
	p := &piece{id: id, hash: tid.hash, size: tid.size, first: uint32(len(x.units)), n: uint32(len(a.units))}
	if x.pieceTexts == nil {
		p.text = a.text
	}
	x.pieces = append(x.pieces, p)
	x.byID[id] = slot
	az.touched = az.touched[:0]
	k, t := 0, 0
	for i, u := range a.units {
		uid := uint32(len(x.units))
		u.piece = slot
		x.units = append(x.units, u)
		x.nterms = append(x.nterms, a.nterms[i])
		if u.flags&uSig != 0 {
			for b := range x.bands {
				x.bands[b].add(a.keys[k+b], uid)
			}
			k += numBands
		}
		for ; t < int(a.tend[i]); t++ {
			o := a.terms[t]
			ti := x.terms.ensure(o.term)
			s := &x.terms.stats[ti]
			s.addPosting(uid)
			s.df++
			s.mid += uint32(o.mid)
			s.midCap += uint32(o.midCap)
			// Summed by term in a table rather than sorted per sentence:
			// sorting was a tenth of building.
			if int(ti) >= len(az.sums) {
				az.sums = append(az.sums, make([]termContrib, len(x.terms.stats)-len(az.sums))...)
			}
			c := &az.sums[ti]
			if c.df == 0 {
				az.touched = append(az.touched, ti)
				c.term = ti
			}
			c.df++
			c.mid += uint32(o.mid)
			c.midCap += uint32(o.midCap)
		}
	}
	slices.Sort(az.touched)
	az.contrib = az.contrib[:0]
	for _, ti := range az.touched {
		az.contrib = append(az.contrib, az.sums[ti])
		az.sums[ti] = termContrib{}
	}
	p.contrib = encodeContrib(az.contrib, &az.buf)
	x.live += len(a.units)
	// Merging when the tail reaches half the head keeps the total merge
	// work linear while a notebook is built piece by piece.
	x.mergeBands(x.bands[0].headLen() / 2)
}

// mergeBands merges the bands' tails into their heads once they exceed
// limit, two goroutines at a time: the bands are independent, and the
// write lock is held meanwhile.
func (x *Index) mergeBands(limit int) {
	if len(x.bands[0].tail) <= max(limit, minMergeTail) {
		return // all bands grow together
	}
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), 4)
	for w := range workers {
		wg.Go(func() {
			for b := w; b < numBands; b += workers {
				x.bands[b].maybeMerge(limit)
			}
		})
	}
	wg.Wait()
}

// Remove removes the pieces with the given IDs; unknown IDs are ignored.
func (x *Index) Remove(pieceIDs ...string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range pieceIDs {
		if slot, ok := x.byID[id]; ok {
			x.remove(slot)
		}
	}
	x.maybeCompact()
}

// remove drops a piece: its sentences stay in the tables, marked dead by
// the nil slot, until a compaction; the term counts are corrected now from
// what the piece added to them.
func (x *Index) remove(slot uint32) {
	p := x.pieces[slot]
	eachContrib(p.contrib, func(c termContrib) {
		s := &x.terms.stats[c.term]
		s.df -= c.df
		s.mid -= c.mid
		s.midCap -= c.midCap
	})
	x.pieces[slot] = nil
	delete(x.byID, p.id)
	x.live -= int(p.n)
}

// maybeCompact renumbers the sentences once a quarter of them are dead, so
// that removed and replaced pieces cost memory only for a while.
func (x *Index) maybeCompact() {
	deadUnits := len(x.units) - x.live
	if deadUnits < 1024 || deadUnits < x.live/4 {
		return
	}
	newID := make([]uint32, len(x.units))
	for i := range newID {
		newID[i] = dead
	}
	units := make([]unit, 0, x.live)
	nterms := make([]uint8, 0, x.live)
	pieces := make([]*piece, 0, len(x.byID))
	for _, p := range x.pieces {
		if p == nil {
			continue
		}
		slot := uint32(len(pieces))
		pieces = append(pieces, p)
		x.byID[p.id] = slot
		first := uint32(len(units))
		for u := p.first; u < p.first+p.n; u++ {
			newID[u] = uint32(len(units))
			nu := x.units[u]
			nu.piece = slot
			units = append(units, nu)
			nterms = append(nterms, x.nterms[u])
		}
		p.first = first
	}
	x.units, x.nterms, x.pieces = units, nterms, pieces
	for b := range x.bands {
		x.bands[b].remap(newID)
	}
	for i := range x.terms.stats {
		s := &x.terms.stats[i]
		old := *s
		s.post, s.npost, s.last = make([]byte, 0, len(old.post)), 0, 0
		for u := range old.postings() {
			if id := newID[u]; id != dead {
				s.addPosting(id)
			}
		}
		if len(s.post) < cap(s.post)/2 {
			s.post = slices.Clone(s.post) // give the memory of the dropped back
		}
	}
	x.terms.dropUnused()
}

// alive reports whether sentence u belongs to a piece still in the index.
func (x *Index) alive(u uint32) bool { return x.pieces[x.units[u].piece] != nil }

// text returns the indexed text of a piece, read from the keeper of texts
// if the index keeps none; ok is false if the piece is not indexed or its
// text cannot be read as it was indexed.
func (x *Index) text(id string) (text string, ok bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if slot, ok := x.byID[id]; ok {
		return x.textOf(x.pieces[slot])
	}
	return "", false
}
