// Package demo fills a notebook with the demo content from assets: sample
// pieces, the passages marked in them, two claims, links across pieces and
// fieldwork notes, so a new user sees every feature on first start.
package demo

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"time"

	"commonplace/storage"
	"commonplace/storage/importer"

	"go.yaml.in/yaml/v3"
)

// ErrPresent means the notebook already holds the demo pieces.
var ErrPresent = errors.New("the demo pieces are already in this notebook")

// spec is demo.yaml: what to mark and link, by local keys.
type spec struct {
	Annotations []struct {
		Key, Piece, Quote, Note, Color string
		Nth                            int
		Tags                           []string
	}
	Claims []struct {
		Key, Statement, Note string
		Tags, Evidence       []string
	}
	Links []struct {
		From, To, Rel, Note string
	}
	Notes []struct {
		Title, Body, Place, Attach string
		Tags                       []string
		Created                    time.Time
	}
}

// Report counts what Load added.
type Report struct {
	Pieces, Annotations, Claims, Links, Notes int
}

// Load adds the demo notebook in fsys (demo.yaml and pieces/*.md) to s, in
// one transaction: if anything in it is wrong, nothing is added.
func Load(s *storage.Store, fsys fs.FS) (Report, error) {
	var rep Report
	raw, err := fs.ReadFile(fsys, "demo.yaml")
	if err != nil {
		return rep, err
	}
	var sp spec
	if err := yaml.Unmarshal(raw, &sp); err != nil {
		return rep, fmt.Errorf("demo.yaml: %w", err)
	}
	docs, err := readPieces(fsys)
	if err != nil {
		return rep, err
	}
	if err := sp.check(docs); err != nil {
		return rep, fmt.Errorf("demo.yaml: %w", err)
	}
	if err := checkAbsent(s, docs); err != nil {
		return rep, err
	}
	err = s.Batch(func(b *storage.Batch) error {
		rep = Report{}
		ids := map[string]string{} // local key or piece file → id
		for _, name := range sortedKeys(docs) {
			d := docs[name]
			p, err := b.AddPiece(d.Piece(), d.Text)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			ids[name] = p.ID
			rep.Pieces++
		}
		for _, a := range sp.Annotations {
			nth := max(a.Nth, 1)
			ann, err := b.AnnotateQuote(ids[a.Piece], a.Quote, nth, storage.AnnotationInput{Note: a.Note, Tags: a.Tags, Color: a.Color})
			if err != nil {
				return fmt.Errorf("annotation %s: %w", a.Key, err)
			}
			ids[a.Key] = ann.ID
			rep.Annotations++
		}
		for _, c := range sp.Claims {
			claim := storage.Claim{Statement: c.Statement, Note: c.Note, Tags: c.Tags}
			for _, k := range c.Evidence {
				claim.Evidence = append(claim.Evidence, ids[k])
			}
			saved, err := b.AddClaim(claim)
			if err != nil {
				return fmt.Errorf("claim %s: %w", c.Key, err)
			}
			ids[c.Key] = saved.ID
			rep.Claims++
		}
		for _, l := range sp.Links {
			if _, err := b.AddLink(storage.Link{From: ids[l.From], To: ids[l.To], Rel: l.Rel, Note: l.Note}); err != nil {
				return fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
			}
			rep.Links++
		}
		for _, n := range sp.Notes {
			note := storage.Note{Title: n.Title, Body: n.Body, Tags: n.Tags, Place: n.Place, Created: n.Created}
			if n.Attach != "" {
				note.Attached = ids[n.Attach]
			}
			if _, err := b.AddNote(note); err != nil {
				return fmt.Errorf("note %q: %w", n.Title, err)
			}
			rep.Notes++
		}
		return nil
	})
	return rep, err
}

// check makes sure every key demo.yaml refers to is defined, so a typo is
// an error rather than a silently missing link or note.
func (sp *spec) check(docs map[string]importer.Document) error {
	keys := map[string]bool{}
	for name := range docs {
		keys[name] = true
	}
	for _, a := range sp.Annotations {
		if _, ok := docs[a.Piece]; !ok {
			return fmt.Errorf("annotation %s: no piece %q", a.Key, a.Piece)
		}
		keys[a.Key] = true
	}
	for _, c := range sp.Claims {
		for _, k := range c.Evidence {
			if !keys[k] {
				return fmt.Errorf("claim %s: no annotation %q", c.Key, k)
			}
		}
		keys[c.Key] = true
	}
	for _, l := range sp.Links {
		if !keys[l.From] || !keys[l.To] {
			return fmt.Errorf("link %s → %s: unknown key", l.From, l.To)
		}
	}
	for _, n := range sp.Notes {
		if n.Attach != "" && !keys[n.Attach] {
			return fmt.Errorf("note %q: unknown key %q", n.Title, n.Attach)
		}
	}
	return nil
}

func readPieces(fsys fs.FS) (map[string]importer.Document, error) {
	names, err := fs.Glob(fsys, "pieces/*.md")
	if err != nil {
		return nil, err
	}
	docs := map[string]importer.Document{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		d, err := importer.Bytes(path.Base(name), data)
		if err != nil {
			return nil, err
		}
		docs[path.Base(name)] = d
	}
	return docs, nil
}

// checkAbsent refuses to add the demo twice, recognising its pieces by URL.
func checkAbsent(s *storage.Store, docs map[string]importer.Document) error {
	pieces, err := s.Pieces()
	if err != nil {
		return err
	}
	for _, p := range pieces {
		for _, d := range docs {
			if p.URL != "" && p.URL == d.URL {
				return ErrPresent
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
