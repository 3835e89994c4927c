package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// pieceJSON is a piece as `pieces --json` prints it.
type pieceJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Authors     []string `json:"authors"`
	Outlet      string   `json:"outlet"`
	Published   string   `json:"published"`
	URL         string   `json:"url"`
	Accessed    string   `json:"accessed,omitempty"`
	Tags        []string `json:"tags"`
	Annotations int      `json:"annotations"`
}

func newPieceJSON(p storage.Piece, annotations int) pieceJSON {
	return pieceJSON{ID: p.ID, Title: p.Title, Authors: nonNil(p.Authors), Outlet: p.Outlet, Published: p.Published,
		URL: p.URL, Accessed: p.Accessed, Tags: nonNil(p.Tags), Annotations: annotations}
}

func runPieces(c *context, args []string) error {
	s, asJSON, err := c.listing(args)
	if err != nil {
		return err
	}
	pieces, err := s.Pieces()
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]pieceJSON, len(pieces))
		for i, p := range pieces {
			out[i] = newPieceJSON(p.Piece, p.Annotations)
		}
		return c.printJSON(out)
	}
	if len(pieces) == 0 {
		c.println("no pieces yet; add some with: commonplace import FILE")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tTITLE\tOUTLET\tANNOTATIONS")
	for _, p := range pieces {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", p.ID, dash(p.Published), storage.Excerpt(p.Title, 60), dash(p.Outlet), p.Annotations)
	}
	return tw.Flush()
}

// annotationJSON is an annotation as `show --json` prints it.
type annotationJSON struct {
	ID     string        `json:"id"`
	Piece  string        `json:"piece"`
	Exact  string        `json:"exact"`
	Prefix string        `json:"prefix"`
	Suffix string        `json:"suffix"`
	Start  int           `json:"start"`
	End    int           `json:"end"`
	Status anchor.Status `json:"status"`
	Note   string        `json:"note"`
	Tags   []string      `json:"tags"`
	Color  string        `json:"color"`
}

// annotationOut gives where the annotation now is (for one flagged for
// review, the store's guess) with the words as they were marked.
func annotationOut(a storage.Annotation) annotationJSON {
	place, ok := a.Place()
	if !ok {
		place = storage.Span{Start: a.Selector.Start, End: a.Selector.End}
	}
	return annotationJSON{a.ID, a.PieceID, a.Selector.Exact, a.Selector.Prefix, a.Selector.Suffix,
		place.Start, place.End, a.Status, a.Note, nonNil(a.Tags), a.Color}
}

func runShow(c *context, args []string) error {
	fs := c.flags()
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos, "one item id")
	if err != nil {
		return err
	}
	s, err := c.read()
	if err != nil {
		return err
	}
	k, err := s.KindOf(id)
	if err != nil {
		return err
	}
	switch k {
	case storage.KindPiece:
		return showPiece(c, s, id, *asJSON)
	case storage.KindAnnotation:
		a, err := s.Annotation(id)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(annotationOut(a))
		}
		p, _ := s.Piece(a.PieceID)
		c.printf("annotation %s on %q (%s)\n", a.ID, p.Title, a.PieceID)
		printAnnotation(c, a)
		return nil
	case storage.KindClaim:
		cl, err := s.Claim(id)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(cl)
		}
		c.printf("claim %s\n%s\n", cl.ID, cl.Statement)
		printField(c, "note", cl.Note)
		printField(c, "tags", strings.Join(cl.Tags, ", "))
		for _, ev := range cl.Evidence {
			r, err := s.Ref(ev)
			if err != nil {
				continue
			}
			c.printf("  evidence %s  “%s” — %s\n", ev, r.Title, r.PieceTitle)
		}
		return nil
	case storage.KindNote:
		n, err := s.Note(id)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(n)
		}
		c.printf("note %s  %s\n", n.ID, n.Created.Local().Format("2006-01-02 15:04"))
		printField(c, "title", n.Title)
		printField(c, "place", n.Place)
		printField(c, "tags", strings.Join(n.Tags, ", "))
		printField(c, "attached", n.Attached)
		c.printf("\n%s\n", n.Body)
		return nil
	default:
		l, err := s.Link(id)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(l)
		}
		c.printf("link %s: %s %s %s\n", l.ID, l.From, l.Rel, l.To)
		printField(c, "note", l.Note)
		return nil
	}
}

func showPiece(c *context, s *storage.Store, id string, asJSON bool) error {
	p, err := s.Piece(id)
	if err != nil {
		return err
	}
	text, err := s.PieceText(id)
	if err != nil {
		return err
	}
	anns, err := s.AnnotationsOf(id)
	if err != nil {
		return err
	}
	if asJSON {
		out := struct {
			pieceJSON
			DOI         string           `json:"doi,omitempty"`
			Format      string           `json:"format"`
			Revision    int              `json:"revision"`
			Words       int              `json:"words"`
			Text        string           `json:"text"`
			Pages       []int            `json:"pages,omitempty"` // where each page of a PDF starts in text (runes)
			Annotations []annotationJSON `json:"annotations"`
		}{pieceJSON: newPieceJSON(p, len(anns)),
			DOI: p.DOI, Format: p.Format, Revision: p.Revision, Words: p.Words, Text: text, Pages: p.Pages, Annotations: []annotationJSON{}}
		for _, a := range anns {
			out.Annotations = append(out.Annotations, annotationOut(a))
		}
		return c.printJSON(out)
	}
	c.printf("%s\n", p.Title)
	printField(c, "id", p.ID)
	printField(c, "authors", strings.Join(p.Authors, ", "))
	printField(c, "outlet", p.Outlet)
	printField(c, "published", p.Published)
	printField(c, "url", p.URL)
	printField(c, "accessed", p.Accessed)
	printField(c, "doi", p.DOI)
	printField(c, "tags", strings.Join(p.Tags, ", "))
	if !p.HasText() {
		// A bibliographic piece: say so, and how to give it a text.
		c.printf("  %-10s no text yet (attach one: commonplace edit-text --piece %s --file F)\n", "text", p.ID)
	} else {
		c.printf("  %-10s %d words, revision %d\n\n%s\n", "text", p.Words, p.Revision, text)
	}
	if len(anns) > 0 {
		c.printf("\n%d annotations\n", len(anns))
	}
	for _, a := range anns {
		c.printf("\n%s\n", a.ID)
		printAnnotation(c, a)
	}
	return nil
}

func printAnnotation(c *context, a storage.Annotation) {
	c.printf("  “%s”\n", a.Selector.Exact)
	out := annotationOut(a)
	c.printf("  %-10s %d–%d, %s\n", "span", out.Start, out.End, a.Status)
	printField(c, "note", a.Note)
	printField(c, "tags", strings.Join(a.Tags, ", "))
}

func printField(c *context, name, value string) {
	if value != "" {
		c.printf("  %-10s %s\n", name, value)
	}
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// nonNil keeps JSON lists as [] rather than null, which is kinder to scripts.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
