package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/importer"
)

// splitHere splits the piece in view where the cursor stands (the start
// of the selection): the text from there on becomes a new piece. A cursor
// inside a word splits before that word, since a cut never splits one.
func (m *mainWindow) splitHere() {
	id, ok := m.pieceInView()
	if !ok {
		return
	}
	start, _ := m.reader.selection()
	text, err := m.store.PieceText(id)
	if err != nil {
		m.showError(err)
		return
	}
	runes := []rune(text)
	at := min(max(start, 0), len(runes))
	for at > 0 && at < len(runes) && !unicode.IsSpace(runes[at-1]) && !unicode.IsSpace(runes[at]) {
		at--
	}
	if strings.TrimSpace(string(runes[:at])) == "" || strings.TrimSpace(string(runes[at:])) == "" {
		dialog.ShowInformation("Split Here", "Put the cursor where the next piece should begin, at the start of its first paragraph, then choose Split Here.", m.win)
		return
	}
	m.split(id, []int{at}, nil, nil)
}

// splitProposal is a proposed split as the dialog edits it.
type splitProposal struct {
	importer.Proposal
	take  *widget.Check
	title *widget.Entry
}

// splitIntoArticles proposes to split the piece in view before each
// headline with a byline under it, each proposal with a check box and its
// title to edit, and splits at those kept.
func (m *mainWindow) splitIntoArticles() {
	id, ok := m.pieceInView()
	if !ok {
		return
	}
	text, err := m.store.PieceText(id)
	if err != nil {
		m.showError(err)
		return
	}
	props := importer.ProposeSplits(text)
	if len(props) == 0 {
		dialog.ShowInformation("Split into Articles", "No articles found: no headline with a byline (“By …” or “Name, Outlet”) on the line under it.\n\nPut the cursor where a piece should begin and choose Split Here instead.", m.win)
		return
	}
	m.splitDialog(props, func(rows []splitProposal) {
		var at []int
		titles, authors := []string{""}, [][]string{nil}
		for _, r := range rows {
			if r.take.Checked {
				at = append(at, r.At)
				titles = append(titles, strings.TrimSpace(r.title.Text))
				authors = append(authors, r.Authors)
			}
		}
		if len(at) > 0 {
			m.split(id, at, titles, authors)
		}
	}).Show()
}

// splitDialog builds the proposals dialog; onSplit gets the rows as the
// user left them.
func (m *mainWindow) splitDialog(props []importer.Proposal, onSplit func([]splitProposal)) dialog.Dialog {
	rows := make([]splitProposal, len(props))
	list := container.NewVBox()
	for i, p := range props {
		r := splitProposal{Proposal: p, take: widget.NewCheck("", nil), title: widget.NewEntry()}
		r.take.SetChecked(true)
		r.title.SetText(p.Title)
		by := widget.NewLabelWithStyle(proposedByline(p.Authors), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		by.Truncation = fyne.TextTruncateEllipsis
		rows[i] = r
		// The check box sits level with the title it keeps, the byline
		// under the title.
		list.Add(container.NewBorder(nil, nil, container.NewVBox(r.take), nil, container.NewVBox(r.title, by)))
	}
	intro := widget.NewLabel(fmt.Sprintf("%s found. Each one checked becomes a new piece with the title given; "+
		"what comes before the first stays in this piece. Passages go with their words; the whole text is kept as this piece's earlier revision.",
		plural(len(props), "article", "articles")))
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(600, 420))
	d := dialog.NewCustomConfirm("Split into Articles", "Split", "Cancel",
		container.NewBorder(intro, nil, nil, nil, scroll), func(ok bool) {
			if ok {
				onSplit(rows)
			}
		}, m.win)
	m.splitRows = rows // for tests to check and edit
	return d
}

func proposedByline(authors []string) string {
	if len(authors) == 0 {
		return "no author named"
	}
	return "By " + strings.Join(authors, ", ")
}

// split splits the piece, leaves the reader on its first part and the
// library showing every piece, the new ones among them.
func (m *mainWindow) split(id string, at []int, titles []string, authors [][]string) {
	m.saver.flush()
	parts, err := m.store.SplitArticles(id, at, titles, authors)
	if err != nil {
		m.showError(err)
		return
	}
	m.reader.clearSelection()
	m.library.clearFilters()
	m.goTo(place{kind: placePiece, id: id})
	m.reader.reload()
	// No undo: the whole text before the split is the first piece's
	// earlier revision, which is where it is taken back from.
	m.undo.offer(fmt.Sprintf("Split into %d pieces; the whole text is kept as an earlier revision of “%s”.", len(parts), storage.Excerpt(parts[0].Title, 60)), nil)
}
