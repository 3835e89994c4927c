package bundle

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"github.com/google/uuid"
)

// exporter writes one bundle. Everything the bundle holds is read in one
// read-only transaction, so a researcher working on while it exports
// cannot produce a bundle whose parts disagree (a passage anchored to a
// text the bundle does not hold). Only the report, written by its own
// code against the store, reads outside it.
type exporter struct {
	s   *storage.Store
	sel *scope.Selection
	opt ExportOptions
	z   *zipWriter
	m   Manifest

	// bases is every item written so far, id → content hash as exported.
	// It is also the set of passages the bundle holds (inAnn): no second
	// set of 500,000 ids beside it for the collector to walk.
	bases       map[string]string
	done, total int

	// What the bundle holds, so every reference in it resolves.
	inPiece, inClaim, inNote map[string]bool
	pieces                   []storage.Piece // written, for references.json
	claims                   []storage.Claim
	notes                    []storage.Note
	links                    []storage.Link
	relations                []storage.Relation
	revs                     map[string][]int // piece → earlier revisions its passages are anchored to
}

func export(s *storage.Store, sel *scope.Selection, w io.Writer, opt ExportOptions) (*Manifest, map[string]string, error) {
	defer longrun.CollectSooner()()
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.App == "" {
		opt.App = AppName
	}
	e := &exporter{s: s, sel: sel, opt: opt, z: newZipWriter(w), bases: map[string]string{},
		inPiece: map[string]bool{}, inClaim: map[string]bool{}, inNote: map[string]bool{},
		revs:  map[string][]int{},
		total: len(sel.Pieces) + len(sel.Annotations) + len(sel.Claims) + len(sel.Links) + len(sel.Notes)}
	e.m = Manifest{Format: FormatName, Version: FormatVersion, App: opt.App, Created: opt.Now().UTC(),
		Scope: sel.Scope.String(), Outside: scope.SortedOutside(sel.Outside)}
	// Read before the transaction: a store call inside it could wait on
	// a Close waiting on the transaction.
	rels, err := s.Relations()
	if err != nil {
		return nil, nil, err
	}
	e.relations = rels
	// The report is most of the work: it renders on the second core while
	// the rest is written. Its header counts the selection.
	report := renderReport(s, sel, e.m)
	err = s.Peek(func(b *storage.Batch) error {
		steps := []func(b *storage.Batch) error{e.load, e.writeAnnotations, e.writePieces, e.writeClaims,
			e.writeLinks, e.writeRelations, e.writeNotes, e.writeReferences}
		for _, step := range steps {
			if err := step(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if err := e.writeReport(report); err != nil {
		return nil, nil, err
	}
	if err := e.writeManifest(); err != nil {
		return nil, nil, err
	}
	if err := e.z.close(); err != nil {
		return nil, nil, err
	}
	if opt.Progress != nil {
		opt.Progress(e.total, e.total)
	}
	return &e.m, e.bases, nil
}

// step counts an item written, reporting progress now and then and
// noticing cancellation.
func (e *exporter) step() error {
	if longrun.Cancelled(e.opt.Cancel) {
		return merge.ErrCancelled
	}
	e.done++
	if e.opt.Progress != nil && (e.done%500 == 0 || e.done == e.total) {
		e.opt.Progress(min(e.done, e.total), e.total)
	}
	return nil
}

// load reads the claims and notes of the selection: the links, written
// first in annotations.jsonld, may point at them. Items deleted since the
// selection was made are left out.
func (e *exporter) load(b *storage.Batch) error {
	for _, id := range sortedIDs(e.sel.Pieces) {
		if b.Has(id) {
			e.inPiece[id] = true
		}
	}
	for _, id := range sortedIDs(e.sel.Claims) {
		c, err := b.Claim(id)
		if err != nil {
			continue
		}
		e.claims = append(e.claims, c)
		e.inClaim[id] = true
	}
	for _, id := range sortedIDs(e.sel.Notes) {
		n, err := b.Note(id)
		if err != nil {
			continue
		}
		e.notes = append(e.notes, n)
		e.inNote[id] = true
	}
	for _, id := range sortedIDs(e.sel.Links) {
		l, err := b.Link(id)
		if err != nil {
			continue
		}
		e.links = append(e.links, l)
	}
	return nil
}

func (e *exporter) has(id string) bool {
	return e.inPiece[id] || e.inAnn(id) || e.inClaim[id] || e.inNote[id]
}

// inAnn tells whether the bundle holds the passage id, asked only of
// what the store lets be a passage (a claim's evidence, a link's end;
// no link joins a link), whose id no other item of the notebook has:
// written, then, is a passage written (see bases).
func (e *exporter) inAnn(id string) bool {
	_, ok := e.bases[id]
	return ok
}

// collectionID names the collection deterministically: the same
// selection exports under the same id.
func (e *exporter) collectionID(part string) string {
	var key strings.Builder
	key.WriteString(CPNS + part + "\x00" + e.m.Scope)
	for _, id := range sortedIDs(e.sel.Pieces) {
		key.WriteString("\x00" + id)
	}
	return urn(uuid.NewSHA1(uuid.NameSpaceURL, []byte(key.String())).String())
}

// writeAnnotations writes annotations.jsonld: passages grouped by piece
// (pieces in id order, passages in id order), then links in id order, one
// per line. The total goes last: it is counted while streaming.
func (e *exporter) writeAnnotations(b *storage.Batch) error {
	w, err := e.z.create(AnnotationsFile)
	if err != nil {
		return err
	}
	head, err := marshalIndentNoEscape(map[string]any{"@context": ldContext()})
	if err != nil {
		return err
	}
	label, _ := marshalNoEscape("Commonplace bundle: " + e.m.Scope)
	w.WriteString(strings.TrimSuffix(string(head), "\n}\n"))
	w.WriteString(",\n  \"id\": \"" + e.collectionID("collection") + "\",\n  \"type\": \"" + TypeCollection +
		"\",\n  \"label\": " + string(label) + ",\n  \"first\": {\n    \"id\": \"" + e.collectionID("page") +
		"\",\n    \"type\": \"" + TypePage + "\",\n    \"startIndex\": 0,\n    \"items\": [")
	n := 0
	item := func(ld ldAnnotation) error {
		line, err := marshalNoEscape(ld)
		if err != nil {
			return err
		}
		if n > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n      ")
		_, err = w.Write(line)
		n++
		return err
	}
	inSel := setOf(e.sel.Annotations)
	// Pieces and passages read in key order, not one Get each (see
	// storage.PieceStream).
	stream := b.PieceStream(func(id string) bool { return inSel[id] })
	defer stream.Close()
	for _, pid := range sortedIDs(e.sel.Pieces) {
		if !e.inPiece[pid] {
			continue
		}
		p, err := stream.Piece(pid)
		if err != nil {
			return err
		}
		anns, err := stream.Annotations(pid) // in id order
		if err != nil {
			return err
		}
		for _, a := range anns {
			if !inSel[a.ID] {
				continue // made after the selection
			}
			if err := e.step(); err != nil {
				return err
			}
			if a.Rev != 0 && a.Rev != p.Revision && !slices.Contains(e.revs[pid], a.Rev) {
				e.revs[pid] = append(e.revs[pid], a.Rev)
			}
			if err := item(annotationLD(a)); err != nil {
				return err
			}
			e.bases[a.ID] = merge.AnnotationHash(a)
			e.m.Counts.Annotations++
		}
	}
	// Links whose ends the bundle holds; Select listed the others as
	// outside references already.
	kept := e.links[:0]
	for _, l := range e.links {
		if !e.has(l.From) || !e.has(l.To) {
			continue
		}
		if err := e.step(); err != nil {
			return err
		}
		if err := item(linkLD(l)); err != nil {
			return err
		}
		kept = append(kept, l)
		e.bases[l.ID] = merge.LinkHash(l)
	}
	e.links = kept
	e.m.Counts.Links = len(kept)
	if n > 0 {
		w.WriteString("\n    ")
	}
	_, err = io.WriteString(w, "]\n  },\n  \"total\": "+strconv.Itoa(n)+"\n}\n")
	return err
}

// writePieces writes pieces/<id>.md and the revisions its passages need.
func (e *exporter) writePieces(b *storage.Batch) error {
	stream := b.PieceStream(nil)
	defer stream.Close()
	for _, pid := range sortedIDs(e.sel.Pieces) {
		if !e.inPiece[pid] {
			continue
		}
		if err := e.step(); err != nil {
			return err
		}
		p, err := stream.Piece(pid)
		if err != nil {
			return err
		}
		text, err := stream.Text(pid)
		if err != nil {
			return err
		}
		data, err := appendFront(PieceFront{ID: p.ID, Title: p.Title, Authors: p.Authors, Outlet: p.Outlet,
			Published: p.Published, URL: p.URL, Accessed: p.Accessed, DOI: p.DOI, Pages: p.Pages, Tags: p.Tags, Format: p.Format, Revision: p.Revision,
			Hash: p.Hash, Created: p.Created.UTC(), Updated: p.Updated.UTC()}, text)
		if err != nil {
			return err
		}
		if err := e.z.writeFile(pieceFile(p.ID), data); err != nil {
			return err
		}
		e.pieces = append(e.pieces, p)
		e.bases[p.ID] = merge.PieceHash(p)
		e.m.Counts.Pieces++
		if len(e.revs[pid]) == 0 {
			continue
		}
		revs, err := b.Revisions(pid)
		if err != nil {
			return err
		}
		for _, r := range revs {
			if !slices.Contains(e.revs[pid], r.Number) {
				continue
			}
			data, err := appendFront(RevisionFront{Piece: pid, Number: r.Number, Hash: r.Hash, Replaced: r.Replaced.UTC()}, r.Text)
			if err != nil {
				return err
			}
			if err := e.z.writeFile(revisionFile(pid, r.Number), data); err != nil {
				return err
			}
			e.m.Counts.Revisions++
		}
	}
	return nil
}

// writeClaims writes claims.json, each claim's evidence limited to the
// passages the bundle holds (Select listed the rest as outside).
func (e *exporter) writeClaims(*storage.Batch) error {
	out := make([]any, 0, len(e.claims))
	for _, c := range e.claims {
		if err := e.step(); err != nil {
			return err
		}
		c.Evidence = slices.DeleteFunc(slices.Clone(c.Evidence), func(id string) bool { return !e.inAnn(id) })
		c.Created, c.Updated = c.Created.UTC(), c.Updated.UTC()
		out = append(out, c)
		e.bases[c.ID] = merge.ClaimHash(c)
	}
	e.m.Counts.Claims = len(out)
	return e.writeJSONList(ClaimsFile, out)
}

func (e *exporter) writeLinks(*storage.Batch) error {
	out := make([]any, 0, len(e.links))
	for _, l := range e.links {
		l.Created, l.Updated = l.Created.UTC(), l.Updated.UTC()
		out = append(out, l)
	}
	return e.writeJSONList(LinksFile, out)
}

// writeRelations writes the notebook's own relations the links use, so
// the colleague's notebook can hold those links.
func (e *exporter) writeRelations(*storage.Batch) error {
	used := map[string]bool{}
	for _, l := range e.links {
		used[l.Rel] = true
	}
	var out []any
	for _, r := range e.relations {
		if r.Custom && used[r.Name] {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y any) int { return strings.Compare(x.(storage.Relation).Name, y.(storage.Relation).Name) })
	return e.writeJSONList(RelationsFile, out)
}

// writeNotes writes notes/<id>.md. An attachment to an item the bundle
// does not hold is left out (Select listed it as outside).
func (e *exporter) writeNotes(*storage.Batch) error {
	for _, n := range e.notes {
		if err := e.step(); err != nil {
			return err
		}
		if n.Attached != "" && !e.has(n.Attached) {
			n.Attached = ""
		}
		data, err := appendFront(NoteFront{ID: n.ID, Title: n.Title, Tags: n.Tags, Place: n.Place,
			Attached: n.Attached, Created: n.Created.UTC(), Updated: n.Updated.UTC()}, n.Body)
		if err != nil {
			return err
		}
		if err := e.z.writeFile(noteFile(n.ID), data); err != nil {
			return err
		}
		e.bases[n.ID] = merge.NoteHash(n)
		e.m.Counts.Notes++
	}
	return nil
}

func (e *exporter) writeReferences(*storage.Batch) error {
	out := make([]any, len(e.pieces))
	for i, p := range e.pieces {
		out[i] = cslItem(p)
	}
	return e.writeJSONList(ReferencesFile, out)
}

// writeReport adds index.html, rendered and compressed by renderReport.
func (e *exporter) writeReport(report <-chan renderedFile) error {
	if longrun.Cancelled(e.opt.Cancel) {
		return merge.ErrCancelled
	}
	r := <-report
	if r.err != nil {
		return r.err
	}
	return e.z.writeRaw(IndexFile, r)
}

func (e *exporter) writeManifest() error {
	if err := e.z.finish(); err != nil {
		return err
	}
	e.m.Files = slices.Clone(e.z.files)
	data, err := marshalIndentNoEscape(e.m)
	if err != nil {
		return err
	}
	return e.z.writeFile(ManifestFile, data)
}

// writeJSONList writes a JSON array with one record per line group, in
// the order given.
func (e *exporter) writeJSONList(name string, items []any) error {
	w, err := e.z.create(name)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		_, err := w.WriteString("[]\n")
		return err
	}
	w.WriteString("[")
	for i, it := range items {
		data, err := marshalIndentNoEscape(it)
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n  ")
		w.Write(bytes.ReplaceAll(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"), []byte("\n  ")))
	}
	_, err = w.WriteString("\n]\n")
	return err
}

// marshalIndentNoEscape is json.MarshalIndent without HTML escaping.
func marshalIndentNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sortedIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
