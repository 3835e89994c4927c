package cli

import (
	"fmt"

	"commonplace/storage"
	"commonplace/storage/importer"
)

// runImport reads every file first and adds the pieces in one transaction:
// one unreadable file means nothing is imported.
func runImport(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	fs.Var(&tags, "tag", "tag for every imported piece (repeatable)")
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("expected at least one file to import")
	}
	docs := make([]importer.Document, len(files))
	for i, f := range files {
		if docs[i], err = importer.File(f); err != nil {
			return fmt.Errorf("%w; nothing was imported", err)
		}
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	var ids []string
	err = s.Batch(func(b *storage.Batch) error {
		ids = ids[:0]
		for i, d := range docs {
			p, err := b.AddPiece(pieceOf(d, tags), d.Text)
			if err != nil {
				return fmt.Errorf("%s: %w", files[i], err)
			}
			ids = append(ids, p.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		c.println(id)
	}
	return nil
}

// pieceOf turns an imported document into a piece, adding extra tags.
func pieceOf(d importer.Document, tags []string) storage.Piece {
	return storage.Piece{
		Title: d.Title, Authors: d.Authors, Outlet: d.Outlet, Published: d.Published,
		URL: d.URL, Tags: append(append([]string{}, d.Tags...), tags...), Format: d.Format,
	}
}
