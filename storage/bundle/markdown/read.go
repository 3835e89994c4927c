package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/textnorm"
)

// ErrBadFolder is behind every refusal of a Markdown folder's content
// (errors.Is); the error's text names the file and what is wrong with it.
var ErrBadFolder = errors.New("this folder is not a valid Commonplace Markdown folder")

func refuse(format string, args ...any) error { return merge.Refuse(ErrBadFolder, format, args...) }

// folder is a Markdown folder as read and checked, its items as store
// records, cleaned as the store will clean them (so that an item touched
// in an editor but not changed compares equal). Piece texts are not kept
// (a folder may be far larger than memory should hold): each is read
// again when merged and checked against the hash taken here.
type folder struct {
	root     *os.Root
	manifest *manifest
	pieces   []*folderPiece
	byID     map[string]*folderPiece
	passages []storage.Annotation // grouped by piece
	claims   []storage.Claim
	notes    []storage.Note
	links    []storage.Link
	revs     map[string][]storage.Revision // by piece id
	files    map[string]string             // item id → file it came from
	kinds    map[string]storage.Kind
}

type folderPiece struct {
	merge.Piece // Hash: the SHA-256 of the text as read, normalised
	file        string
	exported    string // the hash in the front matter: of the text as exported
	passages    []storage.Annotation
}

func newFolder(root *os.Root) *folder {
	return &folder{root: root, byID: map[string]*folderPiece{}, revs: map[string][]storage.Revision{},
		files: map[string]string{}, kinds: map[string]storage.Kind{}}
}

// readFolder walks dir through an os.Root, so no path, link or name in
// it can reach outside, and reads every file that belongs to the format.
// Symbolic links and special files are refused outright; Markdown files
// without our front matter (the researcher's own notes in the same vault)
// and Obsidian's own folders are passed over.
func readFolder(dir string, cancel <-chan struct{}) (*folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the Markdown folder: %w", err)
	}
	f := newFolder(root)
	// The manifest is read first: its format version says how the
	// files' bodies are written (escapedHTML).
	if data, err := readFile(root, manifestFile); err == nil {
		if err := f.add(manifestFile, data); err != nil {
			root.Close()
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		root.Close()
		return nil, err
	}
	var files int
	var total int64
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if longrun.Cancelled(cancel) {
			return merge.ErrCancelled
		}
		if name == "." {
			return nil
		}
		// Every entry counts, read or not: a folder of millions of
		// files is refused before it is walked to the end.
		if files++; files > bundle.MaxFiles {
			return refuse("the folder holds more than %d files", bundle.MaxFiles)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return refuse("%s is a symbolic link; a Markdown folder to import may not hold links", name)
		}
		base := path.Base(name)
		if d.IsDir() {
			if strings.HasPrefix(base, ".") && name != hiddenDir && !strings.HasPrefix(name, hiddenDir+"/") {
				return fs.SkipDir // .obsidian, .trash, .git: not ours
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return refuse("%s is not a regular file", name)
		}
		if strings.HasPrefix(base, ".") || !strings.HasSuffix(base, ".md") && name != manifestFile {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > bundle.MaxFileSize {
			return refuse("%s is larger than %d MB", name, bundle.MaxFileSize>>20)
		}
		if total += info.Size(); total > bundle.MaxTotalSize {
			return refuse("the folder holds more than %d GB", bundle.MaxTotalSize>>30)
		}
		if name == manifestFile {
			return nil // read above
		}
		data, err := readFile(root, name)
		if err != nil {
			return err
		}
		return f.add(name, data)
	})
	if err == nil {
		err = f.checkRevisions()
	}
	if err != nil {
		root.Close()
		return nil, err
	}
	for _, p := range f.pieces {
		f.passages = append(f.passages, p.passages...)
	}
	return f, nil
}

// checkRevisions refuses a piece whose earlier texts are not earlier.
func (f *folder) checkRevisions() error {
	for _, p := range f.pieces {
		for _, r := range f.revs[p.ID] {
			if r.Number >= p.Revision {
				return refuse("%s: the piece is at revision %d, yet the folder holds a revision %d of it", p.file, p.Revision, r.Number)
			}
		}
	}
	return nil
}

