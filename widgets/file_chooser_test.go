package widgets

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// chooserTree makes a folder of folders and files:
//
//	alpha/inner.txt  beta/  .hidden/  .secret.txt
//	notes.txt  Reading.md  photo.png  report.txt
func chooserTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"alpha", "beta", ".hidden"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"alpha/inner.txt", ".secret.txt", "notes.txt", "Reading.md", "photo.png", "report.txt"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// chooserInWindow shows a chooser for choice with the list focused, and
// collects what it chooses and whether it was cancelled.
func chooserInWindow(t *testing.T, choice FileChoice) (fc *FileChooser, c fyne.Canvas, chosen *[]string, cancelled *bool) {
	t.Helper()
	test.NewTempApp(t)
	fc = NewFileChooser(choice)
	chosen, cancelled = new([]string), new(bool)
	fc.OnChosen = func(paths []string) { *chosen = append(*chosen, paths...) }
	fc.OnCancelled = func() { *cancelled = true }
	w := test.NewTempWindow(t, fc)
	w.Resize(fyne.NewSize(640, 480))
	fc.FocusStart(w.Canvas())
	return fc, w.Canvas(), chosen, cancelled
}

func press(c fyne.Canvas, names ...fyne.KeyName) {
	for _, n := range names {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: n})
	}
}

func typeRunes(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

func TestFileChooserListsFoldersFirstThenTheWantedFiles(t *testing.T) {
	root := chooserTree(t)
	fc, _, _, _ := chooserInWindow(t, FileChoice{Folder: root, Extensions: []string{".txt", ".MD"}})
	want := []string{"alpha", "beta", "notes.txt", "Reading.md", "report.txt"}
	if got := fc.Shown(); !slices.Equal(got, want) {
		t.Errorf("shown %q, want %q (folders first, hidden and .png left out)", got, want)
	}
	all, _, _, _ := chooserInWindow(t, FileChoice{Folder: root})
	if got := all.Shown(); !slices.Contains(got, "photo.png") || slices.Contains(got, ".secret.txt") {
		t.Errorf("with no extensions shown %q, want every file but the hidden ones", got)
	}
	folders, _, _, _ := chooserInWindow(t, FileChoice{Mode: OpenFolder, Folder: root, Extensions: []string{".txt"}})
	if got := folders.Shown(); !slices.Equal(got, []string{"alpha", "beta"}) {
		t.Errorf("choosing a folder shows %q, want the folders alone", got)
	}
}

func TestFileChooserMovesWithTheKeys(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Folder: root, Extensions: []string{".txt", ".md"}})
	if c.Focused() != fc.list {
		t.Fatal("the list does not have the keyboard when the chooser opens")
	}
	press(c, fyne.KeyDown)
	if fc.Current() != "beta" {
		t.Errorf("Down from the top is on %q, want beta", fc.Current())
	}
	press(c, fyne.KeyUp, fyne.KeyReturn)
	if fc.Folder() != filepath.Join(root, "alpha") || !slices.Equal(fc.Shown(), []string{"inner.txt"}) {
		t.Fatalf("Enter on alpha shows %s %q, want alpha's inner.txt", fc.Folder(), fc.Shown())
	}
	if fc.pathEntry.Text != filepath.Join(root, "alpha") {
		t.Errorf("the path entry says %q in alpha", fc.pathEntry.Text)
	}
	press(c, fyne.KeyBackspace)
	if fc.Folder() != root || fc.Current() != "alpha" {
		t.Errorf("Backspace goes to %s on %q, want the parent on alpha", fc.Folder(), fc.Current())
	}
	press(c, fyne.KeyEnd)
	if fc.Current() != "report.txt" {
		t.Errorf("End is on %q", fc.Current())
	}
	if len(*chosen) != 0 {
		t.Errorf("moving about chose %q", *chosen)
	}
}

func TestFileChooserChoosesTheFileTypedAheadWithEnter(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Folder: root, Extensions: []string{".txt", ".md"}})
	fc.clock = testClock
	typeRunes(c, "r")
	if fc.Current() != "Reading.md" {
		t.Errorf("typing r is on %q, want Reading.md", fc.Current())
	}
	typeRunes(c, "ep")
	if fc.Current() != "report.txt" {
		t.Errorf("typing rep is on %q, want report.txt", fc.Current())
	}
	testClock.advance(2 * typeAheadPause)
	typeRunes(c, "n")
	if fc.Current() != "notes.txt" {
		t.Errorf("n after a pause is on %q, want notes.txt", fc.Current())
	}
	press(c, fyne.KeyReturn)
	if want := []string{filepath.Join(root, "notes.txt")}; !slices.Equal(*chosen, want) {
		t.Errorf("Enter chose %q, want %q", *chosen, want)
	}
}

