package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"commonplace/storage"
)

// conflictStore is what the conflicts view reads and settles.
type conflictStore interface {
	Conflicts() ([]storage.Conflict, error)
	Ref(id string) (storage.ItemRef, error)
	PieceText(id string) (string, error)
	ResolveConflict(itemID string, seq int, takeTheirs bool) error
}

// conflictsView lists items an import found changed on both sides: the
// notebook kept its own version and holds the other; the researcher keeps
// theirs or takes the other (which then keeps theirs in turn).
type conflictsView struct {
	nb      conflictStore
	bg      *background
	onOpen  func(storage.ItemRef)
	onError func(error)

	items  []conflictRow
	root   fyne.CanvasObject
	header *widget.Label
	rows   *fyne.Container
}

func newConflictsView(nb conflictStore, bg *background, onOpen func(storage.ItemRef), onError func(error)) *conflictsView {
	return &conflictsView{nb: nb, bg: bg, onOpen: onOpen, onError: onError}
}

func (v *conflictsView) buildUI() fyne.CanvasObject {
	var top fyne.CanvasObject
	v.header, top = pageHeading("Conflicts", "Items changed both here and in an imported bundle. Your version is in use; the other is kept here until you choose.")
	v.rows = container.NewVBox()
	v.root = container.NewBorder(top, nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.rows)))
	return v.root
}

// conflictRow is a kept conflict with what its row shows, read off the
// UI goroutine.
type conflictRow struct {
	storage.Conflict
	ref   storage.ItemRef
	title string // the item as this notebook has it
	what  string // what the other version holds, or where two texts part
}

func (v *conflictsView) view() fyne.CanvasObject { return v.root }

// changed lists the conflicts again: an import may have kept new ones,
// and settling one (Keep mine, Take the other) is itself a change.
func (v *conflictsView) changed(changes) { v.load() }

func (v *conflictsView) load() {
	inBackground(v.bg, func() ([]conflictRow, error) {
		cs, err := v.nb.Conflicts()
		rows := make([]conflictRow, len(cs))
		for i, c := range cs {
			rows[i] = conflictRow{Conflict: c, title: c.ItemID, what: conflictSummary(c)}
			if ref, err := v.nb.Ref(c.ItemID); err == nil {
				rows[i].ref, rows[i].title = ref, itemLine(ref)
			}
			if c.Kind == storage.KindPiece && c.Text != "" {
				if ours, err := v.nb.PieceText(c.ItemID); err == nil {
					rows[i].what = textDifference(ours, c.Text)
				}
			}
		}
		return rows, err
	}, func(rows []conflictRow) {
		v.items = rows
		v.render()
	}, v.onError)
}

func (v *conflictsView) render() {
	v.header.SetText(fmt.Sprintf("Conflicts (%d)", len(v.items)))
	var objs []fyne.CanvasObject
	if len(v.items) == 0 {
		none := mutedText()
		setMuted(none, "No conflicts: every import so far merged cleanly.")
		objs = append(objs, none)
	}
	for _, c := range v.items {
		open := openLink(c.title, func() { v.onOpen(c.ref) })
		theirs := widget.NewLabel("Other version (from " + c.Source + ", " + c.At.Local().Format("2 Jan 2006 15:04") + "): " + c.what)
		theirs.Wrapping = fyne.TextWrapWord
		keep := widget.NewButton("Keep mine", func() {
			if err := v.nb.ResolveConflict(c.ItemID, c.Seq, false); err != nil {
				v.onError(err)
			}
		})
		take := widget.NewButton("Take the other", func() {
			if err := v.nb.ResolveConflict(c.ItemID, c.Seq, true); err != nil {
				v.onError(err)
			}
		})
		take.Importance = widget.HighImportance
		objs = append(objs, container.NewVBox(open, theirs, container.NewHBox(layoutSpacer(), keep, take), widget.NewSeparator()))
	}
	v.rows.Objects = objs
	v.rows.Refresh()
}

// conflictSummary says in a line what the other version holds.
func conflictSummary(c storage.Conflict) string {
	var v struct {
		Title, Statement, Note, Body, Rel string
	}
	json.Unmarshal(c.Theirs, &v)
	for _, s := range []string{v.Statement, v.Title, v.Note, v.Body, v.Rel, c.Text} {
		if s != "" {
			return storage.Excerpt(s, 200)
		}
	}
	return "(no text)"
}

// textDifference says where two versions of a piece's text part: the words
// around the first change, in each.
func textDifference(ours, theirs string) string {
	if ours == theirs {
		return "the same text, other details differ"
	}
	o, t := []rune(ours), []rune(theirs)
	pre := 0
	for pre < len(o) && pre < len(t) && o[pre] == t[pre] {
		pre++
	}
	suf := 0
	for suf < len(o)-pre && suf < len(t)-pre && o[len(o)-1-suf] == t[len(t)-1-suf] {
		suf++
	}
	from := max(0, pre-40)
	for from > 0 && from < pre && !unicode.IsSpace(o[from-1]) {
		from++ // start on a whole word
	}
	show := func(r []rune) string {
		end := min(len(r)-suf, pre+160)
		text := string(r[from:max(pre, end)])
		if from > 0 {
			text = "…" + text
		}
		if pre == len(r)-suf {
			text += " [nothing here]"
		}
		return "“" + strings.Join(strings.Fields(text), " ") + "”"
	}
	return "the text differs. Theirs: " + show(t) + "\nYours: " + show(o)
}
