package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/widgets"
)

// annotationsPanel lists the open piece's annotations beside the text:
// flagged ones (to review, orphaned) first, then in text order.
type annotationsPanel struct {
	onSelect func(storage.Annotation)

	anns   []storage.Annotation
	header *widget.Label
	list   *widget.List
	empty  *widget.Label
}

func newAnnotationsPanel(onSelect func(storage.Annotation)) *annotationsPanel {
	return &annotationsPanel{onSelect: onSelect}
}

func (p *annotationsPanel) buildUI() fyne.CanvasObject {
	p.header = widget.NewLabel("Annotations")
	p.header.TextStyle.Bold = true
	p.list = widget.NewList(func() int { return len(p.anns) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(p.anns) {
			p.onSelect(p.anns[i])
		}
	}
	p.empty = widget.NewLabel("No passages marked in this piece yet.")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	p.empty.Hide()
	return container.NewBorder(p.header, nil, nil, nil, container.NewStack(p.list, p.empty))
}

// show lists a piece's annotations.
func (p *annotationsPanel) show(_ storage.Piece, anns []storage.Annotation) {
	sorted := slices.Clone(anns)
	slices.SortStableFunc(sorted, func(a, b storage.Annotation) int { return flagRank(a) - flagRank(b) })
	p.anns = sorted
	p.header.SetText(fmt.Sprintf("Annotations (%d)", len(anns)))
	p.empty.Text = "No passages marked in this piece yet."
	p.empty.Hidden = len(anns) > 0
	p.empty.Refresh()
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
}

func flagRank(a storage.Annotation) int {
	switch a.Status {
	case anchor.Orphaned:
		return 0
	case anchor.Review:
		return 1
	}
	return 2
}

// clear empties the panel, saying why.
func (p *annotationsPanel) clear(why string) {
	p.anns = nil
	p.header.SetText("Annotations")
	p.empty.SetText(why)
	p.empty.Show()
	p.list.UnselectAll()
	p.list.Refresh()
}

// selectID selects the annotation with id, as when its highlight is clicked.
func (p *annotationsPanel) selectID(id string) {
	if i := slices.IndexFunc(p.anns, func(a storage.Annotation) bool { return a.ID == id }); i >= 0 {
		p.list.Select(i)
		p.list.ScrollTo(i)
	}
}

func (p *annotationsPanel) createItem() fyne.CanvasObject {
	bar := canvas.NewRectangle(color.Transparent)
	bar.SetMinSize(fyne.NewSize(4, 0))
	bar.CornerRadius = 2
	quote := widget.NewLabel("")
	quote.TextStyle.Italic = true
	quote.Truncation = fyne.TextTruncateEllipsis
	note := widget.NewLabel("")
	note.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.SizeName = theme.SizeNameCaptionText
	meta.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, bar, nil, container.New(&tightVBox{}, quote, note, meta))
}

func (p *annotationsPanel) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	a := p.anns[i]
	row := o.(*fyne.Container)
	bar := row.Objects[1].(*canvas.Rectangle)
	bar.FillColor = widgets.HighlightSwatch(a.Color, isDarkTheme())
	bar.Refresh()
	box := row.Objects[0].(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText("“" + storage.Excerpt(a.Selector.Exact, 120) + "”")
	note := box.Objects[1].(*widget.Label)
	note.SetText(storage.Excerpt(a.Note, 160))
	note.Hidden = a.Note == ""
	meta := box.Objects[2].(*widget.Label)
	meta.SetText(annotationMeta(a))
	meta.Importance = widget.MediumImportance
	if a.Status == anchor.Review || a.Status == anchor.Orphaned {
		meta.Importance = widget.WarningImportance
	}
	meta.Refresh()
}

// annotationMeta is the small line under an annotation: its flag and tags.
func annotationMeta(a storage.Annotation) string {
	var parts []string
	switch a.Status {
	case anchor.Review:
		parts = append(parts, "⚠ check placement")
	case anchor.Orphaned:
		parts = append(parts, "⚠ passage not found")
	}
	if len(a.Tags) > 0 {
		parts = append(parts, "#"+strings.Join(a.Tags, " #"))
	}
	return strings.Join(parts, "  ·  ")
}

func isDarkTheme() bool {
	return fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
}
