package search

import (
	"encoding/binary"
	"slices"
	"sync"
)

// Field bits of a posting: where in an item a word occurs.
const (
	fTitle uint16 = 1 << iota
	fText
	fPieceTitle
	fTags
	fAuthors
	fOutlet
	fLinkNotes

	fieldMask = 1<<7 - 1
	tfShift   = 7
	maxTF     = 1<<(16-tfShift) - 1
)

// postingList holds, for one word, the items containing it. Two parallel
// slices instead of a slice of structs: six bytes a posting, not eight.
// Slots are ascending, which lets the evaluator split work by slot range
// and intersect by galloping.
type postingList struct {
	docs []uint32 // slots, ascending
	meta []uint16 // field bits | occurrences in Text << tfShift
}

// docRec is what the engine keeps of an item beyond its postings: what
// hits, excerpts, phrases, filters and unindexing read. The lists share a
// slice each, so a record is 200 bytes where the whole Doc and its lists
// took 320: on a notebook of 130,000 items, 16 MB.
type docRec struct {
	ID, Title, Text, PieceID, PieceTitle, Outlet string
	Kind                                         Kind
	lists                                        []string // Tags, then Authors, then LinkNotes
	nTags, nAuthors                              uint32
	stream                                       []byte   // varint word ids of Title, then of Text, in order
	interned                                     []uint32 // ids of folded tags, then of folded relations
	nTagIDs                                      uint32
	nTitleWords                                  uint32 // the stream's first ids are the title's
}

func (r *docRec) tags() []string      { return r.lists[:r.nTags] }
func (r *docRec) authors() []string   { return r.lists[r.nTags : r.nTags+r.nAuthors] }
func (r *docRec) linkNotes() []string { return r.lists[r.nTags+r.nAuthors:] }
func (r *docRec) tagIDs() []uint32    { return r.interned[:r.nTagIDs] }
func (r *docRec) relIDs() []uint32    { return r.interned[r.nTagIDs:] }

// Engine is the search index. It is safe for concurrent use: one writer at
// a time (Add and Remove serialise among themselves) and any number of
// searches, which only wait while a writer publishes a batch.
type Engine struct {
	wmu sync.Mutex   // serialises writers for a whole Add or Remove
	mu  sync.RWMutex // guards the fields below between writers and readers

	voc  *vocab
	post []postingList // by word id
	ids  map[string]uint32

	// Per-slot arrays. A slot is an item's place in the index; slots only
	// grow until compact renumbers them, so postings stay sorted.
	recs      []docRec
	kinds     []uint8 // kindBit, 0 for a free slot
	titleLen  []uint16
	textLen   []uint32
	titleNorm []float32 // BM25 length normalisers, 1/(1-b+b·len/avg)
	textNorm  []float32
	initials  []uint64 // first letters of the item's words (see initialBit)
	date      []int32  // dateKey of Published (pieces, passages) or Updated
	day       []int32  // days since 1970, for recency
	recencyF  []float32
	recencyOf int32 // the newest day recencyF was computed against

	// The averages titleNorm and textNorm were computed with; they are
	// recomputed when the real averages drift.
	normTitle, normText float32

	tagIDs, relIDs        map[string]uint32
	live, holes           int
	titleTotal, textTotal int64
	maxDay                int32
	version               uint64 // bumped by every change; sessions key caches on it

	// texts, when set, holds pieces' texts and passages' quotes and
	// notes in the engine's stead (SetTexts).
	texts Texts
	// passagesShown keeps the passages' strings read back lately.
	passagesShown passageCache

	pool    sync.Pool    // *scratch for evaluation
	workers []*tokWorker // tokenisers kept between Adds; guarded by wmu
}

// New returns an empty engine.
func New() *Engine {
	return &Engine{
		voc:    newVocab(),
		post:   []postingList{{}},
		ids:    map[string]uint32{},
		tagIDs: map[string]uint32{},
		relIDs: map[string]uint32{},
	}
}

