// Package intake decides what a path holds and brings it in: the one
// place the window and the command line ask how to import a path. A
// bundle, a Markdown folder, a Web Annotation file with its texts, and a
// folder of articles each go through their own reader into the one merge
// (package merge), so every import is all or nothing, can be previewed
// (DryRun), reports progress and can be cancelled, and returns the same
// merge.Report. It knows no Fyne: the window calls it off the UI
// goroutine.
package intake

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/markdown"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/webanno"
	"commonplace/storage/library"
)

// Kind is what a path holds, as far as importing it goes.
type Kind int

const (
	Article        Kind = iota + 1 // a file the article importer reads: .txt, .md, .html, .pdf, …
	Bundle                         // a Commonplace bundle: a .zip
	WebAnnotations                 // a W3C Web Annotation file, imported with the texts it annotates
	MarkdownFolder                 // a folder Commonplace exported as Markdown, known by its manifest
	ArticleFolder                  // any other folder: its .txt, .md, .html and .pdf files, each a piece
	Library                        // a reference library: BibTeX (.bib), RIS (.ris) or CSL-JSON (.json)
)

func (k Kind) String() string {
	switch k {
	case Article:
		return "article"
	case Bundle:
		return "bundle"
	case WebAnnotations:
		return "Web Annotation file"
	case MarkdownFolder:
		return "Markdown folder"
	case ArticleFolder:
		return "folder of articles"
	case Library:
		return "reference library"
	}
	return "nothing to import"
}

// KindOf tells what path holds: a folder by its marker (an exported
// Markdown folder holds .commonplace/folder.yaml), a file by its name (a
// .zip is a bundle; a web address is a page to fetch; a .jsonld, or a
// .json declaring the W3C annotation context, is Web Annotations; a .bib,
// a .ris, or a .json shaped as a CSL-JSON array is a reference library;
// anything else is an article, which the article importer reads or
// refuses with a reason).
func KindOf(path string) (Kind, error) {
	if IsURL(path) {
		return Article, nil // a web page, fetched when read (FetchPage)
	}
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("%s: no such file or folder", path)
		}
		return 0, err
	}
	switch {
	case info.IsDir() && markdown.IsFolder(path):
		return MarkdownFolder, nil
	case info.IsDir():
		return ArticleFolder, nil
	case strings.EqualFold(filepath.Ext(path), ".zip") || IsSealed(path):
		return Bundle, nil
	case webanno.IsFile(path):
		return WebAnnotations, nil
	case library.IsFile(path):
		return Library, nil
	}
	return Article, nil
}

// IsSealed reports whether the file at path is a sealed (encrypted)
// bundle, whose import needs merge.Options.Passphrase.
func IsSealed(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return bundle.IsSealed(f)
}

// Import brings in what path holds (see KindOf), through the merge: all
// or nothing, with opt.DryRun to preview, opt.Progress to follow it and
// opt.Cancel to stop it. texts are the files a Web Annotation file
// annotates; no other kind takes them.
func Import(s *storage.Store, path string, texts []string, opt merge.Options) (merge.Report, error) {
	kind, err := KindOf(path)
	if err != nil {
		return merge.Report{}, err
	}
	if len(texts) > 0 && kind != WebAnnotations {
		return merge.Report{}, fmt.Errorf("%s is a %s; only a Web Annotation file is imported with texts", filepath.Base(path), kind)
	}
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	switch kind {
	case Bundle:
		return bundle.ImportFile(s, path, opt)
	case WebAnnotations:
		return webanno.ImportFiles(s, path, texts, opt)
	case MarkdownFolder:
		return markdown.Import(s, path, opt)
	case Library:
		rep, err := ImportLibrary(s, path, opt)
		return rep.AsMerge(), err
	}
	a, err := ReadArticles([]string{path}, nil, opt) // an article, or a folder of them
	if err != nil {
		return merge.Report{}, err
	}
	return a.Import(s, opt)
}
