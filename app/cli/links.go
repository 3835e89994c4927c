package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"commonplace/storage"
)

func runLink(c *context, args []string) error {
	fs := c.flags()
	rel := fs.String("rel", "", "relation")
	note := fs.String("note", "", "note on the link")
	strength := fs.String("strength", "", "weak, moderate or strong (or 1-3)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 2, "FROM_ID and TO_ID"); err != nil {
		return err
	}
	if *rel == "" {
		return usagef("--rel is required")
	}
	str, err := parseStrength(*strength)
	if err != nil {
		return err
	}
	for i := range pos {
		if err := checkID("item", &pos[i]); err != nil {
			return err
		}
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	if _, err := s.Relation(*rel); err != nil {
		rels, _ := s.Relations()
		names := make([]string, len(rels))
		for i, r := range rels {
			names[i] = r.Name
		}
		return usagef("unknown relation %s%s; use one of %s", storage.Quote(*rel), didYouMean(*rel, names), strings.Join(names, ", "))
	}
	l, err := s.AddLink(storage.Link{From: pos[0], To: pos[1], Rel: *rel, Note: *note, Strength: str})
	if err != nil {
		return err
	}
	c.println(l.ID)
	return nil
}

// linkJSON is one link as seen from the item `links` was asked about.
type linkJSON struct {
	ID         string       `json:"id"`
	Direction  string       `json:"direction"` // "out" or "in"
	Rel        string       `json:"rel"`
	Label      string       `json:"label"` // the relation read from this item's side
	Note       string       `json:"note"`
	Other      string       `json:"other"`
	OtherKind  storage.Kind `json:"otherKind"`
	OtherTitle string       `json:"otherTitle"`
	OtherPiece string       `json:"otherPiece,omitempty"`
}

func runLinks(c *context, args []string) error {
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
	if _, err := s.KindOf(id); err != nil {
		return err
	}
	out, in, err := s.Links(id)
	if err != nil {
		return err
	}
	rows := []linkJSON{}
	add := func(l storage.Link, dir, other string) {
		rel, _ := s.Relation(l.Rel)
		label := rel.Label
		if dir == "in" {
			label = rel.Inverse
		}
		row := linkJSON{ID: l.ID, Direction: dir, Rel: l.Rel, Label: label, Note: l.Note, Other: other}
		if r, err := s.Ref(other); err == nil {
			row.OtherKind, row.OtherTitle, row.OtherPiece = r.Kind, r.Title, r.PieceTitle
		}
		rows = append(rows, row)
	}
	for _, l := range out {
		add(l, "out", l.To)
	}
	for _, l := range in {
		add(l, "in", l.From)
	}
	if *asJSON {
		return c.printJSON(rows)
	}
	if len(rows) == 0 {
		c.println("no links")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		arrow := "→"
		if r.Direction == "in" {
			arrow = "←"
		}
		title := storage.Excerpt(r.OtherTitle, 70)
		if r.OtherPiece != "" {
			title = fmt.Sprintf("“%s” — %s", title, storage.Excerpt(r.OtherPiece, 40))
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\n", arrow, r.Label, r.OtherKind, title, r.Other)
	}
	return tw.Flush()
}

// parseStrength reads --strength as a word or a number.
func parseStrength(s string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0":
		return storage.StrengthUnset, nil
	case "1", "weak":
		return storage.StrengthWeak, nil
	case "2", "moderate":
		return storage.StrengthModerate, nil
	case "3", "strong":
		return storage.StrengthStrong, nil
	}
	return 0, usagef("--strength is weak, moderate or strong")
}
