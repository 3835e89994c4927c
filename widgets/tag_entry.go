package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"

	"commonplace/storage/textnorm"
)

// maxSuggestions is how many tags the completion list shows.
const maxSuggestions = 8

// TagEntry is an entry for comma-separated tags that suggests existing tags
// for the one being typed: a prefix or a few letters in order ("scty" for
// "security") are enough. Down/Up move through the suggestions, Enter or
// Tab takes one, Escape closes the list.
type TagEntry struct {
	widget.Entry

	// OnFocusGained, if set, is called when the entry gets the focus:
	// an editor scrolls it into view.
	OnFocusGained func()

	options []string
	shown   []string
	popup   *widget.PopUp
	list    *suggestionList
}

var _ fyne.Widget = (*TagEntry)(nil)

// NewTagEntry makes an empty TagEntry.
func NewTagEntry() *TagEntry {
	e := &TagEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("tags, separated by commas")
	return e
}

// FocusGained reports the focus to OnFocusGained.
func (e *TagEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocusGained != nil {
		e.OnFocusGained()
	}
}

// SetText replaces the text — another item's tags — closing the
// completion list, which belonged to the text replaced: left open, it
// would make Tags leave out the new text's last tag.
func (e *TagEntry) SetText(text string) {
	if e.suggesting() {
		e.popup.Hide()
	}
	e.Entry.SetText(text)
}

// SetOptions sets the tags to suggest from.
func (e *TagEntry) SetOptions(tags []string) { e.options = tags }

// Suggestions are the tags the list offers now (for tests and callers).
func (e *TagEntry) Suggestions() []string {
	if e.popup == nil || !e.popup.Visible() {
		return nil
	}
	return e.shown
}

// Tags is the text to save as tags. While the completion list is open the
// tag being typed is still being chosen ("ch" on the way to "china") and
// is left out; it counts once the list closes — a suggestion taken,
// Escape, a comma, or the focus gone elsewhere — and OnChanged then
// reports the text again.
func (e *TagEntry) Tags() string {
	if e.suggesting() {
		if i := strings.LastIndexByte(e.Text, ','); i >= 0 {
			return e.Text[:i]
		}
		return ""
	}
	return e.Text
}

func (e *TagEntry) suggesting() bool { return e.popup != nil && e.popup.Visible() }

// TypedRune updates the suggestions after each typed letter.
func (e *TagEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	e.suggest()
}

// TypedKey updates the suggestions after editing keys, and opens them on Down.
func (e *TagEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown {
		if m := e.matches(); len(m) > 0 {
			e.show(m)
			if e.list != nil {
				e.list.TypedKey(k)
			}
			return
		}
	}
	e.Entry.TypedKey(k)
	if k.Name == fyne.KeyBackspace || k.Name == fyne.KeyDelete {
		e.suggest()
	}
}

// current is the tag being typed: the text after the last comma.
func (e *TagEntry) current() string {
	text := e.Text
	if i := strings.LastIndexByte(text, ','); i >= 0 {
		text = text[i+1:]
	}
	return textnorm.Tag(text)
}

// matches ranks the options for the tag being typed: prefix matches first,
// then fuzzy ones by score, leaving out tags already in the entry.
func (e *TagEntry) matches() []string {
	q := e.current()
	if q == "" {
		return nil
	}
	have := map[string]bool{}
	for _, t := range strings.Split(e.Text, ",") {
		have[textnorm.Tag(t)] = true
	}
	var prefix, rest []string
	for _, m := range fuzzy.Find(q, e.options) {
		switch {
		case have[m.Str] && m.Str != q:
		case m.Str == q:
			// Typed in full already: nothing to complete.
		case strings.HasPrefix(m.Str, q):
			prefix = append(prefix, m.Str)
		default:
			rest = append(rest, m.Str)
		}
	}
	slices.Sort(prefix)
	out := append(prefix, rest...)
	return out[:min(len(out), maxSuggestions)]
}

// suggest shows or hides the completion list for the current text.
func (e *TagEntry) suggest() { e.show(e.matches()) }

