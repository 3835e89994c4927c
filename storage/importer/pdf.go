package importer

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// PDFs are read by PDFium, the engine of Chrome's PDF viewer, compiled to
// WebAssembly and run by wazero inside this process
// (github.com/klippa-app/go-pdfium/webassembly): no cgo, no program beside
// the app, and a damaged or hostile file meets a sandbox that sees no
// file and no memory of ours. Compiling the 6 MB module to machine code
// takes seconds, so it is done once per process, on the first PDF, and
// kept in the user's cache folder (wazero's compilation cache), which
// makes it a tenth of a second for every later process.
//
// Reading has no time limit: wazero stops running WebAssembly only when
// built WithCloseOnContextDone, which watches every call into the module,
// and PDFium is called a few times a character: a 100-page report took
// 2.7 s instead of 0.5 s.

// pdfEngine is the one PDFium pool of the process.
var pdfEngine struct {
	sync.Mutex
	pool pdfium.Pool
	// started is how long the pool took to start, the compile among it:
	// for the benchmarks' comparison of a first import with later ones.
	started time.Duration
}

// pdfMemoryPages bounds the WebAssembly memory a PDF may take (64 KiB
// pages): 2 GiB, enough for a file at MaxFileSize, a bound for one that
// asks for more.
const pdfMemoryPages = 32768

// PDFCacheDir is where the compiled engine is kept between processes; ""
// keeps it in memory only. Set before the first PDF is read.
var PDFCacheDir = defaultPDFCacheDir()

func defaultPDFCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "commonplace", "pdfium")
}

// pdfInstance lends a PDFium instance, starting the pool on first use.
func pdfInstance() (pdfium.Pdfium, error) {
	pdfEngine.Lock()
	defer pdfEngine.Unlock()
	if pdfEngine.pool == nil {
		began := time.Now()
		runtime := wazero.NewRuntimeConfig().
			// The module lowers setjmp/longjmp to WebAssembly exceptions.
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(pdfMemoryPages)
		if PDFCacheDir != "" {
			// A cache that cannot be made only costs the compile.
			if cache, err := wazero.NewCompilationCacheWithDir(PDFCacheDir); err == nil {
				runtime = runtime.WithCompilationCache(cache)
			}
		}
		pool, err := webassembly.Init(webassembly.Config{
			MaxTotal:      1, // imports come one at a time; each holds its file in the module's memory
			RuntimeConfig: runtime,
			// No folder of the computer is mounted: documents are handed
			// over as bytes.
			FSConfig: wazero.NewFSConfig(),
			Stdout:   io.Discard,
			Stderr:   io.Discard,
			// A fresh instance for each document: the memory a large
			// file made the module grow goes with it.
			ReuseWorkers: false,
		})
		if err != nil {
			return nil, err
		}
		pdfEngine.pool, pdfEngine.started = pool, time.Since(began)
	}
	return pdfEngine.pool.GetInstance(time.Minute)
}

// ClosePDF stops the PDF engine, if a PDF started it, and frees what it
// holds; a later PDF starts it again. The app calls it on the way out.
func ClosePDF() error {
	pdfEngine.Lock()
	defer pdfEngine.Unlock()
	if pdfEngine.pool == nil {
		return nil
	}
	err := pdfEngine.pool.Close()
	pdfEngine.pool = nil
	return err
}

// Options are what an import may need beyond the file.
type Options struct {
	// Password opens an encrypted PDF.
	Password string
}

// ErrPassword means the PDF is encrypted and no password, or a wrong one,
// was given: ask for it and import again with Options.Password.
var ErrPassword = errors.New("password needed")

// The sentences of a PDF's refusal.
const (
	msgPDFPassword      = "this PDF is protected by a password; give the password to import it"
	msgPDFWrongPassword = "the password for this PDF is wrong"
	msgPDFScanned       = "this is a scanned PDF: its pages are images with no text to import; run it through OCR (text recognition) first and import the result"
	msgPDFBlank         = "this PDF has no text: its pages are blank"
	msgPDFDamaged       = "this PDF is damaged and cannot be read"
	msgPDFSecurity      = "this PDF is encrypted in a way that cannot be opened"
)

