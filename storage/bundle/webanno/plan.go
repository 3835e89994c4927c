package webanno

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/textnorm"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// A Web Annotation file becomes pieces, passages and links with ids
// derived from the file rather than drawn at random, so that importing
// the same files again finds every item already here and changes
// nothing (the merge compares content hashes, see hash.go):
//
//	piece       uuid5(ns, "piece\x00" + the source that names its text, else its file name)
//	passage     uuid5(ns, "annotation\x00" + source + "\x00" + the annotation's id,
//	                  or "#<n>\x00<quote>" when it has none)
//	link        uuid5(ns, "link\x00" + the linking annotation's id, or "#<n>")
//
// Times come from created and modified when the file gives them. When it
// does not, the time of an item already here with that id is kept, else
// the time of the import: the hashes include Created, and a fixed made-up
// date would show in the library as nonsense.

// idNamespace is the namespace of the derived ids.
var idNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte(bundle.CPNS+"web-annotation"))

func derivedID(parts ...string) string {
	return uuid.NewSHA1(idNamespace, []byte(strings.Join(parts, "\x00"))).String()
}

// importPlan is what a Web Annotation file and its texts make: records as the
// store will hold them, with the texts in memory.
type importPlan struct {
	pieces []merge.Piece
	texts  map[string]string    // by piece id
	anns   []storage.Annotation // grouped by piece
	links  []storage.Link
	rels   []storage.Relation       // the notebook's own relations the links use
	kinds  map[string]storage.Kind  // every item of the plan
	status map[string]anchor.Status // by passage id: how it was found in its text
	skips  []merge.Item             // annotations not imported, with why
}

// makePlan matches the annotations to the texts and anchors
// every passage, reading the notebook only for the times of items it
// already holds.
func makePlan(s *storage.Store, items []*item, texts []Text, file string) (*importPlan, error) {
	if err := checkTexts(texts); err != nil {
		return nil, err
	}
	if err := checkIDs(items, file); err != nil {
		return nil, err
	}
	var sources []string
	for _, it := range items {
		if it.passage() && !slices.Contains(sources, it.source) {
			sources = append(sources, it.source)
		}
	}
	slices.Sort(sources)
	match, err := matchSources(sources, texts, file)
	if err != nil {
		return nil, err
	}
	pl := &importPlan{texts: map[string]string{}, kinds: map[string]storage.Kind{}, status: map[string]anchor.Status{}}
	now := time.Now().UTC()
	if err := pl.addPieces(s, texts, sources, match, now); err != nil {
		return nil, err
	}
	passages := map[string]string{} // an annotation's id as written → the passage's
	docs := make([]*anchor.Text, len(texts))
	for _, it := range items {
		if !it.passage() {
			continue
		}
		i := match[it.source]
		if docs[i] == nil {
			docs[i] = anchor.NewText(pl.texts[pl.pieces[i].ID])
		}
		a, why := anchorPassage(docs[i], it)
		if why != "" {
			it.skip = why
			continue
		}
		key := it.id
		if key == "" {
			key = fmt.Sprintf("#%d\x00%s", it.index, a.Selector.Exact)
		}
		a.ID, a.PieceID = derivedID("annotation", it.source, key), pl.pieces[i].ID
		a.Note, a.Tags, a.Color = strings.Join(it.notes, "\n\n"), storage.NormalizeTags(it.tags), storage.DefaultColor
		if c := strings.ToLower(strings.TrimSpace(it.color)); slices.Contains(storage.Colors, c) {
			a.Color = c
		}
		old := func() (time.Time, error) { o, err := s.Annotation(a.ID); return o.Created, err }
		if a.Created, a.Updated, err = itemTimes(it, old, now); err != nil {
			return nil, err
		}
		pl.anns = append(pl.anns, a)
		pl.kinds[a.ID] = storage.KindAnnotation
		pl.status[a.ID] = a.Status
		if it.id != "" {
			passages[it.id] = a.ID
		}
	}
	for _, it := range items {
		if it.skip == "" && it.linking() {
			if err := pl.addLink(s, it, passages, now); err != nil {
				return nil, err
			}
		}
	}
	for _, it := range items {
		if it.skip != "" {
			pl.skips = append(pl.skips, it.skipped())
		}
	}
	// The merge takes passages grouped by piece.
	slices.SortStableFunc(pl.anns, func(x, y storage.Annotation) int { return strings.Compare(x.PieceID, y.PieceID) })
	return pl, nil
}

// checkTexts refuses texts that cannot be told apart or hold nothing.
func checkTexts(texts []Text) error {
	if len(texts) > MaxTexts {
		return refuse("%d texts were given; an import takes at most %d", len(texts), MaxTexts)
	}
	names := map[string]bool{}
	for i, t := range texts {
		name := strings.ToLower(filepath.Base(t.Name))
		switch {
		case strings.TrimSpace(t.Name) == "":
			return refuse("text %d has no file name", i+1)
		case names[name]:
			return refuse("two of the texts are called %q; annotations could not tell them apart", clip(filepath.Base(t.Name)))
		case strings.TrimSpace(t.Doc.Text) == "":
			return refuse("%s has no text", clip(t.Name))
		}
		names[name] = true
	}
	return nil
}

// checkIDs refuses a file that gives two annotations the same id: which
// one a link or a later import means could not be told.
func checkIDs(items []*item, file string) error {
	seen := map[string]int{}
	for _, it := range items {
		if it.id == "" {
			continue
		}
		if first, dup := seen[it.id]; dup {
			return refuse("%s: annotations %d and %d have the same id %q", file, first, it.index, clip(it.id))
		}
		seen[it.id] = it.index
	}
	return nil
}

