package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"github.com/sahilm/fuzzy"

	"commonplace/app/indexes"
	"commonplace/app/search"
	"commonplace/widgets"
)

// paletteLimit is how many results the palette lists as you type.
const paletteLimit = 50

// showAllID is the palette row that opens the full results screen.
const showAllID = "\x00show-all"

// command is a menu action as the palette offers it.
type command struct {
	label, shortcut string
	run             func()
}

// stillIndexing heads a search's status while the index is being built.
const stillIndexing = "Still indexing the notebook: some items are not found yet"

// searchStatus is the line under a search: how many were found and shown
// (the best or the first, as the caller lists them), after what the query
// could not read or a hint, and whether the index is still being built.
func searchStatus(res search.Results, err error, shown string, building bool) string {
	status := fmt.Sprintf("%d found", res.Total)
	if res.Total > len(res.Hits) {
		status = fmt.Sprintf("%d found, %s %d shown", res.Total, shown, len(res.Hits))
	}
	if err != nil {
		status = err.Error() + " · " + status
	} else if h := res.Hint(); h != "" {
		status = h + " · " + status
	}
	if building {
		status = stillIndexing + " · " + status
	}
	return status
}

// searchPalette is the search palette (Ctrl+K, Ctrl+P): every passage,
// claim, piece and note by half-remembered words as you type; with ">" at
// the start, the window's commands.
type searchPalette struct {
	index    *indexes.Search
	win      fyne.Window
	commands func() []command
	// onOpen opens the item chosen; onShowAll the results screen for text.
	onOpen    func(id string)
	onShowAll func(text string)

	view    *widgets.Palette
	session *search.Session
	text    string             // the query as typed
	offered map[string]command // the commands listed, by row id
}

func newSearchPalette(index *indexes.Search, win fyne.Window, commands func() []command, onOpen func(string), onShowAll func(string)) *searchPalette {
	return &searchPalette{index: index, win: win, commands: commands, onOpen: onOpen, onShowAll: onShowAll}
}

// open shows the palette, searching the notebook as it is now.
func (p *searchPalette) open() {
	if p.view == nil {
		p.view = widgets.NewPalette()
		p.view.Placeholder = "Search everything… (type > for commands)"
		p.view.OnQuery = p.query
		p.view.OnChosen = p.chosen
	}
	p.session = p.index.Engine().NewSession()
	p.view.Show(p.win.Canvas())
}

// visible reports whether the palette is open.
func (p *searchPalette) visible() bool { return p.view != nil && p.view.Visible() }

// query answers one keystroke.
func (p *searchPalette) query(text string) ([]widgets.PaletteItem, string) {
	p.text = text
	if strings.HasPrefix(text, ">") {
		return p.commandItems(strings.TrimSpace(text[1:]))
	}
	if strings.TrimSpace(text) == "" {
		return nil, "Type words to find; kind: tag: piece: author: outlet: rel: before: after: \"phrase\" -word narrow it"
	}
	res, err := p.session.Search(text, paletteLimit)
	status := searchStatus(res, err, "best", p.index.Building())
	items := make([]widgets.PaletteItem, 0, len(res.Hits)+1)
	for _, h := range res.Hits {
		items = append(items, hitItem(h))
	}
	if res.Total > 0 {
		items = append(items, widgets.PaletteItem{ID: showAllID, Icon: theme.ListIcon(),
			Title: "Show all " + plural(res.Total, "result", "results"), Detail: "with filters and sorting", Aside: "↵"})
	}
	return items, status
}

// hitItem is a search hit as a palette row.
func hitItem(h search.Hit) widgets.PaletteItem {
	it := widgets.PaletteItem{ID: h.ID, Icon: kindIcon(h.Kind), Title: h.Title, TitleMatches: h.TitleMatches,
		Detail: h.Excerpt, DetailMatches: h.ExcerptMatches, Aside: string(h.Kind)}
	switch {
	case h.Kind == search.KindPassage && h.Title != "":
		it.Title = "“" + h.Title + "”"
		it.TitleMatches = shift(h.TitleMatches, 1)
		if h.PieceTitle != "" && len(h.ExcerptMatches) == 0 {
			it.Detail, it.DetailMatches = "in "+h.PieceTitle, nil
		}
	case it.Title == "":
		it.Title, it.TitleMatches = h.Excerpt, h.ExcerptMatches
		it.Detail, it.DetailMatches = "", nil
	}
	return it
}

