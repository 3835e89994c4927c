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
	"commonplace/widgets"
)

// claimStore is what the claim page reads and writes.
type claimStore interface {
	Claim(id string) (storage.Claim, error)
	Ref(id string) (storage.ItemRef, error)
	LinksOf(id string) ([]storage.LinkView, error)
	Relation(name string) (storage.Relation, error)
	UpdateClaimText(id, statement, note string, tags []string) (storage.Claim, error)
}

// claimPage shows and edits one claim: its statement, note and tags (saved
// as you type), then what bears on it — its evidence and the links to it,
// grouped by relation — and its own links.
type claimPage struct {
	nb      claimStore
	bg      *background
	saver   *autosaver
	onOpen  func(storage.ItemRef)
	onError func(error)
	// onRemoveEvidence and onDelete change the claim through the window
	// (so undo and history stay in one place).
	onRemoveEvidence func(claim storage.Claim, annotationID string)
	onDelete         func(storage.Claim)

	current storage.Claim
	loading bool

	root      fyne.CanvasObject
	statement *widgets.ProseEntry
	note      *widgets.ProseEntry
	tags      *widgets.TagEntry
	evidence  *fyne.Container
	links     *linksPanel
	similar   *suggestionsPanel
}

func newClaimPage(nb claimStore, bg *background, saver *autosaver, links *linksPanel) *claimPage {
	return &claimPage{nb: nb, bg: bg, saver: saver, links: links}
}

func (p *claimPage) buildUI() fyne.CanvasObject {
	p.statement = widgets.NewProseEntry()
	p.statement.SetMinRowsVisible(3)
	p.statement.TextStyle.Bold = true
	p.statement.SetPlaceHolder("The claim, in your words")
	p.note = widgets.NewProseEntry()
	p.note.SetMinRowsVisible(3)
	p.note.SetPlaceHolder("Why you hold it, what would change your mind…")
	p.tags = widgets.NewTagEntry()
	for _, en := range []*widget.Entry{&p.statement.Entry, &p.note.Entry, &p.tags.Entry} {
		en.OnChanged = func(string) { p.edited() }
	}
	del := widget.NewButtonWithIcon("Delete claim", theme.DeleteIcon(), func() { p.onDelete(p.current) })
	del.Importance = widget.DangerImportance
	heading := widget.NewLabel("What bears on it")
	heading.TextStyle.Bold = true
	p.evidence = container.NewVBox()
	page := container.NewVBox(
		p.statement, p.note, p.tags,
		widget.NewSeparator(),
		heading, p.evidence,
		widget.NewSeparator(),
		p.links.root,
		widget.NewSeparator(),
		p.similar.root,
		container.NewHBox(layoutSpacer(), del),
	)
	scroll := container.NewVScroll(container.New(&readingColumn{}, page))
	p.statement.OnFocusGained = func() { scrollIntoView(scroll, p.statement) }
	p.note.OnFocusGained = func() { scrollIntoView(scroll, p.note) }
	p.tags.OnFocusGained = func() { scrollIntoView(scroll, p.tags) }
	p.root = scroll
	return p.root
}

func (p *claimPage) view() fyne.CanvasObject { return p.root }

// changed reloads the claim shown: its evidence shows passages' and
// pieces' words, and what bears on it comes from claims and links.
func (p *claimPage) changed(c changes) {
	if (c.arguments() || c.pieces) && p.current.ID != "" {
		p.load(p.current.ID, false)
	}
}

// load shows claim id. fresh (going to the claim) fills every field;
// otherwise (a change coming back) what is being typed is kept.
func (p *claimPage) load(id string, fresh bool) {
	// As noteEditor.load: only a load that fills the fields anew writes
	// what is pending first.
	if p.current.ID != "" && (fresh || id != p.current.ID) {
		p.saver.flushKey(p.current.ID)
	}
	c, err := p.nb.Claim(id)
	if err != nil {
		p.onError(err)
		return
	}
	if fresh || c.ID != p.current.ID {
		p.similar.show(c.ID)
		// A change coming back reloads the links panel by itself.
		p.links.show(c.ID)
		p.loading = true
		p.statement.SetText(c.Statement)
		p.note.SetText(c.Note)
		p.tags.SetText(strings.Join(c.Tags, ", "))
		p.loading = false
	} else {
		c.Statement, c.Note, c.Tags = p.current.Statement, p.current.Note, p.current.Tags
	}
	p.current = c
	p.showEvidence()
}

