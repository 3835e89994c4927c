package ui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// menuItem finds a main-menu item by its label.
func menuItem(t *testing.T, m *mainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// runeIndex is the rune offset of the first occurrence of s in text.
func runeIndex(text, s string) int {
	return len([]rune(text[:strings.Index(text, s)]))
}

func TestSelectAnnotateTypeNoteReopen(t *testing.T) {
	a := test.NewTempApp(t)
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := "Beijing worries about militants in Badakhshan.\n\nThe Wakhan corridor must stay closed, officials say."
	p, err := s.AddPiece(storage.Piece{Title: "Wakhan"}, text)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(a, s)

	// Select "Wakhan corridor" as a drag would, and press Ctrl+E.
	start := runeIndex(text, "Wakhan corridor")
	m.reader.text.SetSelection(start, start+len("Wakhan corridor"))
	annotate := menuItem(t, m, "Annotate Selection")
	if annotate.Shortcut != shortcutAnnotate {
		t.Fatal("Annotate Selection has lost its shortcut")
	}
	annotate.Action()

	if len(m.annotations.anns) != 1 || m.annEditor.current.ID == "" {
		t.Fatalf("annotation not shown in the panel: %d", len(m.annotations.anns))
	}
	if m.win.Canvas().Focused() != m.annEditor.note {
		t.Fatal("the cursor is not in the new annotation's note")
	}
	if s0, e0 := m.reader.selection(); s0 != e0 {
		t.Fatal("the selection was not cleared after annotating")
	}
	test.Type(m.annEditor.note, "Sátbayeva’s core claim")
	m.annEditor.tags.SetText("wakhan, China")
	m.saver.flush() // what closing the window does
	m.win.Close()
	s.Close()

	s2, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	anns, _ := s2.AnnotationsOf(p.ID)
	if len(anns) != 1 || anns[0].Note != "Sátbayeva’s core claim" || strings.Join(anns[0].Tags, ",") != "wakhan,china" ||
		anns[0].Selector.Exact != "Wakhan corridor" {
		t.Fatalf("after reopening: %+v", anns)
	}
	// And the window shows it highlighted on its words.
	m2 := newTestWindow(test.NewTempApp(t), s2)
	defer m2.win.Close()
	spans := spansOf(m2.annotations.anns)
	if len(spans) != 1 || spans[0].Start != start || spans[0].Tooltip != "Sátbayeva’s core claim" {
		t.Fatalf("highlight after reopening: %+v", spans)
	}
}

func TestNotesAreNotLostBeforeTheDelay(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	a0 := m.annotations.anns[0]
	m.annotations.list.Select(0)
	m.annEditor.note.SetText(a0.Note + " — check sources")
	// Selecting another annotation writes the pending edit first.
	m.annotations.list.Select(1)
	got, _ := s.Annotation(a0.ID)
	if got.Note != a0.Note+" — check sources" {
		t.Fatalf("edit lost on switching: %q", got.Note)
	}
	// Quitting writes what is pending too.
	m.annEditor.note.SetText(m.annEditor.note.Text + "!")
	a1 := m.annEditor.current
	m.quit()
	got, _ = s.Annotation(a1.ID)
	if !strings.HasSuffix(got.Note, "!") {
		t.Fatalf("edit lost on quitting: %q", got.Note)
	}
	_ = p
}

func TestDeleteAnnotationWithUndo(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	victim := m.annotations.anns[1]
	other := m.annotations.anns[0]
	if _, err := s.AddLink(storage.Link{From: victim.ID, To: other.ID, Rel: "supports"}); err != nil {
		t.Fatal(err)
	}
	m.annotations.selectID(victim.ID)
	m.deleteAnnotation(m.annEditor.current)
	if len(m.annotations.anns) != 1 || !m.undo.root.Visible() || !strings.Contains(m.undo.message.Text, "1 link") {
		t.Fatalf("after delete: %d annotations, undo %v %q", len(m.annotations.anns), m.undo.root.Visible(), m.undo.message.Text)
	}
	menuItem(t, m, "Undo").Action()
	if len(m.annotations.anns) != 2 || m.undo.root.Visible() {
		t.Fatalf("after undo: %d annotations", len(m.annotations.anns))
	}
	if out, _, _ := s.Links(victim.ID); len(out) != 1 {
		t.Fatal("undo did not bring the link back")
	}
	if m.annEditor.current.ID != victim.ID {
		t.Fatal("the restored annotation is not selected")
	}
	_ = p
}

func TestQuickNoteAttachesToWhatIsInView(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	item := menuItem(t, m, "Quick Note")
	if item.Shortcut != shortcutQuickNote {
		t.Fatal("Quick Note has lost its shortcut")
	}
	item.Action()
	if m.center.Objects[0] != m.noteEditor.root || m.win.Canvas().Focused() != m.noteEditor.body {
		t.Fatal("quick note is not ready to type")
	}
	if !strings.Contains(m.noteEditor.attached.Text, "China in Afghanistan") {
		t.Fatalf("not attached to the piece in view: %q", m.noteEditor.attached.Text)
	}
	test.Type(m.noteEditor.body, "Met the customs officer")
	id := m.noteEditor.current.ID
	if id == "" {
		t.Fatal("the note was not created with its first words")
	}
	test.Type(m.noteEditor.body, " at 9.")
	m.saver.flush()
	n, err := s.Note(id)
	if err != nil || n.Body != "Met the customs officer at 9." || n.Attached != p.ID {
		t.Fatalf("saved note: %+v %v", n, err)
	}
	if len(m.notes.items) != 2 || m.notes.selected != id {
		t.Fatalf("notes list: %d, selected %q", len(m.notes.items), m.notes.selected)
	}
}

func TestLibraryFilterAndSort(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	test.Type(m.library.filter, "steppe")
	if len(m.library.pieces.items) != 1 || m.library.count.Text != "1 of 2 pieces" {
		t.Fatalf("filter: %d shown, %q", len(m.library.pieces.items), m.library.count.Text)
	}
	m.library.filter.SetText("")
	m.library.sortBy.SetSelected(sortTitle)
	if m.library.pieces.items[0].Title != "China in Afghanistan" || a.Preferences().String(prefSort) != sortTitle {
		t.Fatal("sort by title")
	}
	m.library.tag.SetSelected("wakhan") // a passage's tag finds its piece
	if len(m.library.pieces.items) != 1 || m.library.pieces.items[0].Title != "China in Afghanistan" {
		t.Fatalf("tag filter: %d", len(m.library.pieces.items))
	}
}

func TestEditTextReattachesAndReports(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	menuItem(t, m, "Edit Piece Text…").Action()
	if m.center.Objects[0] != m.textEditor.root || len(m.textEditor.paras) != 2 {
		t.Fatalf("text editor: %d paragraphs", len(m.textEditor.paras))
	}
	m.textEditor.paras[0] = "A new first paragraph.\n\n" + m.textEditor.paras[0]
	m.textEditor.paras[1] = "" // removes the paragraph with the Wakhan passage
	m.textEditor.save()
	if m.center.Objects[0] != m.reader.root {
		t.Fatal("saving did not return to the reader")
	}
	got, _ := s.Piece(p.ID)
	text, _ := s.PieceText(p.ID)
	if got.Revision != 2 || !strings.HasPrefix(text, "A new first paragraph.\n\nBeijing") || strings.Contains(text, "Wakhan") {
		t.Fatalf("revision %d, text %q", got.Revision, text)
	}
	statuses := map[anchor.Status]int{}
	for _, a := range m.annotations.anns {
		statuses[a.Status]++
	}
	// "militants" is found again, Moved — or, being a word of nine
	// letters whose following paragraph went, offered for review (a
	// short quote needs both sides of its context: storage/anchor).
	if statuses[anchor.Moved]+statuses[anchor.Review] != 1 || statuses[anchor.Orphaned] != 1 || m.annotations.anns[0].Status != anchor.Orphaned {
		t.Fatalf("statuses %v; flagged not first", statuses)
	}
}

func TestLastPieceAndThemeAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	m.library.pieces.list.Select(1)
	older := m.reader.pieceID
	m.setTheme("light")
	m.win.Close()

	m2 := newTestWindow(a, s)
	defer m2.win.Close()
	if m2.reader.pieceID != older {
		t.Fatalf("reopened on %q, want the last piece %q", m2.reader.pieceID, older)
	}
	if !menuItem(t, m2, "Theme").ChildMenu.Items[1].Checked {
		t.Fatal("light theme not remembered")
	}
}

