package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/widgets"
)

// pieceFields are the metadata entries shared by the New piece and Details
// forms.
type pieceFields struct {
	title, authors, outlet, published, url, tags *widget.Entry
}

func newPieceFields(p storage.Piece) *pieceFields {
	f := &pieceFields{
		title: widget.NewEntry(), authors: widget.NewEntry(), outlet: widget.NewEntry(),
		published: widget.NewEntry(), url: widget.NewEntry(), tags: widget.NewEntry(),
	}
	f.title.SetText(p.Title)
	f.title.SetPlaceHolder("Taken from the first line if left empty")
	f.authors.SetText(strings.Join(p.Authors, ", "))
	f.authors.SetPlaceHolder("Separated by commas")
	f.outlet.SetText(p.Outlet)
	f.published.SetText(p.Published)
	f.published.SetPlaceHolder("YYYY-MM-DD")
	f.published.Validator = func(s string) error {
		if s = strings.TrimSpace(s); s != "" && !storage.ValidPublished(s) {
			return errors.New("use YYYY-MM-DD, YYYY-MM or YYYY, a day of the calendar")
		}
		return nil
	}
	f.url.SetText(p.URL)
	f.url.SetPlaceHolder("https://…")
	f.tags.SetText(strings.Join(p.Tags, ", "))
	f.tags.SetPlaceHolder("Separated by commas")
	return f
}

func (f *pieceFields) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Authors", f.authors),
		widget.NewFormItem("Outlet", f.outlet),
		widget.NewFormItem("Published", f.published),
		widget.NewFormItem("URL", f.url),
		widget.NewFormItem("Tags", f.tags),
	}
}

// piece fills p's metadata from the entries.
func (f *pieceFields) piece(p storage.Piece) storage.Piece {
	p.Title = f.title.Text
	p.Authors = strings.Split(f.authors.Text, ",")
	p.Outlet = f.outlet.Text
	p.Published = strings.TrimSpace(f.published.Text)
	p.URL = f.url.Text
	p.Tags = []string{f.tags.Text}
	return p
}

// newPiece asks for a pasted text and its metadata and adds the piece.
func (m *mainWindow) newPiece() {
	f := newPieceFields(storage.Piece{})
	text := widgets.NewProseEntry()
	// Unwrapped: a wrapped multi-line entry slows to a crawl on long texts
	// (fyne#5297), and pasted articles are long.
	text.Wrapping = fyne.TextWrapOff
	text.SetMinRowsVisible(10)
	text.SetPlaceHolder("Paste the article text here. Separate paragraphs with a blank line.")
	text.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("the piece needs its text")
		}
		return nil
	}
	items := append(f.items(), widget.NewFormItem("Text", text))
	var d *dialog.FormDialog
	d = dialog.NewForm("New piece", "Add piece", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if err := m.addPastedPiece(f, text.Text); err != nil {
			d.Show() // again, with what was typed, under the message
			m.showError(err)
		}
	}, m.win)
	d.Resize(fyne.NewSize(760, 640))
	d.Show()
	m.win.Canvas().Focus(f.title)
}

// addPastedPiece adds the piece the New piece form describes and opens it.
func (m *mainWindow) addPastedPiece(f *pieceFields, text string) error {
	p, err := m.store.AddPiece(f.piece(storage.Piece{Format: "paste"}), text)
	if err != nil {
		return err
	}
	m.library.clearFilters()
	m.goTo(place{kind: placePiece, id: p.ID})
	return nil
}

// editDetails edits the open piece's metadata.
func (m *mainWindow) editDetails() {
	p, ok := m.readPieceInView()
	if !ok {
		return
	}
	f := newPieceFields(p)
	f.title.SetPlaceHolder("")
	f.title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a piece needs a title")
		}
		return nil
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("Piece details", "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		if _, err := m.store.UpdatePiece(f.piece(p)); err != nil {
			d.Show() // again, with what was typed, under the message
			m.showError(err)
		}
	}, m.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}