// suggestTags offers the notebook's tags as the tags field's completions.
func (p *claimPage) suggestTags(tags []string) { p.tags.SetOptions(tags) }

// claim is the id of the claim shown ("": none).
func (p *claimPage) claim() string { return p.current.ID }

// forget drops the claim shown (it was deleted), writing nothing.
func (p *claimPage) forget() { p.current = storage.Claim{} }

// evidenceRow is one passage bearing on the claim.
type evidenceRow struct {
	group string // "Evidence", "Supported by", …
	ref   storage.ItemRef
	link  *storage.LinkView // nil for evidence
}

// showEvidence lists the evidence and the links pointing at the claim or
// counting against it, grouped by relation, each opening its passage.
func (p *claimPage) showEvidence() {
	c := p.current
	inBackground(p.bg, func() ([]evidenceRow, error) {
		var rows []evidenceRow
		for _, id := range c.Evidence {
			r, err := p.nb.Ref(id)
			if err != nil {
				continue
			}
			rows = append(rows, evidenceRow{group: "Evidence", ref: r})
		}
		views, err := p.nb.LinksOf(c.ID)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			// The claim's own links are in the links panel, but those that
			// count in its tally (a contradiction it was linked from) bear
			// on it too.
			if v.Outgoing && v.Bearing(c.ID) == 0 {
				continue
			}
			label := v.Rel
			if rel, err := p.nb.Relation(v.Rel); err == nil {
				label = rel.Inverse
				if v.Outgoing {
					label = rel.Label
				}
			}
			v := v
			rows = append(rows, evidenceRow{group: capitalise(label), ref: v.Other, link: &v})
		}
		return rows, nil
	}, func(rows []evidenceRow) {
		if c.ID == p.current.ID {
			p.renderEvidence(rows)
		}
	}, p.onError)
}

func (p *claimPage) renderEvidence(rows []evidenceRow) {
	var groups []string
	byGroup := map[string][]evidenceRow{}
	for _, r := range rows {
		if _, ok := byGroup[r.group]; !ok {
			groups = append(groups, r.group)
		}
		byGroup[r.group] = append(byGroup[r.group], r)
	}
	// Evidence first, then the relations in a stable order.
	slices.SortStableFunc(groups, func(a, b string) int {
		if a == "Evidence" {
			return -1
		}
		if b == "Evidence" {
			return 1
		}
		return strings.Compare(a, b)
	})
	var objs []fyne.CanvasObject
	if len(rows) == 0 {
		none := mutedText()
		setMuted(none, "Nothing yet. Select a passage in a piece and choose Edit → New Claim from Selection, or link passages to this claim.")
		objs = append(objs, none)
	}
	for _, g := range groups {
		title := widget.NewLabel(fmt.Sprintf("%s (%d)", g, len(byGroup[g])))
		title.TextStyle.Italic = true
		objs = append(objs, title)
		for _, r := range byGroup[g] {
			r := r
			open := openLink(itemLine(r.ref), func() { p.onOpen(r.ref) })
			var remove *widget.Button
			if r.link == nil {
				remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { p.onRemoveEvidence(p.current, r.ref.ID) })
				remove.Importance = widget.LowImportance
				objs = append(objs, container.NewBorder(nil, nil, nil, remove, open))
			} else {
				objs = append(objs, open)
			}
		}
	}
	p.evidence.Objects = objs
	p.evidence.Refresh()
}

// edited schedules a save of what the fields say now.
func (p *claimPage) edited() {
	if p.loading || p.current.ID == "" {
		return
	}
	c := p.current
	c.Statement, c.Note = p.statement.Text, p.note.Text
	c.Tags = storage.NormalizeTags([]string{p.tags.Tags()})
	p.current.Statement, p.current.Note, p.current.Tags = c.Statement, c.Note, c.Tags
	nb, id := p.nb, c.ID
	p.saver.schedule(id, func() error {
		// Only the words: evidence changes on its own, and may have
		// changed (an undo) since these words were typed.
		_, err := nb.UpdateClaimText(id, c.Statement, c.Note, c.Tags)
		return err
	})
}

// capitalise upper-cases the first letter of a label ("supported by").
func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
