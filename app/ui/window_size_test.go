package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"commonplace/storage"
)

// panes are the window's three columns: the sidebar (library, notes,
// claims), the page in the middle (the reader) and the annotations panel.
func panes(t *testing.T, m *mainWindow) []fyne.CanvasObject {
	t.Helper()
	for _, o := range m.win.Content().(*fyne.Container).Objects {
		if outer, ok := o.(*container.Split); ok {
			inner := outer.Trailing.(*container.Split)
			return []fyne.CanvasObject{outer.Leading, inner.Leading, inner.Trailing}
		}
	}
	t.Fatal("no split in the window")
	return nil
}

// At the window's minimum size every pane gets at least its own minimum
// and the panes do not overlap: the window cannot be made small enough to
// squeeze one pane over another.
func TestMinimumWindowKeepsEveryPaneUsable(t *testing.T) {
	m, s := demoWindow(t)
	a := annotationWith(t, s, "The threat no longer needs a safe haven; it needs only")
	m.openItem(storage.ItemRef{ID: a.ID, Kind: storage.KindAnnotation, PieceID: a.PieceID})

	// The window is its content's MinSize plus its padding at the least.
	minSize := m.win.Content().MinSize().AddWidthHeight(2*theme.Padding(), 2*theme.Padding())
	if minSize.Height < paneMinHeight {
		t.Errorf("the window may shrink to %v, shorter than the %v its panes are usable at", minSize, paneMinHeight)
	}
	m.win.Resize(minSize)
	d := fyne.CurrentApp().Driver()
	ps := panes(t, m)
	for i, p := range ps {
		if got, need := p.Size(), p.MinSize(); got.Width < need.Width || got.Height < need.Height {
			t.Errorf("pane %d (%T) is %v at the window's minimum, below its own minimum %v", i, p, got, need)
		}
		if i > 0 {
			prev := ps[i-1]
			if end := d.AbsolutePositionForObject(prev).X + prev.Size().Width; end > d.AbsolutePositionForObject(p).X {
				t.Errorf("pane %d ends at x=%v, past the start of pane %d at x=%v", i-1, end, i, d.AbsolutePositionForObject(p).X)
			}
		}
	}
}