// readFile reads a file through the root, bounded even if it grew
// since it was listed.
func readFile(root *os.Root, name string) ([]byte, error) {
	file, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, bundle.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > bundle.MaxFileSize {
		return nil, refuse("%s is larger than %d MB", name, bundle.MaxFileSize>>20)
	}
	return data, nil
}

// add parses one file of the folder.
func (f *folder) add(name string, data []byte) error {
	if name == manifestFile {
		var m manifest
		if err := decodeYAML(data, &m); err != nil {
			return refuse("%s does not parse: %s", name, err)
		}
		if m.Format != FormatName {
			return refuse("%s is not a Commonplace Markdown folder's (format %q)", name, m.Format)
		}
		if m.Version > FormatVersion {
			return refuse("the folder was written by a newer Commonplace (format version %d; this app reads %d)", m.Version, FormatVersion)
		}
		f.manifest = &m
		return nil
	}
	if strings.HasPrefix(name, revisionsDir+"/") {
		return f.addRevision(name, data)
	}
	if strings.HasPrefix(name, hiddenDir+"/") {
		return nil
	}
	front, body, ok, err := splitFront(name, data)
	if err != nil || !ok {
		return err
	}
	var head struct {
		Kind string `yaml:"commonplace"`
		ID   string `yaml:"id"`
	}
	if err := decodeYAML(front, &head); err != nil {
		if !bytes.Contains(front, []byte("commonplace:")) {
			return nil // someone else's front matter, or a rule at the top of a note
		}
		return refuse("the front matter of %s does not parse: %s", name, err)
	}
	if head.Kind == "" {
		return nil // the researcher's own note
	}
	if !storage.ValidID(head.ID) {
		return refuse("%s has the id %q, which is not an item id", name, clip(head.ID))
	}
	if other, dup := f.files[head.ID]; dup {
		return refuse("%s and %s both hold the item %s", other, name, head.ID)
	}
	f.files[head.ID] = name
	switch head.Kind {
	case kindPiece:
		return f.addPiece(name, front, body)
	case kindClaim:
		var c claimFront
		if err := decodeYAML(front, &c); err != nil {
			return refuse("the front matter of %s does not parse: %s", name, err)
		}
		f.kinds[c.ID] = storage.KindClaim
		f.claims = append(f.claims, storage.Claim{ID: c.ID, Statement: strings.TrimSpace(c.Statement), Note: strings.TrimSpace(c.Note),
			Tags: storage.NormalizeTags(c.Tags), Evidence: c.Evidence, Created: c.Created.UTC(), Updated: c.Updated.UTC()})
		f.addLinks(c.Links)
		return nil
	case kindNote:
		var n noteFront
		if err := decodeYAML(front, &n); err != nil {
			return refuse("the front matter of %s does not parse: %s", name, err)
		}
		body, err := between(name, body, bodyStartMark)
		if err != nil {
			return err
		}
		if f.escapedHTML() {
			body = unescapeHTML(body)
		}
		f.kinds[n.ID] = storage.KindNote
		f.notes = append(f.notes, storage.Note{ID: n.ID, Title: oneLine(n.Title), Body: strings.TrimSpace(body),
			Tags: storage.NormalizeTags(n.Tags), Place: oneLine(n.Place), Attached: strings.TrimSpace(n.Attached),
			Created: n.Created.UTC(), Updated: n.Updated.UTC()})
		f.addLinks(n.Links)
		return nil
	}
	return refuse("%s is a Commonplace %q, which this app does not know", name, clip(head.Kind))
}

// addLinks takes the links a file's front matter carries.
func (f *folder) addLinks(links []linkFront) {
	for _, l := range links {
		f.kinds[l.ID] = storage.KindLink
		f.links = append(f.links, l.link())
	}
}

