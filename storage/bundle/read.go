package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// ErrBadBundle is behind every refusal of a bundle's content (errors.Is);
// the error's text is one sentence saying what is wrong.
var ErrBadBundle = errors.New("this file is not a valid Commonplace bundle")

func refuse(format string, args ...any) error { return merge.Refuse(ErrBadBundle, format, args...) }

// Bundle is a bundle that Open has checked from end to end: every name,
// size and checksum, every front matter and record, every id and the
// references between items. Its contents are read again on demand (they
// may be far larger than memory should hold), each read checked against
// the manifest once more; only its passages are kept as checking decoded
// them, packed (passages.go), unless there are too many.
type Bundle struct {
	Manifest Manifest
	lim      limits

	files  map[string]*zip.File
	listed map[string]FileEntry

	pieceIDs []string // sorted
	pieces   map[string]*pieceInfo
	kinds    map[string]storage.Kind // every item id in the bundle
	noteIDs  []string                // sorted
	rels     map[string]storage.Relation
	outside  map[string]scope.OutsideRef
	linkLD   map[string]string // link id → hash, from annotations.jsonld
	passages *passageCache     // the passages as checked, for the merge's passes
	counts   scope.Counts
	items    int
	step     func() error // while checking: counts an item, stops on a cancel
	checked  bool
}

// pieceInfo is what checking a piece found, kept for reading it again.
type pieceInfo struct {
	revs     map[int]string // revision number → hash of its text
	revRunes map[int]int    // revision number → length of its text, in runes
	// record is the piece as verified: later reads of its file (whose
	// checksum is checked again on every read) take the text from it and
	// skip parsing and checking the front matter and the text once more.
	record storage.Piece
}

// Open checks a bundle and returns it, or the first problem found as one
// sentence (errors.Is(err, ErrBadBundle)). It reads every file once.
func Open(r io.ReaderAt, size int64) (*Bundle, error) { return openWithin(r, size, formatLimits) }

// openWithin is Open with the limits as a parameter.
func openWithin(r io.ReaderAt, size int64, lim limits) (*Bundle, error) {
	b, err := openUnchecked(r, size, lim)
	if err != nil {
		return nil, err
	}
	if err := b.Check(func() error { return nil }); err != nil {
		return nil, err
	}
	return b, nil
}

// openUnchecked reads the zip's directory and the manifest and makes
// them agree, leaving every other file for Check.
func openUnchecked(r io.ReaderAt, size int64, lim limits) (*Bundle, error) {
	z, err := openZip(r, size, lim)
	if err != nil {
		return nil, err
	}
	b := &Bundle{lim: lim, files: z.files, listed: map[string]FileEntry{}, pieces: map[string]*pieceInfo{},
		kinds: map[string]storage.Kind{}, rels: map[string]storage.Relation{}, outside: map[string]scope.OutsideRef{},
		linkLD: map[string]string{}}
	if err := b.readManifest(); err != nil {
		return nil, err
	}
	if err := b.checkListing(z); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *Bundle) readManifest() error {
	f := b.files[ManifestFile]
	if f == nil {
		return refuse("the file has no %s; it is not a Commonplace bundle", ManifestFile)
	}
	rc, err := f.Open()
	if err != nil {
		return refuse("the bundle's %s cannot be read (%v)", ManifestFile, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, b.lim.manifest+1))
	if err != nil {
		return refuse("the bundle's %s is damaged (%v)", ManifestFile, err)
	}
	if int64(len(data)) > b.lim.manifest {
		return refuse("the bundle's %s is larger than %s", ManifestFile, bytesText(b.lim.manifest))
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return refuse("the bundle's %s does not parse: %s", ManifestFile, oneLineErr(err))
	}
	switch {
	case head.Format != FormatName:
		return refuse("the file is not a Commonplace bundle (its format is %q)", clip(head.Format))
	case head.Version > FormatVersion:
		return refuse("the bundle was written by a newer version of Commonplace (bundle format %d; this app reads up to %d); update the app to import it", head.Version, FormatVersion)
	case head.Version < 1:
		return refuse("the bundle's format version %d is not one Commonplace knows", head.Version)
	}
	// As strict as every other record: a field the format does not
	// define is refused, not passed over.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b.Manifest); err != nil {
		return refuse("the bundle's %s does not parse: %s", ManifestFile, oneLineErr(err))
	}
	for _, o := range b.Manifest.Outside {
		if !storage.ValidID(o.ID) {
			return refuse("the manifest lists an outside reference %q that is not an item id", clip(o.ID))
		}
		b.outside[o.ID] = o
	}
	return nil
}

