package suggest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// The saved form of an Index, little endian throughout: the whole state,
// removed pieces and dead sentences included, so that a loaded index
// answers exactly as the saved one and goes on to compact at the same
// point. Each kind of record is a flat array, read and written in bulk.
//
//	magic "CPSUGIDX", version uint32, flags uint32 (1: texts included)
//	pieces: count, then per slot arrays of hash u64, size u32, first u32,
//	  n u32, and the packed strings ids (empty: a removed piece),
//	  contributions (and texts): per slot end offsets u32, then the bytes
//	sentences: count, then arrays piece u32, start u32, size u16,
//	  flags u8, nterms u8
//	terms: count, then arrays hash u64 (0: a free slot) and end offset u64
//	  of its postings, then the postings' bytes (termStats.post)
//	bands: per band, head length, split u8, then if split the directory
//	  (1<<16+1 u32), low halves u16 and sentences u32, else entries u64
//	  (bandTable); tail length and entries u64
//
// What can be worked out is not saved: a term's counts are the sums of
// the live pieces' contributions (and its document count must equal its
// live postings), its posting count and last posting are read off its
// postings, the live sentences are the live pieces' runs.
//
// Nothing follows. The caller authenticates the stream (it is encrypted
// with the notebook), so there is no checksum; Load still checks every
// count, offset and cross-reference, since a bug or a file of another
// version must give an error, not a panic or a wrong answer.
const (
	saveMagic   = "CPSUGIDX"
	saveVersion = 2
	flagTexts   = 1
)

// Save writes the index to w (Load reads it back). It holds the read lock
// meanwhile: queries go on, additions wait.
func (x *Index) Save(w io.Writer) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	e := &encoder{w: bufio.NewWriterSize(w, 1<<16)}
	e.raw([]byte(saveMagic))
	e.u32(saveVersion)
	textsKept := false
	for _, p := range x.pieces {
		if p != nil && p.text != "" {
			textsKept = true
		}
	}
	var flags uint32
	if textsKept {
		flags |= flagTexts
	}
	e.u32(flags)

	n := len(x.pieces)
	e.u32(uint32(n))
	field := func(f func(p *piece) uint64, width int) {
		for _, p := range x.pieces {
			var v uint64
			if p != nil {
				v = f(p)
			}
			e.uint(v, width)
		}
	}
	field(func(p *piece) uint64 { return p.hash }, 8)
	field(func(p *piece) uint64 { return uint64(p.size) }, 4)
	field(func(p *piece) uint64 { return uint64(p.first) }, 4)
	field(func(p *piece) uint64 { return uint64(p.n) }, 4)
	e.packed(x.pieces, func(p *piece) string { return p.id })
	e.packed(x.pieces, func(p *piece) string { return string(p.contrib) })
	if textsKept {
		e.packed(x.pieces, func(p *piece) string { return p.text })
	}

	e.u32(uint32(len(x.units)))
	for _, u := range x.units {
		e.u32(u.piece)
	}
	for _, u := range x.units {
		e.u32(u.start)
	}
	for _, u := range x.units {
		e.uint(uint64(u.size), 2)
	}
	for _, u := range x.units {
		e.uint(uint64(u.flags), 1)
	}
	e.raw(x.nterms)

	stats := x.terms.stats
	hashes := make([]uint64, len(stats))
	for h, i := range x.terms.ids {
		hashes[i] = h
	}
	e.u32(uint32(len(stats)))
	for _, h := range hashes {
		e.uint(h, 8)
	}
	var end uint64
	for _, s := range stats {
		end += uint64(len(s.post))
		e.uint(end, 8)
	}
	for _, s := range stats {
		e.raw(s.post)
	}
	for b := range x.bands {
		t := &x.bands[b]
		e.u32(uint32(t.headLen()))
		if t.dir != nil {
			e.uint(1, 1)
			for _, v := range t.dir {
				e.u32(v)
			}
			for _, v := range t.lo {
				e.uint(uint64(v), 2)
			}
			for _, v := range t.units {
				e.u32(v)
			}
		} else {
			e.uint(0, 1)
			for _, v := range t.head {
				e.uint(v, 8)
			}
		}
		e.u32(uint32(len(t.tail)))
		for _, v := range t.tail {
			e.uint(v, 8)
		}
	}
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

type encoder struct {
	w   *bufio.Writer
	buf [8]byte
	err error
}

