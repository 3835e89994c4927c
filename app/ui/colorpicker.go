package ui

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/widgets"
)

// colorPicker is a row of highlight colour swatches; the chosen one is
// ringed. It takes the keyboard focus like any field (Tab reaches it; the
// arrow keys pick the colour before or after), and shows that it has it.
type colorPicker struct {
	widget.BaseWidget
	selected  string
	focused   bool
	OnChanged func(name string)
	// OnFocusGained, if set, is called when the row gets the focus.
	OnFocusGained func()
}

var _ fyne.Widget = (*colorPicker)(nil)
var _ fyne.Tappable = (*colorPicker)(nil)
var _ fyne.Focusable = (*colorPicker)(nil)

const swatchSize = 22

func newColorPicker(onChanged func(string)) *colorPicker {
	c := &colorPicker{selected: storage.DefaultColor, OnChanged: onChanged}
	c.ExtendBaseWidget(c)
	return c
}

// SetSelected shows name as chosen without reporting it.
func (c *colorPicker) SetSelected(name string) {
	c.selected = name
	c.Refresh()
}

func (c *colorPicker) step() float32 { return swatchSize + theme.Padding()*2 }

// Tapped picks the swatch under the pointer.
func (c *colorPicker) Tapped(ev *fyne.PointEvent) {
	c.pick(int(ev.Position.X / c.step()))
}

// pick chooses the i-th colour and reports it.
func (c *colorPicker) pick(i int) {
	if i < 0 || i >= len(storage.Colors) || storage.Colors[i] == c.selected {
		return
	}
	c.selected = storage.Colors[i]
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(c.selected)
	}
}

// FocusGained shows the focus ring around the row.
func (c *colorPicker) FocusGained() {
	c.focused = true
	c.Refresh()
	if c.OnFocusGained != nil {
		c.OnFocusGained()
	}
}

// FocusLost hides the focus ring.
func (c *colorPicker) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune does nothing: colours are picked with the arrow keys.
func (c *colorPicker) TypedRune(rune) {}

// TypedKey picks the colour before or after the chosen one, as arrow keys
// do in a row of radio buttons.
func (c *colorPicker) TypedKey(k *fyne.KeyEvent) {
	i := slices.Index(storage.Colors, c.selected)
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		c.pick(i - 1)
	case fyne.KeyRight, fyne.KeyDown:
		c.pick(i + 1)
	case fyne.KeyHome:
		c.pick(0)
	case fyne.KeyEnd:
		c.pick(len(storage.Colors) - 1)
	}
}

func (c *colorPicker) CreateRenderer() fyne.WidgetRenderer {
	r := &colorPickerRenderer{c: c, focus: canvas.NewRectangle(color.Transparent)}
	r.focus.StrokeWidth = 2
	r.focus.CornerRadius = theme.InputRadiusSize()
	r.objects = append(r.objects, r.focus)
	for range storage.Colors {
		ring := canvas.NewCircle(color.Transparent)
		ring.StrokeWidth = 2
		r.rings = append(r.rings, ring)
		r.dots = append(r.dots, canvas.NewCircle(color.Transparent))
	}
	for i := range r.rings {
		r.objects = append(r.objects, r.rings[i], r.dots[i])
	}
	r.Refresh()
	return r
}

type colorPickerRenderer struct {
	c       *colorPicker
	focus   *canvas.Rectangle // around the row while it has the focus
	rings   []*canvas.Circle
	dots    []*canvas.Circle
	objects []fyne.CanvasObject
}

func (r *colorPickerRenderer) Destroy()                     {}
func (r *colorPickerRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *colorPickerRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.c.step()*float32(len(storage.Colors)), swatchSize+theme.Padding()*2)
}

func (r *colorPickerRenderer) Layout(fyne.Size) {
	p := theme.Padding()
	r.focus.Move(fyne.NewPos(0, 0))
	r.focus.Resize(r.MinSize())
	for i := range r.rings {
		x := float32(i)*r.c.step() + p
		r.rings[i].Move(fyne.NewPos(x-2, p-2))
		r.rings[i].Resize(fyne.NewSquareSize(swatchSize + 4))
		r.dots[i].Move(fyne.NewPos(x+2, p+2))
		r.dots[i].Resize(fyne.NewSquareSize(swatchSize - 4))
	}
}

func (r *colorPickerRenderer) Refresh() {
	dark := isDarkTheme()
	r.focus.StrokeColor = color.Transparent
	if r.c.focused {
		r.focus.StrokeColor = theme.Color(theme.ColorNameFocus)
	}
	r.focus.Refresh()
	for i, name := range storage.Colors {
		r.dots[i].FillColor = widgets.HighlightSwatch(name, dark)
		r.rings[i].StrokeColor = color.Transparent
		if name == r.c.selected {
			r.rings[i].StrokeColor = theme.Color(theme.ColorNameForeground)
		}
		r.rings[i].Refresh()
		r.dots[i].Refresh()
	}
	r.Layout(r.c.Size())
}
