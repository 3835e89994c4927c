package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/textnorm"
)

// Library sort orders, as shown in its sort menu.
const (
	sortDate   = "Newest first"
	sortTitle  = "Title A–Z"
	sortRecent = "Recently added"
)

const allTags = "All tags"

// pieceLister is what the library reads.
type pieceLister interface {
	Pieces() ([]storage.PieceSummary, error)
	Tags() ([]storage.TagCount, error)
	ItemsByTag(tag string) ([]storage.ItemRef, error)
}

// library is the list of pieces: title, outlet, date and how many passages
// are marked in each, sorted and filtered as the user chooses.
type library struct {
	nb      pieceLister
	bg      *background
	prefs   fyne.Preferences
	onError func(error)
	// onImport and onNewPiece are the toolbar's actions.
	onImport, onNewPiece func()
	// onTags is told the notebook's tags whenever they are loaded.
	onTags func([]string)
	// onFirstLoad runs once, when the pieces are first listed.
	onFirstLoad func()

	all    []storage.PieceSummary
	tagged map[string]bool // pieces carrying the chosen tag, or having passages that do
	loaded bool

	// pieces are all, filtered and sorted: what the list shows.
	pieces *itemList[storage.PieceSummary]
	filter *widget.Entry
	sortBy *widget.Select
	tag    *widget.Select
	count  *widget.Label
}

func newLibrary(nb pieceLister, bg *background, prefs fyne.Preferences, onSelect func(string), onError func(error)) *library {
	l := &library{nb: nb, bg: bg, prefs: prefs, onError: onError}
	l.pieces = newItemList(func(p storage.PieceSummary) string { return p.ID },
		func(p storage.PieceSummary) (string, string) { return p.Title, pieceMeta(p) },
		func(p storage.PieceSummary) { onSelect(p.ID) })
	return l
}

func (l *library) buildUI() fyne.CanvasObject {
	l.filter = widget.NewEntry()
	l.filter.SetPlaceHolder("Filter by title, author, outlet…")
	l.filter.OnChanged = func(string) { l.apply() }
	l.sortBy = widget.NewSelect([]string{sortDate, sortTitle, sortRecent}, nil)
	l.sortBy.SetSelected(l.prefs.StringWithFallback(prefSort, sortDate))
	l.sortAll() // pieces loaded before the list was built
	l.sortBy.OnChanged = func(s string) {
		l.prefs.SetString(prefSort, s)
		l.sortAll()
		l.apply()
	}
	l.tag = widget.NewSelect([]string{allTags}, nil)
	l.tag.SetSelected(allTags)
	l.tag.OnChanged = l.onTag
	l.count = widget.NewLabel("")
	l.count.SizeName = theme.SizeNameCaptionText

	importBtn := widget.NewButtonWithIcon("Import", theme.FolderOpenIcon(), func() { l.onImport() })
	newBtn := widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { l.onNewPiece() })
	top := container.NewVBox(
		container.NewGridWithColumns(2, importBtn, newBtn),
		l.filter,
		container.NewGridWithColumns(2, l.sortBy, l.tag),
		l.count,
	)
	return container.NewBorder(top, nil, nil, nil, l.pieces.view())
}

// changed lists the pieces again: a piece or its passages changed.
func (l *library) changed(c changes) {
	if c.pieces {
		l.load()
	}
}

// load reads the pieces and tags in the background and keeps the selection.
func (l *library) load() {
	type loaded struct {
		pieces []storage.PieceSummary
		tags   []storage.TagCount
		tagged map[string]bool
	}
	// The chosen tag's pieces are read again too: the change may have
	// tagged or untagged one.
	tag := l.chosenTag()
	inBackground(l.bg, func() (loaded, error) {
		var v loaded
		var err error
		if v.pieces, err = l.nb.Pieces(); err != nil {
			return v, err
		}
		if tag != "" {
			if v.tagged, err = l.taggedPieces(tag); err != nil {
				return v, err
			}
		}
		v.tags, err = l.nb.Tags()
		return v, err
	}, func(v loaded) {
		l.all = v.pieces
		l.sortAll()
		if tag != "" && tag == l.chosenTag() {
			l.tagged = v.tagged
		}
		opts := []string{allTags}
		for _, t := range v.tags {
			opts = append(opts, t.Tag)
		}
		l.tag.Options = opts
		if l.onTags != nil {
			l.onTags(opts[1:])
		}
		l.tag.Refresh()
		l.apply()
	}, l.onError)
}

// onTag filters to pieces carrying the tag, or with passages carrying it.
func (l *library) onTag(tag string) {
	if tag == allTags || tag == "" {
		l.tagged = nil
		l.apply()
		return
	}
	inBackground(l.bg, func() (map[string]bool, error) { return l.taggedPieces(tag) }, func(tagged map[string]bool) {
		if tag != l.chosenTag() {
			return // the user has chosen another tag since
		}
		l.tagged = tagged
		l.apply()
	}, l.onError)
}

// tags are the notebook's tags, as last listed.
func (l *library) tags() []string { return l.tag.Options[1:] }