func (e *encoder) raw(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// uint writes the low width bytes of v.
func (e *encoder) uint(v uint64, width int) {
	binary.LittleEndian.PutUint64(e.buf[:], v)
	e.raw(e.buf[:width])
}

func (e *encoder) u32(v uint32) { e.uint(uint64(v), 4) }

// packed writes one string per piece slot ("" for removed pieces): the
// end offsets, then the bytes.
func (e *encoder) packed(pieces []*piece, f func(*piece) string) {
	var end uint64
	for _, p := range pieces {
		if p != nil {
			end += uint64(len(f(p)))
		}
		e.uint(end, 8)
	}
	for _, p := range pieces {
		if p != nil && e.err == nil {
			_, e.err = e.w.WriteString(f(p))
		}
	}
}

// Load reads an index written by Save. The loaded index keeps the texts
// only if the saved one did; call SetPieceTexts before using it
// otherwise. The input is checked throughout: a damaged or foreign file
// gives an error, and memory is allocated only as the input delivers the
// data that fills it.
func Load(r io.Reader) (*Index, error) {
	d := &decoder{r: bufio.NewReader(r)}
	x, err := d.index()
	if err == nil {
		if _, e := d.r.ReadByte(); e != io.EOF {
			err = errors.New("data after the end of the index")
		}
	}
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("truncated")
		}
		return nil, fmt.Errorf("suggest: loading the index: %w", err)
	}
	return x, nil
}

type decoder struct {
	r   *bufio.Reader
	buf []byte // scratch for readArray, grown up to chunk
	err error
}

// chunk bounds what is allocated ahead of the data that fills it.
const chunk = 1 << 16

// readArray reads n values of width bytes, a chunk at a time, decoding
// each chunk with decode.
func readArray[T any](d *decoder, n uint64, width int, decode func(dst []T, b []byte) []T) []T {
	if d.err != nil {
		return nil
	}
	out := make([]T, 0, min(n, chunk))
	for n > 0 && d.err == nil {
		k := min(n, chunk)
		if need := int(k) * width; cap(d.buf) < need {
			d.buf = make([]byte, need)
		}
		b := d.buf[:int(k)*width]
		if _, d.err = io.ReadFull(d.r, b); d.err != nil {
			break
		}
		out = decode(out, b)
		n -= k
	}
	return out
}

func le8(dst []uint8, b []byte) []uint8 { return append(dst, b...) }

func le16(dst []uint16, b []byte) []uint16 {
	for i := 0; i+2 <= len(b); i += 2 {
		dst = append(dst, binary.LittleEndian.Uint16(b[i:]))
	}
	return dst
}

func le32(dst []uint32, b []byte) []uint32 {
	for i := 0; i+4 <= len(b); i += 4 {
		dst = append(dst, binary.LittleEndian.Uint32(b[i:]))
	}
	return dst
}

func le64(dst []uint64, b []byte) []uint64 {
	for i := 0; i+8 <= len(b); i += 8 {
		dst = append(dst, binary.LittleEndian.Uint64(b[i:]))
	}
	return dst
}

// valid reports whether a loaded table is sorted and refers only to
// sentences below nunits.
func (t *bandTable) valid(nunits uint64) bool {
	if t.dir != nil {
		if t.dir[0] != 0 || uint64(t.dir[1<<16]) != uint64(len(t.units)) {
			return false
		}
		for h := range 1 << 16 {
			from, to := t.dir[h], t.dir[h+1]
			if to < from {
				return false
			}
			for i := from; i < to; i++ {
				if uint64(t.units[i]) >= nunits || i > from && (t.lo[i] < t.lo[i-1] || t.lo[i] == t.lo[i-1] && t.units[i] <= t.units[i-1]) {
					return false
				}
			}
		}
	}
	for j, v := range t.head {
		if uint64(uint32(v)) >= nunits || j > 0 && v <= t.head[j-1] {
			return false
		}
	}
	for _, v := range t.tail {
		if uint64(uint32(v)) >= nunits {
			return false
		}
	}
	return true
}

func (d *decoder) u32() uint32 {
	if v := readArray(d, 1, 4, le32); len(v) == 1 {
		return v[0]
	}
	return 0
}

// packed reads n strings written by encoder.packed.
func (d *decoder) packed(n uint64) []string {
	ends := readArray(d, n, 8, le64)
	if d.err != nil {
		return nil
	}
	var prev uint64
	for _, e := range ends {
		if e < prev {
			d.err = errors.New("bad string offsets")
			return nil
		}
		prev = e
	}
	blob := readArray(d, prev, 1, le8)
	if d.err != nil {
		return nil
	}
	all := string(blob)
	out := make([]string, n)
	prev = 0
	for i, e := range ends {
		out[i] = all[prev:e]
		prev = e
	}
	return out
}

