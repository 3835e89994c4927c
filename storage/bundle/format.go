// Package bundle is the annotated bundle: one .zip holding a notebook, or
// part of it, that a colleague imports losslessly and that also reads well
// in a browser or text editor. It owns the format (specified in
// docs/BUNDLE.md; this file holds its names and shapes, shared by the
// writer and the reader), the export that writes it (Export, ExportFile;
// the index.html inside is package report's), and the reader that treats
// a bundle as hostile input and checks it from end to end (Open). A
// checked Bundle is a source of the one merge (Import, ImportFile; see
// package merge).
package bundle

import (
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/scope"
)

// Format identifies a bundle and its version. A reader refuses a newer
// major version rather than guessing.
const (
	FormatName    = "commonplace-bundle"
	FormatVersion = 1
	// AppName is what manifests say wrote them when the caller names no
	// other (the window and the command line are the same app).
	AppName = "Commonplace 0.1.0"
)

// Files and folders inside a bundle.
const (
	ManifestFile    = "manifest.json"
	AnnotationsFile = "annotations.jsonld"
	ClaimsFile      = "claims.json"
	LinksFile       = "links.json"
	RelationsFile   = "relations.json"
	ReferencesFile  = "references.json"
	IndexFile       = "index.html"
	PiecesDir       = "pieces/"    // pieces/<id>.md
	RevisionsDir    = "revisions/" // revisions/<piece id>/<number>.md
	NotesDir        = "notes/"     // notes/<id>.md
)

// Manifest is manifest.json: what the bundle is and holds, with a checksum
// of every other file.
type Manifest struct {
	Format  string       `json:"format"`  // FormatName
	Version int          `json:"version"` // FormatVersion
	App     string       `json:"app"`     // the app that wrote it, e.g. "Commonplace 0.1.0"
	Created time.Time    `json:"created"`
	Scope   string       `json:"scope"` // in words: "the whole notebook", "tag: china", …
	Counts  scope.Counts `json:"counts"`
	Files   []FileEntry  `json:"files"`
	// Outside lists items the bundle refers to but does not hold: the
	// far end of a link, a claim's evidence, a note's attachment, left out
	// of a partial export. The references to them are left out too.
	Outside []scope.OutsideRef `json:"outside,omitempty"`
}

// FileEntry is one file of the bundle with its size and SHA-256 (hex).
type FileEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// PieceFront is the YAML front matter of pieces/<id>.md; the body after it
// is the piece's current text exactly (normalised plain text).
type PieceFront struct {
	ID        string    `yaml:"id"`
	Title     string    `yaml:"title"`
	Authors   []string  `yaml:"authors,omitempty"`
	Outlet    string    `yaml:"outlet,omitempty"`
	Published string    `yaml:"published,omitempty"`
	URL       string    `yaml:"url,omitempty"`
	Accessed  string    `yaml:"accessed,omitempty"` // when URL was read
	DOI       string    `yaml:"doi,omitempty"`
	Pages     []int     `yaml:"pages,omitempty,flow"` // a PDF's page starts (storage.Piece.Pages)
	Tags      []string  `yaml:"tags,omitempty"`
	Format    string    `yaml:"format,omitempty"`
	Revision  int       `yaml:"revision"`
	Hash      string    `yaml:"hash"` // SHA-256 of the text, to check it arrived whole
	Created   time.Time `yaml:"created"`
	Updated   time.Time `yaml:"updated"`
}

// RevisionFront is the front matter of revisions/<piece>/<number>.md, an
// earlier text that annotations in the bundle are anchored to.
type RevisionFront struct {
	Piece    string    `yaml:"piece"`
	Number   int       `yaml:"number"`
	Hash     string    `yaml:"hash"`
	Replaced time.Time `yaml:"replaced"`
}

// NoteFront is the front matter of notes/<id>.md; the body is the note's.
type NoteFront struct {
	ID       string    `yaml:"id"`
	Title    string    `yaml:"title,omitempty"`
	Tags     []string  `yaml:"tags,omitempty"`
	Place    string    `yaml:"place,omitempty"`
	Attached string    `yaml:"attached,omitempty"`
	Created  time.Time `yaml:"created"`
	Updated  time.Time `yaml:"updated"`
}

// The W3C Web Annotation vocabulary, with Commonplace's own terms under
// the cp: prefix (declared in the collection's @context), so the file is
// valid JSON-LD for any Web Annotation tool and still lossless for us.
const (
	W3CContext = "http://www.w3.org/ns/anno.jsonld"
	CPPrefix   = "cp"
	CPNS       = "https://commonplace.example.org/ns#"
	URNPrefix  = "urn:uuid:"
)

// The W3C Web Annotation terms a bundle's annotations.jsonld is written
// in; package webanno reads them in other tools' files too.
const (
	TypeCollection         = "AnnotationCollection"
	TypePage               = "AnnotationPage"
	TypeAnnotation         = "Annotation"
	TypeTextualBody        = "TextualBody"
	TypeQuoteSelector      = "TextQuoteSelector"
	TypePositionSelector   = "TextPositionSelector"
	MotivationCommenting   = "commenting"
	MotivationHighlighting = "highlighting"
	MotivationTagging      = "tagging"
	MotivationLinking      = "linking"
)

// Limits on what a bundle may hold, so a hostile file cannot exhaust memory
// or disk: checked before and while reading. Declared sizes are checked
// before anything is read and enforced again while reading, since a zip
// may lie about them.
const (
	MaxFiles = 200_000
	// MaxFileSize bounds one file read whole (a piece, a revision, a
	// note), uncompressed: twice the longest text a piece may have
	// (storage.MaxTextBytes), so a piece file holds a text at that bound
	// with its front matter (MaxFrontMatter), and a Markdown folder's
	// piece file that text with the passages and HTML escapes its export
	// adds. Zip bombs are refused by MaxRatio before any of it is read.
	MaxFileSize = 2 * storage.MaxTextBytes
	// MaxListFileSize bounds the files read one record at a time
	// (annotations.jsonld, claims.json, links.json, references.json) and
	// index.html: a notebook of 100,000 annotations writes an
	// annotations.jsonld of some 100 MB.
	MaxListFileSize = 1 << 30
	MaxRecordSize   = 16 << 20 // one record of such a file (an annotation, a claim…)
	MaxTotalSize    = 4 << 30  // all files, uncompressed
	MaxRatio        = 200      // uncompressed : compressed, per file over 1 MB (zip bombs)
	MaxManifestSize = 32 << 20
	MaxFrontMatter  = 1 << 20 // the YAML front matter of one file
	MaxItems        = 2_000_000
)
