package search

// This file builds the index: tokenising docs on all cores and publishing
// them in batches.

import (
	"encoding/binary"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// batchSize bounds the work published under one write lock, so that
// searches typed during a background build wait milliseconds, not the
// whole build.
const batchSize = 4096

// minReserve is the batch size from which posting lists are sized ahead.
const minReserve = 256

// Add indexes docs, replacing any item with the same ID (the last one wins
// when docs repeat an ID). Many docs in one call are tokenised on all
// cores; a call is incremental either way, never a rebuild. Searches see
// each batch of 4,096 docs as it lands.
func (e *Engine) Add(docs ...Doc) {
	if len(docs) == 0 {
		return
	}
	e.wmu.Lock()
	defer e.wmu.Unlock()
	workers := 1
	if len(docs) >= 64 {
		workers = min(runtime.GOMAXPROCS(0), 8)
	}
	// Workers outlive the call (the writer lock guards them): their
	// per-word arrays grow with the vocabulary once, not once per Add.
	for len(e.workers) < workers {
		e.workers = append(e.workers, &tokWorker{voc: e.voc, local: map[string]uint32{}})
	}
	b := &builder{e: e, tw: e.workers[:workers]}
	defer b.release()
	e.mu.Lock()
	e.growSlots(len(docs))
	e.mu.Unlock()
	for lo := 0; lo < len(docs); lo += batchSize {
		hi := min(lo+batchSize, len(docs))
		b.batch(docs[lo:hi], len(docs)-hi)
	}
	e.mu.Lock()
	if len(docs) >= batchSize {
		e.trim()
	}
	e.maybeCompact()
	e.mu.Unlock()
}

// builder carries a bulk Add's workers from batch to batch.
type builder struct {
	e  *Engine
	tw []*tokWorker
}

// release drops arenas a bulk load grew, so a notebook's worth of token
// ids is not kept for the next one-item Add.
func (b *builder) release() {
	for _, w := range b.tw {
		if cap(w.stream) > 1<<16 {
			w.stream, w.words = nil, nil
		}
	}
}

// prepared is one doc after tokenising, pointing into its worker's arenas.
type prepared struct {
	worker             int
	wlo, whi, slo, shi int // ranges in the worker's words and stream arenas
	odd                int // words[odd:whi] have odd ids
	titleLen           uint16
	titleWords         uint32 // the title's words, at the head of the stream
	textLen            uint32
	initials           uint64
}

// localBit marks a word id as an index into a worker's new words, not yet
// interned in the vocabulary.
const localBit = 1 << 31

type prepWord struct {
	id   uint32
	meta uint16
}

// tokWorker tokenises docs into word ids without taking the engine lock:
// it only reads the vocabulary, which nobody else writes while the writer
// lock is held, and collects words the vocabulary lacks on the side.
type tokWorker struct {
	voc      *vocab
	tok      tokenizer
	gpos     []int32 // per global word id: index in the current doc's words, or -1
	lpos     []int32 // the same for new words
	local    map[string]uint32
	newWords []string
	newIDs   []uint32 // global ids of newWords once interned
	words    []prepWord
	stream   []uint32
	counts   []int32 // postings per word id in this batch
}

// reset readies w for a batch, keeping its buffers: a bulk load reuses
// them batch after batch instead of growing fresh ones.
func (w *tokWorker) reset() {
	for len(w.gpos) < len(w.voc.words) {
		w.gpos = append(w.gpos, -1)
	}
	clear(w.local)
	w.newWords, w.newIDs = w.newWords[:0], w.newIDs[:0]
	w.lpos, w.words, w.stream = w.lpos[:0], w.words[:0], w.stream[:0]
}

func (w *tokWorker) prepare(d *Doc, p *prepared) {
	p.wlo, p.slo = len(w.words), len(w.stream)
	p.titleWords = uint32(w.field(d.Title, fTitle))
	p.titleLen = uint16(min(p.titleWords, 1<<16-1))
	p.textLen = uint32(w.field(d.Text, fText))
	w.field(d.PieceTitle, fPieceTitle)
	for _, s := range d.Tags {
		w.field(s, fTags)
	}
	for _, s := range d.Authors {
		w.field(s, fAuthors)
	}
	w.field(d.Outlet, fOutlet)
	for _, s := range d.LinkNotes {
		w.field(s, fLinkNotes)
	}
	p.whi, p.shi = len(w.words), len(w.stream)
	for _, pw := range w.words[p.wlo:] {
		if pw.id&localBit != 0 {
			w.lpos[pw.id&^localBit] = -1
		} else {
			w.gpos[pw.id] = -1
		}
	}
}

// field adds the words of s under field bit f and returns how many there
// were. Title and text words also go to the stream, title first (the
// engine may keep neither string: see Texts); text words count towards tf.
func (w *tokWorker) field(s string, f uint16) int {
	if s == "" {
		return 0
	}
	n := 0
	t := &w.tok
	t.reset(s)
	for t.next() {
		n++
		var pos *int32
		id, ok := w.voc.lookup(t.buf, t.hash)
		if ok {
			pos = &w.gpos[id]
		} else {
			lid, ok := w.local[string(t.buf)]
			if !ok {
				lid = uint32(len(w.newWords))
				nw := string(t.buf)
				w.local[nw] = lid
				w.newWords = append(w.newWords, nw)
				w.lpos = append(w.lpos, -1)
			}
			pos = &w.lpos[lid]
			id = lid | localBit
		}
		if *pos < 0 {
			*pos = int32(len(w.words))
			w.words = append(w.words, prepWord{id: id})
		}
		pw := &w.words[*pos]
		pw.meta |= f
		switch f {
		case fText:
			if pw.meta>>tfShift < maxTF {
				pw.meta += 1 << tfShift
			}
			w.stream = append(w.stream, id)
		case fTitle:
			w.stream = append(w.stream, id)
		}
	}
	return n
}

// finish replaces local ids by the vocabulary ids interned for them,
// encodes the streams, puts each doc's even word ids before its odd ones
// and counts postings per word.
func (w *tokWorker) finish(wi int, preps []prepared, streams [][]byte, nwords int) {
	if len(w.newIDs) > 0 {
		fix := func(id uint32) uint32 {
			if id&localBit != 0 {
				return w.newIDs[id&^localBit]
			}
			return id
		}
		for i := range w.words {
			w.words[i].id = fix(w.words[i].id)
		}
		for i := range w.stream {
			w.stream[i] = fix(w.stream[i])
		}
	}
	counting := len(preps) >= minReserve
	if counting {
		if cap(w.counts) < nwords {
			w.counts = make([]int32, nwords+nwords/4)
		}
		w.counts = w.counts[:nwords]
		clear(w.counts)
	}
	for i := range preps {
		p := &preps[i]
		if p.worker != wi {
			continue
		}
		if p.shi > p.slo {
			streams[i] = encodeStream(w.stream[p.slo:p.shi])
		}
		words := w.words[p.wlo:p.whi]
		j := 0
		for k, pw := range words {
			p.initials |= initials(w.voc.words[pw.id], pw.meta&fTitle != 0)
			if counting {
				w.counts[pw.id]++
			}
			if pw.id&1 == 0 {
				words[j], words[k] = words[k], words[j]
				j++
			}
		}
		p.odd = p.wlo + j
	}
}

func encodeStream(ids []uint32) []byte {
	n := 0
	for _, id := range ids {
		n += uvarintLen(id)
	}
	b := make([]byte, 0, n)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id))
	}
	return b
}

