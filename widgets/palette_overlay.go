package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Where the palette sits: centred near the top of the window, as wide as a
// comfortable line of results, and never taller than most of the window so
// the page behind stays in sight.
const (
	paletteWidth     = 720
	paletteMaxWidth  = 0.9 // of the window
	paletteMaxHeight = 0.6 // of the window
	paletteTop       = 0.08
)

// paletteOverlay covers the whole window while the palette is open. Fyne
// gives pointer events only to the topmost overlay, so it is what hears a
// click outside the panel, and closes the palette for it. (widget.PopUp
// would close on such a click too, but without telling anyone, and a modal
// one would not close at all.)
type paletteOverlay struct {
	widget.BaseWidget
	p      *Palette
	scrim  *canvas.Rectangle
	shadow []*canvas.Rectangle
}

var (
	_ fyne.Widget            = (*paletteOverlay)(nil)
	_ fyne.Tappable          = (*paletteOverlay)(nil)
	_ fyne.SecondaryTappable = (*paletteOverlay)(nil)
)

// shadowSteps is how many rings the panel's soft shadow is drawn with,
// shadowStep px apart.
const (
	shadowSteps = 6
	shadowStep  = 1.5
)

func newPaletteOverlay(p *Palette) *paletteOverlay {
	o := &paletteOverlay{p: p, scrim: canvas.NewRectangle(nil)}
	for range shadowSteps {
		o.shadow = append(o.shadow, canvas.NewRectangle(nil))
	}
	o.ExtendBaseWidget(o)
	return o
}

// Tapped closes the palette for a click outside the panel. A click on the
// panel's background would otherwise leave the keyboard nowhere (the
// window unfocuses on clicks that land on nothing focusable), so it gives
// the focus back to the query.
func (o *paletteOverlay) Tapped(ev *fyne.PointEvent) {
	if !o.inPanel(ev.Position) {
		o.p.dismiss()
		return
	}
	if c := o.p.canvas; c != nil && c.Focused() != o.p.entry {
		c.Focus(o.p.entry)
	}
}

// TappedSecondary closes the palette as Tapped does.
func (o *paletteOverlay) TappedSecondary(ev *fyne.PointEvent) { o.Tapped(ev) }

func (o *paletteOverlay) inPanel(pos fyne.Position) bool {
	pp := o.p.panel
	tl, s := pp.Position(), pp.Size()
	return pos.X >= tl.X && pos.Y >= tl.Y && pos.X < tl.X+s.Width && pos.Y < tl.Y+s.Height
}

// place sizes the panel for the results it has and centres it near the top.
func (o *paletteOverlay) place() {
	size := o.Size()
	if size.IsZero() {
		return
	}
	pp := o.p.panel
	pad := theme.SizeForWidget(theme.SizeNamePadding, o)
	w := min(paletteWidth, size.Width*paletteMaxWidth)
	top := max(2*pad, size.Height*paletteTop)
	h := min(pp.heightFor(len(o.p.items)), size.Height*paletteMaxHeight)
	h = max(h, min(pp.MinSize().Height, size.Height-top-pad))
	pp.Move(fyne.NewPos((size.Width-w)/2, top))
	pp.Resize(fyne.NewSize(w, h))
	o.placeShadow()
}

// placeShadow rings the panel with a few faint, rounded rectangles, a
// little lower than the panel as if lit from above: a soft edge that lifts
// it off the page in both themes.
func (o *paletteOverlay) placeShadow() {
	pp := o.p.panel
	pos, size := pp.Position(), pp.Size()
	radius := theme.SizeForWidget(theme.SizeNameInputRadius, o) * 2
	for i, s := range o.shadow {
		grow := float32(shadowSteps-i) * shadowStep
		s.Move(pos.Add(fyne.NewPos(-grow, -grow+3)))
		s.Resize(size.Add(fyne.NewSize(2*grow, 2*grow)))
		s.CornerRadius = radius + grow
	}
}

// CreateRenderer implements fyne.Widget.
func (o *paletteOverlay) CreateRenderer() fyne.WidgetRenderer {
	objects := []fyne.CanvasObject{o.scrim}
	for _, s := range o.shadow {
		objects = append(objects, s)
	}
	objects = append(objects, o.p.panel)
	return &paletteOverlayRenderer{o: o, objects: objects}
}

type paletteOverlayRenderer struct {
	o       *paletteOverlay
	objects []fyne.CanvasObject
}

func (r *paletteOverlayRenderer) Destroy()                     {}
func (r *paletteOverlayRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *paletteOverlayRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *paletteOverlayRenderer) Layout(size fyne.Size) {
	r.o.scrim.Resize(size)
	r.o.place()
}

func (r *paletteOverlayRenderer) Refresh() {
	o := r.o
	// The theme's shadow at half strength: enough to say the page is out
	// of reach for now, not so much that the page cannot be read.
	shade := color.NRGBAModel.Convert(theme.ColorForWidget(theme.ColorNameShadow, o)).(color.NRGBA)
	scrim := shade
	scrim.A /= 2
	o.scrim.FillColor = scrim
	for _, s := range o.shadow {
		ring := shade
		ring.A = uint8(int(shade.A) / (shadowSteps + 2))
		s.FillColor = ring
		s.Refresh()
	}
	r.Layout(o.Size())
	o.scrim.Refresh()
	o.p.panel.Refresh()
}
