package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme, held to one variant for the View
// menu's Light and Dark choices ("system" follows the desktop), with one
// colour of its own: the selection.
type appTheme struct {
	fyne.Theme
	fixed   bool // variant overrides the desktop's
	variant fyne.ThemeVariant
}

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	if n == theme.ColorNameSelection {
		return selectionColor(v)
	}
	return t.Theme.Color(n, v)
}

// selectionColor is a neutral grey, translucent over the text: the
// default's is the primary blue, which in the dark theme is the navy of
// the blue highlight, so a selection was taken for a mark. Grey is no
// highlight colour's hue, in either theme.
func selectionColor(v fyne.ThemeVariant) color.Color {
	if v == theme.VariantDark {
		return color.NRGBA{0xFF, 0xFF, 0xFF, 0x48}
	}
	return color.NRGBA{0x00, 0x00, 0x00, 0x58}
}

// themeFor maps a preference value to a theme.
func themeFor(choice string) fyne.Theme {
	switch choice {
	case "light":
		return appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: theme.VariantLight}
	case "dark":
		return appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: theme.VariantDark}
	}
	return appTheme{Theme: theme.DefaultTheme()}
}
