package search

// This file saves an engine to a stream and loads it back, so the app can
// keep its indexes on disk instead of rebuilding them at every start.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// The saved format, all integers little endian or unsigned varints:
//
//	magic "CPSEARCH", format version (uint32)
//	header: varints nWords-1, nSlots, nTags, nRels, version; int32 maxDay,
//	        recencyOf; float32 normTitle, normText
//	vocabulary: nWords-1 varint lengths, then the words back to back;
//	        the ids in word order (uint32 each)
//	tags, then relations: varint length and bytes of each folded value,
//	        in id order (ids start at 1)
//	per-slot arrays, nSlots entries each: kinds (uint8), titleLen
//	        (uint16), textLen (uint32), titleNorm, textNorm (float32),
//	        initials (uint64), date, day (int32), recencyF (float32)
//	records: varint totals of list entries and of interned ids; the
//	        encoded records of the live slots (see recordWriter), the
//	        strings blob and the word-stream blob, each as a varint
//	        length and bytes. Strings and streams are cut from the blobs
//	        in record order.
//	postings: for word ids 1 to nWords-1, varint counts; then every
//	        list's slots as varint gaps (first slot, then slot-previous-1);
//	        then every list's meta (uint16 each)
//
// Nothing follows. Published, Rels and Updated are not saved: the engine
// reads them only when an item is added (see addSlot).
const (
	saveMagic  = "CPSEARCH"
	saveFormat = 2
)

// ErrCorrupt is wrapped by Load's errors about input that is not a whole,
// well-formed saved engine; the caller should rebuild the index.
var ErrCorrupt = errors.New("search: saved index is corrupt")

// ErrFormat is wrapped by Load's error for input saved in a format this
// build does not read (an older or newer app); the caller should rebuild.
var ErrFormat = errors.New("search: saved index has another format")

// Save writes the whole engine state to w, in a form Load reads back into
// an engine that answers every query as this one does. Searches go on
// while it writes; Add and Remove wait until it is done, and a Save called
// during an Add waits for the Add to finish.
//
// The keeper of texts (SetTexts) is not saved: pieces and passages added
// while it was set have no texts in the engine, and the caller must set
// it again on the loaded engine.
//
// The output has no checksum: the caller is expected to store it inside an
// authenticated layer. Load still checks everything it reads.
func (e *Engine) Save(w io.Writer) error {
	// Writers are held off by their own mutex, not by the read lock
	// alone: a writer waiting for the lock would stop new searches until
	// the whole save was written (a quarter of a second on the paper
	// notebook), and keystrokes would stall behind it.
	e.wmu.Lock()
	defer e.wmu.Unlock()
	e.mu.RLock()
	defer e.mu.RUnlock()
	// The buffer grows to encoderFlush with the output; a small engine
	// does not pay for a large one.
	enc := &encoder{w: w, buf: make([]byte, 0, 4096)}
	enc.buf = append(enc.buf, saveMagic...)
	enc.buf = binary.LittleEndian.AppendUint32(enc.buf, saveFormat)

	v := e.voc
	nSlots := len(e.kinds)
	enc.uvarint(uint64(len(v.words) - 1)) // word 0 is no word
	enc.uvarint(uint64(nSlots))
	enc.uvarint(uint64(len(e.tagIDs)))
	enc.uvarint(uint64(len(e.relIDs)))
	enc.uvarint(e.version)
	putArray(enc, []int32{e.maxDay, e.recencyOf}, putInt32)
	putArray(enc, []float32{e.normTitle, e.normText}, putFloat32)

	for _, w := range v.words[1:] {
		enc.uvarint(uint64(len(w)))
	}
	for _, w := range v.words[1:] {
		enc.str(w)
	}
	putArray(enc, v.wordOrder(), binary.LittleEndian.AppendUint32)
	for _, m := range []map[string]uint32{e.tagIDs, e.relIDs} {
		for _, k := range keysByID(m) {
			enc.uvarint(uint64(len(k)))
			enc.str(k)
		}
	}

	putArray(enc, e.kinds, func(b []byte, k uint8) []byte { return append(b, k) })
	putArray(enc, e.titleLen, binary.LittleEndian.AppendUint16)
	putArray(enc, e.textLen, binary.LittleEndian.AppendUint32)
	putArray(enc, e.titleNorm, putFloat32)
	putArray(enc, e.textNorm, putFloat32)
	putArray(enc, e.initials, binary.LittleEndian.AppendUint64)
	putArray(enc, e.date, putInt32)
	putArray(enc, e.day, putInt32)
	putArray(enc, e.recencyF, putFloat32)

	e.saveRecords(enc)

	// Postings to free slots are left out: only a loaded save whose
	// postings disagree with its items leaves them behind (see
	// maybeCompact), and Load refuses them.
	for _, pl := range e.post[1:] {
		n := 0
		for _, d := range pl.docs {
			if e.kinds[d] != 0 {
				n++
			}
		}
		enc.uvarint(uint64(n))
	}
	for _, pl := range e.post[1:] {
		next := uint32(0)
		for _, d := range pl.docs {
			if e.kinds[d] != 0 {
				enc.uvarint(uint64(d - next))
				next = d + 1
			}
		}
	}
	for _, pl := range e.post[1:] {
		for j, d := range pl.docs {
			if e.kinds[d] != 0 {
				enc.buf = binary.LittleEndian.AppendUint16(enc.buf, pl.meta[j])
				if len(enc.buf) >= encoderFlush {
					enc.flush()
				}
			}
		}
	}
	enc.flush()
	return enc.err
}

