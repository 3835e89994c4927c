package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"commonplace/storage"
	"commonplace/widgets"
	"commonplace/widgets/colourtest"
)

// TestSelectionIsNoHighlight: in both themes the text selection, as drawn
// over the background, is far (ΔE*ab ≥ 25) from every highlight colour:
// a selection must never be taken for a mark.
func TestSelectionIsNoHighlight(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: v}
		bg := th.Color(theme.ColorNameBackground, v)
		sel := colourtest.LinearRGB(colourtest.Over(th.Color(theme.ColorNameSelection, v), bg))
		for _, name := range storage.Colors {
			hl := colourtest.LinearRGB(colourtest.Over(widgets.HighlightColor(name, v == theme.VariantDark), bg))
			if d := colourtest.DeltaE(sel, hl); d < 25 {
				t.Errorf("variant %d: the selection is ΔE %.1f from the %s highlight", v, d, name)
			}
		}
	}
}
