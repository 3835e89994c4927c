package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/widgets"
)

// pieceReader is what the reader reads of the notebook.
type pieceReader interface {
	Piece(id string) (storage.Piece, error)
	PieceText(id string) (string, error)
	AnnotationsOf(pieceID string) ([]storage.Annotation, error)
}

// reader shows one piece: its title and byline above the text, with every
// annotation highlighted on its words.
type reader struct {
	nb      pieceReader
	bg      *background
	onError func(error)
	// onSpanTapped is called with an annotation id when its highlight is clicked.
	onSpanTapped func(id string)
	// onSelection is called when the text selection changes (start == end: none).
	onSelection func(start, end int)
	// onAnnotate, onDetails and onEditText are the toolbar's actions.
	onAnnotate, onDetails, onEditText func()

	root     fyne.CanvasObject
	find     *findBar
	toolbar  *fyne.Container
	annotate *widget.Button
	title    *widget.Label
	byline   *widget.RichText
	noText   *widget.Label // under the byline of a bibliographic piece, which has no text yet
	text     *widgets.AnnotatedText
	blank    *widget.Label

	pieceID    string
	loadedID   string // the piece whose text is shown (pieceID may still be loading)
	loadedText string // that text, to tell a reload with an edited text
	loads      int    // numbers loads, so a late one is dropped
	// onAnnotations gets each shown piece's annotations, for the panel
	// beside the text.
	onAnnotations func(storage.Piece, []storage.Annotation)
	// onClosed is called when the reader shows no piece any more (it was
	// deleted, or cannot be read): what showed its passages and links
	// must not go on showing them.
	onClosed func()
	// toSelect is a span of text to select once its piece is shown (a
	// suggested passage not marked yet).
	toSelect struct {
		piece string
		span  storage.Span
	}
}

func newReader(nb pieceReader, bg *background, onError func(error)) *reader {
	return &reader{nb: nb, bg: bg, onError: onError}
}

func (r *reader) buildUI() fyne.CanvasObject {
	r.title = widget.NewLabel("")
	r.title.SizeName = theme.SizeNameHeadingText
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	r.byline = mutedText()
	r.noText = widget.NewLabel(noTextMessage)
	r.noText.Wrapping = fyne.TextWrapWord
	r.noText.Importance = widget.LowImportance
	r.noText.Hide()
	r.text = widgets.NewAnnotatedText()
	r.text.Header = container.New(&tightVBox{}, r.title, r.byline, r.noText)
	r.text.OnSpanTapped = func(id string) {
		r.text.SetActive(id)
		if r.onSpanTapped != nil {
			r.onSpanTapped(id)
		}
	}
	r.text.OnSelectionChanged = func(start, end int) {
		r.setCanAnnotate(end > start)
		if r.onSelection != nil {
			r.onSelection(start, end)
		}
	}
	r.annotate = widget.NewButtonWithIcon("Annotate", theme.ContentAddIcon(), func() { r.onAnnotate() })
	r.annotate.Importance = widget.HighImportance
	r.annotate.Disable()
	details := widget.NewButtonWithIcon("Details", theme.DocumentIcon(), func() { r.onDetails() })
	edit := widget.NewButtonWithIcon("Edit text", theme.DocumentCreateIcon(), func() { r.onEditText() })
	hint := widget.NewLabel("Select words to mark them")
	hint.Importance = widget.LowImportance
	r.toolbar = container.NewHBox(r.annotate, hint, layout.NewSpacer(), details, edit)
	r.blank = widget.NewLabel(noPieceMessage)
	r.blank.Alignment = fyne.TextAlignCenter
	r.find = newFindBar(r.text, func() string { return r.loadedText })
	r.root = container.NewStack(
		container.NewBorder(container.NewVBox(container.NewPadded(r.toolbar), r.find.root), nil, nil, nil, r.text),
		container.NewCenter(r.blank))
	r.text.Hide()
	r.toolbar.Hide()
	return r.root
}

func (r *reader) view() fyne.CanvasObject { return r.root }

// changed shows the open piece again when pieces or annotations changed:
// its text, its highlights and the annotations panel beside it.
func (r *reader) changed(c changes) {
	if c.pieces {
		r.reload()
	}
}

// pieceView is everything the reader shows of a piece, loaded together.
type pieceView struct {
	piece storage.Piece
	text  string
	anns  []storage.Annotation
}

// What the reader says when it shows no text: none is chosen, or the one
// chosen is on its way (a long piece takes a moment to read and lay out;
// "select a piece" then would be false, and invite a second click).
const (
	noPieceMessage = "Select a piece in the library to read it."
	openingMessage = "Opening the piece…"
	// noTextMessage is shown under the metadata of a bibliographic piece
	// (from a reference library), which has no text until one is attached.
	noTextMessage = "No text yet: this piece came from a reference library with its metadata only. Use Edit text to paste or write its text."
)

// open loads a piece in the background and shows it; until it is shown,
// the reader says it is opening it rather than showing another's text.
func (r *reader) open(id string) {
	r.pieceID = id
	if id != r.loadedID {
		r.text.Hide()
		r.toolbar.Hide()
		r.find.close()
		r.blank.SetText(openingMessage)
		r.blank.Show()
	}
	r.load(true)
}

