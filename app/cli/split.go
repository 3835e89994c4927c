package cli

import (
	"strconv"
	"strings"

	"commonplace/storage"
	"commonplace/storage/importer"
)

// runSplit splits a piece that holds several articles, at offsets given
// or at the articles it finds (importer.ProposeSplits).
func runSplit(c *context, args []string) error {
	fs := c.flags()
	piece := fs.String("piece", "", "piece id")
	at := fs.String("at", "", "rune offsets of the text to split at, ascending, comma-separated")
	articles := fs.Bool("articles", false, "split before each headline a byline follows")
	dryRun := fs.Bool("dry-run", false, "with --articles: list the splits, change nothing")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	switch {
	case *piece == "":
		return usagef("--piece is required")
	case (*at == "") == !*articles:
		return usagef("give either --at N[,N…] or --articles")
	case *dryRun && !*articles:
		return usagef("--dry-run lists the articles --articles would split at; with --at, the offsets are already listed")
	}
	if err := checkID("--piece", piece); err != nil {
		return err
	}
	var offsets []int
	if *at != "" {
		for _, f := range strings.Split(*at, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return usagef("--at takes offsets in characters, such as 120,480; %s is not a number", storage.Quote(f))
			}
			offsets = append(offsets, n)
		}
	}
	var s *storage.Store
	if *dryRun {
		s, err = c.read()
	} else {
		s, err = c.open()
	}
	if err != nil {
		return err
	}
	var titles []string
	var authors [][]string
	if *articles {
		text, err := s.PieceText(*piece)
		if err != nil {
			return err
		}
		props := importer.ProposeSplits(text)
		if *dryRun {
			if *asJSON {
				return c.printJSON(props)
			}
			for _, p := range props {
				c.println(strconv.Itoa(p.At) + "\t" + p.Title + bylineSuffix(p.Authors))
			}
			if len(props) == 0 {
				c.println("no articles found: no headline with a byline under it")
			}
			return nil
		}
		if len(props) == 0 {
			return usagef("found no articles to split at (a headline with a byline under it); give the places with --at")
		}
		titles, authors = []string{""}, [][]string{nil}
		for _, p := range props {
			offsets = append(offsets, p.At)
			titles = append(titles, p.Title)
			authors = append(authors, p.Authors)
		}
	}
	parts, err := s.SplitArticles(*piece, offsets, titles, authors)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(parts)
	}
	// One line a piece, the first being the piece split, for scripts;
	// the whole text before the split is the first piece's last revision.
	for _, p := range parts {
		c.println(p.ID + "\t" + p.Title)
	}
	return nil
}

func bylineSuffix(authors []string) string {
	if len(authors) == 0 {
		return ""
	}
	return " — " + strings.Join(authors, ", ")
}
