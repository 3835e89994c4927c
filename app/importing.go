package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"commonplace/storage"
	"commonplace/storage/bundle/webanno"
	"commonplace/storage/importer"
)

// importable are the file types the importer reads, for the file dialog.
var importable = []string{".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"}

// importFiles asks for a file and imports it.
func (m *mainWindow) importFiles() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		r.Close()
		m.importURIs([]fyne.URI{r.URI()})
	}, m.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(importable))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// onDropped imports files dropped on the window: a bundle (.zip) or a
// Markdown folder with a preview first, articles straight away.
func (m *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var articles []fyne.URI
	annotations := ""
	for _, u := range uris {
		if u.Scheme() == "file" {
			if strings.EqualFold(u.Extension(), ".zip") {
				m.previewImport(importSource{path: u.Path()})
				continue
			}
			if ok, err := fynestorage.CanList(u); err == nil && ok {
				m.previewImport(importSource{path: u.Path()})
				continue
			}
			if annotations == "" && webanno.IsFile(u.Path()) {
				annotations = u.Path()
				continue
			}
		}
		articles = append(articles, u)
	}
	if annotations != "" {
		// A W3C annotation file dropped with the texts it annotates: the
		// texts come in with their passages, not as bare articles.
		src := importSource{path: annotations}
		for _, u := range articles {
			src.texts = append(src.texts, u.Path())
		}
		m.previewImport(src)
		return
	}
	if len(articles) > 0 {
		m.importURIs(articles)
	}
}

// importResult is what a background import brings back.
type importResult struct {
	ids    []string
	failed []string // one line per file that could not be imported
}

// importURIs reads and adds the files in the background, then opens the
// first new piece and says what could not be imported.
func (m *mainWindow) importURIs(uris []fyne.URI) {
	inBackground(func() (importResult, error) {
		var res importResult
		for _, u := range uris {
			if u.Scheme() != "file" {
				res.failed = append(res.failed, u.Name()+": only files on this computer can be imported")
				continue
			}
			d, err := importer.File(u.Path())
			if err != nil {
				res.failed = append(res.failed, err.Error())
				continue
			}
			p, err := m.nb.AddPiece(storage.Piece{
				Title: d.Title, Authors: d.Authors, Outlet: d.Outlet, Published: d.Published,
				URL: d.URL, Tags: d.Tags, Format: d.Format,
			}, d.Text)
			if err != nil {
				res.failed = append(res.failed, fmt.Sprintf("%s: %v", u.Name(), err))
				continue
			}
			res.ids = append(res.ids, p.ID)
		}
		return res, nil
	}, func(res importResult) {
		if len(res.ids) > 0 {
			m.library.clearFilters()
			m.goTo(place{kind: placePiece, id: res.ids[0]})
		}
		if len(res.failed) > 0 {
			msg := strings.Join(res.failed, "\n")
			if len(res.ids) > 0 {
				msg = fmt.Sprintf("Imported %s. These could not be imported:\n\n%s", plural(len(res.ids), "file"), msg)
			}
			dialog.ShowInformation("Import", msg, m.win)
		}
	}, m.showError)
}