// recordWriter encodes the items' records: their lengths, counts and ids
// into rec, and their strings in blob order. Values that items share
// (a piece's title, authors and outlet on each of its passages, tags)
// are written once and then referred to by their place among the shared
// values, so a loaded engine shares them as a built one does.
type recordWriter struct {
	rec      []byte
	shared   map[string]uint32
	fresh    []bool // per shareable string, in order: written to the blob
	blobSize uint64
}

// share encodes a shareable string: 2·len for one written here, 2·place+1
// for one written before. Empty strings are written, never shared.
func (rw *recordWriter) share(s string) {
	if i, ok := rw.shared[s]; ok {
		rw.rec = binary.AppendUvarint(rw.rec, 2*uint64(i)+1)
		rw.fresh = append(rw.fresh, false)
		return
	}
	if s != "" {
		rw.shared[s] = uint32(len(rw.shared))
	}
	rw.rec = binary.AppendUvarint(rw.rec, 2*uint64(len(s)))
	rw.fresh = append(rw.fresh, true)
	rw.blobSize += uint64(len(s))
}

func (rw *recordWriter) plain(s string) {
	rw.rec = binary.AppendUvarint(rw.rec, uint64(len(s)))
	rw.blobSize += uint64(len(s))
}

// record encodes the strings of a live slot's record in saved order
// (ID, Kind only for kinds the engine does not know, Title, Text,
// PieceID, PieceTitle, Outlet, Tags, Authors, LinkNotes), its interned
// tag and relation ids and its stream's length.
func (rw *recordWriter) record(rec *docRec, kind uint8) {
	rw.plain(rec.ID)
	if kind == kindBit("") {
		rw.plain(string(rec.Kind))
	}
	rw.plain(rec.Title)
	rw.plain(rec.Text)
	rw.share(rec.PieceID)
	rw.share(rec.PieceTitle)
	rw.share(rec.Outlet)
	for _, l := range [][]string{rec.tags(), rec.authors(), rec.linkNotes()} {
		rw.rec = binary.AppendUvarint(rw.rec, uint64(len(l)))
		for _, s := range l {
			rw.share(s)
		}
	}
	for _, l := range [][]uint32{rec.tagIDs(), rec.relIDs()} {
		rw.rec = binary.AppendUvarint(rw.rec, uint64(len(l)))
		for _, id := range l {
			rw.rec = binary.AppendUvarint(rw.rec, uint64(id))
		}
	}
	rw.rec = binary.AppendUvarint(rw.rec, uint64(len(rec.stream)))
	rw.rec = binary.AppendUvarint(rw.rec, uint64(rec.nTitleWords))
}