func TestFileChooserMarksSeveralWithSpace(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Folder: root, Extensions: []string{".txt", ".md"}, Multiple: true})
	press(c, fyne.KeySpace) // on a folder: nothing to mark
	press(c, fyne.KeyDown, fyne.KeyDown, fyne.KeySpace, fyne.KeyDown, fyne.KeyDown, fyne.KeySpace)
	if got := fc.Marked(); !slices.Equal(got, []string{"notes.txt", "report.txt"}) {
		t.Fatalf("marked %q, want notes.txt and report.txt", got)
	}
	press(c, fyne.KeyUp, fyne.KeyReturn)
	want := []string{filepath.Join(root, "notes.txt"), filepath.Join(root, "report.txt")}
	if !slices.Equal(*chosen, want) {
		t.Errorf("Enter chose %q, want the two marked %q", *chosen, want)
	}

	*chosen = nil
	c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := fc.Marked(); !slices.Equal(got, []string{"notes.txt", "Reading.md", "report.txt"}) {
		t.Errorf("Ctrl+A marked %q, want every file shown", got)
	}
	press(c, fyne.KeySpace) // on Reading.md
	if got := fc.Marked(); len(got) != 2 {
		t.Errorf("Space on a marked file leaves %q marked", got)
	}
}

func TestFileChooserMarksNothingWhenOneIsWanted(t *testing.T) {
	root := chooserTree(t)
	fc, c, _, _ := chooserInWindow(t, FileChoice{Folder: root})
	press(c, fyne.KeyEnd, fyne.KeySpace)
	c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := fc.Marked(); len(got) != 0 {
		t.Errorf("choosing one file, %q are marked", got)
	}
}

func TestFileChooserGoesToATypedPath(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Folder: root, Extensions: []string{".txt"}})
	typeRunes(c, "/") // from the list: starts a path
	if c.Focused() != fc.pathEntry || fc.pathEntry.Text != "/" {
		t.Fatalf("/ in the list leaves the focus on %T with %q typed", c.Focused(), fc.pathEntry.Text)
	}
	fc.pathEntry.SetText(filepath.Join(root, "alpha"))
	press(c, fyne.KeyReturn)
	if fc.Folder() != filepath.Join(root, "alpha") || c.Focused() != fc.list {
		t.Fatalf("a folder's path and Enter show %s (focus %T), want alpha with the list focused", fc.Folder(), c.Focused())
	}
	c.Focus(fc.pathEntry)
	fc.pathEntry.SetText("../nowhere")
	press(c, fyne.KeyReturn)
	if !strings.Contains(fc.Message(), "no file or folder") || fc.Folder() != filepath.Join(root, "alpha") {
		t.Errorf("a path to nothing: message %q, folder %s", fc.Message(), fc.Folder())
	}
	fc.pathEntry.SetText("../report.txt") // relative to the folder shown
	press(c, fyne.KeyReturn)
	if want := []string{filepath.Join(root, "report.txt")}; !slices.Equal(*chosen, want) {
		t.Errorf("a file's path and Enter chose %q, want %q", *chosen, want)
	}
}

func TestFileChooserSaysWhenAFolderCannotBeRead(t *testing.T) {
	root := chooserTree(t)
	locked := filepath.Join(root, "alpha")
	defer func(was func(string) ([]os.DirEntry, error)) { readDir = was }(readDir)
	readDir = func(dir string) ([]os.DirEntry, error) {
		if dir == locked {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrPermission}
		}
		return os.ReadDir(dir)
	}
	fc, c, _, _ := chooserInWindow(t, FileChoice{Folder: root})
	press(c, fyne.KeyReturn) // on alpha
	if fc.Folder() != root || fc.Current() != "alpha" {
		t.Errorf("after an unreadable folder the chooser shows %s on %q, want where it was", fc.Folder(), fc.Current())
	}
	if !strings.Contains(fc.Message(), "permission to open “alpha”") {
		t.Errorf("the message is %q", fc.Message())
	}
	press(c, fyne.KeyDown, fyne.KeyReturn) // beta opens, and the message goes
	if fc.Folder() != filepath.Join(root, "beta") || fc.Message() != "" {
		t.Errorf("then beta: %s, message %q", fc.Folder(), fc.Message())
	}
	if !fc.empty.Visible() || fc.empty.Text != "This folder is empty." {
		t.Errorf("empty beta says %q (shown: %v)", fc.empty.Text, fc.empty.Visible())
	}
	press(c, fyne.KeyBackspace)
	if fc.empty.Visible() {
		t.Error("the empty folder's words stay over a full list")
	}
	opened, _, _, _ := chooserInWindow(t, FileChoice{Folder: locked})
	if opened.Folder() == locked {
		t.Error("a chooser opening on an unreadable folder shows it")
	}
}

