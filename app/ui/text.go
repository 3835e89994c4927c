package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mutedText is wrapped secondary text (bylines, dates) in the theme's
// placeholder colour: quieter than the body, still easy to read in both
// themes, unlike a LowImportance label's disabled colour.
func mutedText() *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Style: mutedStyle()})
	t.Wrapping = fyne.TextWrapWord
	return t
}

func mutedStyle() widget.RichTextStyle {
	s := widget.RichTextStyleInline
	s.ColorName = theme.ColorNamePlaceHolder
	return s
}

// setMuted replaces a mutedText's text.
func setMuted(t *widget.RichText, text string) {
	t.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: mutedStyle()}}
	t.Refresh()
}

// richText is the plain text of a RichText, for tests.
func richText(t *widget.RichText) string { return t.String() }

// openLink is a line of text that opens something when clicked: a
// hyperlink-styled label, cut with an ellipsis rather than overflowing its
// column (buttons do not truncate).
func openLink(text string, onTap func()) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Truncation = fyne.TextTruncateEllipsis
	h.OnTapped = onTap
	return h
}
