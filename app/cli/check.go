package cli

import (
	"commonplace/app/demo"
	"commonplace/assets"
	"commonplace/storage"
	"commonplace/storage/anchor"
)

func runDemo(c *context, args []string) error {
	pos, err := c.parse(c.flags(), args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	s, err := c.create()
	if err != nil {
		return err
	}
	rep, err := demo.Load(s, assets.Demo())
	if err != nil {
		return err
	}
	c.printf("added the demo: %d pieces, %d annotations, %d claims, %d links, %d notes\n",
		rep.Pieces, rep.Annotations, rep.Claims, rep.Links, rep.Notes)
	return nil
}

func runCheck(c *context, args []string) error {
	s, asJSON, err := c.listing(args)
	if err != nil {
		return err
	}
	rep, err := s.Check()
	if err != nil {
		return err
	}
	if rep.Problems == nil {
		rep.Problems = []string{}
	}
	if asJSON {
		if err := c.printJSON(struct {
			OK bool `json:"ok"`
			storage.CheckReport
		}{rep.OK(), rep}); err != nil {
			return err
		}
	} else {
		for _, k := range []storage.Kind{storage.KindPiece, storage.KindAnnotation, storage.KindClaim, storage.KindLink, storage.KindNote} {
			c.printf("%-11s %d\n", k+"s", rep.Items[k])
		}
		c.printf("anchors     %d anchored, %d moved, %d to review, %d orphaned\n",
			rep.Anchors[anchor.Anchored], rep.Anchors[anchor.Moved], rep.Anchors[anchor.Review], rep.Anchors[anchor.Orphaned])
		for _, p := range rep.Problems {
			c.printf("problem: %s\n", p)
		}
		if rep.OK() {
			c.println("ok")
		}
	}
	if !rep.OK() {
		return errBroken
	}
	return nil
}
