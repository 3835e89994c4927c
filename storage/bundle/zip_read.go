package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"commonplace/storage"
)

// Reading a zip someone sent is reading hostile input. Everything is
// checked from the central directory before a byte of content is
// inflated — names, kinds of entry, duplicates, counts, declared sizes and
// compression ratios — and every read is bounded again, because a zip may
// lie about its sizes.

// limits are the format's limits as a reader applies them: the format's
// own (formatLimits) for every bundle; tests pass lower ones to exercise
// each refusal without building gigabyte files.
type limits struct {
	files, items                            int
	file, listFile, record, total, manifest int64
	ratio                                   uint64
}

var formatLimits = limits{
	files: MaxFiles, items: MaxItems,
	file: MaxFileSize, listFile: MaxListFileSize, record: MaxRecordSize,
	total: MaxTotalSize, manifest: MaxManifestSize, ratio: MaxRatio,
}

// ratioFloor: smaller files are not judged by their compression ratio —
// a page of repeated characters compresses a thousandfold and is harmless.
const ratioFloor = 1 << 20

// dirBytesPerFile bounds the central directory Go's zip reader may parse,
// per file allowed: it parses every header it finds before we can count
// them, so an unbounded directory would be an unbounded allocation. A
// bundle's entries take about 110 bytes each.
const dirBytesPerFile = 160

var errDirTooBig = errors.New("central directory too large")

// budgetReaderAt fails once more than budget bytes have been read while
// armed: it bounds what zip.NewReader reads, and so allocates.
type budgetReaderAt struct {
	r      io.ReaderAt
	budget int64
	armed  bool
}

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if b.armed {
		if int64(len(p)) > b.budget {
			return 0, errDirTooBig
		}
		b.budget -= int64(len(p))
	}
	return b.r.ReadAt(p, off)
}

// zipIndex is a checked zip: its regular files by name.
type zipIndex struct {
	files map[string]*zip.File
	names []string // in the zip's order
}

// openZip reads and checks the zip's directory.
func openZip(r io.ReaderAt, size int64, lim limits) (*zipIndex, error) {
	if size <= 0 {
		return nil, refuse("the file is empty; it is not a bundle")
	}
	if size > lim.total {
		return nil, refuse("the file is larger than the %s a bundle may be", bytesText(lim.total))
	}
	br := &budgetReaderAt{r: r, budget: int64(lim.files)*dirBytesPerFile + 256<<10, armed: true}
	zr, err := zip.NewReader(br, size)
	br.armed = false
	if errors.Is(err, errDirTooBig) {
		return nil, refuse("the bundle holds more than the %d files a bundle may hold", lim.files)
	}
	if err != nil {
		// archive/zip's reason ("zip: not a valid zip file") says no more.
		return nil, refuse("the file is not a zip archive, or it is damaged")
	}
	if len(zr.File) > lim.files {
		return nil, refuse("the bundle holds %d files, more than the %d a bundle may hold", len(zr.File), lim.files)
	}
	z := &zipIndex{files: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		mode := f.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			return nil, refuse("the bundle holds a symbolic link, %s; a bundle holds only plain files", quoteName(f.Name))
		case mode&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeIrregular) != 0:
			return nil, refuse("the bundle holds a special file, %s; a bundle holds only plain files", quoteName(f.Name))
		case strings.HasSuffix(f.Name, "/") || mode.IsDir():
			// Zip tools add entries for folders; the format's own folders
			// are harmless, anything else named as a folder is not ours.
			if !isFormatFolder(f.Name) || f.UncompressedSize64 != 0 {
				return nil, refuse("the bundle holds a folder named %s, which the format does not have", quoteName(f.Name))
			}
			if _, dup := z.files[f.Name]; dup {
				return nil, refuse("the bundle holds two entries named %s", quoteName(f.Name))
			}
			z.files[f.Name] = nil
			continue
		}
		if _, dup := z.files[f.Name]; dup {
			return nil, refuse("the bundle holds two files named %s", quoteName(f.Name))
		}
		if _, dup := z.files[f.Name+"/"]; dup {
			return nil, refuse("the bundle holds a folder and a file both named %s", quoteName(f.Name))
		}
		if f.Flags&0x1 != 0 {
			return nil, refuse("the file %s in the bundle is encrypted", quoteName(f.Name))
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, refuse("the file %s in the bundle is compressed with a method Commonplace does not read (%d)", quoteName(f.Name), f.Method)
		}
		if max := lim.maxSize(f.Name); f.UncompressedSize64 > uint64(max) {
			return nil, refuse("the file %s in the bundle is larger than the %s allowed", quoteName(f.Name), bytesText(max))
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/lim.ratio > f.CompressedSize64 {
			return nil, refuse("the file %s in the bundle would expand more than %d times; it looks like a zip bomb", quoteName(f.Name), lim.ratio)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.total) {
			return nil, refuse("the files in the bundle add up to more than the %s allowed", bytesText(lim.total))
		}
		z.files[f.Name] = f
		z.names = append(z.names, f.Name)
	}
	return z, nil
}