func uvarintLen(x uint32) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// parallel runs fn(0..n-1) on n goroutines and waits.
func parallel(n int, fn func(i int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}

// batch indexes docs in four steps: tokenise on all cores without the
// lock; intern new words under it; resolve ids and encode on all cores;
// then, under the lock, append postings (two halves of the vocabulary in
// parallel) while the per-slot tables fill.
func (b *builder) batch(docs []Doc, left int) {
	e, tw := b.e, b.tw
	preps := make([]prepared, len(docs))
	streams := make([][]byte, len(docs))

	// Chunks come from a shared counter, so long pieces and short notes
	// balance across cores.
	const chunk = 16
	var next atomic.Int64
	parallel(len(tw), func(wi int) {
		w := tw[wi]
		w.reset()
		for {
			lo := int(next.Add(chunk)) - chunk
			if lo >= len(docs) {
				return
			}
			for i := lo; i < min(lo+chunk, len(docs)); i++ {
				preps[i].worker = wi
				w.prepare(&docs[i], &preps[i])
			}
		}
	})

	// Intern new words; they stay invisible to searches until postings
	// point at them.
	e.mu.Lock()
	for _, w := range tw {
		for _, s := range w.newWords {
			w.newIDs = append(w.newIDs, e.voc.intern([]byte(s)))
		}
	}
	e.voc.settle()
	for len(e.post) < len(e.voc.words) {
		e.post = append(e.post, postingList{})
	}
	nwords := len(e.voc.words)
	e.mu.Unlock()

	parallel(len(tw), func(wi int) { tw[wi].finish(wi, preps, streams, nwords) })

	e.mu.Lock()
	defer e.mu.Unlock()
	// Repeated ids: the last copy wins, earlier ones are skipped, and
	// items already indexed are removed before anything is appended, so
	// postings stay in slot order.
	keep := make([]bool, len(docs))
	last := make(map[string]int, len(docs))
	for i := range docs {
		last[docs[i].ID] = i
	}
	for i := range docs {
		if keep[i] = last[docs[i].ID] == i; keep[i] {
			if old, ok := e.ids[docs[i].ID]; ok {
				e.removeSlot(old)
			}
		}
	}
	e.reserve(tw, len(docs), left)
	first := uint32(len(e.kinds))
	parallel(2, func(half int) {
		slot := first
		for i := range preps {
			if !keep[i] {
				continue
			}
			p := &preps[i]
			words := tw[p.worker].words[p.wlo:p.odd]
			if half == 1 {
				words = tw[p.worker].words[p.odd:p.whi]
			}
			for _, pw := range words {
				pl := &e.post[pw.id]
				pl.docs = append(pl.docs, slot)
				pl.meta = append(pl.meta, pw.meta)
			}
			slot++
		}
	})
	for i := range docs {
		if keep[i] {
			e.addSlot(&docs[i], &preps[i], streams[i])
		}
	}
	e.refreshNorms(int(first))
	e.version++
}

// initialBit maps the first byte of a folded word to a bit of initials: 0–25
// for a–z, 26–35 for digits; other scripts have none (a one-letter query in
// them is matched through postings). Title words also set 36–61 for a–z.
func initialBit(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return int(c - 'a')
	case '0' <= c && c <= '9':
		return 26 + int(c-'0')
	}
	return -1
}

