package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/intake"
	"commonplace/storage"
	"commonplace/storage/importer"
)

// transfers is what comes into the notebook and goes out of it: articles,
// folders, bundles and annotation files brought in (dropped on the window,
// or chosen in a dialog; with a preview first where a merge decides what
// happens), and bundles or Markdown folders written out, each in the
// background behind a progress bar.
type transfers struct {
	store   *storage.Store
	win     fyne.Window
	bg      *background
	flush   func() // writes pending edits: an import or export reads the notebook as it is
	onError func(error)
	// onArticles shows articles just imported (ids in order).
	onArticles func(ids []string)
	// onConflicts shows the conflicts an import kept.
	onConflicts func()
	// inView is what the export dialog offers to take: the piece being
	// read, the claim open (each "" if none) and the notebook's tags.
	inView func() (piece, claim string, tags []string)
}

// importFiles asks for files and imports them.
func (t *transfers) importFiles() {
	exts := append(importer.Extensions(), intake.LibraryExtensions()...)
	chooseFiles(t.win, "Import files", exts, true, func(paths []string) {
		uris := make([]fyne.URI, len(paths))
		for i, p := range paths {
			uris[i] = fynestorage.NewFileURI(p)
		}
		// Told apart as a drop is: a reference library is previewed,
		// articles come straight in.
		t.onDropped(fyne.Position{}, uris)
	})
}

// importAddress asks for a web page's address and imports the page: the
// article as an .html file of it would give, keeping the address and the
// day it was read.
func (t *transfers) importAddress() {
	address := widget.NewEntry()
	address.SetPlaceHolder("https://…")
	address.Validator = func(s string) error {
		if !intake.IsURL(strings.TrimSpace(s)) {
			return errors.New("a web address, starting with http:// or https://")
		}
		return nil
	}
	d := dialog.NewForm("Import from URL", "Import", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Address", address)},
		func(ok bool) {
			if ok {
				t.importURIs([]fyne.URI{webURI(strings.TrimSpace(address.Text))})
			}
		}, t.win)
	address.OnSubmitted = func(string) { d.Submit() } // Enter imports; Submit checks the address first
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
	t.win.Canvas().Focus(address)
}

// webURI is a web address as a URI for importURIs; an address Fyne cannot
// parse stays one it will say it cannot import.
func webURI(address string) fyne.URI {
	u, err := fynestorage.ParseURI(address)
	if err != nil {
		return fynestorage.NewFileURI(address)
	}
	return u
}

// onDropped imports what is dropped on the window, told apart as intake
// tells it: a bundle or a folder (of articles, or exported as Markdown)
// with a preview first; a W3C annotation file with the texts dropped beside
// it; articles straight away.
func (t *transfers) onDropped(_ fyne.Position, uris []fyne.URI) {
	var articles []fyne.URI
	annotations := ""
	for _, u := range uris {
		kind := intake.Article // not a local file: importing it says why not
		if u.Scheme() == "file" {
			kind, _ = intake.KindOf(u.Path()) // a path that cannot be read: the same
		}
		switch kind {
		case intake.Bundle, intake.MarkdownFolder, intake.ArticleFolder, intake.Library:
			t.previewImport(importSource{path: u.Path()})
		case intake.WebAnnotations:
			if annotations == "" {
				annotations = u.Path()
				continue
			}
			articles = append(articles, u)
		default:
			articles = append(articles, u)
		}
	}
	if annotations != "" {
		// A W3C annotation file dropped with the texts it annotates: the
		// texts come in with their passages, not as bare articles.
		src := importSource{path: annotations}
		for _, u := range articles {
			src.texts = append(src.texts, u.Path())
		}
		t.previewImport(src)
		return
	}
	if len(articles) > 0 {
		t.importURIs(articles)
	}
}

// importResult is what a background import brings back.
type importResult struct {
	ids    []string
	failed []string // one line per file that could not be imported
	locked []string // encrypted PDFs, imported once their password is typed
}