func (d *decoder) index() (*Index, error) {
	magic := readArray(d, uint64(len(saveMagic)), 1, le8)
	if d.err == nil && string(magic) != saveMagic {
		return nil, errors.New("not a suggestion index")
	}
	if v := d.u32(); d.err == nil && v != saveVersion {
		return nil, fmt.Errorf("version %d, want %d", v, saveVersion)
	}
	flags := d.u32()
	if d.err == nil && flags&^flagTexts != 0 {
		return nil, fmt.Errorf("unknown flags %#x", flags)
	}

	x := NewIndex()
	nslots := uint64(d.u32())
	hash := readArray(d, nslots, 8, le64)
	size := readArray(d, nslots, 4, le32)
	first := readArray(d, nslots, 4, le32)
	count := readArray(d, nslots, 4, le32)
	ids := d.packed(nslots)
	contribs := d.packed(nslots)
	var texts []string
	if flags&flagTexts != 0 {
		texts = d.packed(nslots)
	}
	nunits := uint64(d.u32())
	upiece := readArray(d, nunits, 4, le32)
	ustart := readArray(d, nunits, 4, le32)
	usize := readArray(d, nunits, 2, le16)
	uflags := readArray(d, nunits, 1, le8)
	x.nterms = readArray(d, nunits, 1, le8)
	nterms := uint64(d.u32())
	thash := readArray(d, nterms, 8, le64)
	postEnd := readArray(d, nterms, 8, le64)
	var postLen uint64
	if len(postEnd) > 0 {
		postLen = postEnd[len(postEnd)-1]
	}
	post := readArray(d, postLen, 1, le8)
	var headLens [numBands]uint64
	for b := range x.bands {
		t := &x.bands[b]
		headLens[b] = uint64(d.u32())
		split := readArray(d, 1, 1, le8)
		switch {
		case d.err != nil:
		case split[0] == 1:
			t.dir = readArray(d, 1<<16+1, 4, le32)
			t.lo = readArray(d, headLens[b], 2, le16)
			t.units = readArray(d, headLens[b], 4, le32)
		case split[0] == 0:
			t.head = readArray(d, headLens[b], 8, le64)
		default:
			d.err = fmt.Errorf("band %d: bad record", b)
		}
		t.tail = readArray(d, uint64(d.u32()), 8, le64)
	}
	if d.err != nil {
		return nil, d.err
	}

	// Sentences.
	x.units = make([]unit, nunits)
	for i := range x.units {
		if upiece[i] >= uint32(nslots) || usize[i] > maxSentence || uflags[i]&^(uPara|uSig) != 0 {
			return nil, fmt.Errorf("sentence %d: bad record", i)
		}
		x.units[i] = unit{piece: upiece[i], start: ustart[i], size: usize[i], flags: uflags[i]}
	}

	// Pieces: each live one owns its run of sentences, in order, inside its
	// text.
	x.pieces = make([]*piece, nslots)
	x.byID = make(map[string]uint32, nslots)
	var liveUnits uint64
	var nextFirst uint64
	for i := range x.pieces {
		if ids[i] == "" { // removed
			if contribs[i] != "" || texts != nil && texts[i] != "" {
				return nil, fmt.Errorf("removed piece %d has data", i)
			}
			continue
		}
		p := &piece{id: ids[i], hash: hash[i], size: size[i], first: first[i], n: count[i]}
		if texts != nil {
			p.text = texts[i]
		}
		if contribs[i] != "" {
			p.contrib = []byte(contribs[i])
		}
		end := uint64(p.first) + uint64(p.n)
		if end > nunits || uint64(p.first) < nextFirst {
			return nil, fmt.Errorf("piece %d: bad record", i)
		}
		nextFirst = end
		if _, dup := x.byID[p.id]; dup {
			return nil, fmt.Errorf("piece %q twice", p.id)
		}
		// A text is at most three times as long indexed as added: each
		// invalid byte becomes a three-byte U+FFFD.
		limit := 3 * uint64(p.size)
		if p.text != "" {
			limit = uint64(len(p.text))
			if !utf8.ValidString(p.text) {
				return nil, fmt.Errorf("piece %q: invalid text", p.id)
			}
		}
		var prevEnd uint32
		for u := p.first; u < p.first+p.n; u++ {
			un := x.units[u]
			if un.piece != uint32(i) || un.start < prevEnd || uint64(un.end()) > limit {
				return nil, fmt.Errorf("piece %q: bad sentence %d", p.id, u)
			}
			prevEnd = un.end()
		}
		x.byID[p.id] = uint32(i)
		x.pieces[i] = p
		liveUnits += uint64(p.n)
	}
	x.live = int(liveUnits)
	for i, un := range x.units {
		if p := x.pieces[un.piece]; p != nil && (uint32(i) < p.first || uint32(i) >= p.first+p.n) {
			return nil, fmt.Errorf("sentence %d outside its piece", i)
		}
	}

	// Terms: the counts must be what the live pieces' contributions and
	// the live postings add up to, or removing a piece would underflow
	// them.
	x.terms.stats = make([]termStats, nterms)
	x.terms.ids = make(map[uint64]uint32, nterms)
	for i := int(nterms) - 1; i >= 0; i-- {
		if thash[i] == 0 {
			var start uint64
			if i > 0 {
				start = postEnd[i-1]
			}
			if postEnd[i] != start {
				return nil, fmt.Errorf("free term %d has postings", i)
			}
			x.terms.free = append(x.terms.free, uint32(i))
			continue
		}
		if _, dup := x.terms.ids[thash[i]]; dup {
			return nil, fmt.Errorf("term %x twice", thash[i])
		}
		x.terms.ids[thash[i]] = uint32(i)
	}
	sums := make([][3]uint64, nterms)
	for _, p := range x.pieces {
		if p == nil {
			continue
		}
		err := decodeContrib(p.contrib, func(c termContrib) error {
			if uint64(c.term) >= nterms || thash[c.term] == 0 {
				return errContrib
			}
			s := &sums[c.term]
			s[0] += uint64(c.df)
			s[1] += uint64(c.mid)
			s[2] += uint64(c.midCap)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("piece %q: %w", p.id, err)
		}
	}
	// Whether each sentence is live, looked up once per posting: a byte
	// each stays in cache where the sentences and pieces would not.
	liveUnit := make([]bool, nunits)
	for _, p := range x.pieces {
		if p != nil {
			for u := p.first; u < p.first+p.n; u++ {
				liveUnit[u] = true
			}
		}
	}
	var at uint64
	for i := range x.terms.stats {
		s := &x.terms.stats[i]
		if postEnd[i] < at || postEnd[i] > postLen {
			return nil, fmt.Errorf("term %d: bad postings", i)
		}
		s.post = post[at:postEnd[i]:postEnd[i]]
		at = postEnd[i]
		var n, u, livePost uint64
		for b := s.post; len(b) > 0; n++ {
			g, k := uint64(b[0]), 1
			if g >= 0x80 {
				g, k = binary.Uvarint(b)
			}
			if k <= 0 || n > 0 && g == 0 {
				return nil, fmt.Errorf("term %d: bad postings", i)
			}
			b = b[k:]
			if u += g; u >= nunits {
				return nil, fmt.Errorf("term %d: bad postings", i)
			}
			if liveUnit[u] {
				livePost++
			}
		}
		// The counts are what the live pieces' contributions add up to,
		// and those must be the live postings, or removing a piece would
		// underflow them.
		if sums[i][0] != livePost || sums[i][1] > math.MaxUint32 || sums[i][2] > math.MaxUint32 {
			return nil, fmt.Errorf("term %d: counts do not add up", i)
		}
		s.df, s.mid, s.midCap = uint32(sums[i][0]), uint32(sums[i][1]), uint32(sums[i][2])
		s.npost, s.last = uint32(n), uint32(u)
	}

	// Bands.
	for b := range x.bands {
		t := &x.bands[b]
		if headLens[b] != headLens[0] || len(t.tail) != len(x.bands[0].tail) {
			return nil, fmt.Errorf("band %d: length differs", b)
		}
		if !t.valid(nunits) {
			return nil, fmt.Errorf("band %d: bad entries", b)
		}
	}
	if x.live > math.MaxInt32 {
		return nil, errors.New("too large")
	}
	return x, nil
}

// EachPiece calls fn with the ID of each piece in the index, in no
// particular order, until fn returns false. It calls fn without holding
// the index's lock, so fn may call Add or Remove: after Load, the caller
// removes the pieces deleted from the store since the save.
func (x *Index) EachPiece(fn func(pieceID string) bool) {
	x.mu.RLock()
	ids := make([]string, 0, len(x.byID))
	for _, p := range x.pieces {
		if p != nil {
			ids = append(ids, p.id)
		}
	}
	x.mu.RUnlock()
	for _, id := range ids {
		if !fn(id) {
			return
		}
	}
}
