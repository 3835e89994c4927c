package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"commonplace/app/mapgraph"
	"commonplace/storage"
	"commonplace/widgets/argmap"
)

func runMap(c *context, args []string) error {
	var tags stringList
	fs := c.flags()
	out := fs.String("out", "", "FILE.svg or FILE.png")
	focus := fs.String("focus", "", "show only this item's neighbourhood")
	depth := fs.Int("depth", 2, "with --focus: how many links away")
	dark := fs.Bool("dark", false, "light text on a dark background")
	fs.Var(&tags, "tag", "keep items with this tag (repeatable)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out == "" || (ext != ".svg" && ext != ".png") {
		return usagef("--out FILE.svg or --out FILE.png is required")
	}
	if *focus != "" {
		if err := checkID("--focus", focus); err != nil {
			return err
		}
		if *depth < 1 {
			return usagef("--depth is at least 1")
		}
	} else if depthGiven(fs) {
		return usagef("--depth goes with --focus ID")
	}
	s, err := c.read()
	if err != nil {
		return err
	}
	sg, err := s.ArgumentGraph()
	if err != nil {
		return err
	}
	rels, err := s.Relations()
	if err != nil {
		return err
	}
	g := mapgraph.Build(sg, rels)
	if len(tags) > 0 {
		g = g.Filter(argmap.Filter{Tags: tags})
	}
	if *focus != "" {
		if _, err := s.KindOf(*focus); err != nil {
			return err
		}
		g = g.Neighbourhood(*focus, *depth)
		if len(g.Nodes) == 0 {
			return fmt.Errorf("%s is not on the argument map (it has no links and backs no claim)", *focus)
		}
	}
	if len(g.Nodes) == 0 {
		return fmt.Errorf("the map is empty: link passages or state claims first")
	}
	l := argmap.Lay(g, argmap.Options{Seed: 1})
	st := argmap.Style{Dark: *dark, Scale: 2, Selected: *focus}
	var buf bytes.Buffer
	if ext == ".svg" {
		err = argmap.RenderSVG(&buf, g, l, st)
	} else {
		err = argmap.RenderPNG(&buf, g, l, st)
	}
	if err != nil {
		return err
	}
	// Written whole or not at all: a half-written map would look like a
	// broken file.
	err = storage.WriteWhole(*out, "the map", 0o644, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	c.printf("wrote %s: %d items, %d links\n", *out, len(g.Nodes), len(g.Edges))
	return nil
}

// depthGiven reports whether --depth was on the command line.
func depthGiven(fs *flag.FlagSet) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "depth" })
	return given
}