// importURIs reads and adds the files in the background — and the web
// pages, fetched (a link dragged from a browser, an address typed) — then
// opens the first new piece and says what could not be imported.
func (t *transfers) importURIs(uris []fyne.URI) {
	inBackground(t.bg, func() (importResult, error) {
		var res importResult
		for _, u := range uris {
			var d importer.Document
			var err error
			switch {
			case u.Scheme() == "file":
				d, err = importer.File(u.Path())
			case intake.IsURL(u.String()):
				d, err = intake.FetchPage(context.Background(), u.String())
			default:
				err = fmt.Errorf("%s: only files on this computer and web pages can be imported", u.Name())
			}
			if u.Scheme() == "file" && errors.Is(err, importer.ErrPassword) {
				res.locked = append(res.locked, u.Path())
				continue
			}
			if err != nil {
				res.failed = append(res.failed, err.Error())
				continue
			}
			p, err := t.store.AddPiece(d.Piece(), d.Text)
			if err != nil {
				res.failed = append(res.failed, fmt.Sprintf("%s: %v", u.Name(), err))
				continue
			}
			res.ids = append(res.ids, p.ID)
		}
		return res, nil
	}, func(res importResult) {
		if len(res.ids) > 0 {
			t.onArticles(res.ids)
		}
		if len(res.failed) > 0 {
			msg := strings.Join(res.failed, "\n")
			if len(res.ids) > 0 {
				msg = fmt.Sprintf("Imported %s. These could not be imported:\n\n%s", plural(len(res.ids), "file", "files"), msg)
			}
			dialog.ShowInformation("Import", msg, t.win)
		}
		for _, path := range res.locked {
			t.askPDFPassword(path, "")
		}
	}, t.onError)
}

// askPDFPassword asks for an encrypted PDF's password, then imports it;
// problem says what went wrong the last time.
func (t *transfers) askPDFPassword(path, problem string) {
	t.askSecret(secretPrompt{title: "Encrypted PDF", confirm: "Import", placeholder: "Password",
		message: filepath.Base(path) + " is protected by a password. Type it to import the document.", problem: problem},
		func(password string) { t.importPDF(path, password) })
}

// secretPrompt is what askSecret shows.
type secretPrompt struct {
	title, confirm, placeholder, message string
	problem                              string // what went wrong the last time, if anything
}

// askSecret asks for a password or passphrase in a dialog and gives it to
// then, on the confirm button or on Enter (once something is typed): the
// one way the window asks for a secret to open a file.
func (t *transfers) askSecret(p secretPrompt, then func(secret string)) {
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder(p.placeholder)
	msg := widget.NewLabel(p.message)
	msg.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{msg, entry}
	if p.problem != "" {
		warn := widget.NewLabel(p.problem)
		warn.Importance = widget.DangerImportance
		items = append(items, warn)
	}
	var d dialog.Dialog
	entry.OnSubmitted = func(string) {
		if entry.Text != "" {
			d.Hide()
			then(entry.Text)
		}
	}
	d = dialog.NewCustomConfirm(p.title, p.confirm, "Cancel", container.NewVBox(items...), func(ok bool) {
		if ok {
			then(entry.Text)
		}
	}, t.win)
	d.Resize(fyne.NewSize(460, 200))
	d.Show()
	t.win.Canvas().Focus(entry)
}

// importPDF imports an encrypted PDF with password in the background,
// asking again when the password is wrong.
func (t *transfers) importPDF(path, password string) {
	inBackground(t.bg, func() (string, error) {
		d, err := importer.FileWith(path, importer.Options{Password: password})
		if err != nil {
			return "", err
		}
		p, err := t.store.AddPiece(d.Piece(), d.Text)
		return p.ID, err
	}, func(id string) {
		t.onArticles([]string{id})
	}, func(err error) {
		if errors.Is(err, importer.ErrPassword) {
			t.askPDFPassword(path, "Wrong password; try again.")
			return
		}
		t.onError(err)
	})
}
