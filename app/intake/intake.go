// Package intake decides what a path holds and brings it in: the one
// place the window and the command line ask how to import a path. It
// knows no Fyne, so the window calls it off the UI goroutine.
package intake

import (
	"fmt"
	"os"
	"path/filepath"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/markdown"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/webanno"
)

// Import imports whatever path is: a folder is a Markdown folder, a W3C
// Web Annotation file comes with texts (the files it annotates), anything
// else is a bundle.
func Import(s *storage.Store, path string, texts []string, opt merge.Options) (merge.Report, error) {
	info, err := os.Stat(path)
	if err != nil {
		return merge.Report{}, fmt.Errorf("%s: no such file or folder", path)
	}
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	switch {
	case info.IsDir():
		return markdown.Import(s, path, opt)
	case webanno.IsFile(path):
		return webanno.ImportFiles(s, path, texts, opt)
	}
	return bundle.ImportFile(s, path, opt)
}
