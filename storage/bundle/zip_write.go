package bundle

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"sync"
	"time"
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