// checkName refuses any name that could reach outside the bundle or mean
// different files on different systems. filepath.IsLocal alone is not
// enough: on Linux `..\x` is a local name, on Windows it escapes.
func checkName(name string) error {
	q := quoteName(name)
	switch {
	case name == "":
		return refuse("the bundle holds a file with no name")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return refuse("the bundle holds a file whose name has control characters or invalid text: %s", q)
	case strings.Contains(name, `\`):
		return refuse("the bundle holds a file whose name has a backslash: %s", q)
	case strings.HasPrefix(name, "/"):
		return refuse("the bundle holds a file with an absolute path: %s", q)
	case strings.Contains(name, ":"):
		return refuse("the bundle holds a file whose name names a drive or a stream: %s", q)
	}
	clean := strings.TrimSuffix(name, "/")
	if !filepath.IsLocal(clean) || path.Clean(clean) != clean || strings.HasPrefix(clean, "../") || clean == ".." {
		return refuse("the bundle holds a file whose name escapes the bundle: %s", q)
	}
	for _, part := range strings.Split(clean, "/") {
		if part == "." || part == ".." {
			return refuse("the bundle holds a file whose name escapes the bundle: %s", q)
		}
	}
	return nil
}

func quoteName(name string) string { return fmt.Sprintf("%q", clip(name)) }

// isFormatFolder reports whether a folder entry is one the format has.
func isFormatFolder(name string) bool {
	switch name {
	case PiecesDir, NotesDir, RevisionsDir:
		return true
	}
	rest, ok := strings.CutPrefix(name, RevisionsDir)
	return ok && strings.Count(rest, "/") == 1 && storage.ValidID(strings.TrimSuffix(rest, "/"))
}

// maxSize is how large a file of the bundle may be, by its role.
func (lim limits) maxSize(name string) int64 {
	switch name {
	case ManifestFile:
		return lim.manifest
	case AnnotationsFile, ClaimsFile, LinksFile, ReferencesFile, IndexFile:
		return lim.listFile
	}
	return lim.file
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// entryReader reads one file of the bundle: never more than it declared,
// valid UTF-8 throughout (every file of a bundle is text; a decoder would
// otherwise put U+FFFD in place of bad bytes and carry on), and, once read
// to the end, checked against its size and SHA-256 in the manifest.
type entryReader struct {
	name string
	rc   io.ReadCloser
	r    io.Reader
	sum  hash.Hash
	n    int64
	want FileEntry
	done bool
	cut  []byte // the start of a character the last read ended in
}

func openEntry(f *zip.File, want FileEntry) (*entryReader, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, refuse("the file %s in the bundle cannot be read (%v)", quoteName(f.Name), err)
	}
	return &entryReader{name: f.Name, rc: rc, r: io.LimitReader(rc, int64(f.UncompressedSize64)+1), sum: sha256.New(), want: want}, nil
}

func (e *entryReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.sum.Write(p[:n])
	e.n += int64(n)
	if e.n > e.want.Size {
		return 0, refuse("the file %s in the bundle is larger than its manifest says", quoteName(e.name))
	}
	if !e.validUTF8(p[:n], err == io.EOF) {
		return 0, refuse("the file %s in the bundle is not valid UTF-8 text", quoteName(e.name))
	}
	switch {
	case err == io.EOF:
		if e.n != e.want.Size {
			return n, refuse("the file %s in the bundle is shorter than its manifest says", quoteName(e.name))
		}
		if hex.EncodeToString(e.sum.Sum(nil)) != e.want.SHA256 {
			return n, refuse("the file %s does not match its checksum in the manifest; the bundle is damaged or was altered", quoteName(e.name))
		}
		e.done = true
		return n, io.EOF
	case errors.Is(err, ErrBadBundle):
		return n, err
	case errors.Is(err, zip.ErrFormat):
		// Go's reader stops at the declared size: the data runs past it.
		return n, refuse("the file %s in the bundle is damaged or larger than it says", quoteName(e.name))
	case err != nil:
		return n, refuse("the file %s in the bundle is damaged (%v)", quoteName(e.name), err)
	}
	return n, nil
}

// validUTF8 checks the bytes just read, holding back a character the read
// cut in two until the next one completes it (at the end: none may be cut).
func (e *entryReader) validUTF8(b []byte, end bool) bool {
	if len(e.cut) > 0 {
		b = append(e.cut, b...)
	}
	keep := 0
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				keep = len(b) - i
			}
			break
		}
	}
	if !utf8.Valid(b[:len(b)-keep]) || end && keep > 0 {
		return false
	}
	e.cut = append(e.cut[:0], b[len(b)-keep:]...)
	return true
}

// finish reads what is left and checks it: a reader that stopped early
// (a decoder that saw the closing bracket) still verifies every byte.
func (e *entryReader) finish() error {
	defer e.rc.Close()
	if e.done {
		return nil
	}
	_, err := io.Copy(io.Discard, e)
	return err
}

func (e *entryReader) Close() error { return e.rc.Close() }
