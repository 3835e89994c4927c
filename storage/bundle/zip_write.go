package bundle

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/report"
	"commonplace/storage/bundle/scope"
)

// entryTime is the modification time of every entry: the same notebook
// must give the same bytes whenever it is exported.
var entryTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// compressionLevel is fixed (not the library's default, which may change)
// so output stays byte for byte the same across exports. The fastest
// level: a notebook of years exports in seconds, for a bundle about a
// fifth larger than the default level's.
const compressionLevel = flate.BestSpeed

// flateWriters reuses compressors across entries: each costs over 600 KB
// to set up, and a bundle has an entry per piece and note.
var flateWriters sync.Pool

// pooledFlate returns its compressor to the pool once the entry is done.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	return err
}

func newFlate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(out, compressionLevel)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

// zipWriter writes a bundle's entries deterministically and keeps the size
// and SHA-256 of each for the manifest.
type zipWriter struct {
	zw    *zip.Writer
	files []FileEntry
	cur   *entryWriter
}

func newZipWriter(w io.Writer) *zipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, newFlate)
	return &zipWriter{zw: zw}
}

// entryWriter is one entry being written: buffered, counted and hashed.
type entryWriter struct {
	*bufio.Writer
	path string
	sum  hash.Hash
	n    int64
}

type countHash struct {
	w   io.Writer
	sum hash.Hash
	n   *int64
}

func (c countHash) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.sum.Write(p[:n])
	*c.n += int64(n)
	return n, err
}

// create starts the entry path, finishing the previous one.
func (z *zipWriter) create(path string) (*entryWriter, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	fh := &zip.FileHeader{Name: path, Method: zip.Deflate, Modified: entryTime}
	fh.SetMode(0o644)
	w, err := z.zw.CreateHeader(fh)
	if err != nil {
		return nil, err
	}
	e := &entryWriter{path: path, sum: sha256.New()}
	e.Writer = bufio.NewWriterSize(countHash{w: w, sum: e.sum, n: &e.n}, 64<<10)
	z.cur = e
	return e, nil
}

// finish flushes the current entry and records it for the manifest.
func (z *zipWriter) finish() error {
	e := z.cur
	if e == nil {
		return nil
	}
	z.cur = nil
	if err := e.Flush(); err != nil {
		return err
	}
	z.files = append(z.files, FileEntry{Path: e.path, Size: e.n, SHA256: hex.EncodeToString(e.sum.Sum(nil))})
	return nil
}

// writeFile writes a whole entry at once.
func (z *zipWriter) writeFile(path string, data []byte) error {
	e, err := z.create(path)
	if err != nil {
		return err
	}
	if _, err := e.Write(data); err != nil {
		return err
	}
	return z.finish()
}

// close finishes the last entry and the zip's central directory.
func (z *zipWriter) close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.Close()
}

// renderedFile is an entry compressed apart from the zip, to be copied in
// as it is: its deflated bytes, the CRC-32 the zip needs, and the size and
// SHA-256 the manifest needs.
type renderedFile struct {
	deflated chunks
	crc      uint32
	size     int64
	sum      []byte
	err      error
}

// renderReport writes the report for sel on its own goroutine, compressed
// into memory (about a fifth of its size, in chunks), and delivers it on
// the channel.
func renderReport(s *storage.Store, sel *scope.Selection, m Manifest) <-chan renderedFile {
	out := make(chan renderedFile, 1)
	go func() {
		var buf chunks
		fw, err := newFlate(&buf)
		if err != nil {
			out <- renderedFile{err: err}
			return
		}
		var r renderedFile
		crc, sum := crc32.NewIEEE(), sha256.New()
		err = report.Write(countHash{w: io.MultiWriter(fw, crc), sum: sum, n: &r.size}, s, sel,
			report.Header{App: m.App, Created: m.Created, Scope: m.Scope, Counts: m.Counts, Outside: m.Outside})
		if cerr := fw.Close(); err == nil {
			err = cerr
		}
		r.deflated, r.crc, r.sum, r.err = buf, crc.Sum32(), sum.Sum(nil), err
		out <- r
	}()
	return out
}

// writeRaw adds an entry compressed beforehand.
func (z *zipWriter) writeRaw(path string, r renderedFile) error {
	if err := z.finish(); err != nil {
		return err
	}
	fh := &zip.FileHeader{Name: path, Method: zip.Deflate, Modified: entryTime,
		CRC32: r.crc, CompressedSize64: uint64(r.deflated.size), UncompressedSize64: uint64(r.size)}
	fh.SetMode(0o644)
	w, err := z.zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	for _, c := range r.deflated.list {
		if _, err := w.Write(c); err != nil {
			return err
		}
	}
	z.files = append(z.files, FileEntry{Path: path, Size: r.size, SHA256: hex.EncodeToString(r.sum)})
	return nil
}

// chunks holds bytes written in pieces of chunkBytes: the report of a
// large notebook deflates to a few hundred megabytes, which a
// bytes.Buffer would hold twice over while it grows (the old and the
// doubled copy), and copy as often.
type chunks struct {
	list [][]byte
	size int
}

const chunkBytes = 1 << 20

func (c *chunks) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		last := len(c.list) - 1
		if last < 0 || len(c.list[last]) == cap(c.list[last]) {
			c.list = append(c.list, make([]byte, 0, chunkBytes))
			last++
		}
		k := min(len(p), cap(c.list[last])-len(c.list[last]))
		c.list[last] = append(c.list[last], p[:k]...)
		p = p[k:]
	}
	c.size += n
	return n, nil
}