// saveRecords writes the records section: totals of list entries and
// interned ids; the encoded records (length first); the strings blob;
// the streams blob.
func (e *Engine) saveRecords(enc *encoder) {
	rw := &recordWriter{shared: map[string]uint32{}}
	var lists, interned, streamBytes uint64
	for s := range e.recs {
		if k := e.kinds[s]; k != 0 {
			rec := &e.recs[s]
			rw.record(rec, k)
			lists += uint64(len(rec.lists))
			interned += uint64(len(rec.interned))
			streamBytes += uint64(len(rec.stream))
		}
	}
	enc.uvarint(lists)
	enc.uvarint(interned)
	enc.uvarint(uint64(len(rw.rec)))
	enc.bytes(rw.rec)
	enc.uvarint(rw.blobSize)
	fresh := rw.fresh
	share := func(s string) {
		if fresh[0] {
			enc.str(s)
		}
		fresh = fresh[1:]
	}
	for s := range e.recs {
		k := e.kinds[s]
		if k == 0 {
			continue
		}
		rec := &e.recs[s]
		enc.str(rec.ID)
		if k == kindBit("") {
			enc.str(string(rec.Kind))
		}
		enc.str(rec.Title)
		enc.str(rec.Text)
		share(rec.PieceID)
		share(rec.PieceTitle)
		share(rec.Outlet)
		for _, s := range rec.lists {
			share(s)
		}
	}
	enc.uvarint(streamBytes)
	for s := range e.recs {
		if e.kinds[s] != 0 {
			enc.bytes(e.recs[s].stream)
		}
	}
}

// wordOrder returns every word id in word order, without the words an
// unfinished batch may still hold in fresh (Save cannot settle them: it
// holds only the read lock).
func (v *vocab) wordOrder() []uint32 {
	if len(v.fresh) == 0 {
		return v.sorted
	}
	all := slices.Concat(v.sorted, v.fresh)
	slices.SortFunc(all, func(a, b uint32) int { return strings.Compare(v.words[a], v.words[b]) })
	return all
}

// keysByID lists an interning map's keys by id (ids run from 1).
func keysByID(m map[string]uint32) []string {
	keys := make([]string, len(m))
	for k, id := range m {
		keys[id-1] = k
	}
	return keys
}

// encoderFlush is how much the encoder buffers before writing.
const encoderFlush = 1 << 20

// encoder buffers output and remembers the first write error.
type encoder struct {
	w   io.Writer
	buf []byte
	err error
}

func (enc *encoder) flush() {
	if enc.err == nil && len(enc.buf) > 0 {
		_, enc.err = enc.w.Write(enc.buf)
	}
	enc.buf = enc.buf[:0]
}

func (enc *encoder) uvarint(x uint64) {
	enc.buf = binary.AppendUvarint(enc.buf, x)
	if len(enc.buf) >= encoderFlush {
		enc.flush()
	}
}

func (enc *encoder) str(s string) {
	if len(enc.buf)+len(s) > encoderFlush {
		enc.flush()
	}
	if len(s) > encoderFlush {
		if enc.err == nil {
			_, enc.err = io.WriteString(enc.w, s)
		}
		return
	}
	enc.buf = append(enc.buf, s...)
}

func (enc *encoder) bytes(b []byte) {
	if len(enc.buf)+len(b) > encoderFlush {
		enc.flush()
	}
	if len(b) > encoderFlush {
		if enc.err == nil {
			_, enc.err = enc.w.Write(b)
		}
		return
	}
	enc.buf = append(enc.buf, b...)
}

// putArray appends a flat array, flushing as the buffer fills.
func putArray[T any](enc *encoder, s []T, put func([]byte, T) []byte) {
	for _, x := range s {
		enc.buf = put(enc.buf, x)
		if len(enc.buf) >= encoderFlush {
			enc.flush()
		}
	}
}

