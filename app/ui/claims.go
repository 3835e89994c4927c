package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// claimLister is what the claims list reads.
type claimLister interface {
	ClaimSummaries() ([]storage.ClaimSummary, error)
}

// claimsList lists the claims with how much supports and contradicts
// each, most recently changed first.
type claimsList struct {
	nb      claimLister
	bg      *background
	onNew   func()
	onError func(error)

	*itemList[storage.ClaimSummary]
}

func newClaimsList(nb claimLister, bg *background, onSelect func(string), onNew func(), onError func(error)) *claimsList {
	c := &claimsList{nb: nb, bg: bg, onNew: onNew, onError: onError}
	c.itemList = newItemList(func(c storage.ClaimSummary) string { return c.ID },
		func(c storage.ClaimSummary) (string, string) { return c.Statement, claimMeta(c) },
		func(c storage.ClaimSummary) { onSelect(c.ID) })
	return c
}

func (c *claimsList) buildUI() fyne.CanvasObject {
	newBtn := widget.NewButtonWithIcon("New claim", theme.ContentAddIcon(), func() { c.onNew() })
	return container.NewBorder(newBtn, nil, nil, nil, c.view())
}

// changed lists the claims again: summaries count evidence and links, and
// a deletion that takes a passage out of a claim reports the claim too.
func (c *claimsList) changed(ch changes) {
	if ch.arguments() {
		c.load()
	}
}

func (c *claimsList) load() {
	inBackground(c.bg, c.nb.ClaimSummaries, func(claims []storage.ClaimSummary) {
		slices.SortStableFunc(claims, func(a, b storage.ClaimSummary) int { return b.Updated.Compare(a.Updated) })
		c.show(claims, "No claims yet.\n\nState an argument in your own words and back it with passages: select a passage and choose Edit → New Claim from Selection (Ctrl+Shift+E).")
	}, c.onError)
}

// listed is the claims the list shows, newest first.
func (c *claimsList) listed() []storage.ClaimSummary { return c.items }

// selection is the selected claim ("": none).
func (c *claimsList) selection() string { return c.selected }

// claimMeta is "+3 for · −1 against · #tags".
func claimMeta(c storage.ClaimSummary) string {
	parts := []string{fmt.Sprintf("+%d for", c.Supporting), fmt.Sprintf("−%d against", c.Contradicting)}
	if len(c.Tags) > 0 {
		parts = append(parts, "#"+strings.Join(c.Tags, " #"))
	}
	return strings.Join(parts, " · ")
}
