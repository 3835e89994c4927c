package widgets

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FileChooserMode says what a FileChooser chooses.
type FileChooserMode int

const (
	// OpenFiles chooses an existing file, or several with Multiple.
	OpenFiles FileChooserMode = iota
	// OpenFolder chooses a folder: the one shown when Choose is pressed.
	OpenFolder
	// SaveFile chooses where a new file goes: a folder and a name.
	SaveFile
)

// FilePlace is a folder offered as a button above the list.
type FilePlace struct {
	Name, Path string
}

// FileChoice is what a FileChooser is asked for.
type FileChoice struct {
	Mode FileChooserMode
	// Folder is where the chooser opens; the home folder if it cannot be read.
	Folder string
	// Extensions are the files listed (".txt"; any case); none: every file.
	Extensions []string
	// Multiple lets OpenFiles choose several files (Space marks each).
	Multiple bool
	// FileName is the name SaveFile suggests.
	FileName string
	Places   []FilePlace
}

// typeAheadPause is how long after the last letter typed in the list the
// next one starts a new name rather than continuing the one typed.
const typeAheadPause = time.Second

// readDir lists a folder; tests replace it to meet a folder they cannot
// make unreadable (tests may run as root, who can read anything).
var readDir = os.ReadDir

// FileChooser picks files or a folder entirely from the keyboard, or with
// the mouse: a path entry (type or paste a path; Enter opens a folder or
// chooses a file), buttons for a few places, the folder's list (folders
// first, then the files with the wanted extensions; hidden files hidden)
// and, when saving, the file's name. In the list Up/Down move, Enter opens
// a folder or chooses a file, Backspace goes up, Space marks a file when
// several may be chosen, Ctrl+A marks every file shown, letters jump to the
// first name starting with them, and / or ~ start typing a path. Escape
// anywhere cancels. It reads the disk but decides nothing about the paths:
// OnChosen gets them (asking before overwriting is the caller's to do).
type FileChooser struct {
	widget.BaseWidget

	// OnChosen is told the paths chosen: one, or several with Multiple.
	OnChosen func(paths []string)
	// OnCancelled is told the chooser was dismissed (Escape or Cancel).
	OnCancelled func()

	choice  FileChoice
	dir     string
	entries []fileEntry
	cursor  int
	marked  map[string]bool // names in dir, when Multiple
	typed   string          // letters typed for type-ahead
	typedAt time.Time
	clock   clock

	pathEntry *chooserEntry
	list      *fileList
	ring      *canvas.Rectangle
	message   *widget.Label
	empty     *widget.Label // in place of an empty list
	nameEntry *chooserEntry // SaveFile only
	content   fyne.CanvasObject
}

var _ fyne.Widget = (*FileChooser)(nil)

type fileEntry struct {
	name  string
	isDir bool
}

// NewFileChooser makes a chooser showing choice.Folder.
func NewFileChooser(choice FileChoice) *FileChooser {
	fc := &FileChooser{choice: choice, clock: realClock{}, marked: map[string]bool{}}
	fc.ExtendBaseWidget(fc)
	fc.build()
	start := choice.Folder
	if start == "" || fc.open(start) != nil {
		home, err := os.UserHomeDir()
		if err != nil || fc.open(home) != nil {
			fc.open(string(filepath.Separator))
		}
		fc.setMessage("") // a remembered folder gone is no news
	}
	return fc
}