// linking reports an annotation that links two things rather than marks
// a passage.
func (it *item) linking() bool { return hasTerm(it.motivation, bundle.MotivationLinking) }

// passage reports an annotation to import as a passage, deciding (and
// noting why) when it cannot be one.
func (it *item) passage() bool {
	if it.skip != "" || it.linking() {
		return false
	}
	if it.quote != nil {
		q := it.quote
		q.exact, q.prefix, q.suffix = cleanQuote(q.exact), cleanQuote(q.prefix), cleanQuote(q.suffix)
		if strings.TrimSpace(q.exact) == "" {
			it.quote = nil
		}
	}
	switch {
	case it.source == "" && it.targetIRI != "":
		it.skip = fmt.Sprintf("it is about the whole of %q, not a passage", clip(it.targetIRI))
	case it.source == "":
		it.skip = "its target names nothing"
	case it.quote == nil && it.pos == nil:
		it.skip = "its target has no TextQuoteSelector or TextPositionSelector (with words)"
	}
	return it.skip == ""
}

// cleanQuote brings a quote to the form of the texts (valid UTF-8, NFC),
// without the layout rules, which would trim its edges.
func cleanQuote(s string) string {
	return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
}

// addPieces makes one piece of every text, annotated or not.
func (pl *importPlan) addPieces(s *storage.Store, texts []Text, sources []string, match map[string]int, now time.Time) error {
	keys := make([]string, len(texts))
	for _, src := range sources { // sorted: a text named by two sources takes the first
		if i := match[src]; keys[i] == "" {
			keys[i] = src
		}
	}
	for i, t := range texts {
		if keys[i] == "" {
			keys[i] = filepath.Base(t.Name)
		}
		d := t.Doc
		text := textnorm.Normalize(d.Text)
		p := storage.Piece{ID: derivedID("piece", keys[i]), Title: d.Title, Authors: d.Authors, Outlet: d.Outlet,
			Published: d.Published, URL: d.URL, Tags: d.Tags, Format: d.Format, Hash: merge.TextHash(text),
			Revision: pieceRev, Created: now}
		if strings.TrimSpace(p.Title) == "" {
			p.Title = filepath.Base(t.Name)
		}
		if err := storage.CleanPiece(&p); err != nil {
			return refuse("%s: %v", clip(t.Name), err)
		}
		if old, err := s.Piece(p.ID); err == nil {
			p.Created = old.Created
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		p.Updated = p.Created
		pl.pieces = append(pl.pieces, merge.Piece{Piece: p, PlacedOn: p.Hash, Size: int64(len(text))})
		pl.texts[p.ID], pl.kinds[p.ID] = text, storage.KindPiece
	}
	return nil
}

// itemTimes is an annotation's created and modified times: the file's,
// else the time of the item already here, else now.
func itemTimes(it *item, old func() (time.Time, error), now time.Time) (created, updated time.Time, err error) {
	created = it.created
	if created.IsZero() {
		created = now
		if t, err := old(); err == nil {
			created = t
		} else if !errors.Is(err, storage.ErrNotFound) {
			return created, created, err
		}
	}
	updated = created
	if it.modified.After(created) {
		updated = it.modified
	}
	return created, updated, nil
}

// addLink turns a linking annotation between two passages of the file
// into a link, when it says how they relate (cp:relation, as Commonplace
// writes it) in a relation the notebook knows.
func (pl *importPlan) addLink(s *storage.Store, it *item, passages map[string]string, now time.Time) error {
	var to string
	if len(it.iris) > 0 {
		to = it.iris[0]
	}
	from, okFrom := passages[it.targetIRI]
	toID, okTo := passages[to]
	switch {
	case it.targetIRI == "" || to == "":
		it.skip = "a linking annotation needs a target and a body naming what it links"
		return nil
	case !okFrom || !okTo:
		it.skip = "it links something other than two passages of this file"
		return nil
	case from == toID:
		it.skip = "it links a passage to itself"
		return nil
	case it.relation == "":
		it.skip = "it does not say how the passages relate (cp:relation)"
		return nil
	}
	rel, err := s.Relation(it.relation)
	if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrInvalid) {
		it.skip = fmt.Sprintf("its relation %q is not one of this notebook's", clip(it.relation))
		return nil
	}
	if err != nil {
		return err
	}
	key := it.id
	if key == "" {
		key = fmt.Sprintf("#%d", it.index)
	}
	l := storage.Link{ID: derivedID("link", key), From: from, To: toID, Rel: rel.Name, Note: strings.Join(it.notes, "\n\n"),
		FromKind: storage.KindAnnotation, ToKind: storage.KindAnnotation}
	old := func() (time.Time, error) { o, err := s.Link(l.ID); return o.Created, err }
	if l.Created, l.Updated, err = itemTimes(it, old, now); err != nil {
		return err
	}
	if rel.Custom && !slices.ContainsFunc(pl.rels, func(r storage.Relation) bool { return r.Name == rel.Name }) {
		pl.rels = append(pl.rels, rel)
	}
	pl.links = append(pl.links, l)
	pl.kinds[l.ID] = storage.KindLink
	return nil
}

// skipped describes an annotation left out, for the report.
func (it *item) skipped() merge.Item {
	id := it.id
	if id == "" {
		id = fmt.Sprintf("#%d", it.index)
	}
	title := ""
	switch {
	case it.quote != nil:
		title = it.quote.exact
	case len(it.notes) > 0:
		title = it.notes[0]
	case len(it.tags) > 0:
		title = strings.Join(it.tags, ", ")
	}
	return merge.Item{ID: clip(id), Kind: string(storage.KindAnnotation), Title: storage.Excerpt(title, 80),
		Action: "skip", Why: it.skip}
}
