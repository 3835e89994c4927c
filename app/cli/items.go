package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"commonplace/storage"
	"commonplace/storage/importer"
)

func runNote(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	title := fs.String("title", "", "title (default: none)")
	place := fs.String("place", "", "where the note was taken")
	attach := fs.String("attach", "", "id of the piece, annotation, claim or note it belongs to")
	file := fs.String("file", "", "read the note's text from this file (- for standard input)")
	fs.Var(&tags, "tag", "tag (repeatable)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	body := strings.Join(pos, " ")
	if body == "-" && *file == "" {
		*file = "-" // TEXT "-" is standard input, as for edit-text
	}
	if *file != "" {
		if len(pos) > 0 && body != "-" {
			return usagef("give the note's text or --file, not both")
		}
		if body, err = readNote(c, *file); err != nil {
			return err
		}
		if strings.TrimSpace(body) == "" && strings.TrimSpace(*title) == "" {
			// The command line was right; what it named holds nothing.
			from := *file
			if from == "-" {
				from = "standard input"
			}
			return fmt.Errorf("%s holds no text: the note would be empty", from)
		}
	}
	if strings.TrimSpace(body) == "" && strings.TrimSpace(*title) == "" {
		return usagef("expected the note's text")
	}
	if *attach != "" {
		if err := checkID("--attach", attach); err != nil {
			return err
		}
	}
	s, err := c.create()
	if err != nil {
		return err
	}
	n, err := s.AddNote(storage.Note{Title: *title, Body: body, Tags: tags, Place: *place, Attached: *attach})
	if err != nil {
		return err
	}
	c.println(n.ID)
	return nil
}

// readNote reads a note's text from a file or standard input ("-"), as
// written: a long note would not fit on the command line. It is bounded
// like an imported file.
func readNote(c *context, name string) (string, error) {
	r, err := c.stdin()
	if err != nil {
		return "", err
	}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", storage.FileError("cannot read the note", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, importer.MaxFileSize+1))
	if err != nil {
		return "", storage.FileError("cannot read the note", err)
	}
	if int64(len(data)) > importer.MaxFileSize {
		return "", fmt.Errorf("the note is larger than %d MB", importer.MaxFileSize>>20)
	}
	return string(data), nil
}

func runClaim(c *context, args []string) error {
	var tags, evidence stringList
	fs := c.flags()
	note := fs.String("note", "", "note on the claim")
	fs.Var(&tags, "tag", "tag (repeatable)")
	fs.Var(&evidence, "evidence", "annotation id backing the claim (repeatable)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	statement := strings.Join(pos, " ")
	if strings.TrimSpace(statement) == "" {
		return usagef("expected the claim's statement")
	}
	for i := range evidence {
		if err := checkID("--evidence", &evidence[i]); err != nil {
			return err
		}
	}
	s, err := c.create()
	if err != nil {
		return err
	}
	cl, err := s.AddClaim(storage.Claim{Statement: statement, Note: *note, Tags: tags, Evidence: evidence})
	if err != nil {
		return err
	}
	c.println(cl.ID)
	return nil
}

func runDelete(c *context, args []string) error {
	fs := c.flags()
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos, "one item id")
	if err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	rep, err := s.Delete(id)
	if err != nil {
		return err
	}
	c.printf("deleted the %s", rep.Kind)
	if more := rep.Summary(); more != "" {
		c.printf(" %s", more)
	}
	c.println()
	return nil
}
