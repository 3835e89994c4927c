package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/widgets"
)

// reader shows one piece: its title and byline above the text, with every
// annotation highlighted on its words.
type reader struct {
	nb      notebook
	onError func(error)
	// onSpanTapped is called with an annotation id when its highlight is clicked.
	onSpanTapped func(id string)

	root   fyne.CanvasObject
	title  *widget.Label
	byline *widget.RichText
	text   *widgets.AnnotatedText
	blank  *widget.Label

	pieceID       string
	onAnnotations func(storage.Piece, []storage.Annotation)
}

func newReader(nb notebook, onError func(error)) *reader {
	return &reader{nb: nb, onError: onError}
}

func (r *reader) buildUI() fyne.CanvasObject {
	r.title = widget.NewLabel("")
	r.title.SizeName = theme.SizeNameHeadingText
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	r.byline = mutedText()
	r.text = widgets.NewAnnotatedText()
	r.text.Header = container.New(&tightVBox{}, r.title, r.byline)
	r.text.OnSpanTapped = func(id string) {
		r.text.SetActive(id)
		if r.onSpanTapped != nil {
			r.onSpanTapped(id)
		}
	}
	r.blank = widget.NewLabel("Select a piece in the library to read it.")
	r.blank.Alignment = fyne.TextAlignCenter
	r.root = container.NewStack(r.text, container.NewCenter(r.blank))
	r.text.Hide()
	return r.root
}

// pieceView is everything the reader shows of a piece, loaded together.
type pieceView struct {
	piece storage.Piece
	text  string
	anns  []storage.Annotation
}

// open loads a piece in the background and shows it; onAnnotations gets
// its annotations for the panel beside the text.
func (r *reader) open(id string, onAnnotations func(storage.Piece, []storage.Annotation)) {
	r.pieceID, r.onAnnotations = id, onAnnotations
	r.load(true)
}

// reload shows the open piece again after a change, keeping the place.
func (r *reader) reload() {
	if r.pieceID != "" {
		r.load(false)
	}
}

func (r *reader) load(fromTop bool) {
	id := r.pieceID
	inBackground(func() (pieceView, error) {
		var v pieceView
		var err error
		if v.piece, err = r.nb.Piece(id); err != nil {
			return v, err
		}
		if v.text, err = r.nb.PieceText(id); err != nil {
			return v, err
		}
		v.anns, err = r.nb.AnnotationsOf(id)
		return v, err
	}, func(v pieceView) {
		if v.piece.ID != r.pieceID {
			return // the user moved on while it loaded
		}
		r.show(v, fromTop)
	}, r.onError)
}

func (r *reader) show(v pieceView, fromTop bool) {
	r.title.SetText(v.piece.Title)
	setMuted(r.byline, byline(v.piece))
	if fromTop {
		r.text.SetText(v.text)
	}
	r.text.SetSpans(spansOf(v.anns))
	r.text.Refresh() // the header's height may have changed
	r.blank.Hide()
	r.text.Show()
	if r.onAnnotations != nil {
		r.onAnnotations(v.piece, v.anns)
	}
}

// focus marks an annotation as selected and scrolls to it.
func (r *reader) focus(id string) {
	r.text.SetActive(id)
	r.text.ScrollToSpan(id)
}

// spansOf turns annotations into highlights. Orphaned ones have no place
// in the text; the annotations panel lists them.
func spansOf(anns []storage.Annotation) []widgets.Span {
	spans := make([]widgets.Span, 0, len(anns))
	for _, a := range anns {
		if a.Status == anchor.Orphaned {
			continue
		}
		spans = append(spans, widgets.Span{
			ID: a.ID, Start: a.Selector.Start, End: a.Selector.End,
			Color: a.Color, Flagged: a.Status == anchor.Review,
		})
	}
	return spans
}

// byline is "Authors — Outlet, date · tags".
func byline(p storage.Piece) string {
	var b strings.Builder
	b.WriteString(strings.Join(p.Authors, ", "))
	if p.Outlet != "" {
		if b.Len() > 0 {
			b.WriteString(" — ")
		}
		b.WriteString(p.Outlet)
	}
	if p.Published != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Published)
	}
	if len(p.Tags) > 0 {
		if b.Len() > 0 {
			b.WriteString("  ·  ")
		}
		b.WriteString("#" + strings.Join(p.Tags, "  #"))
	}
	return b.String()
}
