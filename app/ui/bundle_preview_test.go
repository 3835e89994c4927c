package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

func TestImportPreviewListsChangesFirst(t *testing.T) {
	items := []merge.Item{
		{ID: "1", Action: "skip"}, {ID: "2", Action: "update"}, {ID: "3", Action: "add"},
		{ID: "4", Action: "skip"}, {ID: "5", Action: "conflict"}, {ID: "6", Action: "add"},
	}
	changes, same := previewRows(items)
	var got []string
	for _, it := range changes {
		got = append(got, it.ID)
	}
	if strings.Join(got, " ") != "5 3 6 2" || len(same) != 2 {
		t.Fatalf("changes %v, unchanged %d", got, len(same))
	}
}

func TestTextDifferenceShowsWhereVersionsPart(t *testing.T) {
	ours := "The freight yard by the bridge handles flour and fuel. Trucks queue for kilometres."
	theirs := "The freight yard by the bridge handles flour, fuel and cement. Trucks queue for kilometres."
	got := textDifference(ours, theirs)
	if !strings.Contains(got, "Theirs: “…") || !strings.Contains(got, "cement") || !strings.Contains(got, "Yours: ") {
		t.Fatalf("difference: %q", got)
	}
	if !strings.Contains(textDifference(ours, ours+" More."), "[nothing here]") {
		t.Fatal("an addition at the end should show that ours has nothing there")
	}
}

// Dropping a bundle on the window previews it, imports on confirmation,
// and dropping it again finds nothing to do.
func TestDropBundlePreviewsThenImports(t *testing.T) {
	a := test.NewTempApp(t)
	src, _ := testNotebook(t)
	zip := filepath.Join(t.TempDir(), "from-a-colleague.zip")
	if _, err := bundle.ExportFile(src, scope.Scope{}, zip, bundle.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "mine"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.transfers.onDropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI(zip)})
	if pieces, _ := s.Pieces(); len(pieces) != 0 {
		t.Fatal("the preview imported")
	}
	confirmTopDialog(t, m.win) // Import
	pieces, _ := s.Pieces()
	if len(pieces) != 2 || len(m.library.pieces.items) != 2 {
		t.Fatalf("after importing: %d pieces, the library lists %d", len(pieces), len(m.library.pieces.items))
	}
	m.transfers.onDropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI(zip)})
	top := m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(dialogText(top), "nothing to import") {
		t.Fatal("importing the same bundle again should say there is nothing to do")
	}
}

// dialogText gathers the text of the labels in a dialog.
func dialogText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// The Conflicts screen lists a kept version with where its text parts
// from ours, and "Take the other" puts it in place.
func TestConflictsScreenShowsAndResolves(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	text, _ := s.PieceText(p.ID)
	theirs := text + "\n\nA paragraph added by a colleague."
	raw, _ := json.Marshal(p)
	if err := s.Batch(func(b *storage.Batch) error {
		return b.AddConflict(storage.Conflict{ItemID: p.ID, Kind: storage.KindPiece, Theirs: raw, Text: theirs, Source: "colleague.zip"})
	}); err != nil {
		t.Fatal(err)
	}
	m.goTo(place{kind: placeConflicts})
	shown := dialogText(m.conflicts.root)
	if m.conflicts.header.Text != "Conflicts (1)" || !strings.Contains(shown, "colleague.zip") || !strings.Contains(shown, "the text differs") {
		t.Fatalf("conflicts screen: %q\n%s", m.conflicts.header.Text, shown)
	}
	if err := s.ResolveConflict(p.ID, 1, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.PieceText(p.ID); got != theirs {
		t.Fatal("the other text was not taken")
	}
}

// Dropping a folder of articles previews it (nothing written), imports
// every file under it on confirmation, and says so; the menu's Import
// Folder… takes the same path.
func TestDropFolderOfArticlesPreviewsThenImports(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("termez.txt", "Rail at Termez\n\nThe freight yard handles flour and fuel.")
	write("2025/wakhan.md", "# The Wakhan corridor\n\nA narrow strip of land.")
	write("2025/hairatan.html", "<html><head><title>Customs at Hairatan</title></head><body><article><p>Fees doubled this spring at the bridge, traders said.</p></article></body></html>")
	if menuItem(t, m, "Import Folder…") == nil {
		t.Fatal("no File → Import Folder…")
	}
	before, _ := s.Pieces()
	m.transfers.onDropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI(dir)})
	if pieces, _ := s.Pieces(); len(pieces) != len(before) {
		t.Fatal("the preview imported")
	}
	top := m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(dialogText(top), "3 items will be added") {
		t.Fatalf("the preview does not say what it will add: %q", dialogText(top))
	}
	confirmTopDialog(t, m.win) // Import
	pieces, _ := s.Pieces()
	if len(pieces) != len(before)+3 || len(m.library.pieces.items) != len(pieces) {
		t.Fatalf("after importing: %d pieces, the library lists %d", len(pieces), len(m.library.pieces.items))
	}
	top = m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(dialogText(top), "3 items were added") {
		t.Fatalf("the import does not say what it did: %q", dialogText(top))
	}
}

// Dropping an encrypted bundle asks for its passphrase, asks again after
// a wrong one, and previews it with the right one.
func TestDropSealedBundleAsksForThePassphrase(t *testing.T) {
	a := test.NewTempApp(t)
	src, _ := testNotebook(t)
	sealed := filepath.Join(t.TempDir(), "from-a-colleague.zip.age")
	if _, err := bundle.ExportFile(src, scope.Scope{}, sealed, bundle.ExportOptions{Passphrase: []byte("share with amina")}); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "mine"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.transfers.onDropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI(sealed)})
	answer := func(passphrase string) string {
		t.Helper()
		top := m.win.Canvas().Overlays().Top()
		entry := findPasswordEntry(top)
		if entry == nil {
			t.Fatalf("no passphrase asked for: %q", dialogText(top))
		}
		test.Type(entry, passphrase)
		confirmTopDialog(t, m.win)
		return dialogText(m.win.Canvas().Overlays().Top())
	}
	if got := answer("share with omar"); !strings.Contains(got, "Wrong passphrase; try again.") {
		t.Fatalf("after a wrong passphrase: %q", got)
	}
	if got := answer("share with amina"); !strings.Contains(got, "5 items will be added") {
		t.Fatalf("the preview after the right passphrase: %q", got)
	}
	confirmTopDialog(t, m.win) // Import
	if pieces, _ := s.Pieces(); len(pieces) != 2 {
		t.Fatalf("after importing the sealed bundle: %d pieces", len(pieces))
	}
}

// findPasswordEntry is the first password entry under o.
func findPasswordEntry(o fyne.CanvasObject) *widget.Entry {
	switch x := o.(type) {
	case *widget.Entry:
		if x.Password {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if e := findPasswordEntry(c); e != nil {
				return e
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok && o != nil {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if e := findPasswordEntry(c); e != nil {
				return e
			}
		}
	}
	return nil
}