// shift moves ranges right by n runes (a quote mark put before a title).
func shift(rs [][2]int, n int) [][2]int {
	out := make([][2]int, len(rs))
	for i, r := range rs {
		out[i] = [2]int{r[0] + n, r[1] + n}
	}
	return out
}

func kindIcon(k search.Kind) fyne.Resource {
	switch k {
	case search.KindPassage:
		return theme.ContentPasteIcon()
	case search.KindClaim:
		return theme.ConfirmIcon()
	case search.KindNote:
		return theme.DocumentCreateIcon()
	}
	return theme.DocumentIcon()
}

// chosen opens the chosen item (a passage scrolled to, in its piece),
// runs the chosen command, or opens the full results.
func (p *searchPalette) chosen(it widgets.PaletteItem, _ int) {
	p.view.Hide()
	if it.ID == showAllID {
		p.onShowAll(p.text)
		return
	}
	if cmd, ok := p.offered[it.ID]; ok {
		cmd.run()
		return
	}
	p.onOpen(it.ID)
}

// commandItems lists the window's commands matching q, best first.
func (p *searchPalette) commandItems(q string) ([]widgets.PaletteItem, string) {
	cmds := p.commands()
	p.offered = map[string]command{}
	labels := make([]string, len(cmds))
	for i, c := range cmds {
		labels[i] = c.label
	}
	var items []widgets.PaletteItem
	add := func(c command, matched []int) {
		id := "\x00cmd:" + c.label
		p.offered[id] = c
		items = append(items, widgets.PaletteItem{ID: id, Icon: theme.MenuIcon(), Title: c.label,
			TitleMatches: runeRanges(c.label, matched), Aside: c.shortcut})
	}
	if q == "" {
		for _, c := range cmds {
			add(c, nil)
		}
	} else {
		for _, match := range fuzzy.Find(q, labels) {
			add(cmds[match.Index], match.MatchedIndexes)
		}
	}
	return items, plural(len(items), "command", "commands")
}

// commands are the main menu's items: the one place where the window's
// actions and their shortcuts are defined.
func (m *mainWindow) commands() []command {
	var out []command
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.IsSeparator || it.Action == nil && it.ChildMenu == nil {
				continue
			}
			if it.ChildMenu != nil {
				for _, sub := range it.ChildMenu.Items {
					if sub.Action != nil {
						out = append(out, command{label: it.Label + ": " + sub.Label, run: sub.Action})
					}
				}
				continue
			}
			out = append(out, command{label: it.Label, shortcut: shortcutText(it.Shortcut), run: it.Action})
		}
	}
	return out
}

// openByID opens an item known only by its id (a search hit).
func (m *mainWindow) openByID(id string) {
	r, err := m.store.Ref(id)
	if err != nil {
		m.showError(err)
		return
	}
	m.openItem(r)
}

// runeRanges turns matched byte offsets (sahilm/fuzzy's) into rune ranges.
func runeRanges(s string, bytes []int) [][2]int {
	var out [][2]int
	for _, b := range bytes {
		if b > len(s) {
			continue
		}
		r := utf8.RuneCountInString(s[:b])
		out = append(out, [2]int{r, r + 1})
	}
	return out
}

// shortcutText writes a shortcut as the menu shows it: "Ctrl+Shift+E".
func shortcutText(s fyne.Shortcut) string {
	mod := "Ctrl+"
	if fyne.CurrentDevice().IsMobile() {
		return ""
	}
	switch sc := s.(type) {
	case *desktop.CustomShortcut:
		var b strings.Builder
		if sc.Modifier&fyne.KeyModifierShortcutDefault != 0 || sc.Modifier&fyne.KeyModifierControl != 0 {
			b.WriteString(mod)
		}
		if sc.Modifier&fyne.KeyModifierAlt != 0 {
			b.WriteString("Alt+")
		}
		if sc.Modifier&fyne.KeyModifierShift != 0 {
			b.WriteString("Shift+")
		}
		b.WriteString(string(sc.KeyName))
		return b.String()
	case *fyne.ShortcutUndo:
		return mod + "Z"
	case *fyne.ShortcutCut:
		return mod + "X"
	case *fyne.ShortcutCopy:
		return mod + "C"
	case *fyne.ShortcutPaste:
		return mod + "V"
	case *fyne.ShortcutSelectAll:
		return mod + "A"
	}
	return ""
}
