package library

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"commonplace/storage"
	"commonplace/storage/csl"
	"commonplace/storage/importer"
)

// Library is a reference library read whole: its entries and, for each,
// the text of the first attachment the importer could read.
type Library struct {
	Name    string // the file's base name
	Format  string // FormatBibTeX, FormatRIS or FormatCSL
	Entries []Entry
	texts   []attached // by entry
}

// attached is what became of an entry's attachments: the text of one, or
// why none gave a text.
type attached struct {
	text, file string
	why        string
}

// The formats a library file may be in.
const (
	FormatBibTeX = "BibTeX"
	FormatRIS    = "RIS"
	FormatCSL    = "CSL-JSON"
)

// maxAttachedText bounds the attachments' texts of one library together:
// each is at most storage.MaxTextBytes, and they are held until written.
const maxAttachedText = 1 << 30

// FormatOf is the library format of a file by its name and, for .json
// and names without a known extension, its first bytes; "" when it is not
// a library. A .json is CSL-JSON when it is shaped as a CSL array (a Web
// Annotation file is not).
func FormatOf(name string, head []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".bib", ".bibtex":
		return FormatBibTeX
	case ".ris":
		return FormatRIS
	case ".json", ".csljson":
		if csl.Looks(head) {
			return FormatCSL
		}
	}
	return ""
}

// sniffBytes is how much of a file FormatOf is shown: enough for the
// first reference of a CSL array, abstract and all.
const sniffBytes = 256 << 10

// IsFile reports whether the file at path is a reference library.
func IsFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.IsDir() {
		return false
	}
	head, _ := io.ReadAll(io.LimitReader(f, sniffBytes))
	return FormatOf(path, head) != ""
}

// Parse reads data, the library file called name, without attachments.
func Parse(name string, data []byte) (*Library, error) {
	base := filepath.Base(name)
	head := data[:min(len(data), sniffBytes)]
	l := &Library{Name: base, Format: FormatOf(name, head)}
	var err error
	switch l.Format {
	case FormatBibTeX:
		l.Entries, err = ParseBibTeX(data)
	case FormatRIS:
		l.Entries, err = ParseRIS(data)
	case FormatCSL:
		l.Entries, err = ParseCSL(data)
	default:
		return nil, fmt.Errorf("%s: not a reference library (.bib, .ris, or CSL-JSON .json)", base)
	}
	if err != nil {
		return nil, fmt.Errorf("%s is not a %s file this can read: %w", base, l.Format, err)
	}
	if len(l.Entries) == 0 {
		return nil, fmt.Errorf("%s holds no references", base)
	}
	l.texts = make([]attached, len(l.Entries))
	return l, nil
}

// ReadFile reads the library at path and the texts of the attachments
// beside it. A library it cannot read is refused naming the line; an
// attachment it cannot read is not: the entry comes in without a text,
// and the report says why.
func ReadFile(path string) (*Library, error) {
	data, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	l, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	var total int
	for i, e := range l.Entries {
		l.texts[i] = readAttachment(dir, e.Files)
		if total += len(l.texts[i].text); total > maxAttachedText {
			return nil, fmt.Errorf("%s: the attachments hold more than %d MB of text together; import the library in parts", l.Name, maxAttachedText>>20)
		}
	}
	return l, nil
}

func readBounded(path string) ([]byte, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: the file does not exist", name)
		}
		return nil, fmt.Errorf("%s: the file could not be opened", name)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: the file could not be read", name)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: the file is larger than %d MB, the most a library may be", name, MaxFileBytes>>20)
	}
	return data, nil
}

// readAttachment is the text of the first of files that lies in the
// library's folder and that the article importer reads (it decides which
// formats it takes). A file elsewhere is not read: a library names files
// by the export's own layout, and one naming /etc/… must not pull it in.
func readAttachment(dir string, files []string) attached {
	var why []string
	for _, f := range files {
		rel := filepath.FromSlash(f)
		if filepath.IsAbs(rel) || !filepath.IsLocal(rel) {
			why = append(why, fmt.Sprintf("%s is not beside the library", filepath.Base(rel)))
			continue
		}
		path := filepath.Join(dir, rel)
		if _, err := os.Stat(path); err != nil {
			why = append(why, fmt.Sprintf("%s is not in the export", f))
			continue
		}
		doc, err := importer.File(path)
		if err == nil {
			err = storage.CheckTextSize(doc.Text)
		}
		if err != nil {
			why = append(why, err.Error())
			continue
		}
		return attached{text: doc.Text, file: f}
	}
	return attached{why: strings.Join(why, "; ")}
}

// Extensions are the file name extensions of reference libraries, for a
// file chooser. A .json is one only when it holds CSL-JSON (FormatOf).
func Extensions() []string { return []string{".bib", ".bibtex", ".csljson", ".json", ".ris"} }