func (fc *FileChooser) build() {
	fc.pathEntry = newChooserEntry(fc.onEntryKey)
	fc.pathEntry.OnSubmitted = func(string) { fc.goToTyped() }

	places := container.NewHBox()
	for _, p := range fc.choice.Places {
		places.Add(newChooserButton(p.Name, fc.cancel, func() {
			if fc.open(p.Path) == nil {
				fc.focus(fc.list)
			}
		}))
	}

	fc.list = newFileList(fc)
	fc.ring = canvas.NewRectangle(nil)
	fc.ring.StrokeWidth = 2
	fc.ring.FillColor = theme.Color(theme.ColorNameInputBackground)

	fc.message = widget.NewLabel("")
	fc.message.Wrapping = fyne.TextWrapWord
	fc.message.Importance = widget.DangerImportance
	fc.message.Hide()

	chooseLabel := "Choose"
	switch {
	case fc.choice.Mode == OpenFolder:
		chooseLabel = "Choose This Folder"
	case fc.choice.Mode == SaveFile:
		chooseLabel = "Save"
	}
	choose := newChooserButton(chooseLabel, fc.cancel, fc.chooseNow)
	choose.Importance = widget.HighImportance
	hint := widget.NewLabel(fc.keysHint())
	hint.SizeName = theme.SizeNameCaptionText // small, but not the faint grey of disabled text
	buttons := container.NewHBox(hint, layout.NewSpacer(), newChooserButton("Cancel", fc.cancel, fc.cancel), choose)

	bottom := container.NewVBox(fc.message)
	if fc.choice.Mode == SaveFile {
		fc.nameEntry = newChooserEntry(func(k *fyne.KeyEvent) bool {
			if k.Name == fyne.KeyEscape {
				fc.cancel()
				return true
			}
			return false
		})
		fc.nameEntry.SetText(fc.choice.FileName)
		fc.nameEntry.CursorColumn = len([]rune(fc.choice.FileName))
		fc.nameEntry.OnSubmitted = func(string) { fc.chooseNow() }
		bottom.Add(container.NewBorder(nil, nil, widget.NewLabel("Name"), nil, fc.nameEntry))
	}
	bottom.Add(buttons)

	top := container.NewVBox(fc.pathEntry, places)
	fc.empty = widget.NewLabel(fc.emptyText())
	fc.empty.Importance = widget.LowImportance
	fc.empty.Wrapping = fyne.TextWrapWord
	fc.empty.Alignment = fyne.TextAlignCenter
	fc.empty.Hide()
	listBox := container.NewStack(fc.ring, container.NewPadded(fc.list), container.NewCenter(fc.empty))
	// The order of the objects is the order Tab visits them in: the path,
	// the places, the list, the name, the buttons.
	fc.content = container.New(layout.NewBorderLayout(top, bottom, nil, nil), top, listBox, bottom)
	fc.showFocus(false)
}

// CreateRenderer implements fyne.Widget.
func (fc *FileChooser) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(fc.content)
}

// Refresh redraws with the theme's colours, which may have changed.
func (fc *FileChooser) Refresh() {
	fc.ring.FillColor = theme.Color(theme.ColorNameInputBackground)
	fc.showFocus(fc.list.focused)
	fc.BaseWidget.Refresh()
}

// Folder is the folder shown.
func (fc *FileChooser) Folder() string { return fc.dir }

// Shown is the names listed, in order.
func (fc *FileChooser) Shown() []string {
	names := make([]string, len(fc.entries))
	for i, e := range fc.entries {
		names[i] = e.name
	}
	return names
}

// Current is the name under the cursor ("" in an empty folder).
func (fc *FileChooser) Current() string {
	if fc.cursor < len(fc.entries) {
		return fc.entries[fc.cursor].name
	}
	return ""
}

// Marked is the names of the files marked, in the list's order.
func (fc *FileChooser) Marked() []string {
	var names []string
	for _, e := range fc.entries {
		if fc.marked[e.name] {
			names = append(names, e.name)
		}
	}
	return names
}

// Message is what the chooser says went wrong ("" if nothing).
func (fc *FileChooser) Message() string { return fc.message.Text }

// FocusStart puts the keyboard where the choice starts: the name when
// saving, else the list.
func (fc *FileChooser) FocusStart(c fyne.Canvas) {
	if fc.nameEntry != nil {
		c.Focus(fc.nameEntry)
		return
	}
	c.Focus(fc.list)
}

// SetFolder shows dir, or says why it cannot.
func (fc *FileChooser) SetFolder(dir string) error { return fc.open(dir) }

// open lists dir; if it cannot be read the chooser stays where it was and
// says why.
func (fc *FileChooser) open(dir string) error {
	dir = filepath.Clean(dir)
	items, err := readDir(dir)
	if err != nil {
		fc.setMessage(unreadable(dir, err))
		return err
	}
	var entries []fileEntry
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		isDir := it.IsDir()
		if it.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				continue // a broken link leads nowhere
			}
			isDir = info.IsDir()
		}
		if !isDir && (fc.choice.Mode == OpenFolder || !fc.wanted(name)) {
			continue
		}
		entries = append(entries, fileEntry{name: name, isDir: isDir})
	}
	slices.SortFunc(entries, func(a, b fileEntry) int {
		if a.isDir != b.isDir {
			if a.isDir {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), cmp.Compare(a.name, b.name))
	})
	from := fc.dir
	fc.dir, fc.entries, fc.cursor, fc.typed = dir, entries, 0, ""
	clear(fc.marked)
	// Going up lands on the folder just left, as a file manager does.
	if filepath.Dir(from) == dir {
		fc.cursor = max(0, slices.IndexFunc(entries, func(e fileEntry) bool { return e.name == filepath.Base(from) }))
	}
	fc.pathEntry.SetText(dir)
	fc.setMessage("")
	fc.empty.Hidden = len(entries) > 0
	fc.empty.Refresh()
	fc.list.Refresh()
	fc.moveTo(fc.cursor)
	return nil
}

