package bundle

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/textnorm"
)

// Reading the items of a checked bundle as store records. The same
// functions check the bundle in Open and read it for the merge, so what
// was checked is what is imported.

func pieceFile(id string) string { return PiecesDir + id + ".md" }
func noteFile(id string) string  { return NotesDir + id + ".md" }
func revisionFile(piece string, n int) string {
	return RevisionsDir + piece + "/" + strconv.Itoa(n) + ".md"
}

// piece reads a piece of the bundle: its record (Hash is its text's
// SHA-256) and its text.
func (b *Bundle) piece(id string) (storage.Piece, string, error) {
	name := pieceFile(id)
	data, err := b.readAll(name)
	if err != nil {
		return storage.Piece{}, "", err
	}
	if info := b.pieces[id]; info != nil && info.record.ID == id {
		// Verified already, and readAll checked the bytes are the same.
		rest := data[len(frontOpen):] // as readFront splits it
		end := bytes.Index(rest, frontClose)
		p := info.record
		p.Authors, p.Tags = slices.Clone(p.Authors), slices.Clone(p.Tags)
		return p, string(rest[end+len(frontClose):]), nil
	}
	return parsePiece(name, id, data)
}

// pieceRecord is a piece's record without its text, and its file's size:
// from what verifying the bundle read, or from the file.
func (b *Bundle) pieceRecord(id string) (storage.Piece, int64, error) {
	if info := b.pieces[id]; info != nil && info.record.ID == id {
		p := info.record
		p.Authors, p.Tags = slices.Clone(p.Authors), slices.Clone(p.Tags)
		return p, int64(b.listed[pieceFile(id)].Size), nil
	}
	p, text, err := b.piece(id)
	return p, int64(len(text)), err
}

func parsePiece(name, id string, data []byte) (storage.Piece, string, error) {
	var f PieceFront
	text, err := readFront(name, data, &f)
	if err != nil {
		return storage.Piece{}, "", err
	}
	switch {
	case f.ID != id:
		return storage.Piece{}, "", refuse("%s says its id is %q", name, clip(f.ID))
	case f.Revision < 1:
		return storage.Piece{}, "", refuse("piece %s has revision %d; revisions count from 1", id, f.Revision)
	case text == "" && f.Format != storage.FormatRef: // a bibliographic piece has none yet
		return storage.Piece{}, "", refuse("piece %s has no text", id)
	case merge.TextHash(text) != f.Hash:
		return storage.Piece{}, "", refuse("the text of piece %s does not match the hash in its front matter", id)
	case textnorm.Normalize(text) != text:
		return storage.Piece{}, "", refuse("the text of piece %s is not normalised plain text, so its annotations' offsets cannot be trusted", id)
	case f.Published != "" && !storage.ValidPublished(f.Published):
		return storage.Piece{}, "", refuse("piece %s has the date %q, not YYYY-MM-DD, YYYY-MM or YYYY", id, clip(f.Published))
	case f.URL != "" && !storage.ValidURL(f.URL):
		return storage.Piece{}, "", refuse("piece %s has the URL %q, which is not a web address (http or https)", id, clip(f.URL))
	case f.Accessed != "" && !storage.ValidPublished(f.Accessed):
		return storage.Piece{}, "", refuse("piece %s was accessed on %q, not a date YYYY-MM-DD", id, clip(f.Accessed))
	}
	if err := storage.CheckPages(f.Pages, utf8.RuneCountInString(text)); err != nil {
		return storage.Piece{}, "", refuse("piece %s has page starts that do not fit its text: %v", id, err)
	}
	doi, ok := storage.CleanDOI(f.DOI)
	if f.DOI != "" && (!ok || doi != f.DOI) {
		return storage.Piece{}, "", refuse("piece %s has the DOI %q, not one of the form 10.NNNN/…", id, clip(f.DOI))
	}
	p := storage.Piece{ID: id, Title: f.Title, Authors: f.Authors, Outlet: f.Outlet, Published: f.Published,
		URL: f.URL, Accessed: f.Accessed, DOI: doi, Pages: f.Pages, Tags: f.Tags, Format: f.Format, Hash: f.Hash, Revision: f.Revision,
		Created: f.Created.UTC(), Updated: f.Updated.UTC()}
	return p, text, nil
}

