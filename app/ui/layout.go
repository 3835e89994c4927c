package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tightVBox stacks objects like a VBox but with the inner padding of
// labels pulled in, so a title and its caption read as one item.
type tightVBox struct{}

func (tightVBox) pull() float32 { return theme.Padding() * 1.5 }

func (v *tightVBox) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= v.pull()
		}
	}
	return s
}

func (v *tightVBox) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - v.pull()
	}
}

// readingColumn centres its content in a column of readable width
// (about 70 characters), as the piece reader does.
type readingColumn struct{}

func (readingColumn) width() float32 {
	return fyne.MeasureText(strings.Repeat("m", 42), theme.TextSize(), fyne.TextStyle{}).Width
}

func (c *readingColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s = s.Max(m)
	}
	return s.AddWidthHeight(0, theme.Padding()*4)
}

func (c *readingColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 4
	w := min(size.Width-2*pad, c.width())
	for _, o := range objects {
		o.Resize(fyne.NewSize(w, size.Height-pad))
		o.Move(fyne.NewPos((size.Width-w)/2, pad))
	}
}

// pageHeading is the top of a list page: a heading (returned, to count
// what the page lists in it) over a muted line of help.
func pageHeading(title, help string) (*widget.Label, fyne.CanvasObject) {
	heading := widget.NewLabel(title)
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	line := mutedText()
	setMuted(line, help)
	return heading, container.NewPadded(container.NewVBox(heading, line))
}

// layoutSpacer fills the space between objects in a box.
func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// newTitleRow is a list row of a title over a caption line, both cut
// short with an ellipsis; boldTitle sets the title in bold.
func newTitleRow(boldTitle bool) fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = boldTitle
	title.Truncation = fyne.TextTruncateEllipsis
	caption := widget.NewLabel("")
	caption.SizeName = theme.SizeNameCaptionText
	caption.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, title, caption)
}

// setTitleRow fills a row made by newTitleRow.
func setTitleRow(row fyne.CanvasObject, title, caption string) {
	box := row.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(title)
	box.Objects[1].(*widget.Label).SetText(caption)
}

// selectSilently selects row i of list (none when i < 0) with *quiet set,
// which the list's OnSelected reads as "chosen by code: do not open it".
func selectSilently(list *widget.List, i int, quiet *bool) {
	if i < 0 {
		list.UnselectAll()
		return
	}
	*quiet = true
	list.Select(i)
	*quiet = false
}

// scrollIntoView scrolls s, vertically, so that o — an object inside it —
// is in view: the field that has the focus must never be below the fold.
func scrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	if s == nil || s.Content == nil {
		return
	}
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y -
		fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Content).Y
	bottom := top + o.Size().Height
	view := s.Size().Height
	switch {
	case top < s.Offset.Y:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, top))
	case bottom > s.Offset.Y+view:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, min(top, bottom-view)))
	}
}

// paneMinHeight is the least height a pane of the window is usable at:
// the sidebar's controls with three of its list's rows under them, and
// the annotations panel's list over the passage being edited. Scrolling
// lists report a minimum of about one row, so without this the window
// could shrink until those lists vanished and the panes were squeezed
// below their own controls.
const paneMinHeight = 480

// pane is a column of the window, never shorter than paneMinHeight, so
// that the window's minimum (its content's MinSize) keeps every pane
// usable.
func pane(content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(paneLayout{}, content)
}

type paneLayout struct{}

func (paneLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize().Max(fyne.NewSize(0, paneMinHeight))
}

func (paneLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}