// keysHint reminds of the keys that are not obvious.
func (fc *FileChooser) keysHint() string {
	switch {
	case fc.choice.Mode == OpenFolder:
		return "Enter opens a folder · Backspace goes up"
	case fc.choice.Multiple:
		return "Enter opens or chooses · Space marks several · Backspace goes up"
	}
	return "Enter opens or chooses · Backspace goes up"
}

// emptyText is what an empty list says: that there is nothing of the
// kinds wanted, which are named.
func (fc *FileChooser) emptyText() string {
	switch {
	case fc.choice.Mode == OpenFolder:
		return "No folders in here."
	case len(fc.choice.Extensions) == 0:
		return "This folder is empty."
	}
	return "No folders here, and no " + strings.Join(fc.choice.Extensions, ", ") + " files."
}

func unreadable(dir string, err error) string {
	name := filepath.Base(dir)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("You do not have permission to open “%s”.", name)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("There is no folder “%s” any more.", dir)
	}
	return fmt.Sprintf("“%s” cannot be opened: %v", name, err)
}

func (fc *FileChooser) wanted(name string) bool {
	if len(fc.choice.Extensions) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, ext := range fc.choice.Extensions {
		if strings.HasSuffix(lower, strings.ToLower(ext)) {
			return true
		}
	}
	return false
}

func (fc *FileChooser) setMessage(s string) {
	fc.message.SetText(s)
	fc.message.Hidden = s == ""
	fc.message.Refresh()
}

// moveTo puts the cursor on row i and keeps it in view.
func (fc *FileChooser) moveTo(i int) {
	if len(fc.entries) == 0 {
		fc.cursor = 0
		fc.list.UnselectAll()
		return
	}
	fc.cursor = min(max(i, 0), len(fc.entries)-1)
	fc.list.Select(fc.cursor)
	fc.list.ScrollTo(fc.cursor)
}

// activate opens the folder at row i or chooses the file there (with the
// others marked).
func (fc *FileChooser) activate(i int) {
	if i >= len(fc.entries) {
		return
	}
	e := fc.entries[i]
	path := filepath.Join(fc.dir, e.name)
	if e.isDir {
		fc.open(path)
		return
	}
	if fc.choice.Mode == SaveFile {
		fc.chosen(path)
		return
	}
	if marked := fc.Marked(); len(marked) > 0 {
		fc.chooseNames(marked)
		return
	}
	fc.chosen(path)
}

// chooseNow is the Choose button, and Enter in the name entry.
func (fc *FileChooser) chooseNow() {
	switch fc.choice.Mode {
	case OpenFolder:
		fc.chosen(fc.dir)
	case SaveFile:
		fc.saveAs(fc.nameEntry.Text)
	default:
		if marked := fc.Marked(); len(marked) > 0 {
			fc.chooseNames(marked)
			return
		}
		if fc.cursor < len(fc.entries) {
			fc.activate(fc.cursor)
			return
		}
		fc.setMessage("There is no file here to choose.")
	}
}

func (fc *FileChooser) chooseNames(names []string) {
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(fc.dir, n)
	}
	fc.chosen(paths...)
}

// saveAs chooses name (a name, or a path) in the folder shown, with the
// extension added if it lacks it; a folder's name opens the folder.
func (fc *FileChooser) saveAs(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		fc.setMessage("Type a name for the file.")
		return
	}
	path := fc.resolve(name)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		if fc.open(path) == nil && fc.nameEntry != nil {
			fc.nameEntry.SetText(fc.choice.FileName)
		}
		return
	}
	if len(fc.choice.Extensions) > 0 && !fc.wanted(path) {
		path += fc.choice.Extensions[0]
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		fc.setMessage(fmt.Sprintf("There is no folder “%s”.", filepath.Dir(path)))
		return
	}
	fc.chosen(path)
}

