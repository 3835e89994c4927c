// Package importer owns turning a file a user drops into Commonplace into a
// piece: its metadata (title, authors, outlet, date, URL, tags) and its
// normalised plain text (see storage/textnorm). It accepts plain text,
// Markdown, HTML and PDF, decides which one it has by extension and by
// sniffing the content, and refuses everything else with one sentence the
// user can act on. PDFs are read by PDFium run as WebAssembly (pdf.go) and
// laid out as a text by rules of this package (pdflayout.go).
//
// HTML articles are extracted with codeberg.org/readeck/go-readability/v2, a
// maintained Go port of Mozilla's Readability, after page furniture (menus,
// cookie banners, share bars, comments, related links) has been pruned. It
// was chosen over github.com/markusmobius/go-trafilatura by running both,
// unaided, on the pages in testdata/html. Both found the article body on
// every page and both let some furniture through (ad labels, "Read more"
// links), which the passes here remove. Trafilatura also kept headline and
// standfirst, a "Lire aussi" link and a byline whose name and date it had
// cut out ("Par , publié le"), and its text output runs paragraphs together;
// readability returns a clean DOM whose paragraphs survive. Trafilatura's
// metadata was better, but this package reads metadata itself (meta tags,
// citation_*, JSON-LD, <time>), so that edge does not count. Readability
// pulls in 7 modules against 24 (among them a multi-calendar date parser, a
// language detector and a second Readability port), makes a binary half the
// size and ran 4 to 10 times faster on these pages.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"commonplace/storage"
)

// Document is one imported piece.
type Document struct {
	Title     string
	Authors   []string
	Outlet    string // publication / site name
	Published string // "2006-01-02" when known, else ""
	URL       string
	Accessed  string   // "2006-01-02" when URL was fetched (a web page imported by its address)
	Tags      []string // from Markdown front matter (tags/keywords), else nil
	Text      string   // textnorm.Normalize'd; paragraphs separated by blank lines
	Format    string   // "txt", "md", "html" or "pdf"
	// Pages are where each page of a PDF starts in Text (rune offsets,
	// page 1 first; see storage.Piece.Pages); nil for other formats.
	Pages []int
}

// Piece is the document's record as the store keeps it: its metadata
// (the text goes beside it, as the store keeps texts apart).
func (d Document) Piece() storage.Piece {
	return storage.Piece{
		Title: d.Title, Authors: d.Authors, Outlet: d.Outlet, Published: d.Published,
		URL: d.URL, Accessed: d.Accessed, Tags: d.Tags, Format: d.Format, Pages: d.Pages,
	}
}

// Format names used in Document.Format.
const (
	FormatText     = "txt"
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatPDF      = "pdf"
)

// MaxFileSize bounds what File reads and Bytes accepts: twice the longest
// text a piece may have (storage.MaxTextBytes), so that a text at that
// bound imports from a UTF-16 file (two bytes a character of ASCII) or
// from HTML or Markdown whose markup is as long again. Whether the text
// itself fits is the store's one check (storage.CheckTextSize), made on
// the text once it is extracted. Anything bigger is almost certainly not
// a text document, and reading it whole would hold that much memory.
const MaxFileSize int64 = 2 * storage.MaxTextBytes

// File reads the file at path, refusing it without reading it whole if it is
// larger than MaxFileSize, and imports it with Bytes.
func File(path string) (Document, error) { return FileWith(path, Options{}) }

// FileWith is File with options: the password of an encrypted PDF.
func FileWith(path string, opt Options) (Document, error) { return fileUpTo(path, MaxFileSize, opt) }

// Bytes imports data as the file called name. Only the extension of name is
// used to decide the format, together with the content itself; the base name
// is used in error messages and as a fallback title.
func Bytes(name string, data []byte) (Document, error) { return BytesWith(name, data, Options{}) }

// BytesWith is Bytes with options: the password of an encrypted PDF.
func BytesWith(name string, data []byte, opt Options) (Document, error) {
	return bytesUpTo(name, data, MaxFileSize, opt)
}

