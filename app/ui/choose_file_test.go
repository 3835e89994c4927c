package ui

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"commonplace/widgets"
)

// findIn is the first object of type T in o's tree.
func findIn[T fyne.CanvasObject](o fyne.CanvasObject, ok func(T) bool) (T, bool) {
	if t, is := o.(T); is && ok(t) {
		return t, true
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, child := range children {
		if t, found := findIn(child, ok); found {
			return t, true
		}
	}
	var none T
	return none, false
}

func anyOf[T any](T) bool { return true }

// openChooser is the file chooser on top of the window.
func openChooser(t *testing.T, w fyne.Window) *widgets.FileChooser {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	fc, ok := findIn(top, anyOf[*widgets.FileChooser])
	if !ok {
		t.Fatal("the dialog on top is not the file chooser")
	}
	return fc
}

// homeWithDocuments makes HOME a folder holding Documents/ with two
// articles and a picture, and Videos missing (Fyne's own dialog logged an
// error for that).
func homeWithDocuments(t *testing.T) (home string) {
	t.Helper()
	home = t.TempDir()
	t.Setenv("HOME", home)
	docs := filepath.Join(home, "Documents")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "corridor.txt"), []byte("The Wakhan corridor\n\nA road is planned through the Wakhan.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "freight.md"), []byte("# Freight by rail\n\nTrains reach Duisburg in twelve days.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "map.png"), []byte("\x89PNG"), 0o644)
	return home
}

// TestImportFilesFromTheKeyboard imports two files with keys alone: Ctrl+O,
// a letter to reach Documents, Enter, Space on each file, Enter. Opening
// the chooser logs nothing.
func TestImportFilesFromTheKeyboard(t *testing.T) {
	home := homeWithDocuments(t)
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()

	menuItem(t, m, "Import Files…").Action()
	fc := openChooser(t, m.win)
	if logged.Len() > 0 {
		t.Errorf("opening the chooser logged %q", logged.String())
	}
	if fc.Folder() != home {
		t.Errorf("the chooser opens on %s, want the home folder", fc.Folder())
	}
	c := m.win.Canvas()
	typeText(c, "d")
	key(c, fyne.KeyReturn)
	if got := fc.Shown(); !slices.Equal(got, []string{"corridor.txt", "freight.md"}) {
		t.Fatalf("Documents shows %q, want the two articles and not the picture", got)
	}
	key(c, fyne.KeySpace)
	key(c, fyne.KeyDown)
	key(c, fyne.KeySpace)
	key(c, fyne.KeyReturn)
	if c.Overlays().Top() != nil {
		t.Error("the chooser is still open after choosing")
	}
	if len(m.library.all) != 4 {
		t.Fatalf("the library has %d pieces after importing two into two", len(m.library.all))
	}
	var titles []string
	for _, p := range m.library.all {
		titles = append(titles, p.Title)
	}
	for _, want := range []string{"The Wakhan corridor", "Freight by rail"} {
		if !slices.Contains(titles, want) {
			t.Errorf("no piece %q among %q", want, titles)
		}
	}
	if got := a.Preferences().String(prefLastFolder); got != filepath.Join(home, "Documents") {
		t.Errorf("the folder remembered is %q", got)
	}

	// The next time it opens where the last files came from, and offers
	// the home folders that exist.
	menuItem(t, m, "Import Files…").Action()
	fc = openChooser(t, m.win)
	if fc.Folder() != filepath.Join(home, "Documents") {
		t.Errorf("the chooser reopens on %s, want Documents", fc.Folder())
	}
	var places []string
	for _, p := range filePlaces(a.Preferences().String(prefLastFolder)) {
		places = append(places, p.Name)
	}
	if !slices.Equal(places, []string{"Home", "Documents"}) {
		t.Errorf("places %q, want Home and Documents (the last used among them)", places)
	}
	key(c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape leaves the chooser open")
	}
	if logged.Len() > 0 {
		t.Errorf("choosing files logged %q", logged.String())
	}
}

// TestSaveAsksBeforeReplacing chooses a new name at once, and asks before
// an existing file is replaced.
func TestSaveAsksBeforeReplacing(t *testing.T) {
	home := homeWithDocuments(t)
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("window"))
	w.Resize(fyne.NewSize(1000, 700))
	a.Preferences().SetString(prefLastFolder, filepath.Join(home, "Documents"))
	var saved []string
	save := func() {
		chooseSaveFile(w, "Export the map", "corridor", ".txt", func(path string) { saved = append(saved, path) })
	}

	save()
	c := w.Canvas()
	key(c, fyne.KeyReturn) // "corridor" + .txt exists
	if len(saved) != 0 {
		t.Fatalf("an existing file was chosen without asking: %q", saved)
	}
	cancel, ok := findIn(c.Overlays().Top(), func(b *widget.Button) bool { return b.Text == "Cancel" })
	if !ok {
		t.Fatal("no question with a Cancel button over the chooser")
	}
	test.Tap(cancel)
	if len(saved) != 0 {
		t.Fatalf("Cancel on replacing chose %q", saved)
	}
	openChooser(t, w) // still open, to choose another name
	key(c, fyne.KeyReturn)
	confirmTopDialog(t, w) // Replace
	want := filepath.Join(home, "Documents", "corridor.txt")
	if !slices.Equal(saved, []string{want}) {
		t.Fatalf("replacing chose %q, want %q", saved, want)
	}
	if c.Overlays().Top() != nil {
		t.Error("the chooser stays open after replacing")
	}

	saved = nil
	save()
	typeText(c, "-new")
	key(c, fyne.KeyReturn)
	if want := filepath.Join(home, "Documents", "corridor-new.txt"); !slices.Equal(saved, []string{want}) || c.Overlays().Top() != nil {
		t.Errorf("a new name chose %q without asking (want %q), and closes the chooser", saved, want)
	}
}