// resolve makes a typed path absolute: ~ is the home folder, and a
// relative path is taken from the folder shown.
func (fc *FileChooser) resolve(typed string) string {
	if typed == "~" || strings.HasPrefix(typed, "~/") || strings.HasPrefix(typed, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			typed = filepath.Join(home, typed[1:])
		}
	}
	if !filepath.IsAbs(typed) {
		if filepath.VolumeName(typed) == "" && strings.HasPrefix(typed, string(filepath.Separator)) || strings.HasPrefix(typed, "/") {
			// "\Users\x" (or "/Users/x") on Windows: rooted, on the drive
			// of the folder shown.
			typed = filepath.VolumeName(fc.dir) + typed
		} else {
			typed = filepath.Join(fc.dir, typed)
		}
	}
	return filepath.Clean(typed)
}

// goToTyped acts on the path typed: a folder opens (and the list takes
// the keyboard), a file is chosen, a new name is where to save.
func (fc *FileChooser) goToTyped() {
	typed := strings.TrimSpace(fc.pathEntry.Text)
	if typed == "" {
		return
	}
	path := fc.resolve(typed)
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		if fc.open(path) == nil {
			fc.focus(fc.list)
		}
	case err == nil && fc.choice.Mode == OpenFolder:
		fc.setMessage(fmt.Sprintf("“%s” is a file; choose a folder.", filepath.Base(path)))
	case err == nil && fc.choice.Mode == SaveFile:
		fc.saveAs(path)
	case err == nil:
		fc.chosen(path)
	case fc.choice.Mode == SaveFile && errors.Is(err, fs.ErrNotExist):
		fc.saveAs(path)
	case errors.Is(err, fs.ErrNotExist):
		fc.setMessage(fmt.Sprintf("There is no file or folder “%s”.", path))
	default:
		fc.setMessage(unreadable(path, err))
	}
}

func (fc *FileChooser) chosen(paths ...string) {
	if fc.OnChosen != nil {
		fc.OnChosen(paths)
	}
}

func (fc *FileChooser) cancel() {
	if fc.OnCancelled != nil {
		fc.OnCancelled()
	}
}

func (fc *FileChooser) up() {
	if parent := filepath.Dir(fc.dir); parent != fc.dir {
		fc.open(parent)
	}
}

func (fc *FileChooser) toggleMark(i int) {
	if !fc.choice.Multiple || i >= len(fc.entries) || fc.entries[i].isDir {
		return
	}
	name := fc.entries[i].name
	if fc.marked[name] {
		delete(fc.marked, name)
	} else {
		fc.marked[name] = true
	}
	fc.list.RefreshItem(i)
}

func (fc *FileChooser) markAll() {
	if !fc.choice.Multiple {
		return
	}
	for _, e := range fc.entries {
		if !e.isDir {
			fc.marked[e.name] = true
		}
	}
	fc.list.Refresh()
}

// typeAhead jumps to the first name starting with the letters typed
// within typeAheadPause of each other.
func (fc *FileChooser) typeAhead(r rune) {
	now := fc.clock.now()
	if now.Sub(fc.typedAt) > typeAheadPause {
		fc.typed = ""
	}
	fc.typedAt = now
	fc.typed += strings.ToLower(string(r))
	for i, e := range fc.entries {
		if strings.HasPrefix(strings.ToLower(e.name), fc.typed) {
			fc.moveTo(i)
			return
		}
	}
}

// onEntryKey gives the path entry Escape (cancel) and Down (to the list).
func (fc *FileChooser) onEntryKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyEscape:
		fc.cancel()
	case fyne.KeyDown:
		fc.focus(fc.list)
	default:
		return false
	}
	return true
}

func (fc *FileChooser) focus(f fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(fc); c != nil {
		c.Focus(f)
	}
}

// showFocus rings the list while it has the keyboard: the selected row
// alone looks the same with the focus elsewhere.
func (fc *FileChooser) showFocus(on bool) {
	fc.ring.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	if on {
		fc.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	}
	fc.ring.Refresh()
}

// onListKey is a key typed with the list focused.
func (fc *FileChooser) onListKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyUp:
		fc.moveTo(fc.cursor - 1)
	case fyne.KeyDown:
		fc.moveTo(fc.cursor + 1)
	case fyne.KeyPageUp:
		fc.moveTo(fc.cursor - 10)
	case fyne.KeyPageDown:
		fc.moveTo(fc.cursor + 10)
	case fyne.KeyHome:
		fc.moveTo(0)
	case fyne.KeyEnd:
		fc.moveTo(len(fc.entries) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		fc.activate(fc.cursor)
	case fyne.KeyBackspace:
		fc.up()
	case fyne.KeySpace:
		fc.toggleMark(fc.cursor)
	case fyne.KeyEscape:
		fc.cancel()
	}
}

