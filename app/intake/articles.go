package intake

import (
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

// A folder of articles comes in as a source of the merge: every file under
// it the article importer reads by its name (.txt, .md, .html, …) becomes
// a new piece; hidden files and folders, symbolic links and other files
// are passed over. Reading and converting the files (importer.File, which
// bounds each) is the merge's first pass (articles is a merge.Checker),
// so a file the importer refuses stops the import before anything is
// written, and the error names it. The texts are held until they are
// written, so all of them together are bounded too.

// Bounds on a folder of articles.
const (
	maxArticleFiles = bundle.MaxFiles // entries of the folder, read or not
	maxArticleTexts = 1 << 30         // bytes of text, all files together
)

// articles is a folder of articles (or one article file) to import.
type articles struct {
	dir    string
	names  []string // slash-separated, under dir, in the order walked
	pieces []merge.Piece
	texts  map[string]string // by piece id
}

// importArticles imports every article under dir.
func importArticles(s *storage.Store, dir string, opt merge.Options) (merge.Report, error) {
	a := &articles{dir: dir}
	if err := a.list(opt.Cancel); err != nil {
		return merge.Report{}, err
	}
	if len(a.names) == 0 {
		return merge.Report{}, fmt.Errorf("%s holds no .txt, .md or .html files", filepath.Base(dir))
	}
	return merge.Run(s, a, opt)
}

// importArticle imports one article file.
func importArticle(s *storage.Store, file string, opt merge.Options) (merge.Report, error) {
	return merge.Run(s, &articles{dir: filepath.Dir(file), names: []string{filepath.Base(file)}}, opt)
}

// list walks the folder, never following a link, and keeps the names of
// the files to import.
func (a *articles) list(cancel <-chan struct{}) error {
	entries := 0
	return fs.WalkDir(os.DirFS(a.dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", name, err)
		}
		select {
		case <-cancel:
			return merge.ErrCancelled
		default:
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
		a.names = append(a.names, name)
		return nil
	})
}

// Check reads every file and makes its piece: the merge's first pass.
func (a *articles) Check(step func() error) error {
	a.texts, a.pieces = map[string]string{}, nil
	now := time.Now().UTC()
	var total int64
	for _, name := range a.names {
		if err := step(); err != nil {
			return err
		}
		doc, err := a.read(name)
		if err != nil {
			return err
		}
		if total += int64(len(doc.Text)); total > maxArticleTexts {
			return fmt.Errorf("the articles hold more than %d MB of text together; import them in parts", maxArticleTexts>>20)
		}
		p := doc.Piece()
		p.ID, p.Hash, p.Revision, p.Created, p.Updated = uuid.Must(uuid.NewV7()).String(), merge.TextHash(doc.Text), 1, now, now
		if err := storage.CleanPiece(&p); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		a.pieces = append(a.pieces, merge.Piece{Piece: p, PlacedOn: p.Hash, Size: int64(len(doc.Text))})
		a.texts[p.ID] = doc.Text
	}
	return nil
}

// read imports one file with the article importer; its errors name the
// file, and this adds the folder it is in when that is not the top.
func (a *articles) read(name string) (importer.Document, error) {
	doc, err := importer.File(filepath.Join(a.dir, filepath.FromSlash(name)))
	if dir := path.Dir(name); err != nil && dir != "." {
		err = fmt.Errorf("%w (in %s)", err, dir)
	}
	return doc, err
}

// The folder as a merge source (merge.Source): new pieces, nothing else.

func (a *articles) Noun() string                  { return "the folder" }
func (a *articles) Items() int                    { return len(a.names) }
func (a *articles) Relations() []storage.Relation { return nil }

func (a *articles) EachPiece(fn func(p merge.Piece) error) error        { return merge.Each(a.pieces, fn) }
func (a *articles) PieceText(id string) (string, error)                 { return a.texts[id], nil }
func (a *articles) Revisions(string) ([]storage.Revision, error)        { return nil, nil }
func (a *articles) EachAnnotation(func(storage.Annotation) error) error { return nil }
func (a *articles) EachClaim(func(storage.Claim) error) error           { return nil }
func (a *articles) EachNote(func(storage.Note) error) error             { return nil }
func (a *articles) EachLink(func(storage.Link) error) error             { return nil }

func (a *articles) Kind(id string) storage.Kind {
	if _, ok := a.texts[id]; ok {
		return storage.KindPiece
	}
	return ""
}

func (a *articles) Outside() []scope.OutsideRef             { return nil }
func (a *articles) LeftOut(string) (scope.OutsideRef, bool) { return scope.OutsideRef{}, false }