// Texts keeps what the engine indexes but need not hold: pieces' texts,
// and passages' quotes and notes. They are most of what a notebook holds
// (at 50,000 pieces the passages' strings alone were 134 MB of the
// engine's heap); the store holds them already, and the engine needs the
// strings only for the few hits it shows. Matching, phrases and
// unindexing work from the words' ids, which the engine keeps.
//
// Its methods are called with the engine's read lock held, so they must
// not wait on anything an Add may hold (the store's read of a build under
// way): they should fail fast instead, and the hit then shows what the
// engine kept.
type Texts interface {
	PieceText(id string) (string, error)
	Passage(id string) (quote, note string, err error)
}

// SetTexts makes texts the keeper of pieces' texts and passages' quotes
// and notes: items added from then on are indexed whole but kept without
// them, and the hits shown read them back. Set it before the first Add,
// and again on an engine Load returns.
func (e *Engine) SetTexts(texts Texts) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.texts = texts
}

// shown returns the title and text a hit on rec shows: read back from the
// keeper for pieces and passages, or as the engine kept them when there
// is none or it failed.
func (e *Engine) shown(slot uint32) (title, text string) {
	rec := &e.recs[slot]
	title, text = rec.Title, rec.Text
	if e.texts == nil {
		return title, text
	}
	switch rec.Kind {
	case KindPiece:
		if t, err := e.texts.PieceText(rec.ID); err == nil {
			text = t
		}
	case KindPassage:
		if p, ok := e.passagesShown.get(e.version, slot); ok {
			return p[0], p[1]
		}
		if q, n, err := e.texts.Passage(rec.ID); err == nil {
			title, text = q, n
			e.passagesShown.put(e.version, slot, [2]string{q, n})
		}
	}
	return title, text
}

// passageCache keeps the quotes and notes of passages read back for hits,
// by slot, for as long as the engine's version stays the same (any Add or
// Remove empties it). Typing a query shows mostly the same hits keystroke
// after keystroke, and reading a passage from the store costs more than
// finding it: without the cache a keystroke on the paper notebook spent
// 0.5 of its 1.3 ms reading its 20 hits' passages. A piece's text is not
// kept: it may be megabytes, and only an excerpt of it is shown.
type passageCache struct {
	mu      sync.Mutex
	version uint64
	bySlot  map[uint32][2]string
}

// maxCachedPassages bounds the cache: a few screens of hits, some 300 KB.
const maxCachedPassages = 1024

func (c *passageCache) get(version uint64, slot uint32) ([2]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return [2]string{}, false
	}
	p, ok := c.bySlot[slot]
	return p, ok
}

func (c *passageCache) put(version uint64, slot uint32, p [2]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || len(c.bySlot) >= maxCachedPassages {
		c.version, c.bySlot = version, make(map[uint32][2]string)
	}
	c.bySlot[slot] = p
}

// titleIDs and textIDs append the word ids of rec's title or text, from
// its stream.
func (r *docRec) titleIDs(buf []uint32) []uint32 {
	return decodeStream(r.stream, buf, 0, int(r.nTitleWords))
}

func (r *docRec) textIDs(buf []uint32) []uint32 {
	return decodeStream(r.stream, buf, int(r.nTitleWords), -1)
}

// decodeStream appends the ids from the from'th on, to (all if to < 0).
func decodeStream(b []byte, buf []uint32, from, to int) []uint32 {
	for i := 0; len(b) > 0 && (to < 0 || i < to); i++ {
		id, n := binary.Uvarint(b)
		b = b[n:]
		if i >= from {
			buf = append(buf, uint32(id))
		}
	}
	return buf
}

// Len returns the number of items indexed.
func (e *Engine) Len() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.live
}

// dateKey0 is the date an item is filtered and aged by: when it was
// published for pieces and passages, when it was last edited otherwise.
func dateKey0(d *Doc) int32 {
	switch d.Kind {
	case KindPiece, KindPassage:
		k, _ := dateKey(d.Published)
		return k
	}
	return timeKey(d.Updated)
}

