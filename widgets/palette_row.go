package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Secondary lines are a little smaller than the title, so the eye finds
// titles first, but stay large enough to read an excerpt.
const (
	paletteDetailScale = 0.9
	paletteAsideScale  = 0.85
)

// paletteRow shows one PaletteItem: icon, title and aside on the first
// line, the detail under the title. The list reuses rows as it scrolls.
type paletteRow struct {
	widget.BaseWidget
	p     *Palette
	index int // of the item shown; -1 for the list's size template

	item   PaletteItem
	icon   *widget.Icon
	title  *matchLine
	detail *matchLine
	aside  *canvas.Text
}

var (
	_ fyne.Widget   = (*paletteRow)(nil)
	_ fyne.Tappable = (*paletteRow)(nil)
)

func newPaletteRow(p *Palette) *paletteRow {
	r := &paletteRow{p: p, index: -1}
	r.icon = widget.NewIcon(nil)
	r.title = newMatchLine(theme.SizeNameText, 1, theme.ColorNameForeground)
	r.detail = newMatchLine(theme.SizeNameText, paletteDetailScale, theme.ColorNamePlaceHolder)
	r.detail.showMatch = true
	r.aside = canvas.NewText("", nil)
	r.ExtendBaseWidget(r)
	return r
}

// Tapped chooses the row's item. The row takes the tap, not the list, so
// the list neither steals the focus from the query nor ignores a click on
// the row the keys already selected (List.Select does nothing then).
func (r *paletteRow) Tapped(*fyne.PointEvent) {
	if r.index >= 0 {
		r.p.choose(r.index)
	}
}

// set shows item i, doing nothing when the row shows it already: moving the
// selection refreshes every visible row.
func (r *paletteRow) set(i int, item PaletteItem) {
	r.index = i
	if samePaletteItem(r.item, item) {
		return
	}
	r.item = item
	r.icon.Resource = item.Icon
	r.title.set(item.Title, item.TitleMatches)
	r.detail.set(item.Detail, item.DetailMatches)
	r.aside.Text = item.Aside
	r.Refresh()
}

func samePaletteItem(a, b PaletteItem) bool {
	return a.ID == b.ID && a.Icon == b.Icon && a.Title == b.Title && a.Detail == b.Detail && a.Aside == b.Aside &&
		slices.Equal(a.TitleMatches, b.TitleMatches) && slices.Equal(a.DetailMatches, b.DetailMatches)
}

// CreateRenderer implements fyne.Widget.
func (r *paletteRow) CreateRenderer() fyne.WidgetRenderer {
	return &paletteRowRenderer{r: r, objects: []fyne.CanvasObject{r.icon, r.title, r.detail, r.aside}}
}

type paletteRowRenderer struct {
	r       *paletteRow
	objects []fyne.CanvasObject
}

func (pr *paletteRowRenderer) Destroy()                     {}
func (pr *paletteRowRenderer) Objects() []fyne.CanvasObject { return pr.objects }

// metrics are the row's insets and line heights, all from the theme.
func (pr *paletteRowRenderer) metrics() (inner, vpad, icon, titleH, gap, detailH float32) {
	r := pr.r
	inner = theme.SizeForWidget(theme.SizeNameInnerPadding, r)
	vpad = theme.SizeForWidget(theme.SizeNamePadding, r) * 1.5
	icon = theme.SizeForWidget(theme.SizeNameInlineIcon, r)
	titleH = r.title.MinSize().Height
	gap = theme.SizeForWidget(theme.SizeNameLineSpacing, r) / 2
	detailH = r.detail.MinSize().Height
	return
}

func (pr *paletteRowRenderer) MinSize() fyne.Size {
	inner, vpad, icon, titleH, gap, detailH := pr.metrics()
	return fyne.NewSize(3*inner+icon+10*titleH, vpad+titleH+gap+detailH+vpad)
}

func (pr *paletteRowRenderer) Layout(size fyne.Size) {
	r := pr.r
	inner, vpad, icon, titleH, gap, detailH := pr.metrics()
	r.icon.Resize(fyne.NewSquareSize(icon))
	r.icon.Move(fyne.NewPos(inner, (size.Height-icon)/2))
	textX := inner + icon + inner
	right := size.Width - inner

	titleY := vpad
	if r.item.Detail == "" {
		// Commands have no second line: centre the title instead.
		titleY = (size.Height - titleH) / 2
	}
	asideW := float32(0)
	if r.aside.Text != "" {
		as := fyne.MeasureText(r.aside.Text, r.aside.TextSize, r.aside.TextStyle)
		asideW = as.Width
		r.aside.Resize(as)
		// On the title's baseline, roughly: the aside is smaller.
		r.aside.Move(fyne.NewPos(right-asideW, titleY+titleH-as.Height-1))
		asideW += inner
	}
	r.title.Move(fyne.NewPos(textX, titleY))
	r.title.Resize(fyne.NewSize(max(right-asideW-textX, 0), titleH))
	r.detail.Move(fyne.NewPos(textX, vpad+titleH+gap))
	r.detail.Resize(fyne.NewSize(max(right-textX, 0), detailH))
}

func (pr *paletteRowRenderer) Refresh() {
	r := pr.r
	r.aside.Color = theme.ColorForWidget(theme.ColorNamePlaceHolder, r)
	r.aside.TextSize = theme.SizeForWidget(theme.SizeNameText, r) * paletteAsideScale
	r.detail.Hidden = r.item.Detail == ""
	pr.Layout(r.Size())
	r.aside.Refresh()
	r.title.Refresh()
	r.detail.Refresh()
	r.icon.Refresh()
}