// show shows matches as the completion list, or hides it when there are none.
func (e *TagEntry) show(matches []string) {
	e.shown = matches
	if len(e.shown) == 0 {
		e.hide()
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if e.list == nil {
		e.list = newSuggestionList(e)
		e.popup = widget.NewPopUp(e.list, c)
	}
	e.list.reset()
	row := e.list.CreateItem().MinSize().Height + theme.SeparatorThicknessSize()
	h := float32(len(e.shown))*row + theme.Padding()*2
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(0, e.Size().Height)
	if pos.Y+h > c.Size().Height && pos.Y-e.Size().Height-h >= 0 {
		// No room below (an entry at the window's foot): above, so the
		// list never covers the entry being typed in.
		pos.Y -= e.Size().Height + h
	}
	e.popup.Resize(fyne.NewSize(e.Size().Width, h))
	e.popup.ShowAtPosition(pos)
	// The popup is an overlay with its own focus; its list hands typing
	// back to the entry, so the user keeps typing as if it were not there.
	c.Focus(e.list)
}

func (e *TagEntry) hide() {
	if e.close() {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Focus(e)
		}
	}
}

// close closes the completion list, if open, and reports the text again:
// the tag being typed counts from now on (Tags).
func (e *TagEntry) close() bool {
	if !e.suggesting() {
		return false
	}
	e.popup.Hide()
	if e.OnChanged != nil {
		e.OnChanged(e.Text)
	}
	return true
}

// accept replaces the tag being typed with tag and readies the next one.
func (e *TagEntry) accept(tag string) {
	text := e.Text
	head := ""
	if i := strings.LastIndexByte(text, ','); i >= 0 {
		head = strings.TrimRight(text[:i+1], " ") + " "
	}
	e.Entry.SetText(head + tag + ", ") // the list closes below, refocusing the entry
	e.CursorColumn = len([]rune(e.Text))
	e.Refresh()
	e.hide()
}

// suggestionList is the completion list: it moves its selection with
// Up/Down, takes one with Enter or Tab or a click, and passes everything
// else typed back to the entry.
type suggestionList struct {
	widget.List
	entry    *TagEntry
	selected int
}

var _ fyne.Focusable = (*suggestionList)(nil)
var _ fyne.Tabbable = (*suggestionList)(nil)

func newSuggestionList(e *TagEntry) *suggestionList {
	l := &suggestionList{entry: e, selected: -1}
	l.Length = func() int { return len(e.shown) }
	l.CreateItem = func() fyne.CanvasObject { return widget.NewLabel("") }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.shown[i]) }
	l.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(e.shown) && i != l.selected {
			// A click: keyboard moves set selected before selecting.
			e.accept(e.shown[i])
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// AcceptsTab lets Tab take the highlighted suggestion; with none, Tab
// moves the focus on as everywhere.
func (l *suggestionList) AcceptsTab() bool {
	return l.selected >= 0 && l.selected < len(l.entry.shown)
}

func (l *suggestionList) reset() {
	l.selected = -1
	l.UnselectAll()
	l.Refresh()
}

// FocusGained implements fyne.Focusable.
func (l *suggestionList) FocusGained() {}

// FocusLost closes the list: the user clicked elsewhere, or the window
// is closing and takes what was typed as it stands.
func (l *suggestionList) FocusLost() { l.entry.close() }

// TypedRune hands letters back to the entry.
func (l *suggestionList) TypedRune(r rune) { l.entry.TypedRune(r) }

// TypedKey moves through the suggestions or hands the key to the entry.
func (l *suggestionList) TypedKey(k *fyne.KeyEvent) {
	n := len(l.entry.shown)
	switch k.Name {
	case fyne.KeyDown:
		l.move((l.selected + 1) % max(n, 1))
	case fyne.KeyUp:
		l.move((l.selected - 1 + n) % max(n, 1))
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		if l.selected >= 0 && l.selected < n {
			l.entry.accept(l.entry.shown[l.selected])
			return
		}
		l.entry.hide()
		l.entry.TypedKey(k)
	case fyne.KeyEscape:
		l.entry.hide()
	default:
		l.entry.TypedKey(k)
	}
}

func (l *suggestionList) move(i int) {
	l.selected = i
	l.Select(i)
}