// onListRune is a character typed with the list focused.
func (fc *FileChooser) onListRune(r rune) {
	switch r {
	case ' ': // Space marks (TypedKey)
	case '/', '~':
		fc.pathEntry.SetText(string(r))
		fc.pathEntry.CursorColumn = 1
		fc.focus(fc.pathEntry)
	default:
		fc.typeAhead(r)
	}
}

// fileList is the folder's list. It takes the keys itself, and keeps
// widget.List's own keyboard cursor out of sight: the chooser's cursor is
// the selected row.
type fileList struct {
	widget.List
	chooser *FileChooser
	focused bool
}

var (
	_ fyne.Widget       = (*fileList)(nil)
	_ fyne.Focusable    = (*fileList)(nil)
	_ fyne.Shortcutable = (*fileList)(nil)
)

func newFileList(fc *FileChooser) *fileList {
	l := &fileList{chooser: fc}
	l.Length = func() int { return len(fc.entries) }
	l.CreateItem = func() fyne.CanvasObject { return newFileRow(fc) }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { o.(*fileRow).show(i) }
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained implements fyne.Focusable.
func (l *fileList) FocusGained() {
	l.focused = true
	l.chooser.showFocus(true)
}

// FocusLost implements fyne.Focusable.
func (l *fileList) FocusLost() {
	l.focused = false
	l.chooser.showFocus(false)
}

// TypedKey implements fyne.Focusable.
func (l *fileList) TypedKey(k *fyne.KeyEvent) { l.chooser.onListKey(k) }

// TypedRune implements fyne.Focusable.
func (l *fileList) TypedRune(r rune) { l.chooser.onListRune(r) }

// TypedShortcut implements fyne.Shortcutable: Ctrl+A marks every file.
func (l *fileList) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutSelectAll); ok {
		l.chooser.markAll()
	}
}

// fileRow is one name in the list: an icon (a folder, a file, or a box
// marked or not when several files may be chosen) and the name. A tap
// moves the cursor there (and marks a file when several may be chosen); a
// double tap opens or chooses.
type fileRow struct {
	widget.BaseWidget
	chooser *FileChooser
	index   int
	icon    *widget.Icon
	name    *widget.Label
}

var (
	_ fyne.Tappable       = (*fileRow)(nil)
	_ fyne.DoubleTappable = (*fileRow)(nil)
)

func newFileRow(fc *FileChooser) *fileRow {
	r := &fileRow{chooser: fc, icon: widget.NewIcon(theme.FileIcon()), name: widget.NewLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *fileRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, nil, r.name))
}

func (r *fileRow) show(i int) {
	fc := r.chooser
	if i >= len(fc.entries) {
		return
	}
	r.index = i
	e := fc.entries[i]
	switch {
	case e.isDir:
		r.icon.SetResource(theme.FolderIcon())
	case fc.choice.Multiple && fc.marked[e.name]:
		r.icon.SetResource(theme.CheckButtonCheckedIcon())
	case fc.choice.Multiple:
		r.icon.SetResource(theme.CheckButtonIcon())
	default:
		r.icon.SetResource(theme.FileTextIcon())
	}
	r.name.SetText(e.name)
}

// Tapped implements fyne.Tappable.
func (r *fileRow) Tapped(*fyne.PointEvent) {
	fc := r.chooser
	fc.focus(fc.list)
	fc.moveTo(r.index)
	fc.toggleMark(r.index)
}

// DoubleTapped implements fyne.DoubleTappable.
func (r *fileRow) DoubleTapped(*fyne.PointEvent) {
	fc := r.chooser
	fc.focus(fc.list)
	fc.moveTo(r.index)
	if fc.choice.Multiple && r.index < len(fc.entries) && !fc.entries[r.index].isDir {
		fc.marked[fc.entries[r.index].name] = true // chosen with the others marked
	}
	fc.activate(r.index)
}

// chooserEntry is an Entry whose owner sees each key first.
type chooserEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newChooserEntry(onKey func(*fyne.KeyEvent) bool) *chooserEntry {
	e := &chooserEntry{onKey: onKey}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the owner the first say.
func (e *chooserEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.onKey(k) {
		e.Entry.TypedKey(k)
	}
}

// chooserButton is a Button on which Escape cancels the chooser, as it
// does everywhere else in it.
type chooserButton struct {
	widget.Button
	onEscape func()
}

func newChooserButton(label string, onEscape, tapped func()) *chooserButton {
	b := &chooserButton{onEscape: onEscape}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey implements fyne.Focusable.
func (b *chooserButton) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		b.onEscape()
		return
	}
	b.Button.TypedKey(k)
}
