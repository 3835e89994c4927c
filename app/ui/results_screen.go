package ui

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/indexes"
	"commonplace/app/search"
	"commonplace/storage"
)

// resultsLimit bounds the results screen; past it, narrowing is the answer.
const resultsLimit = 500

const (
	sortRelevance = "Best match"
	sortNewest    = "Newest first"
)

// resultsScreen lists every hit of a query for longer browsing: its
// filters as chips that can be taken off one by one, sorted by relevance
// or date.
type resultsScreen struct {
	index  *indexes.Search
	onOpen func(storage.ItemRef)

	hits    []search.Hit
	session *search.Session
	// onQuery tells the window the query changed, for its history.
	onQuery func(string)

	root   fyne.CanvasObject
	query  *widget.Entry
	sortBy *widget.Select
	chips  *fyne.Container
	status *widget.Label
	list   *widget.List
}

func newResultsScreen(index *indexes.Search, onOpen func(storage.ItemRef)) *resultsScreen {
	return &resultsScreen{index: index, onOpen: onOpen}
}

func (r *resultsScreen) buildUI() fyne.CanvasObject {
	r.query = widget.NewEntry()
	r.query.SetPlaceHolder("Search everything")
	r.query.OnChanged = func(string) { r.run() }
	r.sortBy = selectWith([]string{sortRelevance, sortNewest}, sortRelevance)
	r.sortBy.OnChanged = func(string) { r.sort() }
	r.chips = container.NewHBox()
	r.status = widget.NewLabel("")
	r.status.SizeName = theme.SizeNameCaptionText
	r.list = widget.NewList(func() int { return len(r.hits) }, r.createRow, r.updateRow)
	r.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(r.hits) {
			h := r.hits[i]
			r.list.UnselectAll()
			r.onOpen(storage.ItemRef{ID: h.ID, Kind: storeKind(h.Kind), PieceID: h.PieceID})
		}
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, r.sortBy, r.query),
		container.NewBorder(nil, nil, nil, r.status, container.NewHScroll(r.chips)),
	)
	r.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, r.list)
	return r.root
}

func (r *resultsScreen) view() fyne.CanvasObject { return r.root }

// changed leaves the hits as they are: results that move under the
// pointer while the researcher reads them help no one. Showing the
// screen again runs the query afresh.
func (r *resultsScreen) changed(changes) {}

// show runs text as the screen's query, afresh: the notebook may have
// changed since it last ran.
func (r *resultsScreen) show(text string) {
	r.session = r.index.Engine().NewSession()
	r.query.OnChanged = nil
	r.query.SetText(text)
	r.query.OnChanged = func(string) { r.run() }
	r.run()
}

func (r *resultsScreen) run() {
	if r.session == nil {
		r.session = r.index.Engine().NewSession()
	}
	q, err := search.Parse(r.query.Text)
	res := r.session.SearchQuery(q, resultsLimit)
	r.hits = res.Hits
	if r.onQuery != nil {
		r.onQuery(r.query.Text)
	}
	r.showChips(q)
	r.status.SetText(searchStatus(res, err, "first", r.index.Building()))
	r.sort()
}

// showChips shows each filter of q as a chip that takes it off.
func (r *resultsScreen) showChips(q search.Query) {
	var chips []fyne.CanvasObject
	for i, f := range q.Filters {
		label := f.Key + ": " + f.Value
		if f.Not {
			label = "not " + label
		}
		chips = append(chips, widget.NewButtonWithIcon(label, theme.CancelIcon(), func() {
			q.Filters = slices.Delete(slices.Clone(q.Filters), i, i+1)
			r.query.SetText(q.String())
		}))
	}
	r.chips.Objects = chips
	r.chips.Refresh()
}

// sort orders the hits as chosen, by the dates the index keeps.
func (r *resultsScreen) sort() {
	if r.sortBy.Selected == sortNewest {
		slices.SortStableFunc(r.hits, func(a, b search.Hit) int { return cmp.Compare(b.Date, a.Date) })
	} else {
		slices.SortStableFunc(r.hits, func(a, b search.Hit) int { return cmp.Compare(b.Score, a.Score) })
	}
	r.list.Refresh()
	r.list.ScrollToTop()
}

func (r *resultsScreen) createRow() fyne.CanvasObject {
	title := widget.NewRichText()
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewRichText()
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, title, detail)
}

func (r *resultsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	it := hitItem(r.hits[i])
	box := o.(*fyne.Container)
	setHighlighted(box.Objects[0].(*widget.RichText), string(r.hits[i].Kind)+" · "+it.Title, shift(it.TitleMatches, len([]rune(string(r.hits[i].Kind)+" · "))), true)
	setHighlighted(box.Objects[1].(*widget.RichText), it.Detail, it.DetailMatches, false)
}

// setHighlighted fills a RichText with text, matched ranges in bold in the
// theme's primary colour.
func setHighlighted(t *widget.RichText, text string, ranges [][2]int, bold bool) {
	runes := []rune(text)
	style := func(match bool) widget.RichTextStyle {
		s := widget.RichTextStyleInline
		s.TextStyle.Bold = bold || match
		if match {
			s.ColorName = theme.ColorNamePrimary
		} else if !bold {
			s.ColorName = theme.ColorNamePlaceHolder
		}
		return s
	}
	var segs []widget.RichTextSegment
	pos := 0
	for _, rg := range ranges {
		start, end := max(rg[0], pos), min(rg[1], len(runes))
		if start >= end {
			continue
		}
		if start > pos {
			segs = append(segs, &widget.TextSegment{Text: string(runes[pos:start]), Style: style(false)})
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[start:end]), Style: style(true)})
		pos = end
	}
	if pos < len(runes) {
		segs = append(segs, &widget.TextSegment{Text: string(runes[pos:]), Style: style(false)})
	}
	t.Segments = segs
	t.Refresh()
}

// storeKind is the store's kind of item for a search hit's kind.
func storeKind(k search.Kind) storage.Kind {
	switch k {
	case search.KindPassage:
		return storage.KindAnnotation
	case search.KindClaim:
		return storage.KindClaim
	case search.KindNote:
		return storage.KindNote
	}
	return storage.KindPiece
}
