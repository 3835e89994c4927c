package intake

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/importer"

	"github.com/google/uuid"
)

// Bounds on articles imported at once.
const (
	maxArticleFiles = bundle.MaxFiles // entries of a folder, read or not
	maxArticleTexts = 1 << 30         // bytes of text, all files together
)

// Articles are article files read and made into new pieces, ready to
// import: the files named, and every file under the folders named that the
// article importer reads by its name (.txt, .md, .html, .pdf, …); hidden files
// and folders, symbolic links and other files are passed over.
//
// Reading is where an import of articles fails if it does: a file the
// importer refuses stops it and the error names the file, before any
// notebook is opened or written. The articles then come in as a source of
// the merge, new pieces and nothing else, so the import is all or nothing,
// staged when large, and can be previewed. Texts are held until written,
// so all of them together are bounded too.
type Articles struct {
	pieces []merge.Piece
	texts  map[string]string // by piece id
}

// article is a file to read, and how an error names it.
type article struct {
	path, in string // in: the subfolder it was found in, if any
}

// ReadArticles reads the articles at paths (files or folders), each piece
// also tagged with tags. opt.Progress follows the reading, opt.Cancel
// stops it.
func ReadArticles(paths, tags []string, opt merge.Options) (*Articles, error) {
	return ReadArticlesWith(paths, tags, importer.Options{}, opt)
}

// ReadArticlesWith is ReadArticles with the importer's options: the
// password of encrypted PDFs among the files. Without it, or with a wrong
// one, such a file stops the reading with importer.ErrPassword.
func ReadArticlesWith(paths, tags []string, read importer.Options, opt merge.Options) (*Articles, error) {
	var files []article
	for _, p := range paths {
		found, err := listArticles(p, opt.Cancel)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	a := &Articles{texts: map[string]string{}}
	now := time.Now().UTC()
	var total int64
	for i, f := range files {
		if cancelled(opt.Cancel) {
			return nil, merge.ErrCancelled
		}
		doc, err := readArticle(f.path, read, opt.Cancel)
		if err != nil {
			if f.in != "" {
				err = fmt.Errorf("%w (in %s)", err, f.in)
			}
			return nil, err
		}
		if total += int64(len(doc.Text)); total > maxArticleTexts {
			return nil, fmt.Errorf("the articles hold more than %d MB of text together; import them in parts", maxArticleTexts>>20)
		}
		// Refused here, naming the file, rather than when written,
		// naming a piece id the user never saw (and by a dry run not at all).
		if err := storage.CheckTextSize(doc.Text); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(f.path), err)
		}
		p := doc.Piece()
		p.Tags = append(p.Tags, tags...)
		p.ID, p.Hash, p.Revision, p.Created, p.Updated = uuid.Must(uuid.NewV7()).String(), merge.TextHash(doc.Text), 1, now, now
		if err := storage.CleanPiece(&p); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(f.path), err)
		}
		a.pieces = append(a.pieces, merge.Piece{Piece: p, PlacedOn: p.Hash, Size: int64(len(doc.Text))})
		a.texts[p.ID] = doc.Text
		if opt.Progress != nil {
			opt.Progress(i+1, len(files))
		}
	}
	return a, nil
}

// readArticle reads the article file at p, or fetches the web page at
// the address p (given up when cancel closes).
func readArticle(p string, read importer.Options, cancel <-chan struct{}) (importer.Document, error) {
	if !IsURL(p) {
		return importer.FileWith(p, read)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() {
		select {
		case <-cancel:
			stop()
		case <-ctx.Done():
		}
	}()
	return FetchPage(ctx, p)
}

// Len is how many articles there are.
func (a *Articles) Len() int { return len(a.pieces) }

// Import adds the articles to the notebook as new pieces (see Articles).
func (a *Articles) Import(s *storage.Store, opt merge.Options) (merge.Report, error) {
	return merge.Run(s, a, opt)
}

// listArticles is the file at p, or the articles under the folder at p,
// walked without following a link.
func listArticles(p string, cancel <-chan struct{}) ([]article, error) {
	if IsURL(p) {
		return []article{{path: p}}, nil
	}
	if info, err := os.Stat(p); err != nil || !info.IsDir() {
		// A file named is read whatever its name, and one that cannot
		// be read is too: the importer says why not, naming it.
		return []article{{path: p}}, nil
	}
	var found []article
	entries := 0
	err := fs.WalkDir(os.DirFS(p), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", name, err)
		}
		if cancelled(cancel) {
			return merge.ErrCancelled
		}
		if name == "." {
			return nil
		}
		// Every entry counts, read or not: a folder of millions of
		// files is refused before it is walked to the end.
		if entries++; entries > maxArticleFiles {
			return fmt.Errorf("the folder holds more than %d files; import it in parts", maxArticleFiles)
		}
		hidden := strings.HasPrefix(path.Base(name), ".")
		switch {
		case d.IsDir() && hidden:
			return fs.SkipDir
		case d.IsDir(), hidden, !d.Type().IsRegular(), !importer.Reads(name):
			return nil // symbolic links and devices among them
		}
		in := path.Dir(name)
		if in == "." {
			in = ""
		}
		found = append(found, article{path: filepath.Join(p, filepath.FromSlash(name)), in: in})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("%s holds no .txt, .md, .html or .pdf files", filepath.Base(p))
	}
	return found, nil
}

func cancelled(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// The articles as a merge source (merge.Source): new pieces, nothing else.

func (a *Articles) Noun() string                  { return "the articles" }
func (a *Articles) Items() int                    { return len(a.pieces) }
func (a *Articles) Relations() []storage.Relation { return nil }

func (a *Articles) EachPiece(fn func(p merge.Piece) error) error        { return merge.Each(a.pieces, fn) }
func (a *Articles) PieceText(id string) (string, error)                 { return a.texts[id], nil }
func (a *Articles) Revisions(string) ([]storage.Revision, error)        { return nil, nil }
func (a *Articles) EachAnnotation(func(storage.Annotation) error) error { return nil }
func (a *Articles) EachClaim(func(storage.Claim) error) error           { return nil }
func (a *Articles) EachNote(func(storage.Note) error) error             { return nil }
func (a *Articles) EachLink(func(storage.Link) error) error             { return nil }

func (a *Articles) Kind(id string) storage.Kind {
	if _, ok := a.texts[id]; ok {
		return storage.KindPiece
	}
	return ""
}

func (a *Articles) Outside() []scope.OutsideRef             { return nil }
func (a *Articles) LeftOut(string) (scope.OutsideRef, bool) { return scope.OutsideRef{}, false }
