package markdown

import (
	"commonplace/storage"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// Import brings a Markdown folder, written by Export and perhaps edited
// since, into the notebook through the merge (see merge.Run), as a bundle
// comes in: by id, all or nothing, with conflicts kept. A piece's text edited in the folder comes in as an edit
// of ours, and every passage is found again in the text it will sit on.
//
// The folder is treated as hostile: read through an os.Root, symbolic
// links and special files refused, every file bounded, every front matter
// checked, errors naming the file (errors.Is ErrBadFolder). With
// opt.DryRun it reports what it would do and writes nothing; closing
// opt.Cancel stops it with merge.ErrCancelled, changing nothing.
func Import(s *storage.Store, dir string, opt merge.Options) (merge.Report, error) {
	defer longrun.CollectSooner()()
	f, err := readFolder(dir, opt.Cancel)
	if err != nil {
		return merge.Report{}, err
	}
	defer f.root.Close()
	if opt.Source == "" {
		opt.Source = dir
	}
	rep, err := merge.Run(s, f, opt)
	return rep, merge.RefusedAs(err, ErrBadFolder)
}

// A read folder is a merge source (merge.Source).

// Noun names the folder in the merge's refusals.
func (f *folder) Noun() string { return "the folder" }

func (f *folder) Items() int {
	return len(f.pieces) + len(f.passages) + len(f.claims) + len(f.notes) + len(f.links)
}

// Relations are the notebook's own relations the folder's manifest lists.
func (f *folder) Relations() []storage.Relation {
	if f.manifest == nil {
		return nil
	}
	return f.manifest.Relations
}

func (f *folder) EachPiece(fn func(p merge.Piece) error) error {
	for _, p := range f.pieces {
		if err := fn(p.Piece); err != nil {
			return err
		}
	}
	return nil
}

func (f *folder) PieceText(id string) (string, error) { return f.readText(f.byID[id]) }

func (f *folder) Revisions(pieceID string) ([]storage.Revision, error) { return f.revs[pieceID], nil }

func (f *folder) EachAnnotation(fn func(a storage.Annotation) error) error {
	return merge.Each(f.passages, fn)
}
func (f *folder) EachClaim(fn func(c storage.Claim) error) error { return merge.Each(f.claims, fn) }
func (f *folder) EachNote(fn func(n storage.Note) error) error   { return merge.Each(f.notes, fn) }
func (f *folder) EachLink(fn func(l storage.Link) error) error   { return merge.Each(f.links, fn) }

func (f *folder) Kind(id string) storage.Kind { return f.kinds[id] }

// Outside lists what the folder's manifest says was left out of it.
func (f *folder) Outside() []scope.OutsideRef {
	if f.manifest == nil {
		return nil
	}
	return f.manifest.Outside
}

// LeftOut takes any reference to an item neither the folder nor the
// notebook holds as left out: a folder is edited by hand, and a file
// deleted there is no reason to refuse the rest. It is named as the
// folder's manifest names it, when it does.
func (f *folder) LeftOut(id string) (scope.OutsideRef, bool) {
	for _, o := range f.Outside() {
		if o.ID == id {
			return o, true
		}
	}
	return scope.OutsideRef{ID: id}, true
}
