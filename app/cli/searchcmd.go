package cli

import (
	"errors"
	"strings"

	"commonplace/app/indexes"
	"commonplace/app/search"
	"commonplace/storage"
)

// hitJSON is one result as `search --json` prints it.
type hitJSON struct {
	ID             string      `json:"id"`
	Kind           search.Kind `json:"kind"`
	Title          string      `json:"title"`
	Excerpt        string      `json:"excerpt"`
	Piece          string      `json:"piece,omitempty"`
	PieceTitle     string      `json:"pieceTitle,omitempty"`
	Score          float64     `json:"score"`
	TitleMatches   [][2]int    `json:"titleMatches"`
	ExcerptMatches [][2]int    `json:"excerptMatches"`
}

func runSearch(c *context, args []string) error {
	fs := c.flags()
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 20, "at most this many results")
	pos, err := c.parseQuery(fs, args)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	if strings.TrimSpace(query) == "" {
		return usagef("expected a QUERY (words, \"a phrase\", -word, kind: tag: piece: author: outlet: rel: before: after:)")
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1")
	}
	q, perr := search.Parse(query)
	var se *search.SyntaxError
	if errors.As(perr, &se) {
		// Bad syntax gets a hint, not an empty screen: search anyway.
		c.errorf("hint: %s", se.Hint)
	}
	s, err := c.read()
	if err != nil {
		return err
	}
	e, err := indexes.BuildSearch(s)
	if err != nil {
		return err
	}
	res := e.Search(q, *limit)
	if h := res.Hint(); h != "" {
		c.errorf("hint: %s", h)
	}
	if *asJSON {
		out := make([]hitJSON, len(res.Hits))
		for i, h := range res.Hits {
			out[i] = hitJSON{h.ID, h.Kind, h.Title, h.Excerpt, h.PieceID, h.PieceTitle, h.Score, ranges(h.TitleMatches), ranges(h.ExcerptMatches)}
		}
		return c.printJSON(out)
	}
	if len(res.Hits) == 0 {
		c.println("nothing found")
		return nil
	}
	for i, h := range res.Hits {
		title := h.Title
		if title == "" {
			title = h.Excerpt
		}
		c.printf("%2d. %-7s %s\n", i+1, h.Kind, storage.Excerpt(title, 100))
		if h.PieceTitle != "" && h.Kind == search.KindPassage {
			c.printf("    in %s\n", storage.Excerpt(h.PieceTitle, 90))
		}
		if h.Excerpt != "" && h.Excerpt != title {
			c.printf("    %s\n", storage.Excerpt(h.Excerpt, 160))
		}
		c.printf("    %s\n", h.ID)
	}
	if res.Total > len(res.Hits) {
		c.printf("%d of %d shown; --limit N for more\n", len(res.Hits), res.Total)
	}
	return nil
}

// ranges keeps JSON lists as [] rather than null.
func ranges(r [][2]int) [][2]int {
	if r == nil {
		return [][2]int{}
	}
	return r
}
