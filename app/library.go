package app

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

// library is the list of pieces: title, outlet, date and how many passages
// are marked in each, most recently published first.
type library struct {
	nb       notebook
	onSelect func(id string)
	onError  func(error)

	pieces   []storage.PieceSummary
	selected string
	list     *widget.List
	count    *widget.Label
	empty    *widget.Label
}

func newLibrary(nb notebook, onSelect func(string), onError func(error)) *library {
	return &library{nb: nb, onSelect: onSelect, onError: onError}
}

func (l *library) buildUI() fyne.CanvasObject {
	l.list = widget.NewList(l.length, l.createItem, l.updateItem)
	l.list.OnSelected = l.onSelected
	l.count = widget.NewLabel("")
	l.count.SizeName = theme.SizeNameCaptionText
	l.empty = widget.NewLabel("No pieces yet.\n\nImport articles from the command line:\ncommonplace import FILE…")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()
	return container.NewBorder(l.count, nil, nil, nil, container.NewStack(l.list, l.empty))
}

// load reads the pieces in the background and keeps the selection.
func (l *library) load() {
	inBackground(l.nb.Pieces, l.show, l.onError)
}

func (l *library) show(pieces []storage.PieceSummary) {
	slices.SortStableFunc(pieces, func(a, b storage.PieceSummary) int {
		if c := strings.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
	l.pieces = pieces
	l.count.SetText(fmt.Sprintf("%d pieces", len(pieces)))
	l.empty.Hidden = len(pieces) > 0
	l.empty.Refresh()
	l.list.Refresh()
	if i := l.indexOf(l.selected); i >= 0 {
		l.list.Select(i)
	} else if len(pieces) > 0 && l.selected == "" {
		l.list.Select(0)
	}
}

func (l *library) indexOf(id string) int {
	return slices.IndexFunc(l.pieces, func(p storage.PieceSummary) bool { return p.ID == id })
}

func (l *library) length() int { return len(l.pieces) }

func (l *library) createItem() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.SizeName = theme.SizeNameCaptionText
	meta.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, title, meta)
}

func (l *library) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	p := l.pieces[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(p.Title)
	box.Objects[1].(*widget.Label).SetText(pieceMeta(p))
}

// pieceMeta is the line under a piece's title: outlet · date · passages.
func pieceMeta(p storage.PieceSummary) string {
	var parts []string
	if p.Outlet != "" {
		parts = append(parts, p.Outlet)
	}
	if p.Published != "" {
		parts = append(parts, p.Published)
	}
	switch p.Annotations {
	case 0:
	case 1:
		parts = append(parts, "1 passage")
	default:
		parts = append(parts, fmt.Sprintf("%d passages", p.Annotations))
	}
	return strings.Join(parts, " · ")
}

func (l *library) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(l.pieces) {
		return
	}
	if l.pieces[i].ID == l.selected {
		return
	}
	l.selected = l.pieces[i].ID
	l.onSelect(l.selected)
}
