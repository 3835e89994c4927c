package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// palettePanel is the palette's box: the query field, the results and the
// status line under them.
type palettePanel struct {
	widget.BaseWidget
	p       *Palette
	bg      *canvas.Rectangle
	status  *canvas.Text
	listSel int         // the row the list was last told to select
	row     *paletteRow // never shown: measures a row's height
}

var _ fyne.Widget = (*palettePanel)(nil)

func newPalettePanel(p *Palette) *palettePanel {
	pp := &palettePanel{p: p, listSel: -1}
	pp.bg = canvas.NewRectangle(nil)
	pp.status = canvas.NewText("", nil)
	pp.row = newPaletteRow(p)
	pp.ExtendBaseWidget(pp)
	return pp
}

// resultsChanged shows new results from the top, with the first selected.
// The list keeps its rows and refreshes only those in view.
func (pp *palettePanel) resultsChanged() {
	p := pp.p
	pp.status.Text = p.status
	pp.status.Refresh()
	// The panel's height follows the number of results.
	p.overlay.place()
	if p.list.GetScrollOffset() != 0 {
		p.list.ScrollToTop()
	}
	if pp.listSel == p.selected || !pp.selectRow(p.selected) {
		p.list.Refresh()
	}
}

// selectRow draws row i as selected, scrolled into view, or no row for -1;
// false if the list already showed that, and was not refreshed.
func (pp *palettePanel) selectRow(i int) bool {
	if i == pp.listSel {
		return false
	}
	pp.listSel = i
	if i < 0 {
		pp.p.list.UnselectAll()
	} else {
		pp.p.list.Select(i)
	}
	return true
}

// metrics are the panel's inset, the gap between its parts, a row's height
// and the gap between rows, from the theme.
func (pp *palettePanel) metrics() (inset, rowH, rowGap float32) {
	pad := theme.SizeForWidget(theme.SizeNamePadding, pp)
	return 2 * pad, pp.row.MinSize().Height, pad
}

// heightFor is the panel's height with n results in full view.
func (pp *palettePanel) heightFor(n int) float32 {
	inset, rowH, rowGap := pp.metrics()
	h := inset + pp.p.entry.MinSize().Height + inset + pp.statusHeight() + inset
	if n > 0 {
		h += float32(n)*rowH + float32(n-1)*rowGap + inset/2
	}
	return float32(math.Ceil(float64(h)))
}

func (pp *palettePanel) statusHeight() float32 {
	return fyne.MeasureText("Mg", pp.statusSize(), fyne.TextStyle{}).Height
}

func (pp *palettePanel) statusSize() float32 {
	return theme.SizeForWidget(theme.SizeNameText, pp) * paletteAsideScale
}

// rowsInView is how many result rows the list has room for.
func (pp *palettePanel) rowsInView() int {
	_, rowH, rowGap := pp.metrics()
	return int((pp.p.list.Size().Height + rowGap) / (rowH + rowGap))
}

// MinSize is the query field alone: the overlay gives the panel its size.
func (pp *palettePanel) MinSize() fyne.Size {
	inset, _, _ := pp.metrics()
	e := pp.p.entry.MinSize()
	return fyne.NewSize(e.Width+2*inset, pp.heightFor(0)-inset)
}

// CreateRenderer implements fyne.Widget.
func (pp *palettePanel) CreateRenderer() fyne.WidgetRenderer {
	return &palettePanelRenderer{pp: pp, objects: []fyne.CanvasObject{pp.bg, pp.p.entry, pp.p.list, pp.status}}
}

type palettePanelRenderer struct {
	pp      *palettePanel
	objects []fyne.CanvasObject
}

func (r *palettePanelRenderer) Destroy()                     {}
func (r *palettePanelRenderer) MinSize() fyne.Size           { return r.pp.MinSize() }
func (r *palettePanelRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *palettePanelRenderer) Layout(size fyne.Size) {
	pp := r.pp
	inset, _, _ := pp.metrics()
	r.pp.bg.Resize(size)
	e := pp.p.entry
	eh := e.MinSize().Height
	e.Move(fyne.NewPos(inset, inset))
	e.Resize(fyne.NewSize(size.Width-2*inset, eh))
	sh := pp.statusHeight()
	// The status lines up with the titles in the rows.
	indent := inset/2 + 2*theme.SizeForWidget(theme.SizeNameInnerPadding, pp) + theme.SizeForWidget(theme.SizeNameInlineIcon, pp)
	pp.status.Move(fyne.NewPos(indent, size.Height-inset-sh))
	pp.status.Resize(fyne.NewSize(size.Width-indent-inset, sh))
	top := inset + eh + inset
	// Half an inset at the sides: the selected row's fill reaches nearly to
	// the panel's edge, as in a menu.
	listH := max(size.Height-top-inset/2-sh-inset, 0)
	pp.p.list.Move(fyne.NewPos(inset/2, top))
	pp.p.list.Resize(fyne.NewSize(size.Width-inset, listH))
	pp.p.list.Hidden = len(pp.p.items) == 0
}

func (r *palettePanelRenderer) Refresh() {
	pp := r.pp
	pp.bg.FillColor = theme.ColorForWidget(theme.ColorNameOverlayBackground, pp)
	pp.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameInputBorder, pp)
	pp.bg.StrokeWidth = 1
	pp.bg.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, pp) * 2
	pp.status.Color = theme.ColorForWidget(theme.ColorNamePlaceHolder, pp)
	pp.status.TextSize = pp.statusSize()
	r.Layout(pp.Size())
	pp.bg.Refresh()
	pp.status.Refresh()
	pp.p.entry.Refresh()
	pp.p.list.Refresh()
}
