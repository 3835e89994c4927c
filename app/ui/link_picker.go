package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/search"
	"commonplace/storage"
)

// pickerLimit is how many matches the picker lists.
const pickerLimit = 30

// linkMaker is what the link picker reads and writes.
type linkMaker interface {
	Relations() ([]storage.Relation, error)
	AddLink(l storage.Link) (storage.Link, error)
}

// linkPicker is the "Link to…" flow, all possible from the keyboard: type
// to find the target among every passage, claim, piece and note (Up/Down,
// Enter), choose the relation either way round (Up/Down or its first
// letters, Enter) while a sentence says what the link will read, add an
// optional note and strength (Enter links them). Escape closes it.
type linkPicker struct {
	nb      linkMaker
	engine  *search.Engine
	source  storage.ItemRef
	onError func(error)
	// onLinked is told of the link made and the sentence it reads as, to
	// confirm it and offer to take it back.
	onLinked func(l storage.Link, sentence string)

	canvas  fyne.Canvas
	session *search.Session
	hits    []search.Hit
	target  *search.Hit
	choices []linkChoice
	typed   string // the letters typed in the relation step, to jump by

	popup    *widget.PopUp
	heading  *widget.Label
	sentence *widget.Label
	steps    *fyne.Container
	query    *keyEntry
	results  *widget.List
	relList  *widget.List
	note     *keyEntry
	strength *widget.RadioGroup
	status   *widget.Label
	relIndex int
	hitIndex int
}

// linkChoice is a relation as the picker offers it, read from the item
// the link starts from: forwards (this item → the target) or backwards
// (the target → this item, "is contradicted by"), so what the link means
// does not depend on which end the user happened to start from.
type linkChoice struct {
	rel       storage.Relation
	backwards bool
}

// phrase is the choice as the verb of "‹this› phrase ‹that›".
func (c linkChoice) phrase() string {
	if c.backwards {
		return c.rel.Backwards()
	}
	return c.rel.Label
}

// linkChoices offers every relation forwards and, unless it reads the
// same both ways, backwards next to it.
func linkChoices(rels []storage.Relation) []linkChoice {
	var out []linkChoice
	for _, r := range rels {
		out = append(out, linkChoice{rel: r})
		if !r.Symmetric() {
			out = append(out, linkChoice{rel: r, backwards: true})
		}
	}
	return out
}

func newLinkPicker(nb linkMaker, engine *search.Engine, source storage.ItemRef, onError func(error), onLinked func(storage.Link, string)) *linkPicker {
	return &linkPicker{nb: nb, engine: engine, source: source, onError: onError, onLinked: onLinked}
}

// show opens the picker over the window's canvas.
func (p *linkPicker) show(c fyne.Canvas) {
	p.canvas = c
	p.session = p.engine.NewSession()
	rels, err := p.nb.Relations()
	if err != nil {
		p.onError(err)
		return
	}
	p.choices = linkChoices(rels)
	p.heading = widget.NewLabel("")
	p.heading.TextStyle.Bold = true
	p.heading.Truncation = fyne.TextTruncateEllipsis
	p.sentence = widget.NewLabel("")
	p.sentence.Wrapping = fyne.TextWrapWord
	p.sentence.Importance = widget.HighImportance
	p.status = widget.NewLabel("")
	p.status.SizeName = theme.SizeNameCaptionText
	p.query = newKeyEntry(p.onQueryKey)
	p.query.SetPlaceHolder("Type to find a passage, claim, piece or note…")
	p.query.OnChanged = func(string) { p.search() }
	p.results = widget.NewList(func() int { return len(p.hits) }, p.createHit, p.updateHit)
	p.results.OnSelected = func(i widget.ListItemID) { p.hitIndex = i }
	p.relList = widget.NewList(func() int { return len(p.choices) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.choices[i].phrase()) })
	p.relList.OnSelected = func(i widget.ListItemID) { p.chooseRelation(i) }
	p.note = newKeyEntry(p.onNoteKey)
	p.note.SetPlaceHolder("Optional note on the link — Enter to link")
	p.strength = widget.NewRadioGroup([]string{"weak", "moderate", "strong"}, nil)
	p.strength.Horizontal = true
	p.steps = container.NewStack()
	box := container.NewBorder(container.NewVBox(p.heading, p.sentence, p.status), nil, nil, nil, p.steps)
	p.popup = widget.NewModalPopUp(container.NewPadded(box), c)
	p.popup.Resize(fyne.NewSize(min(760, c.Size().Width-40), min(520, c.Size().Height-40)))
	p.stepFind()
	p.popup.Show()
	c.Focus(p.query)
	p.search()
}