func putInt32(b []byte, x int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(x)) }
func putFloat32(b []byte, x float32) []byte {
	return binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
}

// Load reads an engine saved by Save. The input is treated as untrusted:
// anything but a whole, well-formed save of this format gives an error
// wrapping ErrCorrupt or ErrFormat, never a panic, and nothing is
// allocated beyond what the input's length accounts for. Load checks that
// every id, slot, length and offset is in range, not that postings agree
// with the items' words (only a rebuild could tell; the caller's
// authenticated layer vouches for that).
//
// Set the keeper of texts (SetTexts) on the loaded engine before
// searching it if the saved one had one.
func Load(r io.Reader) (*Engine, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("search: reading saved index: %w", err)
	}
	return decode(data)
}

// readAll reads r to the end. A reader that knows its length (a
// bytes.Reader, a bytes.Buffer) is read into one buffer of that size.
// Any other is read in chunks, each as large as all read so far, then
// joined: io.ReadAll grows its buffer by a quarter at a time, which on a
// saved notebook copied and faulted in several times its size.
func readAll(r io.Reader) ([]byte, error) {
	var chunks [][]byte
	total := 0
	next := 64 << 10
	if l, ok := r.(interface{ Len() int }); ok && l.Len() > 0 {
		next = l.Len() + 1 // one byte more than there is, so one read ends it
	}
	for {
		buf := make([]byte, next)
		n, err := io.ReadFull(r, buf)
		chunks = append(chunks, buf[:n])
		total += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		next = min(total, 64<<20)
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	data := make([]byte, 0, total)
	for _, c := range chunks {
		data = append(data, c...)
	}
	return data, nil
}

func decode(data []byte) (*Engine, error) {
	if len(data) < len(saveMagic)+4 || string(data[:len(saveMagic)]) != saveMagic {
		return nil, fmt.Errorf("%w: not a saved search index", ErrCorrupt)
	}
	if f := binary.LittleEndian.Uint32(data[len(saveMagic):]); f != saveFormat {
		return nil, fmt.Errorf("%w: format %d, this build reads %d", ErrFormat, f, saveFormat)
	}
	d := &decoder{b: data[len(saveMagic)+4:]}
	e := New()
	// The smallest number of bytes each counted thing takes further on
	// bounds the counts before anything is allocated for them.
	nWords := d.count(1+1+4, "words") + 1 // a length, a byte, a place in order
	nSlots := d.count(35, "slots")        // an entry in each per-slot array
	nTags := d.count(1, "tags")
	nRels := d.count(1, "relations")
	e.version = d.uvarint()
	e.maxDay, e.recencyOf = int32(d.uint32()), int32(d.uint32())
	e.normTitle, e.normText = d.float32(), d.float32()

	d.vocab(e.voc, nWords)
	e.tagIDs = d.interned(nTags, "tag")
	e.relIDs = d.interned(nRels, "relation")

	// The per-slot arrays get room for a few more slots, so that the first
	// Add after a load does not copy them all (30 MB on the paper
	// notebook; it made that Add take 16 ms, not 1).
	room := nSlots + nSlots/64 + 16
	e.kinds = getArray(d, nSlots, room, 1, func(b []byte) uint8 { return b[0] })
	e.titleLen = getUint16s(d, nSlots, room)
	e.textLen = getArray(d, nSlots, room, 4, binary.LittleEndian.Uint32)
	e.titleNorm = getArray(d, nSlots, room, 4, getFloat32)
	e.textNorm = getArray(d, nSlots, room, 4, getFloat32)
	e.initials = getArray(d, nSlots, room, 8, binary.LittleEndian.Uint64)
	e.date = getArray(d, nSlots, room, 4, getInt32)
	e.day = getArray(d, nSlots, room, 4, getInt32)
	e.recencyF = getArray(d, nSlots, room, 4, getFloat32)
	if d.err != nil {
		return nil, d.err
	}
	for s, k := range e.kinds {
		switch k {
		case 0:
			e.holes++
		case kindBit(KindPiece), kindBit(KindPassage), kindBit(KindClaim), kindBit(KindNote), kindBit(""):
			e.live++
			e.titleTotal += int64(e.titleLen[s])
			e.textTotal += int64(e.textLen[s])
		default:
			return nil, fmt.Errorf("%w: slot %d has kind bits %#x", ErrCorrupt, s, k)
		}
	}
	d.records(e, nWords)
	d.postings(e, nWords)
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the end", len(d.b))
	}
	if d.err != nil {
		return nil, d.err
	}
	return e, nil
}

