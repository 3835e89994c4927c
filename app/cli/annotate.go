package cli

import (
	"fmt"
	"io"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/importer"
)

func runAnnotate(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	piece := fs.String("piece", "", "piece id")
	quote := fs.String("quote", "", "exact words to mark")
	nth := fs.Int("nth", 1, "which occurrence of the quote, from 1")
	note := fs.String("note", "", "note on the passage")
	color := fs.String("color", storage.DefaultColor, "highlight colour")
	fs.Var(&tags, "tag", "tag (repeatable)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	if *piece == "" || *quote == "" {
		return usagef("--piece and --quote are required")
	}
	if *nth < 1 {
		return usagef("--nth counts from 1")
	}
	if err := checkID("--piece", piece); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	a, err := s.AnnotateQuote(*piece, *quote, *nth, storage.AnnotationInput{Note: *note, Tags: tags, Color: *color})
	if err != nil {
		return err
	}
	c.println(a.ID)
	return nil
}

func runEditText(c *context, args []string) error {
	fs := c.flags()
	piece := fs.String("piece", "", "piece id")
	file := fs.String("file", "", "file with the new text (- for standard input)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	if *piece == "" || *file == "" {
		return usagef("--piece and --file are required")
	}
	if err := checkID("--piece", piece); err != nil {
		return err
	}
	text, err := readText(c, *file)
	if err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	rep, err := s.EditPieceText(*piece, text)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(rep)
	}
	if rep.Unchanged {
		c.println("the text is unchanged; nothing to do")
		return nil
	}
	for _, st := range []anchor.Status{anchor.Anchored, anchor.Moved, anchor.Review, anchor.Orphaned} {
		c.printf("%-9s %d\n", st, rep.Counts[st])
	}
	return nil
}

// readText reads a piece's new text from a file or standard input, as it
// stands (importer.Text): a Markdown or HTML file gives its text, not its
// markup, and nothing in it is taken for a title.
func readText(c *context, name string) (string, error) {
	if name == "-" {
		stdin, err := c.stdin()
		if err != nil {
			return "", err
		}
		data, err := io.ReadAll(io.LimitReader(stdin, importer.MaxFileSize+1))
		if err != nil {
			return "", storage.FileError("cannot read standard input", err)
		}
		if int64(len(data)) > importer.MaxFileSize {
			// Only the limit is known: reading stopped one byte past it.
			return "", fmt.Errorf("the text on standard input is larger than the limit of %d MB", importer.MaxFileSize>>20)
		}
		return importer.Text("standard input.txt", data)
	}
	return importer.TextFile(name)
}