func (f *folder) addPiece(name string, front []byte, body string) error {
	var p pieceFront
	if err := decodeYAML(front, &p); err != nil {
		return refuse("the front matter of %s does not parse: %s", name, err)
	}
	text, err := pieceText(name, body, p.Hash, f.escapedHTML())
	if err != nil {
		return err
	}
	if text == "" {
		return refuse("%s: the piece has no text", name)
	}
	sum := merge.TextHash(text)
	piece := &folderPiece{file: name, exported: p.Hash, Piece: merge.Piece{Piece: storage.Piece{ID: p.ID, Title: p.Title,
		Authors: p.Authors, Outlet: p.Outlet, Published: p.Published, URL: p.URL, Tags: storage.NormalizeTags(p.Tags),
		Format: p.Format, Hash: sum, Revision: max(1, p.Revision), Created: p.Created.UTC(), Updated: p.Updated.UTC()},
		PlacedOn: p.Hash, Size: int64(len(text))}}
	var doc *anchor.Text // the text, when the passages' places are to be checked against it
	if sum == p.Hash {
		doc = anchor.NewText(text)
	}
	for _, fa := range p.Annotations {
		if !storage.ValidID(fa.ID) {
			return refuse("%s has a passage with the id %q, which is not an item id", name, clip(fa.ID))
		}
		if f.kinds[fa.ID] != "" || f.files[fa.ID] != "" && f.files[fa.ID] != name {
			return refuse("the passage %s in %s is in the folder twice", fa.ID, name)
		}
		f.files[fa.ID], f.kinds[fa.ID] = name, storage.KindAnnotation
		a := fa.annotation(p.ID)
		a.Tags = storage.NormalizeTags(a.Tags)
		if doc != nil && !fitsText(doc, a) {
			// A hand-edited front matter put a passage off its text:
			// every passage of the piece is found again in it.
			piece.PlacedOn = ""
		}
		piece.passages = append(piece.passages, a)
	}
	f.kinds[p.ID] = storage.KindPiece
	f.byID[p.ID] = piece
	f.pieces = append(f.pieces, piece)
	f.addLinks(p.Links)
	return nil
}

// fitsText reports whether a passage's record agrees with the text: a
// placed passage's span reads its words, a guess lies inside the text.
func fitsText(doc *anchor.Text, a storage.Annotation) bool {
	n := doc.Len()
	switch a.Status {
	case anchor.Anchored, anchor.Moved:
		s := a.Selector
		return a.Guess == nil && 0 <= s.Start && s.Start < s.End && s.End <= n && doc.Slice(s.Start, s.End) == s.Exact
	case anchor.Review:
		return a.Guess == nil || 0 <= a.Guess.Start && a.Guess.Start < a.Guess.End && a.Guess.End <= n
	case anchor.Orphaned:
		return a.Guess == nil
	}
	return false
}

func (f *folder) addRevision(name string, data []byte) error {
	// .commonplace/revisions/<piece id>/<number>.md
	parts := strings.Split(strings.TrimPrefix(name, revisionsDir+"/"), "/")
	n, err := strconv.Atoi(strings.TrimSuffix(parts[len(parts)-1], ".md"))
	if len(parts) != 2 || !storage.ValidID(parts[0]) || err != nil || n < 1 {
		return nil // not a revision file: leave it be
	}
	front, text, ok, err := splitFront(name, data)
	if err != nil {
		return err
	}
	var r bundle.RevisionFront
	if ok {
		err = decodeYAML(front, &r)
	}
	if !ok || err != nil || r.Piece != parts[0] || r.Number != n {
		return refuse("%s is not the revision its name says", name)
	}
	if merge.TextHash(text) != r.Hash && merge.TextHash(textnorm.Normalize(text)) != r.Hash {
		return refuse("the text of %s does not match its hash", name)
	}
	f.revs[r.Piece] = append(f.revs[r.Piece], storage.Revision{PieceID: r.Piece, Number: n, Hash: r.Hash, Text: textnorm.Normalize(text), Replaced: r.Replaced.UTC()})
	return nil
}

