package cli

import (
	"fmt"

	"commonplace/app/intake"
	"commonplace/storage"
	"commonplace/storage/importer"
)

// runImport reads every file first and adds the pieces in one transaction:
// one unreadable file means nothing is imported.
func runImport(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	fs.Var(&tags, "tag", "tag for every imported piece (repeatable)")
	dryRun := fs.Bool("dry-run", false, "for a bundle or a folder: say what would change, change nothing")
	asJSON := fs.Bool("json", false, "for a bundle or a folder: print the report as JSON")
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("expected at least one file to import")
	}
	// A bundle, a Markdown folder or a folder of articles comes in whole
	// through intake; a W3C annotation file brings the texts after it in
	// with their passages; files are articles.
	switch kind, err := intake.KindOf(files[0]); {
	case err == nil && kind == intake.WebAnnotations:
		return runImportWhole(c, files[0], files[1:], *dryRun, *asJSON)
	case err == nil && kind != intake.Article && len(files) == 1:
		return runImportWhole(c, files[0], nil, *dryRun, *asJSON)
	}
	docs := make([]importer.Document, len(files))
	for i, f := range files {
		if docs[i], err = importer.File(f); err != nil {
			return fmt.Errorf("%w; nothing was imported", err)
		}
	}
	s, err := c.create()
	if err != nil {
		return err
	}
	// One transaction per chunk of about importChunk bytes: all files in
	// one for any ordinary import, so it lands whole or not at all; a very
	// large one is split to fit Badger's transaction size, and a failure
	// part-way says what did land.
	var ids []string
	for _, chunk := range chunks(docs, importChunk) {
		var added []string
		err = s.Batch(func(b *storage.Batch) error {
			added = added[:0]
			for _, i := range chunk {
				p, err := b.AddPiece(pieceOf(docs[i], tags), docs[i].Text)
				if err != nil {
					return fmt.Errorf("%s: %w", files[i], err)
				}
				added = append(added, p.ID)
			}
			return nil
		})
		if err != nil {
			for _, id := range ids {
				c.println(id)
			}
			if len(ids) > 0 {
				return fmt.Errorf("%w (the first %d of %d files were imported; their ids are printed)", err, len(ids), len(files))
			}
			return fmt.Errorf("%w; nothing was imported", err)
		}
		ids = append(ids, added...)
	}
	for _, id := range ids {
		c.println(id)
	}
	return nil
}

// importChunk is the most text one import transaction carries, well inside
// Badger's limit for the store's memtable size.
const importChunk = 2 << 20

// chunks groups document indexes so each group's text stays under limit
// (a single larger document gets a group of its own).
func chunks(docs []importer.Document, limit int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for i, d := range docs {
		if len(cur) > 0 && size+len(d.Text) > limit {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, i)
		size += len(d.Text)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// pieceOf turns an imported document into a piece, adding extra tags.
func pieceOf(d importer.Document, tags []string) storage.Piece {
	p := d.Piece()
	p.Tags = append(append([]string{}, d.Tags...), tags...)
	return p
}