// chosenTag is the tag filtered on, or "".
func (l *library) chosenTag() string {
	if t := l.tag.Selected; t != allTags {
		return t
	}
	return ""
}

// taggedPieces is the set of pieces carrying tag or having passages that do.
func (l *library) taggedPieces(tag string) (map[string]bool, error) {
	refs, err := l.nb.ItemsByTag(tag)
	if err != nil {
		return nil, err
	}
	tagged := map[string]bool{}
	for _, r := range refs {
		switch r.Kind {
		case storage.KindPiece:
			tagged[r.ID] = true
		case storage.KindAnnotation:
			tagged[r.PieceID] = true
		}
	}
	return tagged, nil
}

// sortAll puts all pieces in the chosen order, once when they are loaded
// and when the order changes: filtering keeps it, so a keystroke in the
// filter never sorts 50,000 pieces again.
func (l *library) sortAll() {
	if l.sortBy == nil {
		return // not built yet: buildUI sorts
	}
	slices.SortFunc(l.all, pieceOrder(l.sortBy.Selected))
}

// apply filters all pieces, in order, into what the list shows.
func (l *library) apply() {
	if l.filter == nil {
		return
	}
	words := strings.Fields(textnorm.Fold(l.filter.Text))
	// Unfiltered, the list shows l.all itself: a copy of every piece's
	// record is 14 MB on a notebook of 50,000.
	shown := l.all
	if l.tagged != nil || len(words) > 0 {
		shown = nil
		for _, p := range l.all {
			if l.tagged != nil && !l.tagged[p.ID] {
				continue
			}
			if len(words) > 0 && !matchesAll(pieceHaystack(p), words) {
				continue
			}
			shown = append(shown, p)
		}
	}
	empty := "No pieces yet.\n\nImport articles (.txt, .md, .html) with Import, drop files on the window, or paste one with New."
	if len(shown) == len(l.all) {
		l.count.SetText(plural(len(l.all), "piece", "pieces"))
	} else {
		l.count.SetText(fmt.Sprintf("%d of %s", len(shown), plural(len(l.all), "piece", "pieces")))
		empty = "No piece matches the filter."
	}
	l.pieces.show(shown, empty)
	if !l.loaded {
		l.loaded = true
		if l.onFirstLoad != nil {
			l.onFirstLoad()
		}
	}
}

// preselect makes id the selection once the pieces are listed.
func (l *library) preselect(id string) { l.pieces.preselect(id) }

// selectQuietly shows id as selected without opening it again.
func (l *library) selectQuietly(id string) { l.pieces.selectQuietly(id) }

// selectedOrFirst is the selected piece if it is listed, else the first
// listed ("": none).
func (l *library) selectedOrFirst() string {
	if p, ok := l.pieces.current(); ok {
		return p.ID
	}
	if len(l.pieces.items) > 0 {
		return l.pieces.items[0].ID
	}
	return ""
}

// clearFilters shows every piece again (a new piece must not be hidden).
func (l *library) clearFilters() {
	l.tagged = nil
	l.tag.SetSelected(allTags)
	l.filter.SetText("")
}

func pieceOrder(by string) func(a, b storage.PieceSummary) int {
	first := byPublished
	switch by {
	case sortTitle:
		first = func(a, b storage.PieceSummary) int {
			return strings.Compare(textnorm.Fold(a.Title), textnorm.Fold(b.Title))
		}
	case sortRecent:
		first = func(a, b storage.PieceSummary) int { return b.Created.Compare(a.Created) }
	}
	// Ties go by id: the list is sorted in place, so without a total order
	// it would keep whatever order the last sort left.
	return func(a, b storage.PieceSummary) int {
		if c := first(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
}

// byPublished is the default order: newest published first, then by title.
func byPublished(a, b storage.PieceSummary) int {
	if c := strings.Compare(b.Published, a.Published); c != 0 {
		return c
	}
	return strings.Compare(a.Title, b.Title)
}

// pieceHaystack is what the typed filter looks in.
func pieceHaystack(p storage.PieceSummary) string {
	return textnorm.Fold(p.Title + " " + strings.Join(p.Authors, " ") + " " + p.Outlet + " " + strings.Join(p.Tags, " "))
}

func matchesAll(haystack string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(haystack, w) {
			return false
		}
	}
	return true
}

// pieceMeta is the line under a piece's title: author · outlet · date ·
// passages; for a piece with none of these, when it was added, rather
// than a blank line that looks like something failed to load.
func pieceMeta(p storage.PieceSummary) string {
	var parts []string
	switch len(p.Authors) {
	case 0:
	case 1:
		parts = append(parts, p.Authors[0])
	default:
		parts = append(parts, p.Authors[0]+" et al.")
	}
	if p.Outlet != "" {
		parts = append(parts, p.Outlet)
	}
	if p.Published != "" {
		parts = append(parts, p.Published)
	}
	if len(parts) == 0 && !p.Created.IsZero() {
		parts = append(parts, "added "+p.Created.Local().Format("2006-01-02"))
	}
	if p.Annotations > 0 {
		parts = append(parts, plural(p.Annotations, "passage", "passages"))
	}
	return strings.Join(parts, " · ")
}