// Revisions reads the earlier texts of a piece that the bundle holds
// (those its annotations are anchored to), oldest first.
func (b *Bundle) Revisions(pieceID string) ([]storage.Revision, error) {
	info := b.pieces[pieceID]
	if info == nil {
		return nil, nil
	}
	nums := make([]int, 0, len(info.revs))
	for n := range info.revs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	var out []storage.Revision
	for _, n := range nums {
		name := revisionFile(pieceID, n)
		data, err := b.readAll(name)
		if err != nil {
			return nil, err
		}
		r, err := parseRevision(name, pieceID, n, data)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func parseRevision(name, piece string, n int, data []byte) (storage.Revision, error) {
	var f RevisionFront
	text, err := readFront(name, data, &f)
	if err != nil {
		return storage.Revision{}, err
	}
	switch {
	case f.Piece != piece || f.Number != n:
		return storage.Revision{}, refuse("%s says it is revision %d of piece %q", name, f.Number, clip(f.Piece))
	case text == "":
		return storage.Revision{}, refuse("%s has no text", name)
	case merge.TextHash(text) != f.Hash:
		return storage.Revision{}, refuse("the text of %s does not match the hash in its front matter", name)
	case textnorm.Normalize(text) != text:
		return storage.Revision{}, refuse("the text of %s is not normalised plain text", name)
	}
	return storage.Revision{PieceID: piece, Number: n, Hash: f.Hash, Text: text, Replaced: f.Replaced.UTC()}, nil
}

// note reads a note of the bundle.
func (b *Bundle) note(id string) (storage.Note, error) {
	name := noteFile(id)
	data, err := b.readAll(name)
	if err != nil {
		return storage.Note{}, err
	}
	return parseNote(name, id, data)
}

func parseNote(name, id string, data []byte) (storage.Note, error) {
	var f NoteFront
	body, err := readFront(name, data, &f)
	if err != nil {
		return storage.Note{}, err
	}
	switch {
	case f.ID != id:
		return storage.Note{}, refuse("%s says its id is %q", name, clip(f.ID))
	case strings.TrimSpace(f.Title) == "" && strings.TrimSpace(body) == "":
		return storage.Note{}, refuse("note %s is empty", id)
	case f.Attached != "" && !storage.ValidID(f.Attached):
		return storage.Note{}, refuse("note %s is attached to %q, which is not an item id", id, clip(f.Attached))
	case f.Attached == id:
		return storage.Note{}, refuse("note %s is attached to itself", id)
	}
	return storage.Note{ID: id, Title: f.Title, Body: body, Tags: f.Tags, Place: f.Place, Attached: f.Attached,
		Created: f.Created.UTC(), Updated: f.Updated.UTC()}, nil
}

// eachLD reads annotations.jsonld item by item: passages, then links.
func (b *Bundle) eachLD(fn func(a *storage.Annotation, l *storage.Link) error) error {
	return b.stream(AnnotationsFile, func(rr *recordReader) error {
		return readCollection(rr, func(ld *ldAnnotation) error {
			a, l, err := fromLD(*ld)
			if err != nil {
				return refuse("%s: %v", AnnotationsFile, err)
			}
			return fn(a, l)
		})
	})
}

// EachAnnotation calls fn with every passage of the bundle, grouped by
// piece (pieces in id order), in id order within a piece: once the bundle
// is checked, the passages as checking decoded them.
func (b *Bundle) EachAnnotation(fn func(a storage.Annotation) error) error {
	if b.checked && b.passages.usable() {
		return b.passages.each(fn)
	}
	return b.eachLD(func(a *storage.Annotation, _ *storage.Link) error {
		if a == nil {
			return nil
		}
		return fn(*a)
	})
}

// readCollection walks the AnnotationCollection, checking its frame, and
// hands over each item.
func readCollection(rr *recordReader, fn func(ld *ldAnnotation) error) error {
	if err := rr.delim('{', "an AnnotationCollection object"); err != nil {
		return err
	}
	var typ string
	var total, items = -1, 0
	seen := map[string]bool{}
	for {
		k, ok, err := rr.key()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if seen[k] {
			return refuse("%s has the field %q twice", rr.name, clip(k))
		}
		seen[k] = true
		switch k {
		case "@context":
			var ctx []json.RawMessage
			if err := rr.decode(&ctx); err != nil {
				return err
			}
			if err := checkContext(ctx); err != nil {
				return refuse("%s: %v", rr.name, err)
			}
		case "id":
			var id string
			if err := rr.decode(&id); err != nil {
				return err
			}
			if _, err := idFromURN("the collection's id", id); err != nil {
				return refuse("%s: %v", rr.name, err)
			}
		case "type":
			if err := rr.decode(&typ); err != nil {
				return err
			}
		case "label":
			var label string
			if err := rr.decode(&label); err != nil {
				return err
			}
		case "total":
			if err := rr.decode(&total); err != nil {
				return err
			}
		case "first":
			n, err := readPage(rr, fn)
			if err != nil {
				return err
			}
			items = n
		default:
			return refuse("%s has a field Commonplace does not know: %q", rr.name, clip(k))
		}
	}
	switch {
	case !seen["@context"]:
		return refuse("%s has no @context", rr.name)
	case typ != TypeCollection:
		return refuse("%s is not an AnnotationCollection", rr.name)
	case !seen["first"]:
		return refuse("%s has no first page of annotations", rr.name)
	case total != items:
		return refuse("%s says it holds %d annotations but holds %d", rr.name, total, items)
	}
	return rr.end()
}

func readPage(rr *recordReader, fn func(ld *ldAnnotation) error) (int, error) {
	if err := rr.delim('{', "an AnnotationPage object"); err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	n := 0
	for {
		k, ok, err := rr.key()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		if seen[k] {
			return 0, refuse("%s: the page has the field %q twice", rr.name, clip(k))
		}
		seen[k] = true
		switch k {
		case "id":
			var id string
			if err := rr.decode(&id); err != nil {
				return 0, err
			}
			if _, err := idFromURN("the page's id", id); err != nil {
				return 0, refuse("%s: %v", rr.name, err)
			}
		case "type":
			var typ string
			if err := rr.decode(&typ); err != nil {
				return 0, err
			}
			if typ != TypePage {
				return 0, refuse("%s: the first page is not an AnnotationPage", rr.name)
			}
		case "startIndex":
			var i int
			if err := rr.decode(&i); err != nil {
				return 0, err
			}
			if i != 0 {
				return 0, refuse("%s: the first page must start at 0", rr.name)
			}
		case "items":
			if err := rr.delim('[', "a list of annotations"); err != nil {
				return 0, err
			}
			for {
				rr.allow()
				if !rr.dec.More() {
					break
				}
				var ld ldAnnotation
				if err := rr.decode(&ld); err != nil {
					return 0, err
				}
				n++
				if err := fn(&ld); err != nil {
					return 0, err
				}
			}
			if err := rr.delim(']', "the end of the list of annotations"); err != nil {
				return 0, err
			}
		default:
			return 0, refuse("%s: the page has a field Commonplace does not know: %q", rr.name, clip(k))
		}
	}
	if !seen["type"] || !seen["items"] {
		return 0, refuse("%s: the first page needs a type and items", rr.name)
	}
	return n, nil
}

// checkContext accepts the W3C context with our prefix bound to our
// namespace, in that order.
func checkContext(ctx []json.RawMessage) error {
	var w3c string
	var ours map[string]string
	if len(ctx) != 2 || json.Unmarshal(ctx[0], &w3c) != nil || json.Unmarshal(ctx[1], &ours) != nil ||
		w3c != W3CContext || len(ours) != 1 || ours[CPPrefix] != CPNS {
		return refuse("its @context must be the W3C annotation context and the cp: prefix")
	}
	return nil
}

// EachClaim calls fn with every claim of the bundle.
func (b *Bundle) EachClaim(fn func(c storage.Claim) error) error {
	return b.stream(ClaimsFile, func(rr *recordReader) error {
		return eachInArray(rr, func(c *storage.Claim) error {
			if err := checkClaim(c); err != nil {
				return err
			}
			return fn(*c)
		})
	})
}

func checkClaim(c *storage.Claim) error {
	if !storage.ValidID(c.ID) {
		return refuse("%s holds a claim whose id %q is not a UUID", ClaimsFile, clip(c.ID))
	}
	if strings.TrimSpace(c.Statement) == "" {
		return refuse("claim %s has no statement", c.ID)
	}
	for i, ev := range c.Evidence {
		if !storage.ValidID(ev) {
			return refuse("claim %s cites %q, which is not an item id", c.ID, clip(ev))
		}
		if slices.Contains(c.Evidence[:i], ev) {
			return refuse("claim %s cites %s twice", c.ID, ev)
		}
	}
	c.V, c.Created, c.Updated = 0, c.Created.UTC(), c.Updated.UTC()
	return nil
}

// EachLink calls fn with every link of the bundle (from links.json).
func (b *Bundle) EachLink(fn func(l storage.Link) error) error {
	return b.stream(LinksFile, func(rr *recordReader) error {
		return eachInArray(rr, func(l *storage.Link) error {
			if err := checkLink(l); err != nil {
				return err
			}
			return fn(*l)
		})
	})
}

func checkLink(l *storage.Link) error {
	switch {
	case !storage.ValidID(l.ID):
		return refuse("%s holds a link whose id %q is not a UUID", LinksFile, clip(l.ID))
	case !storage.ValidID(l.From) || !storage.ValidID(l.To):
		return refuse("link %s does not join two item ids", l.ID)
	case l.From == l.To:
		return refuse("link %s joins an item to itself", l.ID)
	case !storage.ValidRelationName(l.Rel):
		return refuse("link %s has the relation %q, which is not a relation name", l.ID, clip(l.Rel))
	case l.Strength < storage.StrengthUnset || l.Strength > storage.StrengthStrong:
		return refuse("link %s has the strength %d; strengths are 0 to 3", l.ID, l.Strength)
	case !linkable(l.FromKind) || !linkable(l.ToKind):
		return refuse("link %s joins kinds of item a link cannot join", l.ID)
	}
	l.V, l.Created, l.Updated = 0, l.Created.UTC(), l.Updated.UTC()
	return nil
}

func linkable(k storage.Kind) bool {
	return k == storage.KindPiece || k == storage.KindAnnotation || k == storage.KindClaim || k == storage.KindNote
}

// Relations lists the notebook's own relations the bundle carries.
func (b *Bundle) Relations() []storage.Relation {
	out := make([]storage.Relation, 0, len(b.rels))
	for _, r := range b.rels {
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y storage.Relation) int { return strings.Compare(x.Name, y.Name) })
	return out
}

func (b *Bundle) readRelations() error {
	return b.stream(RelationsFile, func(rr *recordReader) error {
		return eachInArray(rr, func(r *storage.Relation) error {
			if !storage.ValidRelationName(r.Name) {
				return refuse("%s holds %q, which is not a relation name", RelationsFile, clip(r.Name))
			}
			if _, dup := b.rels[r.Name]; dup {
				return refuse("%s holds the relation %q twice", RelationsFile, r.Name)
			}
			if len(b.rels) >= b.lim.items {
				return refuse("%s holds too many relations", RelationsFile)
			}
			r.Custom = true
			b.rels[r.Name] = *r
			return nil
		})
	})
}