func (p *linkPicker) close() { p.popup.Hide() }

// stepFind is the first step: the query and its matches.
func (p *linkPicker) stepFind() {
	p.target = nil
	p.heading.SetText("Link " + itemLine(p.source) + " to…")
	p.sentence.Hide()
	p.status.SetText("↑↓ to choose, Enter to pick, Esc to close")
	p.steps.Objects = []fyne.CanvasObject{container.NewBorder(p.query, nil, nil, nil, p.results)}
	p.steps.Refresh()
}

// search runs the query for the current text, as the user types.
func (p *linkPicker) search() {
	res, err := p.session.Search(p.query.Text, pickerLimit+1)
	if err != nil {
		var se *search.SyntaxError
		if errors.As(err, &se) {
			p.status.SetText(se.Hint)
		}
	}
	p.hits = p.hits[:0]
	for _, h := range res.Hits {
		if h.ID != p.source.ID && len(p.hits) < pickerLimit {
			p.hits = append(p.hits, h)
		}
	}
	p.hitIndex = 0
	p.results.Refresh()
	if len(p.hits) > 0 {
		p.results.Select(0)
		p.results.ScrollToTop()
	}
	if strings.TrimSpace(p.query.Text) != "" && len(p.hits) == 0 {
		p.status.SetText("Nothing matches — try fewer or shorter words")
	} else if err == nil {
		p.status.SetText(fmt.Sprintf("%d found · ↑↓ to choose, Enter to pick, Esc to close", res.Total))
	}
}

func (p *linkPicker) createHit() fyne.CanvasObject { return newTitleRow(false) }

func (p *linkPicker) updateHit(i widget.ListItemID, o fyne.CanvasObject) {
	setTitleRow(o, hitTitle(p.hits[i]), hitSub(p.hits[i]))
}

// hitTitle is a hit as the picker lists it: what it is and its words.
func hitTitle(h search.Hit) string {
	switch h.Kind {
	case search.KindPassage:
		return "“" + storage.Excerpt(h.Title, 110) + "”"
	case search.KindClaim:
		return "Claim: " + storage.Excerpt(h.Title, 110)
	case search.KindNote:
		if h.Title == "" {
			return "Note: " + storage.Excerpt(h.Excerpt, 100)
		}
		return "Note: " + storage.Excerpt(h.Title, 100)
	}
	return "Piece: " + storage.Excerpt(h.Title, 110)
}

// hitSub is the line under a hit: a passage's piece, else an excerpt.
func hitSub(h search.Hit) string {
	if h.Kind == search.KindPassage {
		return "in " + h.PieceTitle
	}
	return storage.Excerpt(h.Excerpt, 140)
}

func (p *linkPicker) onQueryKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		p.moveHit(1)
	case fyne.KeyUp:
		p.moveHit(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if p.hitIndex >= 0 && p.hitIndex < len(p.hits) {
			h := p.hits[p.hitIndex]
			p.target = &h
			p.stepRelation()
		}
	case fyne.KeyEscape:
		p.close()
	default:
		return false
	}
	return true
}

func (p *linkPicker) moveHit(d int) {
	if len(p.hits) == 0 {
		return
	}
	p.hitIndex = (p.hitIndex + d + len(p.hits)) % len(p.hits)
	p.results.Select(p.hitIndex)
}

// stepRelation is the second step: how the source relates to the target,
// the sentence of the link following the highlighted relation.
func (p *linkPicker) stepRelation() {
	p.heading.SetText("How does it relate?")
	p.sentence.Show()
	p.status.SetText("↑↓ or type the first letters, Enter to choose, Backspace to go back")
	p.typed = ""
	p.chooseRelation(0)
	p.relList.Select(0)
	keys := newKeyCatcher(p.onRelationKey)
	keys.onRune = p.typedLetter
	p.steps.Objects = []fyne.CanvasObject{container.NewStack(p.relList, keys)}
	p.steps.Refresh()
	p.canvas.Focus(keys)
}

