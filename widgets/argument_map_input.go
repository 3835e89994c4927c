package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

var (
	_ fyne.Tappable     = (*ArgumentMap)(nil)
	_ fyne.Draggable    = (*ArgumentMap)(nil)
	_ fyne.Scrollable   = (*ArgumentMap)(nil)
	_ desktop.Hoverable = (*ArgumentMap)(nil)
)

// mapHover is the node under the pointer and its tooltip.
type mapHover struct {
	node   string
	pos    fyne.Position
	shown  bool
	gen    int
	cancel func()
}

// Tapped reports the node under the pointer, if any, to OnNodeTapped.
func (m *ArgumentMap) Tapped(ev *fyne.PointEvent) {
	id := m.nodeUnder(ev.Position)
	if id != "" && m.OnNodeTapped != nil {
		m.OnNodeTapped(id)
	}
}

// Dragged pans the map: the whole map follows the pointer, wherever the
// drag started (nodes cannot be moved).
func (m *ArgumentMap) Dragged(ev *fyne.DragEvent) {
	m.hideTooltip()
	m.panBy(ev.Dragged)
}

// DragEnd implements fyne.Draggable.
func (m *ArgumentMap) DragEnd() {}

// Scrolled zooms around the pointer: the point under it stays put.
func (m *ArgumentMap) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 {
		return
	}
	m.zoomAt(ev.Position, wheelZoom(ev.Scrolled.DY))
}

// MouseIn implements desktop.Hoverable.
func (m *ArgumentMap) MouseIn(ev *desktop.MouseEvent) { m.hoverAt(ev.Position) }

// MouseMoved implements desktop.Hoverable.
func (m *ArgumentMap) MouseMoved(ev *desktop.MouseEvent) { m.hoverAt(ev.Position) }

// MouseOut implements desktop.Hoverable.
func (m *ArgumentMap) MouseOut() { m.hideTooltip() }

// nodeUnder is the node drawn at widget position p ("" for none).
func (m *ArgumentMap) nodeUnder(p fyne.Position) string {
	return m.lay.NodeAt(m.ToLayout(p))
}

// hoverAt waits for the pointer to rest on a node, then shows its full
// label in a tooltip; moving to another node starts the wait again.
func (m *ArgumentMap) hoverAt(p fyne.Position) {
	h := &m.hover
	id := m.nodeUnder(p)
	if id == h.node && (h.shown || h.cancel != nil) {
		return
	}
	m.hideTooltip()
	if id == "" {
		return
	}
	h.node, h.pos = id, p
	h.gen++
	gen := h.gen
	h.cancel = m.clock.after(tooltipDelay, func() {
		if gen == h.gen && h.node != "" && !h.shown {
			m.showTooltip()
		}
	})
}

// hideTooltip hides the tooltip and forgets any that was due.
func (m *ArgumentMap) hideTooltip() {
	h := &m.hover
	h.gen++
	if h.cancel != nil {
		h.cancel()
		h.cancel = nil
	}
	h.node = ""
	if h.shown {
		h.shown = false
		m.tip.Hide()
	}
}

// showTooltip shows the hovered node's whole label and sub line below it
// (above it when there is no room below), inside the widget, like the
// reader's notes: an overlay would take the pointer from the map.
func (m *ArgumentMap) showTooltip() {
	h := &m.hover
	i, ok := m.nodeAt[h.node]
	r, ok2 := m.lay.NodeRect(h.node)
	if !ok || !ok2 {
		return
	}
	n := m.shown.Nodes[i]
	text := n.Label
	if n.Sub != "" {
		text += "\n\n" + n.Sub
	}
	if text == "" {
		return
	}
	h.shown = true
	h.cancel = nil
	size := m.Size()
	pad := theme.SizeForWidget(theme.SizeNamePadding, m)
	m.tip.setText(text, min(tooltipWidth, size.Width-2*pad))
	ts := m.tip.MinSize()
	m.tip.Resize(ts)
	top, bottom := m.ToScreen(r.Min).Y, m.ToScreen(r.Max).Y
	x := max(pad, min(h.pos.X-2*pad, size.Width-ts.Width-pad))
	y := bottom + pad
	if y+ts.Height > size.Height-pad {
		y = max(pad, top-pad-ts.Height)
	}
	m.tip.Move(fyne.NewPos(x, y))
	m.tip.Show()
	m.tip.Refresh()
	canvas.Refresh(m) // the canvas does not know the tooltip yet: see AnnotatedText.showTooltip
}
