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

// claimsList lists the claims with how much supports and contradicts each.
type claimsList struct {
	nb       claimLister
	bg       *background
	onSelect func(id string)
	onNew    func()
	onError  func(error)

	claims   []storage.ClaimSummary
	selected string
	quiet    bool
	list     *widget.List
	empty    *widget.Label
}

func newClaimsList(nb claimLister, bg *background, onSelect func(string), onNew func(), onError func(error)) *claimsList {
	return &claimsList{nb: nb, bg: bg, onSelect: onSelect, onNew: onNew, onError: onError}
}

func (c *claimsList) buildUI() fyne.CanvasObject {
	c.list = widget.NewList(func() int { return len(c.claims) }, c.createItem, c.updateItem)
	c.list.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(c.claims) {
			return
		}
		c.selected = c.claims[i].ID
		if !c.quiet {
			c.onSelect(c.selected)
		}
	}
	c.empty = widget.NewLabel("No claims yet.\n\nState an argument in your own words and back it with passages: select a passage and choose Edit → New Claim from Selection (Ctrl+Shift+E).")
	c.empty.Wrapping = fyne.TextWrapWord
	c.empty.Hide()
	newBtn := widget.NewButtonWithIcon("New claim", theme.ContentAddIcon(), func() { c.onNew() })
	return container.NewBorder(newBtn, nil, nil, nil, container.NewStack(c.list, c.empty))
}

// changed lists the claims again: summaries count evidence and links, and
// a deletion that takes a passage out of a claim reports the claim too.
func (c *claimsList) changed(ch changes) {
	if ch.arguments() {
		c.load()
	}
}

func (c *claimsList) load() { inBackground(c.bg, c.nb.ClaimSummaries, c.show, c.onError) }

func (c *claimsList) show(claims []storage.ClaimSummary) {
	slices.SortStableFunc(claims, func(a, b storage.ClaimSummary) int { return b.Updated.Compare(a.Updated) })
	c.claims = claims
	c.empty.Hidden = len(claims) > 0
	c.empty.Refresh()
	c.list.Refresh()
	c.selectQuietly(c.selected)
}

// listed is the claims the list shows, newest first.
func (c *claimsList) listed() []storage.ClaimSummary { return c.claims }

// selection is the selected claim ("": none).
func (c *claimsList) selection() string { return c.selected }

// preselect makes id the selection once the claims are listed again.
func (c *claimsList) preselect(id string) { c.selected = id }

// selectQuietly selects id without opening it again.
func (c *claimsList) selectQuietly(id string) {
	c.selected = id
	selectSilently(c.list, slices.IndexFunc(c.claims, func(x storage.ClaimSummary) bool { return x.ID == id }), &c.quiet)
}

func (c *claimsList) createItem() fyne.CanvasObject { return newTitleRow(true) }

func (c *claimsList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	setTitleRow(o, c.claims[i].Statement, claimMeta(c.claims[i]))
}

// claimMeta is "+3 for · −1 against · #tags".
func claimMeta(c storage.ClaimSummary) string {
	parts := []string{fmt.Sprintf("+%d for", c.Supporting), fmt.Sprintf("−%d against", c.Contradicting)}
	if len(c.Tags) > 0 {
		parts = append(parts, "#"+strings.Join(c.Tags, " #"))
	}
	return strings.Join(parts, " · ")
}