func (p *linkPicker) onRelationKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		p.typed = ""
		p.chooseRelation((p.relIndex + 1) % len(p.choices))
	case fyne.KeyUp:
		p.typed = ""
		p.chooseRelation((p.relIndex - 1 + len(p.choices)) % len(p.choices))
	case fyne.KeyReturn, fyne.KeyEnter:
		p.stepNote()
		return true
	case fyne.KeyBackspace:
		p.stepFind()
		p.canvas.Focus(p.query)
		return true
	case fyne.KeyEscape:
		p.close()
		return true
	default:
		return false
	}
	p.relList.Select(p.relIndex)
	return true
}

// chooseRelation highlights choice i and says the link it would make.
func (p *linkPicker) chooseRelation(i int) {
	p.relIndex = i
	p.sentence.SetText(p.linkSentence())
}

// typedLetter jumps to the first relation starting with the letters typed
// so far ("is c" → "is contradicted by"), or else with this letter alone.
func (p *linkPicker) typedLetter(r rune) {
	for _, typed := range []string{p.typed + string(r), string(r)} {
		for i, c := range p.choices {
			if strings.HasPrefix(strings.ToLower(c.phrase()), strings.ToLower(typed)) {
				p.typed = typed
				p.chooseRelation(i)
				p.relList.Select(i)
				return
			}
		}
	}
}

// linkSentence is the link about to be made, read from the item it
// started from: "“The decisive variable…” contradicts the claim “China’s…”".
func (p *linkPicker) linkSentence() string {
	return shortName(p.source.Kind, p.source.Title) + " " + p.choices[p.relIndex].phrase() + " " +
		shortName(storeKind(p.target.Kind), p.target.Title)
}

// shortName is an item as the sentence of a link names it: a passage by
// its quote, anything else by what it is and its words, cut short so that
// both ends and the relation fit on a line or two.
func shortName(k storage.Kind, title string) string {
	quoted := "“" + storage.Excerpt(title, 48) + "”"
	switch k {
	case storage.KindAnnotation:
		return quoted
	case storage.KindClaim:
		return "the claim " + quoted
	case storage.KindNote:
		return "the note " + quoted
	}
	return "the piece " + quoted
}

// stepNote is the last step: an optional note and strength, under the
// sentence of the link Enter will make.
func (p *linkPicker) stepNote() {
	p.heading.SetText("Enter makes this link:")
	p.status.SetText("Add a note or a strength if you like · Esc closes without linking")
	linkBtn := widget.NewButton("Link", p.link)
	linkBtn.Importance = widget.HighImportance
	strengthRow := container.NewHBox(widget.NewLabel("Strength (optional):"), p.strength)
	p.steps.Objects = []fyne.CanvasObject{container.NewVBox(p.note, strengthRow, container.NewHBox(layoutSpacer(), linkBtn))}
	p.steps.Refresh()
	p.canvas.Focus(p.note)
}

func (p *linkPicker) onNoteKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		p.link()
	case fyne.KeyEscape:
		p.close()
	default:
		return false
	}
	return true
}

// link creates the link and closes the picker.
func (p *linkPicker) link() {
	strength := 0
	for i, s := range storage.StrengthNames {
		if s != "" && s == p.strength.Selected {
			strength = i
		}
	}
	choice := p.choices[p.relIndex]
	l := storage.Link{From: p.source.ID, To: p.target.ID, Rel: choice.rel.Name, Note: p.note.Text, Strength: strength}
	if choice.backwards {
		l.From, l.To = l.To, l.From
	}
	// The store reports the new link; the window refreshes what shows it.
	made, err := p.nb.AddLink(l)
	if err != nil {
		p.status.SetText(err.Error())
		return
	}
	p.close()
	p.onLinked(made, p.linkSentence())
}

// keyEntry is an entry that lets its owner handle some keys first (the
// picker's arrows, Enter and Escape).
type keyEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newKeyEntry(onKey func(*fyne.KeyEvent) bool) *keyEntry {
	e := &keyEntry{onKey: onKey}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the owner the first say.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.onKey(k) {
		e.Entry.TypedKey(k)
	}
}

// keyCatcher is an invisible focusable object taking the keys of a step
// that has no entry (choosing the relation).
type keyCatcher struct {
	widget.BaseWidget
	onKey  func(*fyne.KeyEvent) bool
	onRune func(rune)
}

func newKeyCatcher(onKey func(*fyne.KeyEvent) bool) *keyCatcher {
	k := &keyCatcher{onKey: onKey}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}
func (k *keyCatcher) FocusGained()              {}
func (k *keyCatcher) FocusLost()                {}
func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) { k.onKey(e) }
func (k *keyCatcher) TypedRune(r rune) {
	if k.onRune != nil {
		k.onRune(r)
	}
}