const titleInitialShift = 36

func initials(w string, title bool) uint64 {
	b := initialBit(w[0])
	if b < 0 {
		return 0
	}
	m := uint64(1) << b
	if title && b < 26 {
		m |= 1 << (titleInitialShift + b)
	}
	return m
}

// refreshNorms computes the length normalisers and recency factors of
// slots from first on, or of every slot when the average lengths have
// drifted by more than 5% (or the newest date changed) since they were
// last computed. The caller holds the write lock.
func (e *Engine) refreshNorms(first int) {
	n := float32(max(e.live, 1))
	avgTitle := max(float32(e.titleTotal)/n, 1)
	avgText := max(float32(e.textTotal)/n, 1)
	drift := func(a, b float32) bool { return a > b*1.05 || a < b*0.95 }
	if drift(avgTitle, e.normTitle) || drift(avgText, e.normText) {
		e.normTitle, e.normText, first = avgTitle, avgText, 0
	}
	for d := first; d < len(e.kinds); d++ {
		e.titleNorm[d] = 1 / (1 - bLenTtl + bLenTtl*float32(e.titleLen[d])/e.normTitle)
		e.textNorm[d] = 1 / (1 - bLenTxt + bLenTxt*float32(e.textLen[d])/e.normText)
	}
	// Ages count from the newest item; when it changes, all change.
	from := first
	if e.recencyOf != e.maxDay {
		e.recencyOf, from = e.maxDay, 0
	}
	for d := from; d < len(e.kinds); d++ {
		e.recencyF[d] = recency(e.day[d], e.maxDay)
	}
}

// joinLists returns the lists end to end: the one non-empty list itself
// (a passage shares its piece's authors), else a new slice.
func joinLists[T any](lists ...[]T) []T {
	var only []T
	n := 0
	for _, l := range lists {
		if len(l) > 0 {
			only = l
			n++
		}
	}
	if n <= 1 {
		return slices.Clip(only)
	}
	return slices.Concat(lists...)
}

