package markdown

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/report"
	"commonplace/storage/bundle/scope"
)

// Export writes what sel picked out of the notebook as a Markdown
// folder at dir, which must be new or empty. The folder
// is written beside dir under a temporary name and renamed into place
// when complete, so dir never holds half an export. Like a bundle export,
// it records each item's hash as its sync base, so that importing the
// folder back after editing it elsewhere tells their changes from ours.
func Export(s *storage.Store, sel *scope.Selection, dir string) (scope.Counts, error) {
	defer longrun.CollectSooner()()
	dir, err := filepath.Abs(dir)
	if err != nil {
		return scope.Counts{}, err
	}
	replace, err := checkTarget(dir)
	if err != nil {
		return scope.Counts{}, err
	}
	storage.DropStalePartials(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-", "")
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return scope.Counts{}, cannotWrite(dir, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	x, err := newExporter(s, sel, tmp)
	if err != nil {
		return scope.Counts{}, err
	}
	if err := x.write(); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.HasPrefix(pe.Path, tmp+string(filepath.Separator)) {
			return scope.Counts{}, cannotWrite(dir, err) // the disk filled up, a size limit was reached
		}
		return scope.Counts{}, err
	}
	if replace {
		// dir is an empty folder (checked above): make way for the new one.
		if err := os.Remove(dir); err != nil {
			return scope.Counts{}, fmt.Errorf("cannot replace the empty folder %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return scope.Counts{}, fmt.Errorf("cannot put the Markdown folder in place: %w", err)
	}
	done = true
	if err := s.RecordSyncBases(x.hashes); err != nil {
		return x.counts, fmt.Errorf("the folder was written, but the notebook could not note what it exported: %w", err)
	}
	return x.counts, nil
}

// cannotWrite says why the Markdown folder could not be written to dir,
// naming dir rather than the temporary folder it was being written into.
func cannotWrite(dir string, err error) error {
	return storage.FileError("cannot write the Markdown folder "+dir, err)
}

// checkTarget accepts a folder that does not exist yet (its parent
// must: making the temporary folder beside it says so if not) or an
// empty one, reporting whether there is one to replace.
func checkTarget(dir string) (bool, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("%s is a file; choose a new or empty folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) > 0 {
		return false, fmt.Errorf("%s is not empty; choose a new or empty folder", dir)
	}
	return true, nil
}

// exporter writes one Markdown folder.
type exporter struct {
	s      *storage.Store
	sel    *scope.Selection
	root   string
	links  map[string][]scope.LinkEnd  // by item
	rels   map[string]storage.Relation // by name
	counts scope.Counts
	hashes map[string]string // sync bases to record

	// What other files need to link to an item, worked out before any
	// file is written: file names, block ids and short labels.
	names   *fileNames
	file    map[string]string // piece, claim or note id → file name without .md
	label   map[string]string // item id → words for a link to it
	block   map[string]string // passage id → block id
	pieceOf map[string]string // passage id → piece id
	claims  map[string]bool
	notes   map[string]bool
	outside map[string]scope.OutsideRef
	citing  map[string][]string // passage id → claims it is evidence for
}

func newExporter(s *storage.Store, sel *scope.Selection, root string) (*exporter, error) {
	links, err := sel.LinkEnds(s, sel.Outside)
	if err != nil {
		return nil, err
	}
	rels, err := s.Relations()
	if err != nil {
		return nil, err
	}
	x := &exporter{s: s, sel: sel, root: root, links: links, rels: map[string]storage.Relation{}, hashes: map[string]string{}, names: newFileNames(),
		file: map[string]string{}, label: map[string]string{}, block: map[string]string{}, pieceOf: map[string]string{},
		claims: map[string]bool{}, notes: map[string]bool{}, outside: map[string]scope.OutsideRef{}, citing: map[string][]string{}}
	for _, r := range rels {
		x.rels[r.Name] = r
	}
	for _, o := range sel.Outside {
		x.outside[o.ID] = o
	}
	return x, x.plan()
}

// plan names every file and passage, reading records but no texts.
func (x *exporter) plan() error {
	for _, id := range x.sel.Pieces {
		p, err := x.s.Piece(id)
		if err != nil {
			return err
		}
		x.file[id], x.label[id] = x.names.name(p.Title, id), alias(p.Title, 80)
		anns, err := x.s.AnnotationsOf(id)
		if err != nil {
			return err
		}
		used := map[string]bool{}
		for _, a := range anns {
			b := blockPrefix + shortID(a.ID, shortIDLen)
			if used[b] {
				b = blockPrefix + shortID(a.ID, 32)
			}
			used[b] = true
			x.block[a.ID], x.pieceOf[a.ID], x.label[a.ID] = b, id, "“"+alias(a.Selector.Exact, 60)+"”"
		}
	}
	for _, id := range x.sel.Claims {
		c, err := x.s.Claim(id)
		if err != nil {
			return err
		}
		x.claims[id] = true
		x.file[id], x.label[id] = x.names.name(c.Statement, id), alias(c.Statement, 80)
		for _, ev := range c.Evidence {
			x.citing[ev] = append(x.citing[ev], id)
		}
	}
	for _, id := range x.sel.Notes {
		n, err := x.s.Note(id)
		if err != nil {
			return err
		}
		x.notes[id] = true
		title := report.NoteTitle(n)
		x.file[id], x.label[id] = x.names.name(title, id), alias(title, 80)
	}
	return nil
}

func (x *exporter) write() error {
	if err := os.MkdirAll(filepath.Join(x.root, claimsDir), 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(x.root, notesDir), 0o755); err != nil {
		return err
	}
	for _, id := range x.sel.Pieces {
		if err := x.writePiece(id); err != nil {
			return fmt.Errorf("piece %s: %w", id, err)
		}
	}
	for _, id := range x.sel.Claims {
		if err := x.writeClaim(id); err != nil {
			return fmt.Errorf("claim %s: %w", id, err)
		}
	}
	for _, id := range x.sel.Notes {
		if err := x.writeNote(id); err != nil {
			return fmt.Errorf("note %s: %w", id, err)
		}
	}
	return x.writeManifest()
}

// wikilink is a link to an item of the folder: a file, or a passage's
// block in its piece's file.
func (x *exporter) wikilink(id string) string {
	if piece, ok := x.pieceOf[id]; ok {
		return "[[" + x.file[piece] + "#^" + x.block[id] + "|" + x.label[id] + "]]"
	}
	return "[[" + x.file[id] + "|" + x.label[id] + "]]"
}

// linksFrom lists the link records a file carries: those leaving any of
// ids (a piece and its passages, or one claim or note) to items in the
// folder. Links to items left out are not carried, as in a bundle.
func (x *exporter) linksFrom(ids ...string) []linkFront {
	var out []linkFront
	for _, id := range ids {
		for _, e := range x.links[id] {
			if e.Out && e.Outside == nil {
				out = append(out, toLinkFront(e.Link))
				x.hashes[e.Link.ID] = merge.LinkHash(e.Link)
				x.counts.Links++
			}
		}
	}
	slices.SortFunc(out, func(a, b linkFront) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// linkLines shows an item's links, both ways, as list items with the
// relation written out: "supports [[…]]", "supported by [[…]]".
func (x *exporter) linkLines(id string) []string {
	var out []string
	for _, c := range x.citing[id] {
		out = append(out, "*evidence for* "+x.wikilink(c))
	}
	for _, e := range x.links[id] {
		rel, ok := x.rels[e.Link.Rel]
		if !ok {
			rel = storage.Relation{Label: e.Link.Rel, Inverse: e.Link.Rel + " (inverse)"}
		}
		other, words := e.Link.To, rel.Label
		if !e.Out {
			other, words = e.Link.From, rel.Inverse
		}
		line := "*" + words + "* "
		if e.Outside != nil {
			line += "“" + alias(e.Outside.Title, 80) + "” " + notInFolder
		} else {
			line += x.wikilink(other)
		}
		if e.Link.Strength > 0 && e.Link.Strength < len(storage.StrengthNames) {
			line += " (" + storage.StrengthNames[e.Link.Strength] + ")"
		}
		if e.Link.Note != "" {
			line += " — " + escapeHTML(oneLine(e.Link.Note))
		}
		out = append(out, line)
	}
	return out
}

// writeFile writes one file of the folder; rel is slash-separated.
func (x *exporter) writeFile(rel string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return fmt.Errorf("refusing to write %q outside the folder", rel)
	}
	path := filepath.Join(x.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func (x *exporter) writeManifest() error {
	m := manifest{Format: FormatName, Version: FormatVersion, App: bundle.AppName, Created: time.Now().UTC().Truncate(time.Second),
		Scope: x.sel.Scope.String(), Counts: x.counts}
	used := map[string]bool{}
	for _, es := range x.links {
		for _, e := range es {
			used[e.Link.Rel] = true
		}
	}
	rels, err := x.s.Relations()
	if err != nil {
		return err
	}
	for _, r := range rels {
		if r.Custom && used[r.Name] {
			m.Relations = append(m.Relations, r)
		}
	}
	m.Outside = x.sel.Outside
	data, err := frontMatter(m)
	if err != nil {
		return err
	}
	// The manifest is all YAML; the front matter fences stay off.
	data = []byte(strings.TrimSuffix(strings.TrimPrefix(string(data), frontMatterSep+"\n"), frontMatterSep+"\n"))
	return x.writeFile(manifestFile, data)
}
