package ui

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

// annotationsPanel lists the open piece's annotations beside the text —
// flagged ones (to review, orphaned) first, then in text order — with an
// editor for the selected one below the list.
type annotationsPanel struct {
	onSelect func(storage.Annotation)
	// onShown is called after each show, once the selection is restored.
	onShown func()
	editor  *annotationEditor
	// pieceLinks shows the piece's own links when no passage is selected.
	pieceLinks *linksPanel
	pieceBox   fyne.CanvasObject

	piece    storage.Piece // whose annotations are listed: its pages, for a passage's
	anns     []storage.Annotation
	selected string
	quiet    bool // selecting from code: do not move the reader
	header   *widget.Label
	list     *widget.List
	empty    *widget.Label
}

func newAnnotationsPanel(editor *annotationEditor, pieceLinks *linksPanel, onSelect func(storage.Annotation)) *annotationsPanel {
	return &annotationsPanel{editor: editor, pieceLinks: pieceLinks, onSelect: onSelect}
}

func (p *annotationsPanel) buildUI() fyne.CanvasObject {
	p.header = widget.NewLabel("Annotations")
	p.header.TextStyle.Bold = true
	p.list = widget.NewList(func() int { return len(p.anns) }, p.createItem, p.updateItem)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(p.anns) {
			p.selected = p.anns[i].ID
			p.editor.load(p.anns[i])
			p.pieceBox.Hide()
			if !p.quiet {
				p.onSelect(p.anns[i])
			}
		}
	}
	p.empty = widget.NewLabel("No passages marked in this piece yet.\n\nSelect words in the text and press Annotate (Ctrl+E).")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	p.empty.Hide()
	list := container.NewBorder(p.header, nil, nil, nil, container.NewStack(p.list, p.empty))
	p.pieceBox = container.NewVScroll(container.NewPadded(p.pieceLinks.root))
	p.pieceBox.Hide()
	split := container.NewVSplit(list, container.NewStack(p.editor.buildUI(), p.pieceBox))
	split.Offset = 0.35 // the editor below gets the room: note, tags, colours and links in view at 1280×800
	return split
}

// show lists a piece's annotations, keeping the selected one selected when
// it is still there (a save or re-attach reloads the list).
func (p *annotationsPanel) show(piece storage.Piece, anns []storage.Annotation) {
	p.piece = piece
	sorted := slices.Clone(anns)
	slices.SortStableFunc(sorted, func(a, b storage.Annotation) int { return flagRank(a) - flagRank(b) })
	p.anns = sorted
	p.header.SetText(fmt.Sprintf("Annotations (%d)", len(anns)))
	p.empty.Text = "No passages marked in this piece yet.\n\nSelect words in the text and press Annotate (Ctrl+E)."
	p.empty.Hidden = len(anns) > 0
	p.empty.Refresh()
	p.list.Refresh()
	i := p.indexOf(p.selected)
	selectSilently(p.list, i, &p.quiet)
	if i >= 0 {
		p.editor.load(p.anns[i])
	} else {
		p.selected = ""
		p.editor.clear()
	}
	if p.editor.root.Visible() {
		p.pieceBox.Hide()
	} else {
		p.pieceBox.Show()
	}
	if p.onShown != nil {
		p.onShown()
	}
}

func (p *annotationsPanel) indexOf(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(p.anns, func(a storage.Annotation) bool { return a.ID == id })
}

// count is how many annotations the panel lists.
func (p *annotationsPanel) count() int { return len(p.anns) }

// clear empties the panel, saying why.
func (p *annotationsPanel) clear(why string) {
	p.anns, p.selected = nil, ""
	p.header.SetText("Annotations")
	p.empty.SetText(why)
	p.empty.Show()
	p.list.UnselectAll()
	p.list.Refresh()
	p.editor.clear()
	p.pieceBox.Hide()
	p.pieceLinks.clear()
}

// selectID selects the annotation with id, as when its highlight is clicked.
func (p *annotationsPanel) selectID(id string) {
	if i := p.indexOf(id); i >= 0 {
		selectSilently(p.list, i, &p.quiet)
		p.list.ScrollTo(i)
	}
}

// preselect makes id the selection once the list next shows it (a new
// annotation, before the reload that brings it).
func (p *annotationsPanel) preselect(id string) { p.selected = id }

func flagRank(a storage.Annotation) int {
	switch a.Status {
	case anchor.Orphaned:
		return 0
	case anchor.Review:
		return 1
	}
	return 2
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
	meta.SetText(annotationMeta(p.piece, a))
	meta.Importance = widget.MediumImportance
	if a.Status == anchor.Review || a.Status == anchor.Orphaned {
		meta.Importance = widget.WarningImportance
	}
	meta.Refresh()
}

// annotationMeta is the small line under an annotation: its page in a
// PDF ("p. 12", "pp. 12–13"), its flag and its tags.
func annotationMeta(piece storage.Piece, a storage.Annotation) string {
	var parts []string
	// Only a selector on the current text has offsets the pages describe.
	if a.Rev == piece.Revision {
		switch first, last := piece.PagesOf(a.Selector.Start, a.Selector.End); {
		case first == 0:
		case first == last:
			parts = append(parts, fmt.Sprintf("p. %d", first))
		default:
			parts = append(parts, fmt.Sprintf("pp. %d–%d", first, last))
		}
	}
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

// isDarkTheme tells a dark theme by its background, which also works for
// the View menu's forced variants.
func isDarkTheme() bool {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}