// importPDF reads a PDF's text, page starts and metadata.
func importPDF(name string, data []byte, opt Options) (Document, error) {
	inst, err := pdfInstance()
	if err != nil {
		return Document{}, newError(name, err, "the PDF reader could not start ("+err.Error()+")")
	}
	defer inst.Close()
	req := &requests.OpenDocument{File: &data}
	if opt.Password != "" {
		req.Password = &opt.Password
	}
	opened, err := inst.OpenDocument(req)
	if err != nil {
		return Document{}, openPDFError(name, err, opt)
	}
	doc := opened.Document
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return Document{}, newError(name, ErrUnsupported, msgPDFDamaged)
	}
	pages := make([][]pdfRun, count.PageCount)
	chars := 0
	for i := range pages {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: i}}
		text, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: page, Mode: requests.GetPageTextStructuredModeRects, CollectFontInformation: true,
		})
		if err != nil {
			return Document{}, newError(name, ErrUnsupported, fmt.Sprintf("%s (page %d: %v)", msgPDFDamaged, i+1, err))
		}
		for _, r := range text.Rects {
			run := pdfRun{
				text: r.Text, left: r.PointPosition.Left, right: r.PointPosition.Right,
				top: r.PointPosition.Top, bottom: r.PointPosition.Bottom,
			}
			if r.FontInformation != nil {
				run.size = r.FontInformation.Size
			}
			chars += len(strings.TrimSpace(r.Text))
			pages[i] = append(pages[i], run)
		}
	}
	if chars == 0 {
		if hasImages(inst, doc, count.PageCount) {
			return Document{}, newError(name, ErrNoText, msgPDFScanned)
		}
		return Document{}, newError(name, ErrNoText, msgPDFBlank)
	}
	layout := layoutPDF(pages)
	if layout.text == "" {
		return Document{}, newError(name, ErrNoText, "no text found")
	}
	meta := func(tag string) string {
		m, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc, Tag: tag})
		if err != nil {
			return ""
		}
		return m.Value
	}
	d := Document{
		Title:     oneLine(meta("Title")),
		Authors:   splitAuthors([]string{meta("Author")}),
		Published: pdfDate(meta("CreationDate")),
		Text:      layout.text,
		Pages:     layout.pages,
		Format:    FormatPDF,
	}
	if d.Title == "" || looksLikeFileName(d.Title) {
		d.Title = oneLine(layout.title)
	}
	return d, nil
}

// openPDFError words PDFium's refusal to open a document.
func openPDFError(name string, err error, opt Options) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword) && opt.Password == "":
		return newError(name, ErrPassword, msgPDFPassword)
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return newError(name, ErrPassword, msgPDFWrongPassword)
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return newError(name, ErrUnsupported, msgPDFSecurity)
	}
	return newError(name, ErrUnsupported, msgPDFDamaged)
}

// hasImages reports whether any page draws an image: a document with no
// text but images is a scan.
func hasImages(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, pageCount int) bool {
	for i := range pageCount {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: i}}
		n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
		if err != nil {
			continue
		}
		for j := range n.Count {
			obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: j})
			if err != nil {
				continue
			}
			t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
			if err == nil && t.Type == enums.FPDF_PAGEOBJ_IMAGE {
				return true
			}
		}
	}
	return false
}

// pdfDate reads a PDF date ("D:20240315093000+01'00'") as 2006-01-02,
// 2006-01 or 2006, as far as it goes; "" when it is not one.
func pdfDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	n := 0
	for n < len(s) && n < 8 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	var out string
	switch {
	case n >= 8:
		out = s[0:4] + "-" + s[4:6] + "-" + s[6:8]
		if _, err := time.Parse("2006-01-02", out); err != nil {
			return ""
		}
	case n >= 6:
		out = s[0:4] + "-" + s[4:6]
		if _, err := time.Parse("2006-01", out); err != nil {
			return ""
		}
	case n >= 4:
		out = s[0:4]
	default:
		return ""
	}
	if out[:4] < "1000" {
		return ""
	}
	return out
}

// looksLikeFileName reports a Title that a PDF-making program filled with
// the file it wrote ("Microsoft Word - report.docx"), which is no title.
func looksLikeFileName(title string) bool {
	lower := strings.ToLower(title)
	for _, ext := range []string{".doc", ".docx", ".odt", ".pdf", ".indd", ".tex", ".rtf", ".txt"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return strings.HasPrefix(lower, "microsoft word - ") || lower == "untitled"
}
