// Package webanno imports a plain W3C Web Annotation file (JSON-LD) with
// the texts it annotates, as Recogito, Annotorious or a hand-written
// example makes them, or as Commonplace writes annotations.jsonld inside
// a bundle. The reader is lenient where the W3C model is (a body or a
// target may be an IRI, an object or a list; selectors come in any number
// and kind) and strict about everything else: a file it cannot read in
// full is refused with one sentence, changing nothing.
//
// The file and its texts become a plan of pieces, passages and links with
// ids derived from the file (see plan.go), so importing the same files
// again changes nothing; the plan is a source of the one merge (package
// merge), so a Web Annotation import is all or nothing, previews
// (DryRun), merges by id and reports exactly like a bundle import. The
// W3C terms are the bundle format's (package bundle).
package webanno

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/importer"
)

// ErrBadAnnotations is behind every refusal of a Web Annotation file or
// of the texts given with it (errors.Is): not JSON, not annotations, a
// value of the wrong kind, something too large, a passage on a document
// none of the texts is. The error's text is one sentence naming the
// problem and, where it can, the annotation.
var ErrBadAnnotations = errors.New("this file is not a usable W3C Web Annotation file")

func refuse(format string, args ...any) error {
	return merge.Refuse(ErrBadAnnotations, format, args...)
}

// Limits on a Web Annotation import, so a hostile file cannot exhaust
// memory: checked while reading, before anything is written.
const (
	MaxFileSize    = 64 << 20 // the annotation file
	MaxAnnotations = 200_000  // annotations in it
	MaxStringSize  = 1 << 20  // one string in it (a quote, a note, an id)
	MaxTexts       = 10_000   // texts given with it
	maxParts       = 1_000    // bodies, targets or selectors of one annotation
	maxPages       = 10_000   // AnnotationPages chained by next
	maxTextsTotal  = 1 << 30  // all the texts' bytes together
)

// Text is a text an annotation file annotates, as the importer
// read it.
type Text struct {
	Name string            // the file's name, which a target's source may name
	Doc  importer.Document // its text and metadata; Doc.URL may match a source too
}

// Import imports the Web Annotations in annotations (a JSON-LD
// AnnotationCollection, AnnotationPage, list of Annotations or one
// Annotation) on the given texts into the notebook. Every text becomes a
// piece, annotated or not; every annotation of a passage (a
// TextQuoteSelector, a TextPositionSelector or both) becomes a passage
// found again in its text: anchored, moved, flagged for review or
// orphaned, never dropped. TextualBodies tagging give its tags, all
// other TextualBodies its note. Annotations Commonplace cannot hold (of a
// whole document, with no text selector, linking what is not in the
// file) are counted as skipped and listed in Details with the reason.
//
// Reattached counts the passages added by how they were found in their
// texts: a producer's text is rarely byte for byte the importer's.
//
// A target whose source none of the texts is refuses the import (see
// ErrBadAnnotations). The merge does the rest (see merge.Run): all or
// nothing, by id, with opt.DryRun to preview; ids are derived from the
// file, so the same files imported again change nothing (see plan.go).
func Import(s *storage.Store, annotations []byte, texts []Text, opt merge.Options) (merge.Report, error) {
	if opt.Source == "" {
		opt.Source = "the annotation file"
	}
	items, err := parse(annotations, opt.Source)
	if err != nil {
		return merge.Report{}, err
	}
	if longrun.Cancelled(opt.Cancel) {
		return merge.Report{}, merge.ErrCancelled
	}
	plan, err := makePlan(s, items, texts, opt.Source)
	if err != nil {
		return merge.Report{}, err
	}
	return plan.run(s, opt)
}

// ImportFiles reads the annotation file at jsonldPath and the texts at
// textPaths (plain text, Markdown or HTML, read by storage/importer) and
// imports them with Import.
func ImportFiles(s *storage.Store, jsonldPath string, textPaths []string, opt merge.Options) (merge.Report, error) {
	if opt.Source == "" {
		opt.Source = filepath.Base(jsonldPath)
	}
	data, err := readBounded(jsonldPath, MaxFileSize)
	if err != nil {
		return merge.Report{}, err
	}
	if len(textPaths) > MaxTexts {
		return merge.Report{}, refuse("%d texts were given; an import takes at most %d", len(textPaths), MaxTexts)
	}
	texts := make([]Text, 0, len(textPaths))
	var total int64
	for _, p := range textPaths {
		if longrun.Cancelled(opt.Cancel) {
			return merge.Report{}, merge.ErrCancelled
		}
		if fi, err := os.Stat(p); err == nil {
			if total += fi.Size(); total > maxTextsTotal {
				return merge.Report{}, refuse("the texts given are over %d MB together; import them in smaller groups", maxTextsTotal>>20)
			}
		}
		doc, err := importer.File(p)
		if err != nil {
			return merge.Report{}, err // names the file and says why
		}
		texts = append(texts, Text{Name: filepath.Base(p), Doc: doc})
	}
	return Import(s, data, texts, opt)
}

// readBounded reads a whole regular file of at most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, refuse("%s is not a file", name)
	}
	if fi.Size() > limit {
		return nil, refuse("%s is larger than %d MB, the most an annotation file may be", name, limit>>20)
	}
	// One byte past the bound: the size from Stat may be stale.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, refuse("%s is larger than %d MB, the most an annotation file may be", name, limit>>20)
	}
	return data, nil
}

// sniffBytes is how much of a .json file IsFile looks at.
const sniffBytes = 64 << 10

// IsFile tells whether path looks like a W3C Web Annotation file, to
// route a dropped or chosen file: a name ending .jsonld, or a .json file
// whose beginning declares the Web Annotation context
// (http://www.w3.org/ns/anno.jsonld) in an "@context". It only looks;
// ImportFiles does the checking.
func IsFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonld":
		return true
	case ".json":
	default:
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, sniffBytes))
	return looksLike(head)
}

// looksLike tells whether data (the whole file or its beginning) is JSON
// declaring the Web Annotation context in an "@context", as every W3C
// annotation file does.
func looksLike(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\uFEFF")
	if len(data) == 0 || data[0] != '{' && data[0] != '[' {
		return false
	}
	ctx := bytes.Index(data, []byte(`"@context"`))
	if ctx < 0 {
		return false
	}
	// The context is an IRI either scheme may spell.
	return bytes.Contains(data[ctx:], []byte(strings.TrimPrefix(bundle.W3CContext, "http")))
}

// clip shortens a hostile string quoted in an error message.
func clip(s string) string { return storage.Excerpt(s, 60) }
