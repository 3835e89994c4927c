package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Span is a highlighted passage: runes [Start,End) of the text.
type Span struct {
	ID         string
	Start, End int
	Color      string // highlight colour name: yellow, green, blue, pink, orange, purple
	Flagged    bool   // its anchor needs review: drawn with a warning underline
	// Tooltip is shown in a small popup when the pointer rests on the
	// highlight (the annotation's note); "" shows none.
	Tooltip string
}

// AnnotatedText shows a long text as wrapped paragraphs at a readable
// measure, with highlighted spans behind their words. It lays paragraphs
// out only as they come into view (or a position in them is asked for),
// giving the others an estimated height, and draws only the lines in view:
// a 50 MB piece opens as quickly as a short one, and the memory it takes
// follows what was looked at, not the piece's length. The reader can
// select text with the mouse (drag, double- and triple-click, Shift+click)
// or the keys once it has the focus, and copy it; a highlight with a
// Tooltip shows it when the pointer rests on it.
type AnnotatedText struct {
	widget.BaseWidget

	// OnSpanTapped is called with a span's id when the user clicks it
	// (a plain click, not a drag or a double-click): the innermost span,
	// which is drawn on top.
	OnSpanTapped func(id string)
	// OnSelectionChanged is called with the selected runes [start,end),
	// start <= end, whenever the user changes the selection: dragging,
	// clicking, multi-clicks, keys, SelectAll. start == end is a caret with
	// nothing selected. SetSelection and SetText do not call it.
	OnSelectionChanged func(start, end int)
	// Header, when set, is shown above the text in the same column and
	// scrolls with it (a title and byline).
	Header fyne.CanvasObject
	// OnReaderActive, if set, is called when the pointer moves over the
	// text or the text is scrolled: someone is reading (an app may lock
	// itself when no one is).
	OnReaderActive func()

	page   *textPage
	scroll *container.Scroll
	tip    *tooltip
}

var _ fyne.Widget = (*AnnotatedText)(nil)

// NewAnnotatedText makes an empty AnnotatedText.
func NewAnnotatedText() *AnnotatedText {
	t := &AnnotatedText{}
	t.page = newTextPage(t)
	t.scroll = container.NewVScroll(t.page)
	t.scroll.OnScrolled = func(fyne.Position) {
		t.page.cancelTooltip()
		t.page.Refresh()
		t.readerActive()
	}
	t.tip = newTooltip()
	t.ExtendBaseWidget(t)
	return t
}

func (t *AnnotatedText) readerActive() {
	if t.OnReaderActive != nil {
		t.OnReaderActive()
	}
}

// SetText shows text (paragraphs separated by blank lines) from the top,
// with no spans and nothing selected.
func (t *AnnotatedText) SetText(text string) {
	t.page.cancelTooltip()
	t.page.endPointerGesture()
	t.page.setText(text)
	t.page.spans = nil
	t.page.active = ""
	t.page.marks = markSet{}
	t.page.resetSelection()
	t.scroll.Offset = fyne.Position{}
	t.scroll.Refresh()
	t.page.Refresh()
}

// SetSpans replaces the highlighted spans.
func (t *AnnotatedText) SetSpans(spans []Span) {
	sorted := slices.Clone(spans)
	// Longer spans first, so shorter ones nested in them are drawn on top
	// and win clicks.
	slices.SortStableFunc(sorted, func(a, b Span) int { return (b.End - b.Start) - (a.End - a.Start) })
	t.page.cancelTooltip() // it may belong to a span that is gone
	t.page.spans = sorted
	t.page.Refresh()
}

// Focus gives the text the keyboard, as a click on it would: the caret
// shows, the arrow keys move it and Shift+arrows select.
func (t *AnnotatedText) Focus(c fyne.Canvas) {
	if c != nil {
		c.Focus(t.page)
	}
}

// SetActive marks the span with id as the selected one ("" for none).
func (t *AnnotatedText) SetActive(id string) {
	t.page.active = id
	t.page.Refresh()
}

// ScrollToSpan scrolls so the span with id is in view, a third of the way down.
func (t *AnnotatedText) ScrollToSpan(id string) {
	for _, s := range t.page.spans {
		if s.ID == id {
			t.ScrollToOffset(s.Start)
			return
		}
	}
}

// ScrollToOffset scrolls so rune offset off is in view, a third of the way down.
func (t *AnnotatedText) ScrollToOffset(off int) {
	t.scrollTo(t.page.settledYOf(off) - t.scroll.Size().Height/3)
}

// scrollTo moves the view's top to page y (clamped), redrawing the lines
// now in view without laying anything out again; false if it could not move.
func (t *AnnotatedText) scrollTo(y float32) bool {
	maxY := max(0, t.page.MinSize().Height-t.scroll.Size().Height)
	y = max(0, min(y, maxY))
	if y == t.scroll.Offset.Y {
		return false
	}
	t.page.cancelTooltip()
	t.scroll.ScrollToOffset(fyne.NewPos(t.scroll.Offset.X, y))
	t.page.Refresh()
	return true
}

// CreateRenderer implements fyne.Widget.
func (t *AnnotatedText) CreateRenderer() fyne.WidgetRenderer {
	return &annotatedTextRenderer{t: t, objects: []fyne.CanvasObject{t.scroll, t.tip}}
}

// annotatedTextRenderer wraps the text to the new width before the scroller
// asks the page for its height. The tooltip sits above the scroller, inside
// the widget.
type annotatedTextRenderer struct {
	t       *AnnotatedText
	objects []fyne.CanvasObject
}

func (r *annotatedTextRenderer) Destroy()                     {}
func (r *annotatedTextRenderer) MinSize() fyne.Size           { return r.t.scroll.MinSize() }
func (r *annotatedTextRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *annotatedTextRenderer) Layout(size fyne.Size) {
	if size != r.t.scroll.Size() {
		r.t.page.cancelTooltip() // placed for the old size
	}
	// The find's current hit stays in view as the text re-wraps, and is
	// scrolled to if it was set before there was a view.
	keepMark := r.t.currentMarkDue(size.Width != r.t.scroll.Size().Width)
	p := r.t.page
	top, scrolled := p.offsetAtTop()
	l, wraps := p.layout, p.layout.wraps
	p.wrapTo(size.Width)
	r.t.scroll.Resize(size)
	if scrolled && (p.layout != l || p.layout.wraps != wraps) {
		// Re-wrapped, every paragraph has an estimated height again: the
		// reader stays at the words they were reading, not at the same y.
		r.t.scrollTo(p.settledYOf(top))
	}
	if keepMark {
		r.t.page.marks.scrollDue = true
		r.t.scrollToCurrentMark()
	}
	r.t.page.Refresh()
}

// Refresh lays out again: the header or the theme's text size may have
// changed the text's height.
func (r *annotatedTextRenderer) Refresh() {
	r.Layout(r.t.Size())
	r.t.scroll.Refresh()
	r.t.tip.Refresh()
}
