package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"commonplace/storage"
)

// claimJSON is a claim as `claims --json` prints it.
type claimJSON struct {
	ID            string         `json:"id"`
	Statement     string         `json:"statement"`
	Note          string         `json:"note"`
	Tags          []string       `json:"tags"`
	Evidence      []string       `json:"evidence"`
	Supporting    int            `json:"supporting"`
	Contradicting int            `json:"contradicting"`
	Incoming      map[string]int `json:"incoming"`
}

func runClaims(c *context, args []string) error {
	s, asJSON, err := c.listing(args)
	if err != nil {
		return err
	}
	claims, err := s.ClaimSummaries()
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]claimJSON, len(claims))
		for i, cl := range claims {
			out[i] = claimJSON{cl.ID, cl.Statement, cl.Note, nonNil(cl.Tags), nonNil(cl.Evidence), cl.Supporting, cl.Contradicting, cl.Incoming}
		}
		return c.printJSON(out)
	}
	if len(claims) == 0 {
		c.println("no claims yet; state one with: commonplace claim STATEMENT")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFOR\tAGAINST\tSTATEMENT")
	for _, cl := range claims {
		fmt.Fprintf(tw, "%s\t+%d\t−%d\t%s\n", cl.ID, cl.Supporting, cl.Contradicting, storage.Excerpt(cl.Statement, 80))
	}
	return tw.Flush()
}

func runRelations(c *context, args []string) error {
	s, asJSON, err := c.listing(args)
	if err != nil {
		return err
	}
	rels, err := s.Relations()
	if err != nil {
		return err
	}
	if asJSON {
		return c.printJSON(rels)
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tREADS\tBACKWARDS")
	for _, r := range rels {
		name := r.Name
		if r.Custom {
			name += " (yours)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, r.Label, r.Inverse)
	}
	return tw.Flush()
}

func runRelation(c *context, args []string) error {
	fs := c.flags()
	label := fs.String("label", "", "how the link reads from its source (default: the name)")
	inverse := fs.String("inverse", "", "how it reads from its target, e.g. \"undermined by\"")
	del := fs.Bool("delete", false, "delete the relation (only when no link uses it)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "the relation's NAME"); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	if *del {
		if *label != "" || *inverse != "" {
			return usagef("--delete takes only the NAME")
		}
		if err := s.DeleteRelation(pos[0]); err != nil {
			return err
		}
		c.printf("deleted the relation %s\n", strings.ToLower(pos[0]))
		return nil
	}
	r, err := s.AddRelation(storage.Relation{Name: pos[0], Label: *label, Inverse: *inverse})
	if err != nil {
		return err
	}
	c.println(r.Name)
	return nil
}