func TestDroppedFilesAreImported(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "brief.md")
	bad := filepath.Join(dir, "scan.pdf")
	os.WriteFile(good, []byte("---\ntitle: Rail and risk\noutlet: Meridian\n---\nThe Middle Corridor is slow.\n"), 0o600)
	os.WriteFile(bad, []byte("%PDF-1.7 …"), 0o600)
	m.transfers.onDropped(fyne.NewPos(10, 10), []fyne.URI{fynestorage.NewFileURI(good), fynestorage.NewFileURI(bad)})
	if len(m.library.all) != 3 || m.reader.title.Text != "Rail and risk" {
		t.Fatalf("after drop: %d pieces, reading %q", len(m.library.all), m.reader.title.Text)
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the refused PDF was not reported")
	}
}

// TestWebPageIsImported: an address typed in "Import from URL…" (or a link
// dropped from a browser) is fetched and imported, keeping its address and
// the day it was read; one that fails is reported.
func TestWebPageIsImported(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rail" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Rail at Termez</title></head><body><article><h1>Rail at Termez</h1>` +
			`<p>Lorries queue at the Termez bridge for days while the fees double, and the rail yard stands half empty.</p></article></body></html>`))
	}))
	defer srv.Close()
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.transfers.importURIs([]fyne.URI{webURI(srv.URL + "/rail")})
	if len(m.library.all) != 3 || m.reader.title.Text != "Rail at Termez" {
		t.Fatalf("after import: %d pieces, reading %q", len(m.library.all), m.reader.title.Text)
	}
	p, err := s.Piece(m.reader.pieceID)
	if err != nil || p.URL != srv.URL+"/rail" || p.Accessed == "" {
		t.Fatalf("piece %+v, %v", p, err)
	}
	m.transfers.importURIs([]fyne.URI{webURI(srv.URL + "/gone")})
	if len(m.library.all) != 3 || m.win.Canvas().Overlays().Top() == nil {
		t.Fatal("a page that is not there was imported or not reported")
	}
}