// openPiece is the piece open in the reader, perhaps still loading ("":
// none).
func (r *reader) openPiece() string { return r.pieceID }

// shownPiece is the piece whose text the reader shows.
func (r *reader) shownPiece() string { return r.loadedID }

// selectWhenShown selects span of piece, and scrolls to it, once that
// piece's text is shown.
func (r *reader) selectWhenShown(piece string, span storage.Span) {
	r.toSelect.piece, r.toSelect.span = piece, span
}

// reload shows the open piece again after a change, keeping the place.
func (r *reader) reload() {
	if r.pieceID != "" {
		r.load(false)
	}
}

func (r *reader) load(fromTop bool) {
	id := r.pieceID
	r.loads++
	seq := r.loads
	inBackground(r.bg, func() (pieceView, error) {
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
		// Only the latest load counts: the user may have moved on, and two
		// loads of one piece may finish out of order.
		if seq != r.loads || v.piece.ID != r.pieceID {
			return
		}
		r.show(v, fromTop)
	}, func(err error) {
		if seq == r.loads && r.loadedID != r.pieceID {
			r.close() // never "opening…" for good
		}
		r.onError(err)
	})
}

func (r *reader) show(v pieceView, fromTop bool) {
	r.title.SetText(v.piece.Title)
	line := byline(v.piece)
	setMuted(r.byline, line)
	// A piece with no authors, outlet, date or tags has no byline, and no
	// blank line standing in for one under its title.
	if r.byline.Hidden != (line == "") || r.noText.Hidden != v.piece.HasText() {
		r.byline.Hidden = line == ""
		r.noText.Hidden = v.piece.HasText()
		r.text.Header.Refresh()
	}
	// A new piece, or this one's text edited: lay the text out anew (the
	// old selection and find marks mean nothing in the new text).
	if fromTop || r.loadedID != v.piece.ID || v.text != r.loadedText {
		r.loadedText = v.text
		r.text.SetText(v.text) // clears the selection without reporting it
		r.setCanAnnotate(false)
		r.find.reset()
	}
	r.loadedID = v.piece.ID
	r.text.SetSpans(spansOf(v.anns))
	r.text.Refresh() // the header's height may have changed
	r.blank.Hide()
	r.text.Show()
	r.toolbar.Show()
	if sel := r.toSelect; sel.piece == v.piece.ID {
		r.toSelect.piece = ""
		r.text.SetSelection(sel.span.Start, sel.span.End)
		r.text.ScrollToOffset(sel.span.Start)
		r.setCanAnnotate(sel.span.End > sel.span.Start)
	}
	if r.onAnnotations != nil {
		r.onAnnotations(v.piece, v.anns)
	}
}

// close shows no piece: the placeholder instead (the piece is gone).
func (r *reader) close() {
	r.pieceID, r.loadedID = "", ""
	r.text.Hide()
	r.toolbar.Hide()
	r.find.close()
	r.blank.SetText(noPieceMessage)
	r.blank.Show()
	if r.onClosed != nil {
		r.onClosed()
	}
}

// setActive marks an annotation's highlight as the selected one.
func (r *reader) setActive(id string) { r.text.SetActive(id) }

// copySelection copies the selected text; selectAll selects the whole text.
func (r *reader) copySelection(c fyne.Clipboard) { r.text.Copy(c) }
func (r *reader) selectAll()                     { r.text.SelectAll() }

// openFind opens the find bar over the text.
func (r *reader) openFind(c fyne.Canvas) { r.find.open(c) }

// selection is the selected text span, in runes (start == end: none).
func (r *reader) selection() (int, int) { return r.text.Selection() }

// wordSelection is the selection widened to whole words, for marking.
func (r *reader) wordSelection() (int, int) {
	return r.text.WordSelection()
}

// clearSelection collapses the selection to its end.
func (r *reader) clearSelection() {
	_, end := r.text.Selection()
	r.text.SetSelection(end, end)
	r.setCanAnnotate(false)
}

func (r *reader) setCanAnnotate(ok bool) {
	if ok {
		r.annotate.Enable()
	} else {
		r.annotate.Disable()
	}
}

// focus marks an annotation as selected and scrolls to it.
func (r *reader) focus(id string) {
	r.text.SetActive(id)
	r.text.ScrollToSpan(id)
}

// spansOf turns annotations into highlights, each with its note as the
// tooltip. Orphaned ones have no place in the text; the annotations panel
// lists them. One flagged for review is drawn, flagged, at the store's guess.
func spansOf(anns []storage.Annotation) []widgets.Span {
	spans := make([]widgets.Span, 0, len(anns))
	for _, a := range anns {
		place, ok := a.Place()
		if !ok {
			continue
		}
		spans = append(spans, widgets.Span{
			ID: a.ID, Start: place.Start, End: place.End,
			Color: a.Color, Flagged: a.Status == anchor.Review, Tooltip: a.Note,
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
	if p.DOI != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("doi:" + p.DOI)
	}
	if len(p.Tags) > 0 {
		if b.Len() > 0 {
			b.WriteString("  ·  ")
		}
		b.WriteString("#" + strings.Join(p.Tags, "  #"))
	}
	return b.String()
}
