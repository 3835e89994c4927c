package cli

import (
	"fmt"

	"commonplace/app/indexes"
	"commonplace/storage"
)

// suggestionJSON is one suggestion as `suggest --json` prints it.
type suggestionJSON struct {
	PieceID    string   `json:"piece"`
	PieceTitle string   `json:"pieceTitle"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Text       string   `json:"text"`
	Score      float64  `json:"score"`
	Overlap    float64  `json:"overlap"`
	Shared     []string `json:"shared"`
	Reason     string   `json:"reason"`
}

func runSuggest(c *context, args []string) error {
	fs := c.flags()
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 10, "at most this many suggestions")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos, "one passage or claim id")
	if err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1")
	}
	s, err := c.read()
	if err != nil {
		return err
	}
	if k, err := s.KindOf(id); err != nil {
		return err
	} else if k != storage.KindAnnotation && k != storage.KindClaim {
		return fmt.Errorf("%s is a %s; suggestions are for passages and claims", id, k)
	}
	x, err := indexes.BuildSimilar(s)
	if err != nil {
		return err
	}
	sugs, err := x.For(id, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []suggestionJSON{}
		for _, sg := range sugs {
			out = append(out, suggestionJSON{sg.PieceID, sg.PieceTitle, sg.Start, sg.End, sg.Text, sg.Score, sg.Overlap, nonNil(sg.Shared), sg.Reason})
		}
		return c.printJSON(out)
	}
	if len(sugs) == 0 {
		c.println("nothing in other pieces says nearly the same")
		return nil
	}
	for i, sg := range sugs {
		c.printf("%d. %.2f  %s\n   “%s”\n   %s  (piece %s, runes %d–%d)\n", i+1, sg.Score, sg.Reason,
			storage.Excerpt(sg.Text, 160), storage.Excerpt(sg.PieceTitle, 60), sg.PieceID, sg.Start, sg.End)
	}
	return nil
}