// decoder reads from the saved bytes. Its first error sticks: every read
// after it gives zeros, so callers check err once per section.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.b = d.b[n:]
	return x
}

// count reads a count of things that each take at least size bytes of
// what is left.
func (d *decoder) count(size int, what string) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/size) {
		d.fail("%d %s cannot fit in %d bytes", n, what, len(d.b))
		return 0
	}
	return int(n)
}

// length reads a length at most limit.
func (d *decoder) length(limit int, what string) int {
	n := d.uvarint()
	if n > uint64(limit) {
		d.fail("%s of length %d overruns its section", what, n)
		return 0
	}
	return int(n)
}

func (d *decoder) take(n int) []byte {
	if n > len(d.b) {
		d.fail("truncated")
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) uint32() uint32 {
	b := d.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (d *decoder) float32() float32 { return math.Float32frombits(d.uint32()) }

func getFloat32(b []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b)) }
func getInt32(b []byte) int32     { return int32(binary.LittleEndian.Uint32(b)) }

// getUint16s is getArray for the metas of postings, the largest array,
// without a call per value.
func getUint16s(d *decoder, n, capacity int) []uint16 {
	b := d.take(2 * n)
	if b == nil && n > 0 {
		return nil
	}
	out := make([]uint16, n, capacity)
	for i := range out {
		out[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return out
}

// getArray reads n fixed-size values into a slice of the given capacity;
// nothing is allocated unless the bytes are there.
func getArray[T any](d *decoder, n, capacity, size int, get func([]byte) T) []T {
	b := d.take(n * size)
	if b == nil && n > 0 {
		return nil
	}
	out := make([]T, n, capacity)
	for i := range out {
		out[i] = get(b[i*size:])
	}
	return out
}

// vocab reads the words into v, one string for all of them, and rebuilds
// what is derived from them: letter masks, lengths and the hash table.
func (d *decoder) vocab(v *vocab, nWords int) {
	lens := make([]int, nWords)
	total := 0
	for id := 1; id < nWords; id++ {
		lens[id] = d.length(len(d.b), "word")
		if lens[id] == 0 {
			d.fail("empty word %d", id)
		}
		total += lens[id]
	}
	blob := string(d.take(total))
	if d.err != nil {
		return
	}
	v.words = make([]string, nWords)
	v.masks = make([]uint32, nWords)
	v.lens = make([]uint8, nWords)
	off := 0
	for id := 1; id < nWords; id++ {
		w := blob[off : off+lens[id]]
		off += lens[id]
		v.words[id] = w
		v.masks[id] = letterMask(w)
		v.lens[id] = uint8(min(utf8.RuneCountInString(w), 255))
	}
	v.sorted = getArray(d, nWords-1, nWords-1, 4, binary.LittleEndian.Uint32)
	if d.err != nil {
		return
	}
	// Ids in strictly increasing word order are distinct, so they are all
	// the ids once, and the words are distinct too.
	for i, id := range v.sorted {
		if id == 0 || id >= uint32(nWords) {
			d.fail("word id %d out of range", id)
			return
		}
		if i > 0 && v.words[v.sorted[i-1]] >= v.words[id] {
			d.fail("words out of order at %d", i)
			return
		}
	}
	size := 1024
	for 2*nWords > size {
		size *= 2
	}
	v.table = make([]uint64, size)
	v.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for id := 1; id < nWords; id++ {
		v.place(mix(hashWord(v.words[id])), uint32(id))
	}
}

// interned reads an interning map's keys, whose ids are their places.
func (d *decoder) interned(n int, what string) map[string]uint32 {
	m := make(map[string]uint32, n)
	for i := range n {
		k := string(d.take(d.length(len(d.b), what)))
		m[k] = uint32(i + 1)
	}
	if d.err == nil && len(m) != n {
		d.fail("repeated %s", what)
	}
	return m
}

// records reads the items' records, cutting their strings from one
// string and their streams from one byte slice.
func (d *decoder) records(e *Engine, nWords int) {
	lists := d.count(1, "list entries")
	interned := d.count(1, "interned ids")
	rd := &decoder{b: d.take(d.length(len(d.b), "records"))}
	strs := string(d.take(d.length(len(d.b), "strings")))
	streams := slices.Clone(d.take(d.length(len(d.b), "streams")))
	if d.err != nil {
		return
	}
	if e.live > len(rd.b) {
		d.fail("%d records cannot fit in %d bytes", e.live, len(rd.b))
		return
	}
	listArena := make([]string, lists)
	idArena := make([]uint32, interned)
	var shared []string
	e.recs = make([]docRec, len(e.kinds), cap(e.kinds))
	e.ids = make(map[string]uint32, e.live)
	cut := func(n int) string {
		if n > len(strs) {
			rd.fail("strings overrun")
			return ""
		}
		s := strs[:n]
		strs = strs[n:]
		return s
	}
	plain := func() string { return cut(rd.length(len(strs), "string")) }
	share := func() string {
		code := rd.uvarint()
		if code&1 == 0 {
			if code/2 > uint64(len(strs)) {
				rd.fail("strings overrun")
				return ""
			}
			s := cut(int(code / 2))
			if s != "" {
				shared = append(shared, s)
			}
			return s
		}
		if i := code >> 1; i < uint64(len(shared)) {
			return shared[i]
		}
		rd.fail("shared string %d of %d", code>>1, len(shared))
		return ""
	}
	// A record's lists lie end to end in the arenas, as docRec keeps
	// them; listsUsed and idsUsed are the arenas' filled lengths.
	listsUsed, idsUsed := 0, 0
	strList := func() uint32 {
		n := rd.length(len(listArena)-listsUsed, "string list")
		for i := range n {
			listArena[listsUsed+i] = share()
		}
		listsUsed += n
		return uint32(n)
	}
	idList := func(limit int, what string) uint32 {
		n := rd.length(len(idArena)-idsUsed, "id list")
		for i := range n {
			id := rd.uvarint()
			if id == 0 || id > uint64(limit) {
				rd.fail("%s id %d out of range", what, id)
				return 0
			}
			idArena[idsUsed+i] = uint32(id)
		}
		idsUsed += n
		return uint32(n)
	}
	for s, k := range e.kinds {
		if k == 0 {
			continue
		}
		rec := &e.recs[s]
		rec.ID = plain()
		rec.Kind = knownKind(k)
		if k == kindBit("") {
			rec.Kind = Kind(plain())
			if kindBit(rec.Kind) != k {
				rd.fail("slot %d: kind %q under the bits of unknown kinds", s, rec.Kind)
			}
		}
		rec.Title, rec.Text = plain(), plain()
		rec.PieceID, rec.PieceTitle, rec.Outlet = share(), share(), share()
		from := listsUsed
		rec.nTags, rec.nAuthors = strList(), strList()
		strList()
		if listsUsed > from {
			rec.lists = listArena[from:listsUsed:listsUsed]
		}
		from = idsUsed
		rec.nTagIDs = idList(len(e.tagIDs), "tag")
		idList(len(e.relIDs), "relation")
		if idsUsed > from {
			rec.interned = idArena[from:idsUsed:idsUsed]
		}
		n := rd.length(len(streams), "stream")
		if n > 0 {
			rec.stream = streams[:n:n]
			streams = streams[n:]
		}
		// A title word takes at least a byte of the stream.
		rec.nTitleWords = uint32(rd.length(n, "title words"))
		if rd.err != nil {
			d.err = fmt.Errorf("%w (slot %d)", rd.err, s)
			return
		}
		if ids, ok := validStream(rec.stream, nWords); !ok || int(rec.nTitleWords) > ids {
			d.fail("slot %d: bad word stream", s)
			return
		}
		had := len(e.ids)
		if e.ids[rec.ID] = uint32(s); len(e.ids) == had {
			d.fail("id %q on two slots", rec.ID)
			return
		}
	}
	if len(rd.b)+len(strs)+len(streams) > 0 || listsUsed < len(listArena) || idsUsed < len(idArena) {
		d.fail("records do not use up their bytes, strings, streams or lists")
	}
}

func knownKind(k uint8) Kind {
	for _, kind := range AllKinds {
		if kindBit(kind) == k {
			return kind
		}
	}
	return ""
}

// validStream reports whether b is a sequence of whole varints naming
// words of the vocabulary. Streams are the longest section, and a third
// of their ids take two bytes, at random: a branch per byte on where a
// varint ends mispredicts often, so the loop has none. It decodes as
// binary.Uvarint would and gathers any fault in bad.
func validStream(b []byte, nWords int) (ids int, ok bool) {
	if nWords < 2 {
		return 0, len(b) == 0
	}
	limit := uint64(nWords - 1)
	var x, bad, n uint64
	var shift uint
	for _, c := range b {
		x |= uint64(c&0x7f) << shift
		end := uint64(^c >> 7) // 1 on a varint's last byte
		// x-1 wraps for x = 0, so one comparison rejects 0 and ids past
		// the vocabulary.
		bad |= end & b2u(x-1 >= limit)
		bad |= b2u(shift > 28) // no word id needs more than five bytes
		n += end
		x &= end - 1
		shift = (shift + 7) & uint(end-1)
	}
	return int(n), bad == 0 && shift == 0
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// withSlack is the capacity a loaded posting list of n gets. Full lists
// made the first edit after a load on the paper notebook regrow every
// common word's list it touched, under the write lock (30 of its 46 ms;
// the per-slot arrays took the rest). A bulk build leaves up to an eighth
// to spare; a sixteenth costs 3 MB.
func withSlack(n int) int {
	if n < 64 {
		return n // appending to a short list is cheap anyway
	}
	return n + n/16
}

// postings reads the posting lists: each in its own allocation, as a
// build leaves them, so a list an edit grows does not pin a shared array.
func (d *decoder) postings(e *Engine, nWords int) {
	counts := make([]int, nWords)
	total := 0
	for id := 1; id < nWords; id++ {
		counts[id] = d.length(e.live, "posting list")
		total += counts[id]
	}
	if d.err != nil {
		return
	}
	if total > len(d.b)/3 { // a gap byte and two meta bytes each
		d.fail("%d postings cannot fit in %d bytes", total, len(d.b))
		return
	}
	e.post = make([]postingList, nWords)
	nSlots := uint64(len(e.kinds))
	for id := 1; id < nWords; id++ {
		if counts[id] == 0 {
			continue
		}
		docs := make([]uint32, counts[id], withSlack(counts[id]))
		next := uint64(0)
		b := d.b
		for j := range docs {
			// Most gaps take one byte; decode those inline.
			var gap uint64
			if len(b) > 0 && b[0] < 0x80 {
				gap, b = uint64(b[0]), b[1:]
			} else {
				n := 0
				if gap, n = binary.Uvarint(b); n <= 0 {
					d.fail("truncated postings")
					return
				}
				b = b[n:]
			}
			s := next + gap
			if s >= nSlots || s < next || e.kinds[s] == 0 {
				d.fail("word %d: posting to slot %d", id, s)
				return
			}
			docs[j] = uint32(s)
			next = s + 1
		}
		d.b = b
		e.post[id].docs = docs
	}
	for id := 1; id < nWords; id++ {
		if counts[id] > 0 {
			e.post[id].meta = getUint16s(d, counts[id], withSlack(counts[id]))
		}
	}
}