func TestNewPieceFromPastedText(t *testing.T) {
	a := test.NewTempApp(t)
	s, _ := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	f := newPieceFields(storage.Piece{})
	f.authors.SetText("Lena Kovač, Omar Haidari")
	f.published.SetText("2026-02-30x")
	if f.published.Validate() == nil {
		t.Fatal("a malformed date passes the form")
	}
	f.published.SetText("2026-02")
	f.tags.SetText("rail, Europe")
	if err := m.addPastedPiece(f, "Rail freight from Xi’an reached Duisburg in twelve days.\n\nAnalysts were unimpressed."); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Piece(m.reader.pieceID)
	if m.reader.title.Text != "Rail freight from Xi’an reached Duisburg in twelve days." || strings.Join(p.Authors, "|") != "Lena Kovač|Omar Haidari" ||
		p.Published != "2026-02" || strings.Join(p.Tags, ",") != "rail,europe" || p.Format != "paste" {
		t.Fatalf("new piece: %+v", p)
	}
}

func TestDeletePieceAndNoteWithUndo(t *testing.T) {
	a := test.NewTempApp(t)
	s, p := testNotebook(t)
	m := newTestWindow(a, s)
	defer m.win.Close()
	m.goTo(place{kind: placePiece, id: p.ID})
	menuItem(t, m, "Delete Piece…").Action()
	confirmTopDialog(t, m.win)
	if _, err := s.Piece(p.ID); err == nil || !strings.Contains(m.undo.message.Text, "2 annotations") {
		t.Fatalf("piece not deleted, or not said: %q", m.undo.message.Text)
	}
	m.undo.run()
	if _, err := s.Piece(p.ID); err != nil || m.reader.pieceID != p.ID || len(m.annotations.anns) != 2 {
		t.Fatal("undo did not bring the piece back with its annotations")
	}

	notes, _ := s.Notes()
	m.goTo(place{kind: placeNote, id: notes[0].ID})
	m.noteEditor.del.OnTapped()
	if _, err := s.Note(notes[0].ID); err == nil {
		t.Fatal("note not deleted")
	}
	m.undo.run()
	if _, err := s.Note(notes[0].ID); err != nil {
		t.Fatal("undo did not bring the note back")
	}
}

// confirmTopDialog presses the confirm button of the dialog on top.
func confirmTopDialog(t *testing.T, w fyne.Window) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var find func(o fyne.CanvasObject) *widget.Button
	find = func(o fyne.CanvasObject) *widget.Button {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
			return b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				if b := find(child); b != nil {
					return b
				}
			}
		}
		if wdg, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wdg).Objects() {
				if b := find(child); b != nil {
					return b
				}
			}
		}
		return nil
	}
	b := find(top)
	if b == nil {
		t.Fatal("no confirm button")
	}
	test.Tap(b)
}
