package main

import (
	"commonplace/app/search"
	"commonplace/storage"
)

// notebookDocs reads every item of s as the app's search index sees it.
// It mirrors app/indexes.load (pieceDoc, passageDoc, claimDoc, noteDoc),
// which is unexported: both engines must index the very same documents,
// so this benchmark reads them once and hands each engine the same slice.
func notebookDocs(s *storage.Store) ([]search.Doc, error) {
	all, err := s.AllLinks()
	if err != nil {
		return nil, err
	}
	rels := map[string][]string{}
	linkNotes := map[string][]string{}
	for _, l := range all {
		for _, id := range []string{l.From, l.To} {
			rels[id] = append(rels[id], l.Rel)
			if l.Note != "" {
				linkNotes[id] = append(linkNotes[id], l.Note)
			}
		}
	}
	var docs []search.Doc
	pieces := map[string]storage.Piece{}
	err = s.EachPiece(func(p storage.Piece, text string) error {
		pieces[p.ID] = p
		docs = append(docs, search.Doc{ID: p.ID, Kind: search.KindPiece, Title: p.Title, Text: text, Tags: p.Tags,
			Authors: p.Authors, Outlet: p.Outlet, Published: p.Published,
			Rels: rels[p.ID], LinkNotes: linkNotes[p.ID], Updated: p.Updated})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.EachAnnotation(func(a storage.Annotation) error {
		p := pieces[a.PieceID]
		docs = append(docs, search.Doc{ID: a.ID, Kind: search.KindPassage, Title: a.Selector.Exact, Text: a.Note, Tags: a.Tags,
			PieceID: a.PieceID, PieceTitle: p.Title, Authors: p.Authors, Outlet: p.Outlet, Published: p.Published,
			Rels: rels[a.ID], LinkNotes: linkNotes[a.ID], Updated: a.Updated})
		return nil
	})
	if err != nil {
		return nil, err
	}
	claims, err := s.Claims()
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		docs = append(docs, search.Doc{ID: c.ID, Kind: search.KindClaim, Title: c.Statement, Text: c.Note, Tags: c.Tags,
			Rels: rels[c.ID], LinkNotes: linkNotes[c.ID], Updated: c.Updated})
	}
	notes, err := s.Notes()
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		docs = append(docs, search.Doc{ID: n.ID, Kind: search.KindNote, Title: n.Title, Text: n.Body, Tags: n.Tags,
			Rels: rels[n.ID], LinkNotes: linkNotes[n.ID], Updated: n.Updated})
	}
	return docs, nil
}
