package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// disagreementLister is what the disagreements view reads.
type disagreementLister interface {
	Disagreements() ([]storage.Disagreement, error)
}

// disagreementsView lists the "contradicts" links whose two ends come from
// different pieces or authors: a quick way to see where sources disagree.
type disagreementsView struct {
	nb      disagreementLister
	bg      *background
	onOpen  func(storage.ItemRef)
	onError func(error)

	items  []storage.Disagreement
	root   fyne.CanvasObject
	header *widget.Label
	list   *widget.List
	empty  *widget.Label
}

func newDisagreementsView(nb disagreementLister, bg *background, onOpen func(storage.ItemRef), onError func(error)) *disagreementsView {
	return &disagreementsView{nb: nb, bg: bg, onOpen: onOpen, onError: onError}
}

func (d *disagreementsView) buildUI() fyne.CanvasObject {
	var top fyne.CanvasObject
	d.header, top = pageHeading("Where the sources disagree", "Each row is a “contradicts” link between passages or claims from different pieces or authors. Click a side to open it.")
	d.list = widget.NewList(func() int { return len(d.items) }, d.createItem, d.updateItem)
	d.empty = widget.NewLabel("No disagreements yet: link two passages from different pieces with “contradicts”.")
	d.empty.Wrapping = fyne.TextWrapWord
	d.empty.Hide()
	d.root = container.NewBorder(top, nil, nil, nil,
		container.NewStack(d.list, d.empty))
	return d.root
}

func (d *disagreementsView) view() fyne.CanvasObject { return d.root }

// changed lists the disagreements again: any change may make or end one
// (a link, or a piece's authors).
func (d *disagreementsView) changed(changes) { d.load() }

func (d *disagreementsView) load() {
	inBackground(d.bg, d.nb.Disagreements, func(items []storage.Disagreement) {
		d.items = items
		d.header.SetText(fmt.Sprintf("Where the sources disagree (%d)", len(items)))
		d.empty.Hidden = len(items) > 0
		d.empty.Refresh()
		d.list.Refresh()
	}, d.onError)
}

func (d *disagreementsView) createItem() fyne.CanvasObject {
	side := func() *widget.Hyperlink { return openLink("", nil) }
	middle := widget.NewLabel("")
	middle.Importance = widget.DangerImportance
	middle.TextStyle.Bold = true
	note := widget.NewLabel("")
	note.SizeName = theme.SizeNameCaptionText
	note.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, side(), middle, side(), note, widget.NewSeparator())
}

func (d *disagreementsView) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	it := d.items[i]
	box := o.(*fyne.Container)
	from, to := box.Objects[0].(*widget.Hyperlink), box.Objects[2].(*widget.Hyperlink)
	from.SetText(sideLine(it.From))
	from.OnTapped = func() { d.onOpen(it.From.ItemRef) }
	box.Objects[1].(*widget.Label).SetText("   contradicts (" + it.Why + ")")
	to.SetText(sideLine(it.To))
	to.OnTapped = func() { d.onOpen(it.To.ItemRef) }
	box.Objects[3].(*widget.Label).SetText(it.Link.Note)
}

// sideLine is one side of a disagreement with its source.
func sideLine(n storage.GraphNode) string {
	line := itemLine(n.ItemRef)
	if len(n.Authors) > 0 {
		line += " (" + strings.Join(n.Authors, ", ") + ")"
	}
	return line
}
