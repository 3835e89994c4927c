package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/indexes"
	"commonplace/storage"
)

// maxSuggestions is how many similar passages a panel offers.
const maxSuggestions = 5

// suggestionsPanel offers passages in other pieces that say nearly the
// same as the passage or claim in view — recycled wording and talking
// points — each a click away from being a link.
type suggestionsPanel struct {
	index   *indexes.Similar
	bg      *background
	onOpen  func(pieceID string, start, end int)
	onLink  func(from string, s indexes.Suggestion)
	onError func(error)

	itemID string
	root   *fyne.Container
	rows   *fyne.Container
	header *widget.Label
}

func newSuggestionsPanel(index *indexes.Similar, bg *background, onOpen func(string, int, int), onLink func(string, indexes.Suggestion), onError func(error)) *suggestionsPanel {
	p := &suggestionsPanel{index: index, bg: bg, onOpen: onOpen, onLink: onLink, onError: onError}
	p.header = widget.NewLabel("Said nearly the same elsewhere")
	p.header.TextStyle.Bold = true
	p.rows = container.NewVBox()
	p.root = container.NewVBox(p.header, p.rows)
	return p
}

// show finds suggestions for item id in the background (once the index
// has been built).
func (p *suggestionsPanel) show(id string) {
	p.itemID = id
	p.rows.Objects = nil
	p.rows.Refresh()
	p.load(id)
}

// changed asks again when links or claims changed: a passage just linked
// to the item, or made its evidence, is no longer offered. The rows stay
// until the answer replaces them, so that an edit does not make them
// flicker.
func (p *suggestionsPanel) changed(c changes) {
	if c.arguments() && p.itemID != "" {
		p.load(p.itemID)
	}
}

// load finds the suggestions for id and shows them if id is still the
// item in view.
func (p *suggestionsPanel) load(id string) {
	inBackground(p.bg, func() ([]indexes.Suggestion, error) {
		<-p.index.Ready()
		return p.index.For(id, maxSuggestions)
	}, func(sugs []indexes.Suggestion) {
		if id == p.itemID {
			p.render(sugs)
		}
	}, func(err error) {
		// An item deleted meanwhile has nothing to suggest; anything
		// else is a read that failed and the user should hear of it.
		if id == p.itemID && !errors.Is(err, storage.ErrNotFound) {
			p.onError(err)
		}
	})
}

func (p *suggestionsPanel) render(sugs []indexes.Suggestion) {
	var objs []fyne.CanvasObject
	if len(sugs) == 0 {
		none := mutedText()
		setMuted(none, "Nothing in your other pieces says nearly the same.")
		objs = append(objs, none)
	}
	for _, s := range sugs {
		s := s
		open := openLink("“"+storage.Excerpt(s.Text, 110)+"”", func() { p.onOpen(s.PieceID, s.Start, s.End) })
		why := widget.NewLabel(fmt.Sprintf("%s — %s", storage.Excerpt(s.PieceTitle, 50), s.Reason))
		why.SizeName = theme.SizeNameCaptionText
		why.Wrapping = fyne.TextWrapWord
		link := widget.NewButtonWithIcon("Link as same as", theme.ContentAddIcon(), func() { p.onLink(p.itemID, s) })
		objs = append(objs, container.NewVBox(open, why, container.NewHBox(layoutSpacer(), link)))
	}
	p.rows.Objects = objs
	p.rows.Refresh()
}
