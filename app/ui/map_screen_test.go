package ui

import (
	"strings"
	"testing"

	"commonplace/storage"
)

// TestMapOpensWithEveryNodeInView presses Ctrl+M (the menu item) with a
// claim open, as a user does: the map must open with all of it in view,
// not centred on the claim with the bottom of the map cut off.
func TestMapOpensWithEveryNodeInView(t *testing.T) {
	m, s := demoWindow(t)
	claims, err := s.Claims()
	if err != nil {
		t.Fatal(err)
	}
	var claim storage.Claim
	for _, c := range claims {
		if strings.HasPrefix(c.Statement, "China") {
			claim = c
		}
	}
	m.goTo(place{kind: placeClaim, id: claim.ID})
	menuItem(t, m, "Argument Map").Action()
	if !m.showing(m.mapScreen) {
		t.Fatal("the map is not shown")
	}
	am := m.mapScreen.argMap
	if am.Selected() != claim.ID {
		t.Errorf("the open claim is not selected on the map: %q", am.Selected())
	}
	size := am.Size()
	g, l := am.Export()
	if len(g.Nodes) < 10 {
		t.Fatalf("the map shows %d nodes", len(g.Nodes))
	}
	for _, n := range g.Nodes {
		r, _ := l.NodeRect(n.ID)
		a, b := am.ToScreen(r.Min), am.ToScreen(r.Max)
		if a.X < 0 || a.Y < 0 || b.X > size.Width || b.Y > size.Height {
			t.Errorf("%q is drawn at %v–%v, outside the %v map", n.Label, a, b, size)
		}
	}
}