// Required files: the records an import cannot do without.
var requiredFiles = []string{AnnotationsFile, ClaimsFile, LinksFile, RelationsFile}

// checkListing makes the zip and the manifest agree file for file.
func (b *Bundle) checkListing(z *zipIndex) error {
	hexSum := regexp.MustCompile(`^[0-9a-f]{64}$`)
	for _, e := range b.Manifest.Files {
		if err := checkName(e.Path); err != nil {
			return err
		}
		if _, dup := b.listed[e.Path]; dup {
			return refuse("the manifest lists %s twice", quoteName(e.Path))
		}
		if e.Path == ManifestFile || !knownFile(e.Path) {
			return refuse("the bundle lists an unexpected file, %s", quoteName(e.Path))
		}
		f := z.files[e.Path]
		if f == nil {
			return refuse("the manifest lists %s but the bundle does not hold it", quoteName(e.Path))
		}
		if !hexSum.MatchString(e.SHA256) {
			return refuse("the manifest's checksum of %s is not a SHA-256", quoteName(e.Path))
		}
		if e.Size < 0 || uint64(e.Size) != f.UncompressedSize64 {
			return refuse("the manifest and the zip disagree about the size of %s", quoteName(e.Path))
		}
		b.listed[e.Path] = e
	}
	for _, name := range z.names {
		if _, ok := b.listed[name]; !ok && name != ManifestFile {
			return refuse("the bundle holds %s, which its manifest does not list", quoteName(name))
		}
	}
	for _, name := range requiredFiles {
		if _, ok := b.listed[name]; !ok {
			return refuse("the bundle has no %s", name)
		}
	}
	return nil
}

// knownFile reports whether name is a file the format has.
func knownFile(name string) bool {
	switch name {
	case AnnotationsFile, ClaimsFile, LinksFile, RelationsFile, ReferencesFile, IndexFile:
		return true
	}
	if id, ok := mdID(name, PiecesDir); ok {
		return storage.ValidID(id)
	}
	if id, ok := mdID(name, NotesDir); ok {
		return storage.ValidID(id)
	}
	_, _, ok := revisionName(name)
	return ok
}

// mdID takes the id out of dir<id>.md.
func mdID(name, dir string) (string, bool) {
	rest, ok := strings.CutPrefix(name, dir)
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, ".md")
	return id, ok && !strings.Contains(id, "/")
}

// revisionName parses revisions/<piece>/<number>.md.
func revisionName(name string) (string, int, bool) {
	rest, ok := strings.CutPrefix(name, RevisionsDir)
	if !ok {
		return "", 0, false
	}
	piece, file, ok := strings.Cut(rest, "/")
	num, isMD := strings.CutSuffix(file, ".md")
	if !ok || !isMD || !storage.ValidID(piece) || num == "" || len(num) > 9 || num[0] == '0' {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 {
		return "", 0, false
	}
	return piece, n, true
}

// open returns a checked reader of a listed file.
func (b *Bundle) open(name string) (*entryReader, error) {
	e, ok := b.listed[name]
	if !ok {
		return nil, refuse("the bundle has no %s", name)
	}
	return openEntry(b.files[name], e)
}

// readAll reads a whole listed file (bounded by its role's limit, which
// openZip already checked against its declared size).
func (b *Bundle) readAll(name string) ([]byte, error) {
	er, err := b.open(name)
	if err != nil {
		return nil, err
	}
	defer er.Close()
	data := make([]byte, 0, b.listed[name].Size)
	buf := data[:cap(data)]
	n, err := io.ReadFull(er, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	data = buf[:n]
	if err := er.finish(); err != nil {
		return nil, err
	}
	return data, nil
}

// stream runs fn over a listed file's record reader and then checks the
// rest of the file.
func (b *Bundle) stream(name string, fn func(rr *recordReader) error) error {
	er, err := b.open(name)
	if err != nil {
		return err
	}
	defer er.Close()
	if err := fn(newRecordReader(name, er, b.lim.record)); err != nil {
		return err
	}
	return er.finish()
}

// Kind tells what the bundle holds under id, or "" when nothing.
func (b *Bundle) Kind(id string) storage.Kind { return b.kinds[id] }
