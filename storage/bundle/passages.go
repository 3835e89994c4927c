package bundle

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"github.com/klauspost/compress/s2"
)

// passageCache keeps the passages that checking the bundle decoded, packed
// and compressed, so that the merge's passes (plan, apply, and a plan
// made again) read them from memory instead of inflating and decoding
// annotations.jsonld again: decoding its JSON-LD was most of a large
// import's time, three times over. What the merge reads is then exactly
// what was checked. Passages are packed into chunks of about a megabyte,
// each compressed with S2 once full (a fraction of the time decoding
// took), so a 50,000-piece bundle's 500,000 passages take about 70 MB, in
// slices the collector does not scan. Past passageCacheCap (a hostile
// bundle may hold 1 GB of passages) the cache is dropped and the file is
// read again, as before.
type passageCache struct {
	sealed  [][]byte // full chunks, compressed
	open    []byte   // the chunk being filled
	size    int      // bytes held
	dropped bool
	piece   string // the last passage's piece: a run of passages names it once
	scratch []byte // one passage packed
	encoded []byte // one chunk compressed
}

const (
	passageCacheCap   = 256 << 20
	passageChunkBytes = 1 << 20
)

// add packs a passage, in the order given.
func (c *passageCache) add(a *storage.Annotation) {
	if c.dropped {
		return
	}
	rec := c.encode(c.scratch[:0], a)
	c.scratch = rec
	if len(c.open) > 0 && len(c.open)+len(rec) > passageChunkBytes {
		if n := s2.MaxEncodedLen(len(c.open)); cap(c.encoded) < n {
			c.encoded = make([]byte, n)
		}
		// Copied out at its size: Encode's own result keeps the
		// capacity of the worst case, more than the chunk itself.
		sealed := bytes.Clone(s2.Encode(c.encoded[:cap(c.encoded)], c.open))
		c.sealed = append(c.sealed, sealed)
		c.size += len(sealed) - len(c.open)
		c.open = c.open[:0]
	}
	if c.size+len(rec) > passageCacheCap {
		*c = passageCache{dropped: true}
		return
	}
	if c.open == nil {
		c.open = make([]byte, 0, passageChunkBytes)
	}
	c.open = append(c.open, rec...)
	c.size += len(rec)
}

// usable tells whether the cache holds every passage added.
func (c *passageCache) usable() bool { return c != nil && !c.dropped }

// each calls fn with every passage, in the order added.
func (c *passageCache) each(fn func(a storage.Annotation) error) error {
	var piece string
	var buf []byte
	for i := 0; i <= len(c.sealed); i++ {
		chunk := c.open
		if i < len(c.sealed) {
			var err error
			if buf, err = s2.Decode(buf[:cap(buf)], c.sealed[i]); err != nil {
				return errPacked
			}
			chunk = buf
		}
		for d := (decoder{b: chunk}); len(d.b) > 0; {
			a, err := d.annotation(&piece)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *passageCache) encode(b []byte, a *storage.Annotation) []byte {
	b = appendID(b, a.ID)
	if a.PieceID == c.piece {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendID(b, a.PieceID)
		c.piece = a.PieceID
	}
	for _, s := range []string{a.Selector.Exact, a.Selector.Prefix, a.Selector.Suffix, string(a.Status), a.Note, a.Color} {
		b = appendString(b, s)
	}
	for _, n := range []int{a.V, a.Selector.Start, a.Selector.End, a.Rev} {
		b = binary.AppendVarint(b, int64(n))
	}
	if a.Guess == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendVarint(b, int64(a.Guess.Start))
		b = binary.AppendVarint(b, int64(a.Guess.End))
	}
	if a.Tags == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(a.Tags))+1)
		for _, t := range a.Tags {
			b = appendString(b, t)
		}
	}
	for _, t := range []time.Time{a.Created, a.Updated} {
		b = appendTime(b, t)
	}
	return b
}

// appendID packs a lower-case UUID (every id a checked bundle holds) in
// its 16 bytes, anything else as it is.
func appendID(b []byte, id string) []byte {
	if !storage.ValidID(id) {
		b = append(b, 0)
		return appendString(b, id)
	}
	b = append(b, 16)
	for i := 0; i < len(id); i += 2 {
		if id[i] == '-' {
			i++
		}
		b = append(b, unhex(id[i])<<4|unhex(id[i+1]))
	}
	return b
}

func unhex(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}

// appendTime packs a time in UTC (every time a checked bundle holds) as
// seconds and nanoseconds, any other with its zone.
func appendTime(b []byte, t time.Time) []byte {
	if t.Location() != time.UTC {
		bin, _ := t.MarshalBinary() // fails only for zone offsets no time has
		b = append(b, 1)
		return appendString(b, string(bin))
	}
	b = append(b, 0)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errPacked = errors.New("the import's packed passages are damaged")

// decoder reads back what encode packed; it only ever reads this
// process's own packing, but checks every length all the same.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) annotation(piece *string) (storage.Annotation, error) {
	var a storage.Annotation
	a.ID = d.id()
	if d.byte() == 1 {
		*piece = d.id()
	}
	a.PieceID = *piece
	a.Selector.Exact, a.Selector.Prefix, a.Selector.Suffix = d.string(), d.string(), d.string()
	a.Status, a.Note, a.Color = anchor.Status(d.string()), d.string(), d.string()
	a.V, a.Selector.Start, a.Selector.End, a.Rev = d.int(), d.int(), d.int(), d.int()
	if d.byte() == 1 {
		a.Guess = &storage.Span{Start: d.int(), End: d.int()}
	}
	if n := d.uint(); n > 0 {
		a.Tags = make([]string, 0, min(n-1, uint64(len(d.b))))
		for range n - 1 {
			a.Tags = append(a.Tags, d.string())
		}
	}
	a.Created, a.Updated = d.time(), d.time()
	return a, d.err
}

func (d *decoder) time() time.Time {
	if d.byte() == 0 {
		sec := d.int64()
		return time.Unix(sec, int64(d.uint())).UTC()
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(d.string())); err != nil && d.err == nil {
		d.err = errPacked
	}
	return t
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.err = errPacked
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err, d.b = errPacked, nil
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) int() int { return int(d.int64()) }

func (d *decoder) int64() int64 {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.err, d.b = errPacked, nil
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) string() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err, d.b = errPacked, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) id() string {
	if d.byte() != 16 {
		return d.string()
	}
	if len(d.b) < 16 {
		d.err, d.b = errPacked, nil
		return ""
	}
	var buf [36]byte
	hex.Encode(buf[0:8], d.b[0:4])
	hex.Encode(buf[9:13], d.b[4:6])
	hex.Encode(buf[14:18], d.b[6:8])
	hex.Encode(buf[19:23], d.b[8:10])
	hex.Encode(buf[24:36], d.b[10:16])
	buf[8], buf[13], buf[18], buf[23] = '-', '-', '-', '-'
	d.b = d.b[16:]
	return string(buf[:])
}