// splitFront splits a file into front matter and body. ok is false for a
// file with no front matter at all, which is not one of ours. A byte
// order mark and Windows line ends, which editors add, are accepted.
func splitFront(name string, data []byte) (front []byte, body string, ok bool, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return nil, "", false, nil
	}
	rest := data[bytes.IndexByte(data, '\n')+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if l := string(bytes.TrimRight(line, "\r")); l == "---" || l == "..." {
			next := len(rest)
			if end >= 0 {
				next = off + end + 1
			}
			return rest[:off], string(rest[next:]), true, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, "", false, refuse("the front matter of %s is not closed by a line of three dashes", name)
}

// pieceText takes a piece's text from between its %% cp:text %% line
// and a %% cp:end %% line. A passage's note could hold such an end line
// too, so the end taken is the first one after which the text matches the
// exported hash — or, when none does (the text was edited), the first.
func pieceText(name, body, hash string, escaped bool) (string, error) {
	lines := strings.SplitAfter(body, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, textStartMark) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return "", refuse("%s has no %q line before the piece's text", name, textStartMark+" … %%")
	}
	first := ""
	found := false
	var text strings.Builder
	for _, l := range lines[start:] {
		if strings.TrimRight(l, "\r\n") == endMark {
			t := strings.TrimSuffix(strings.TrimSuffix(text.String(), "\n"), "\r")
			if escaped {
				t = unescapeHTML(t)
			}
			if !found {
				first, found = t, true
			}
			if merge.TextHash(t) == hash {
				// Normalising leaves an exported text as it was, and
				// keeps a crafted one from bringing in what a piece's
				// text may not hold.
				return textnorm.Normalize(t), nil
			}
		}
		text.WriteString(l)
	}
	if !found {
		return "", refuse("the text of %s is not closed by a %q line", name, endMark)
	}
	return textnorm.Normalize(first), nil
}

// between takes a note's body from between the line starting with mark
// and the last %% cp:end %% line: the body may hold such a line itself,
// and what follows the real one (tags, links) never does.
func between(name, body, mark string) (string, error) {
	i := strings.Index("\n"+body, "\n"+mark)
	if i < 0 {
		return "", refuse("%s has no %q line", name, mark+" … %%")
	}
	rest := body[i:]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", refuse("%s is not closed by a %q line", name, endMark)
	}
	rest = rest[nl+1:]
	at := strings.LastIndex("\n"+rest, "\n"+endMark)
	if at < 0 {
		return "", refuse("%s is not closed by a %q line", name, endMark)
	}
	return strings.TrimRight(strings.ReplaceAll(rest[:max(0, at-1)], "\r\n", "\n"), "\n"), nil
}

// readText reads a piece's text again for the merge and checks it is the
// text checked when the folder was read.
func (f *folder) readText(p *folderPiece) (string, error) {
	data, err := readFile(f.root, p.file)
	if err != nil {
		return "", err
	}
	_, body, _, err := splitFront(p.file, data)
	if err != nil {
		return "", err
	}
	text, err := pieceText(p.file, body, p.exported, f.escapedHTML())
	if err != nil {
		return "", err
	}
	if merge.TextHash(text) != p.Hash {
		return "", refuse("%s changed while it was being imported", p.file)
	}
	return text, nil
}

// escapedHTML reports whether the folder's bodies were written with HTML
// escaped (format version 2 on; a folder without a manifest is taken to
// be as this app writes).
func (f *folder) escapedHTML() bool {
	return f.manifest == nil || f.manifest.Version >= 2
}

// decodeYAML decodes front matter leniently: Obsidian and its plugins add
// properties of their own, which are passed over (bundle.DecodeYAML).
func decodeYAML(src []byte, v any) error {
	if err := bundle.DecodeYAML(src, v, false); err != nil {
		return errors.New(strings.Join(strings.Fields(err.Error()), " "))
	}
	return nil
}

// IsFolder tells whether dir is a Markdown folder Commonplace wrote: it
// holds the folder's manifest (.commonplace/folder.yaml), its marker.
func IsFolder(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(manifestFile)))
	return err == nil && fi.Mode().IsRegular()
}

// clip shortens a hostile string quoted in an error message.
func clip(s string) string { return storage.Excerpt(s, 60) }