// fileUpTo is File with the bound as a parameter (tests use a small one).
func fileUpTo(path string, limit int64, opt Options) (Document, error) {
	data, err := readUpTo(path, limit)
	if err != nil {
		return Document{}, err
	}
	return bytesUpTo(path, data, limit, opt)
}

// readUpTo reads the file at path whole, refusing it without reading it
// whole when it is larger than limit.
func readUpTo(path string, limit int64) ([]byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, newError(name, ErrUnsupported, "this is a folder, not a file; import the files inside it one by one")
		}
		if info.Size() > limit {
			return nil, tooLarge(name, info.Size(), limit)
		}
	}
	// Read one byte past the bound: the size from Stat can be stale or
	// missing (pipes, files still being written).
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, newError(name, err, "the file could not be read ("+errText(err)+")")
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, -1, limit)
	}
	return data, nil
}

// TextFile is the text of the file at path as a piece's new text (see
// Text), read with the same bound as File.
func TextFile(path string) (string, error) {
	data, err := readUpTo(path, MaxFileSize)
	if err != nil {
		return "", err
	}
	return Text(path, data)
}

// Text is the text of data, the file called name, as a piece's new text
// (a piece edited from a file): the text an import of the file gives, so
// that editing a piece from the very file it was imported from changes
// nothing. (It once took plain text as it stood, without joining a
// hard-wrapped paragraph's lines as an import does: the unchanged file
// made a new revision.) An encrypted PDF cannot be read here: ErrPassword.
func Text(name string, data []byte) (string, error) {
	name = filepath.Base(name)
	if int64(len(data)) > MaxFileSize {
		return "", tooLarge(name, int64(len(data)), MaxFileSize)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", newError(name, ErrNoText, "the file is empty")
	}
	if isPDF(data) {
		doc, err := importPDF(name, data, Options{})
		return doc.Text, err
	}
	in, err := sniff(name, data)
	if err != nil {
		return "", err
	}
	var text string
	switch in.format {
	case FormatHTML:
		text = importHTML(name, in.text).Text
	case FormatMarkdown:
		text = importMarkdown(name, in.text).Text
	default:
		text = importText(name, in.text).Text
	}
	if text == "" {
		return "", newError(name, ErrNoText, "no text found")
	}
	return text, nil
}

// bytesUpTo is Bytes with the bound as a parameter.
func bytesUpTo(name string, data []byte, limit int64, opt Options) (Document, error) {
	name = filepath.Base(name)
	if int64(len(data)) > limit {
		return Document{}, tooLarge(name, int64(len(data)), limit)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Document{}, newError(name, ErrNoText, "the file is empty")
	}
	if isPDF(data) {
		doc, err := importPDF(name, data, opt)
		if err == nil && doc.Title == "" {
			doc.Title = titleFromName(name)
		}
		return doc, err
	}
	in, err := sniff(name, data)
	if err != nil {
		return Document{}, err
	}
	var doc Document
	switch in.format {
	case FormatHTML:
		doc = importHTML(name, in.text)
	case FormatMarkdown:
		doc = importMarkdown(name, in.text)
	default:
		doc = importText(name, in.text)
	}
	doc.Format = in.format
	if doc.Text == "" {
		if in.format == FormatHTML {
			return Document{}, newError(name, ErrNoText, "no article text found")
		}
		return Document{}, newError(name, ErrNoText, "no text found")
	}
	if doc.Title == "" {
		doc.Title = titleFromName(name)
	}
	return doc, nil
}

// tooLarge reports a file over the limit; size is -1 when only a read
// past the limit revealed it.
func tooLarge(name string, size, limit int64) error {
	if size < 0 {
		return newError(name, ErrTooLarge, "the file is too large to import (over the limit of "+humanSize(limit)+")")
	}
	return newError(name, ErrTooLarge, fmt.Sprintf(
		"the file is too large to import (%s; the limit is %s)", humanSize(size), humanSize(limit)))
}

func openError(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newError(name, err, "the file does not exist")
	case errors.Is(err, fs.ErrPermission):
		return newError(name, err, "you do not have permission to read this file")
	}
	return newError(name, err, "the file could not be opened ("+errText(err)+")")
}

// errText strips the path that os errors repeat, since the message already
// starts with the file name.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
