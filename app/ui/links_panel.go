package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// maxLinkRows is how many links a panel lists before "show all": an item
// with hundreds of links would otherwise build hundreds of rows at once.
const maxLinkRows = 40

// linkLister is what a links panel reads.
type linkLister interface {
	LinksOf(id string) ([]storage.LinkView, error)
	Relations() ([]storage.Relation, error)
}

// linksPanel lists an item's outgoing links and backlinks — relation, the
// other item's excerpt and its piece — each opening the other item, with a
// button to delete it and one to make a new link.
type linksPanel struct {
	nb       linkLister
	bg       *background
	onOpen   func(storage.ItemRef)
	onDelete func(storage.LinkView)
	onLink   func()

	itemID  string
	views   []storage.LinkView
	rels    map[string]storage.Relation // by name, read with the links
	showAll bool

	root   *fyne.Container
	header *widget.Label
	rows   *fyne.Container
}

func newLinksPanel(nb linkLister, bg *background, onOpen func(storage.ItemRef), onDelete func(storage.LinkView), onLink func()) *linksPanel {
	p := &linksPanel{nb: nb, bg: bg, onOpen: onOpen, onDelete: onDelete, onLink: onLink}
	p.header = widget.NewLabel("Links")
	p.header.TextStyle.Bold = true
	link := widget.NewButtonWithIcon("Link to…", theme.ContentAddIcon(), func() { p.onLink() })
	p.rows = container.NewVBox()
	p.root = container.NewVBox(container.NewBorder(nil, nil, nil, link, p.header), p.rows)
	return p
}

// changed lists the item's links again when links or claims changed.
func (p *linksPanel) changed(c changes) {
	if c.arguments() && p.itemID != "" {
		p.show(p.itemID)
	}
}

// show lists the links of item id, loading them in the background.
func (p *linksPanel) show(id string) {
	if id != p.itemID {
		p.showAll = false
	}
	p.itemID = id
	type loaded struct {
		views []storage.LinkView
		rels  map[string]storage.Relation
	}
	inBackground(p.bg, func() (loaded, error) {
		var v loaded
		var err error
		if v.views, err = p.nb.LinksOf(id); err != nil {
			return v, err
		}
		rels, err := p.nb.Relations()
		v.rels = make(map[string]storage.Relation, len(rels))
		for _, r := range rels {
			v.rels[r.Name] = r
		}
		return v, err
	}, func(v loaded) {
		if id == p.itemID {
			p.views, p.rels = v.views, v.rels
			p.render()
		}
	}, func(err error) {
		if id == p.itemID {
			p.views = nil
			p.header.SetText("Links")
			none := mutedText()
			setMuted(none, "The links could not be read: "+err.Error())
			p.rows.Objects = []fyne.CanvasObject{none}
			p.rows.Refresh()
		}
	})
}

// clear forgets the item: its owner no longer shows one.
func (p *linksPanel) clear() { p.itemID = "" }

func (p *linksPanel) render() {
	p.header.SetText(fmt.Sprintf("Links (%d)", len(p.views)))
	var objs []fyne.CanvasObject
	if len(p.views) == 0 {
		none := mutedText()
		setMuted(none, "No links yet. Link this to a passage, claim, piece or note that supports, contradicts or qualifies it.")
		objs = append(objs, none)
	}
	for i, v := range p.views {
		if i == maxLinkRows && !p.showAll {
			more := widget.NewButton("Show all "+plural(len(p.views), "link", "links"), func() {
				p.showAll = true
				p.render()
			})
			more.Importance = widget.LowImportance
			objs = append(objs, more)
			break
		}
		objs = append(objs, p.row(v))
	}
	p.rows.Objects = objs
	p.rows.Refresh()
}

// row is one link: "→ supports" or "← contradicted by", then the other
// item, which opens it.
func (p *linksPanel) row(v storage.LinkView) fyne.CanvasObject {
	rel, ok := p.rels[v.Rel]
	label := v.Rel
	if ok {
		label = rel.Label
		if !v.Outgoing {
			label = rel.Inverse
		}
	}
	arrow := "→ "
	if !v.Outgoing {
		arrow = "← "
	}
	if v.Strength > 0 {
		label += " (" + storage.StrengthNames[v.Strength] + ")"
	}
	relLabel := widget.NewLabel(arrow + label)
	relLabel.TextStyle.Bold = true
	relLabel.Truncation = fyne.TextTruncateEllipsis
	open := openLink(itemLine(v.Other), func() { p.onOpen(v.Other) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.onDelete(v) })
	del.Importance = widget.LowImportance
	lines := []fyne.CanvasObject{relLabel, open}
	if v.Note != "" {
		note := widget.NewLabel(storage.Excerpt(v.Note, 140))
		note.Wrapping = fyne.TextWrapWord
		note.SizeName = theme.SizeNameCaptionText
		lines = append(lines, note)
	}
	return container.NewBorder(nil, nil, nil, del, container.New(&tightVBox{}, lines...))
}

// itemLine is an item as one line: a passage's quote with its piece.
func itemLine(r storage.ItemRef) string {
	switch r.Kind {
	case storage.KindAnnotation:
		return "“" + storage.Excerpt(r.Title, 70) + "” — " + storage.Excerpt(r.PieceTitle, 40)
	case storage.KindClaim:
		return "Claim: " + storage.Excerpt(r.Title, 90)
	case storage.KindNote:
		return "Note: " + storage.Excerpt(r.Title, 90)
	}
	return "Piece: " + storage.Excerpt(r.Title, 90)
}