// addSlot appends a doc's per-slot entries; its postings are already in.
func (e *Engine) addSlot(d *Doc, p *prepared, stream []byte) {
	slot := uint32(len(e.kinds))
	// Dates and relations live on in date, day and the interned ids: the
	// record keeps no Published, Updated or Rels.
	rec := docRec{ID: d.ID, Kind: d.Kind, Title: d.Title, Text: d.Text, PieceID: d.PieceID,
		PieceTitle: d.PieceTitle, Outlet: d.Outlet, stream: stream, nTitleWords: p.titleWords}
	if e.texts != nil {
		// Read back from the keeper when a hit is shown (see Texts).
		switch d.Kind {
		case KindPiece:
			rec.Text = ""
		case KindPassage:
			rec.Title, rec.Text = "", ""
		}
	}
	rec.lists = joinLists(d.Tags, d.Authors, d.LinkNotes)
	rec.nTags, rec.nAuthors = uint32(len(d.Tags)), uint32(len(d.Authors))
	tags := internAll(e.tagIDs, d.Tags)
	rec.interned, rec.nTagIDs = joinLists(tags, internAll(e.relIDs, d.Rels)), uint32(len(tags))
	date := dateKey0(d)
	dayKey := date
	if dayKey == 0 {
		dayKey = timeKey(d.Updated)
	}
	day := keyDay(dayKey)
	e.recs = append(e.recs, rec)
	e.kinds = append(e.kinds, kindBit(d.Kind))
	e.titleLen = append(e.titleLen, p.titleLen)
	e.textLen = append(e.textLen, p.textLen)
	e.titleNorm = append(e.titleNorm, 0)
	e.textNorm = append(e.textNorm, 0)
	e.initials = append(e.initials, p.initials)
	e.recencyF = append(e.recencyF, 0)
	e.date = append(e.date, date)
	e.day = append(e.day, day)
	e.ids[d.ID] = slot
	e.live++
	e.titleTotal += int64(p.titleLen)
	e.textTotal += int64(p.textLen)
	e.maxDay = max(e.maxDay, day)
}

// reserve grows the posting lists the batch appends to, once per batch
// rather than once per append. In a bulk load a list that must grow is
// sized for the whole load, extrapolated from this batch (left is the
// number of docs still to come after it), so most lists are allocated
// once; trim gives back what was guessed too high.
func (e *Engine) reserve(tw []*tokWorker, batch, left int) {
	if batch < minReserve {
		return // plain appends are cheaper than counting the vocabulary
	}
	for id := range e.post {
		c := 0
		for _, w := range tw {
			if id < len(w.counts) {
				c += int(w.counts[id])
			}
		}
		if c == 0 {
			continue
		}
		pl := &e.post[id]
		need := len(pl.docs) + c
		if cap(pl.docs) < need {
			more := c * left / batch
			size := max(need+more+more/16, 2*cap(pl.docs))
			docs := make([]uint32, len(pl.docs), size)
			copy(docs, pl.docs)
			meta := make([]uint16, len(pl.meta), size)
			copy(meta, pl.meta)
			pl.docs, pl.meta = docs, meta
		}
	}
}

// trim gives back the slack that doubling left in posting lists after a
// bulk load: up to half of them. The caller holds the write lock.
func (e *Engine) trim() {
	for i := range e.post {
		pl := &e.post[i]
		if n := len(pl.docs); cap(pl.docs)-n > n/8+8 {
			pl.docs = slices.Clip(slices.Clone(pl.docs))
			pl.meta = slices.Clip(slices.Clone(pl.meta))
		}
	}
}

// growSlots makes room for n more slots at once.
func (e *Engine) growSlots(n int) {
	e.recs = slices.Grow(e.recs, n)
	e.kinds = slices.Grow(e.kinds, n)
	e.titleLen = slices.Grow(e.titleLen, n)
	e.textLen = slices.Grow(e.textLen, n)
	e.titleNorm = slices.Grow(e.titleNorm, n)
	e.textNorm = slices.Grow(e.textNorm, n)
	e.initials = slices.Grow(e.initials, n)
	e.recencyF = slices.Grow(e.recencyF, n)
	e.date = slices.Grow(e.date, n)
	e.day = slices.Grow(e.day, n)
}