func internAll(m map[string]uint32, vals []string) []uint32 {
	if len(vals) == 0 {
		return nil
	}
	out := make([]uint32, 0, len(vals))
	for _, v := range vals {
		key := foldValue(v)
		id, ok := m[key]
		if !ok {
			id = uint32(len(m) + 1)
			m[key] = id
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Remove unindexes the items with the given ids; unknown ids are ignored.
func (e *Engine) Remove(ids ...string) {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	changed := false
	for _, id := range ids {
		if slot, ok := e.ids[id]; ok {
			e.removeSlot(slot)
			changed = true
		}
	}
	if changed {
		e.version++
		e.refreshNorms(len(e.kinds))
		e.maybeCompact()
	}
}

// removeSlot deletes a slot's postings (found again from its fields) and
// frees it. The caller holds the write lock.
func (e *Engine) removeSlot(slot uint32) {
	rec := &e.recs[slot]
	words := e.docWords(rec)
	for _, id := range words {
		pl := &e.post[id]
		i, ok := slices.BinarySearch(pl.docs, slot)
		if !ok {
			continue
		}
		pl.docs = slices.Delete(pl.docs, i, i+1)
		pl.meta = slices.Delete(pl.meta, i, i+1)
	}
	delete(e.ids, rec.ID)
	e.live--
	e.holes++
	e.titleTotal -= int64(e.titleLen[slot])
	e.textTotal -= int64(e.textLen[slot])
	e.kinds[slot] = 0
	e.initials[slot] = 0
	e.recs[slot] = docRec{}
}

// docWords returns the distinct word ids of an indexed item.
func (e *Engine) docWords(rec *docRec) []uint32 {
	words := decodeStream(rec.stream, nil, 0, -1)
	var t tokenizer
	add := func(s string) {
		t.reset(s)
		for t.next() {
			if id, ok := e.voc.lookup(t.word(), t.hash); ok {
				words = append(words, id)
			}
		}
	}
	add(rec.PieceTitle)
	add(rec.Outlet)
	for _, s := range rec.lists {
		add(s)
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// maybeCompact renumbers slots once removals have left many holes, so the
// per-query arrays sized by slot count do not grow without bound. The
// caller holds the write lock.
func (e *Engine) maybeCompact() {
	if e.holes < 1024 || e.holes < e.live/4 {
		return
	}
	const gone = ^uint32(0)
	remap := make([]uint32, len(e.kinds))
	n := 0
	for s, k := range e.kinds {
		if k == 0 {
			remap[s] = gone
			continue
		}
		remap[s] = uint32(n)
		e.recs[n] = e.recs[s]
		e.kinds[n] = k
		e.titleLen[n] = e.titleLen[s]
		e.textLen[n] = e.textLen[s]
		e.titleNorm[n] = e.titleNorm[s]
		e.textNorm[n] = e.textNorm[s]
		e.initials[n] = e.initials[s]
		e.recencyF[n] = e.recencyF[s]
		e.date[n] = e.date[s]
		e.day[n] = e.day[s]
		n++
	}
	clear(e.recs[n:])
	e.recs = e.recs[:n]
	e.kinds = e.kinds[:n]
	e.titleLen = e.titleLen[:n]
	e.textLen = e.textLen[:n]
	e.titleNorm = e.titleNorm[:n]
	e.textNorm = e.textNorm[:n]
	e.initials = e.initials[:n]
	e.recencyF = e.recencyF[:n]
	e.date = e.date[:n]
	e.day = e.day[:n]
	// A posting to a free slot cannot come from Add and Remove, only from
	// a loaded save whose postings disagree with its items (Load cannot
	// afford to check that); dropping such postings here keeps the lists
	// sorted and in range whatever was loaded.
	for i := range e.post {
		pl := &e.post[i]
		k := 0
		for j, s := range pl.docs {
			if remap[s] != gone {
				pl.docs[k], pl.meta[k] = remap[s], pl.meta[j]
				k++
			}
		}
		pl.docs, pl.meta = pl.docs[:k], pl.meta[:k]
	}
	for id, s := range e.ids {
		e.ids[id] = remap[s]
	}
	e.holes = 0
	e.version++
}

// EachID calls fn with the id and kind of every item indexed, in no
// particular order, until fn returns false. It holds the read lock
// throughout, so fn must not call Add, Remove or Save; collect and act
// after.
// A caller that loaded a saved engine uses it to find the items deleted
// from the store since the save.
func (e *Engine) EachID(fn func(id string, kind Kind) bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	for s, k := range e.kinds {
		if k != 0 && !fn(e.recs[s].ID, e.recs[s].Kind) {
			return
		}
	}
}