func TestFileChooserSavesUnderTheNameTyped(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Mode: SaveFile, Folder: root, Extensions: []string{".zip"}, FileName: "bundle.zip"})
	if c.Focused() != fc.nameEntry || fc.nameEntry.Text != "bundle.zip" {
		t.Fatalf("saving opens with %T focused holding %q, want the name entry with the suggested name", c.Focused(), fc.nameEntry.Text)
	}
	fc.nameEntry.SetText("alpha")
	press(c, fyne.KeyReturn) // a folder's name opens it
	if fc.Folder() != filepath.Join(root, "alpha") || len(*chosen) != 0 {
		t.Fatalf("a folder's name shows %s, chose %q", fc.Folder(), *chosen)
	}
	if fc.nameEntry.Text != "bundle.zip" {
		t.Errorf("after opening a folder the name is %q", fc.nameEntry.Text)
	}
	fc.nameEntry.SetText("mine")
	press(c, fyne.KeyReturn)
	if want := []string{filepath.Join(root, "alpha", "mine.zip")}; !slices.Equal(*chosen, want) {
		t.Errorf("saving as mine chose %q, want %q with the extension added", *chosen, want)
	}
}

func TestFileChooserChoosesTheFolderShown(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, _ := chooserInWindow(t, FileChoice{Mode: OpenFolder, Folder: root})
	press(c, fyne.KeyDown, fyne.KeyReturn)
	fc.chooseNow()
	if want := []string{filepath.Join(root, "beta")}; !slices.Equal(*chosen, want) {
		t.Errorf("Choose chose %q, want %q", *chosen, want)
	}
}

func TestFileChooserEscapeCancelsFromAnywhere(t *testing.T) {
	root := chooserTree(t)
	fc, c, chosen, cancelled := chooserInWindow(t, FileChoice{Mode: SaveFile, Folder: root, FileName: "x.txt"})
	for _, f := range []fyne.Focusable{fc.list, fc.pathEntry, fc.nameEntry} {
		*cancelled = false
		c.Focus(f)
		press(c, fyne.KeyEscape)
		if !*cancelled {
			t.Errorf("Escape in %T does not cancel", f)
		}
	}
	c.Focus(fc.nameEntry)
	test.FocusNext(c)
	test.FocusNext(c) // Cancel, then Save
	*cancelled = false
	press(c, fyne.KeyEscape)
	if !*cancelled {
		t.Errorf("Escape on %T does not cancel", c.Focused())
	}
	if len(*chosen) != 0 {
		t.Errorf("cancelling chose %q", *chosen)
	}
}

func TestFileChooserTabVisitsEachPart(t *testing.T) {
	root := chooserTree(t)
	places := []FilePlace{{"Home", root}, {"Alpha", filepath.Join(root, "alpha")}}
	fc, c, _, _ := chooserInWindow(t, FileChoice{Mode: SaveFile, Folder: root, Places: places})
	c.Focus(fc.pathEntry)
	var visited []string
	for range 6 {
		test.FocusNext(c)
		switch f := c.Focused().(type) {
		case *chooserButton:
			visited = append(visited, f.Text)
		case *fileList:
			visited = append(visited, "list")
		case *chooserEntry:
			visited = append(visited, "name")
		default:
			visited = append(visited, "?")
		}
	}
	want := []string{"Home", "Alpha", "list", "name", "Cancel", "Save"}
	if !slices.Equal(visited, want) {
		t.Errorf("Tab from the path visits %q, want %q", visited, want)
	}
	c.Focus(fc.pathEntry)
	test.FocusNext(c)
	test.FocusNext(c)
	press(c, fyne.KeySpace) // Alpha
	if fc.Folder() != filepath.Join(root, "alpha") || c.Focused() != fc.list {
		t.Errorf("the Alpha place shows %s (focus %T)", fc.Folder(), c.Focused())
	}
}
