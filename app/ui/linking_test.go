package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/demo"
	"commonplace/assets"
	"commonplace/storage"
)

// demoWindow opens a window on a fresh demo notebook, with its search
// index built.
func demoWindow(t *testing.T) (*mainWindow, *storage.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := demo.Load(s, assets.Demo()); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(a, s)
	t.Cleanup(func() { m.win.Close() })
	m.win.Resize(fyne.NewSize(1280, 800))
	m.indexes.Settle()
	return m, s
}

// annotationWith finds the demo passage whose quote contains words.
func annotationWith(t *testing.T, s *storage.Store, words string) storage.Annotation {
	t.Helper()
	var found storage.Annotation
	s.EachAnnotation(func(a storage.Annotation) error {
		if strings.Contains(a.Selector.Exact, words) {
			found = a
		}
		return nil
	})
	if found.ID == "" {
		t.Fatalf("no demo passage with %q", words)
	}
	return found
}

func key(c fyne.Canvas, name fyne.KeyName) { c.Focused().TypedKey(&fyne.KeyEvent{Name: name}) }

func TestLinkPickerKeyboardFlow(t *testing.T) {
	m, s := demoWindow(t)
	from := annotationWith(t, s, "persistent talk of Chinese-funded border posts")
	to := annotationWith(t, s, "Uighur militants who fought in Syria")
	m.openItem(storage.ItemRef{ID: from.ID, Kind: storage.KindAnnotation, PieceID: from.PieceID})
	if m.annEditor.current.ID != from.ID {
		t.Fatalf("opening a passage did not select it: %q", m.annEditor.current.ID)
	}
	item := menuItem(t, m, "Link to…")
	if item.Shortcut != shortcutLink {
		t.Fatal("Link to… has lost its shortcut")
	}
	item.Action()
	c := m.win.Canvas()
	for _, r := range "uigur syria" { // a typo and a word out of order
		c.Focused().TypedRune(r)
	}
	picker := c.Overlays().Top()
	if picker == nil {
		t.Fatal("the picker did not open")
	}
	key(c, fyne.KeyReturn)     // the first hit
	c.Focused().TypedRune('s') // "supports"
	key(c, fyne.KeyReturn)
	for _, r := range "same worry, two sources" {
		c.Focused().TypedRune(r)
	}
	key(c, fyne.KeyReturn)

	out, in, _ := s.Links(from.ID)
	var made *storage.Link
	for i := range out {
		if out[i].To == to.ID {
			made = &out[i]
		}
	}
	if made == nil || made.Rel != "supports" || made.Note != "same worry, two sources" {
		t.Fatalf("link not made as typed: out=%+v in=%+v", out, in)
	}
	if c.Overlays().Top() != nil {
		t.Fatal("the picker stayed open")
	}
	// The passage's links panel shows it; the target shows the backlink.
	if !panelHas(m.annEditor.links, "→ supports", "Uighur militants") {
		t.Fatal("the new link is not in the passage's links panel")
	}
	views, _ := s.LinksOf(to.ID)
	found := false
	for _, v := range views {
		found = found || (!v.Outgoing && v.Other.ID == from.ID && v.Rel == "supports")
	}
	if !found {
		t.Fatal("no backlink on the target")
	}
}

// panelHas reports whether a links panel has a row reading rel and other.
func panelHas(p *linksPanel, rel, other string) bool {
	for _, v := range p.views {
		label := "→ " + v.Rel
		if !v.Outgoing {
			label = "← " + v.Rel
		}
		if strings.HasPrefix(label, rel) && strings.Contains(v.Other.Title, other) {
			return true
		}
	}
	return false
}

func TestFollowLinksBackAndForward(t *testing.T) {
	m, s := demoWindow(t)
	minerals := annotationWith(t, s, "The decisive variable")
	wakhan := annotationWith(t, s, "less a trade route than a door")
	m.openItem(storage.ItemRef{ID: minerals.ID, Kind: storage.KindAnnotation, PieceID: minerals.PieceID})
	var target storage.ItemRef
	for _, v := range m.annEditor.links.views {
		if v.Other.ID == wakhan.ID {
			target = v.Other
		}
	}
	if target.ID == "" {
		t.Fatalf("the demo link minerals → wakhan is not listed: %+v", m.annEditor.links.views)
	}
	m.openItem(target) // clicking the row
	if m.reader.pieceID != wakhan.PieceID || m.annEditor.current.ID != wakhan.ID {
		t.Fatal("following the link did not open the other passage")
	}
	menuItem(t, m, "Back").Action()
	if m.reader.pieceID != minerals.PieceID || m.annEditor.current.ID != minerals.ID {
		t.Fatal("Back did not return to the first passage")
	}
	menuItem(t, m, "Forward").Action()
	if m.annEditor.current.ID != wakhan.ID {
		t.Fatal("Forward did not go to the linked passage again")
	}
}

func TestClaimFromSelectionAndClaimPage(t *testing.T) {
	m, s := demoWindow(t)
	wakhan := annotationWith(t, s, "less a trade route than a door")
	m.openItem(storage.ItemRef{ID: wakhan.ID, Kind: storage.KindAnnotation, PieceID: wakhan.PieceID})
	id, err := m.saveClaimChoice("", "Beijing wants the Wakhan shut", func(*storage.Batch) (string, error) { return wakhan.ID, nil })
	if err != nil {
		t.Fatal(err)
	}
	m.goTo(place{kind: placeClaim, id: id})
	if !m.showing(m.claimPage) || m.claimPage.statement.Text != "Beijing wants the Wakhan shut" {
		t.Fatal("the new claim's page is not shown")
	}
	if got := m.claims.items; len(got) != 3 {
		t.Fatalf("claims list: %d", len(got))
	}
	// Its evidence is listed and opens the passage.
	var row *widgetButton
	for _, o := range m.claimPage.evidence.Objects {
		if b := findButton(o, "less a trade route"); b != nil {
			row = b
		}
	}
	if row == nil {
		t.Fatal("the evidence is not listed on the claim page")
	}
	row.OnTapped()
	if m.annEditor.current.ID != wakhan.ID {
		t.Fatal("the evidence row does not open its passage")
	}
	// Editing the statement is saved as typed.
	m.goTo(place{kind: placeClaim, id: id})
	m.claimPage.statement.SetText("Beijing wants the Wakhan kept shut")
	m.saver.flush()
	c, _ := s.Claim(id)
	if c.Statement != "Beijing wants the Wakhan kept shut" || len(c.Evidence) != 1 {
		t.Fatalf("claim after edit: %+v", c)
	}
	// Removing evidence, then undo.
	m.removeEvidence(c, wakhan.ID)
	if c2, _ := s.Claim(id); len(c2.Evidence) != 0 {
		t.Fatal("evidence not removed")
	}
	m.undo.run()
	if c3, _ := s.Claim(id); len(c3.Evidence) != 1 {
		t.Fatal("undo did not restore the evidence")
	}
}

func TestDisagreementsList(t *testing.T) {
	m, _ := demoWindow(t)
	menuItem(t, m, "Disagreements").Action()
	if !m.showing(m.disagreements) {
		t.Fatal("disagreements not shown")
	}
	// The demo's minerals-first passage contradicts a passage and a claim
	// drawn from another piece by another author.
	if len(m.disagreements.items) != 2 {
		t.Fatalf("disagreements: %d", len(m.disagreements.items))
	}
	for _, d := range m.disagreements.items {
		if !strings.Contains(d.Why, "different pieces") || d.Link.Rel != "contradicts" {
			t.Fatalf("disagreement: %+v", d)
		}
	}
}

func TestDeleteLinkFromPanelWithUndo(t *testing.T) {
	m, s := demoWindow(t)
	minerals := annotationWith(t, s, "The decisive variable")
	m.openItem(storage.ItemRef{ID: minerals.ID, Kind: storage.KindAnnotation, PieceID: minerals.PieceID})
	before := len(m.annEditor.links.views)
	m.deleteLink(m.annEditor.links.views[0])
	if len(m.annEditor.links.views) != before-1 {
		t.Fatalf("links after delete: %d, want %d", len(m.annEditor.links.views), before-1)
	}
	menuItem(t, m, "Undo").Action()
	if len(m.annEditor.links.views) != before {
		t.Fatal("undo did not bring the link back")
	}
	rep, _ := s.Check()
	if !rep.OK() {
		t.Fatal(rep.Problems)
	}
}

type widgetButton = widget.Hyperlink

// findButton finds a clickable line whose text contains s in o.
func findButton(o fyne.CanvasObject, s string) *widget.Hyperlink {
	switch v := o.(type) {
	case *widget.Hyperlink:
		if strings.Contains(v.Text, s) {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, s); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestSuggestedPassageBecomesALink(t *testing.T) {
	m, s := demoWindow(t)
	m.indexes.Settle()
	tp := annotationWith(t, s, "The threat no longer needs a safe haven; it needs only")
	// The demo links the two copies of the talking point, so the copy in
	// the interview is not suggested; with that link gone it is, already
	// marked, and linking it reuses its passage.
	out, in, _ := s.Links(tp.ID)
	for _, l := range append(out, in...) {
		if _, err := s.Delete(l.ID); err != nil {
			t.Fatal(err)
		}
	}
	m.indexes.Settle()
	m.openItem(storage.ItemRef{ID: tp.ID, Kind: storage.KindAnnotation, PieceID: tp.PieceID})
	sugs, err := m.indexes.Similar.For(tp.ID, 5)
	if err != nil || len(sugs) == 0 {
		t.Fatalf("no suggestion for the recycled talking point: %v", err)
	}
	offered := func() int { // rows with a Link as same as button
		n := 0
		for _, o := range test.LaidOutObjects(m.annEditor.similar.rows) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Link as same as" {
				n++
			}
		}
		return n
	}
	shown := offered()
	m.linkSuggestion(tp.ID, sugs[0])
	if now := offered(); shown == 0 || now >= shown {
		t.Errorf("the panel offers %d suggestions after one was linked (%d before)", now, shown)
	}
	after, _, _ := s.Links(tp.ID)
	if len(after) != 1 {
		t.Fatalf("links after linking the suggestion: %d, want 1", len(after))
	}
	if target, _ := s.Annotation(after[0].To); target.Selector.Exact == "" {
		t.Fatal("the link does not point at a passage")
	}
	if sugs2, _ := m.indexes.Similar.For(tp.ID, 5); len(sugs2) > 0 && sugs2[0].Start == sugs[0].Start && sugs2[0].PieceID == sugs[0].PieceID {
		t.Fatal("the passage just linked is still suggested")
	}
	// A suggestion can be opened as selected text in its piece.
	m.openText(sugs[0].PieceID, sugs[0].Start, sugs[0].End)
	if st, en := m.reader.selection(); m.reader.pieceID != sugs[0].PieceID || st != sugs[0].Start || en != sugs[0].End {
		t.Fatalf("suggestion not opened as a selection: %d–%d in %s", st, en, m.reader.pieceID)
	}
}

// claimWith finds the demo claim whose statement contains words.
func claimWith(t *testing.T, s *storage.Store, words string) storage.ClaimSummary {
	t.Helper()
	sums, err := s.ClaimSummaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sums {
		if strings.Contains(c.Statement, words) {
			return c
		}
	}
	t.Fatalf("no demo claim with %q", words)
	return storage.ClaimSummary{}
}

// listedMeta is the line the claims list shows under claim id.
func listedMeta(m *mainWindow, id string) string {
	for _, c := range m.claims.listed() {
		if c.ID == id {
			return claimMeta(c)
		}
	}
	return ""
}

// pickerTexts is every label's text in the picker open over the window.
func pickerTexts(c fyne.Canvas) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.PopUp:
			walk(v.Content)
		case *widget.Label:
			if v.Visible() {
				out = append(out, v.Text)
			}
		case *fyne.Container:
			for _, o := range v.Objects {
				walk(o)
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		walk(top)
	}
	return out
}

func pickerSays(c fyne.Canvas, s string) bool {
	for _, text := range pickerTexts(c) {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// linkFromClaim opens the claim, picks the piece of the Europe op-ed with
// Ctrl+L and types letters to choose the relation, then stops before the
// last Enter.
func linkFromClaim(t *testing.T, m *mainWindow, claimID, relationLetters string) fyne.Canvas {
	t.Helper()
	m.goTo(place{kind: placeClaim, id: claimID})
	menuItem(t, m, "Link to…").Action()
	c := m.win.Canvas()
	for _, r := range "europe next attacker already online prison" {
		c.Focused().TypedRune(r)
	}
	key(c, fyne.KeyReturn)
	for _, r := range relationLetters {
		c.Focused().TypedRune(r)
	}
	return c
}

// A claim that contradicts a piece, linked from the claim, has that piece
// against it, whichever way round the user read the relation.
func TestLinkFromClaimCountsAgainstIt(t *testing.T) {
	for _, c := range []struct {
		letters, phrase string
		fromClaim       bool
	}{
		{"c", " contradicts the piece “Europe’s Next Attacker", true},
		{"is c", " is contradicted by the piece “Europe’s Next Attacker", false},
	} {
		t.Run(c.letters, func(t *testing.T) {
			m, s := demoWindow(t)
			claim := claimWith(t, s, "ISKP’s threat to Europe")
			if got := listedMeta(m, claim.ID); !strings.Contains(got, "−0 against") {
				t.Fatalf("the demo claim already has something against it: %q", got)
			}
			canvas := linkFromClaim(t, m, claim.ID, c.letters)
			if !pickerSays(canvas, c.phrase) {
				t.Fatalf("the relation step does not say the link: %q", pickerTexts(canvas))
			}
			key(canvas, fyne.KeyReturn) // the relation
			key(canvas, fyne.KeyReturn) // no note: link
			out, in, _ := s.Links(claim.ID)
			if c.fromClaim && (len(out) != 1 || out[0].Rel != "contradicts") || !c.fromClaim && (len(in) != 2 || in[1].Rel != "contradicts") {
				t.Fatalf("the link is not stored as read: out %+v in %+v", out, in)
			}
			if got := listedMeta(m, claim.ID); !strings.Contains(got, "−1 against") {
				t.Fatalf("the claims list says %q, want −1 against", got)
			}
			// The claim's page lists the piece among what bears on it.
			found := false
			for _, o := range m.claimPage.evidence.Objects {
				found = found || findButton(o, "Europe’s Next Attacker") != nil
			}
			if !found {
				t.Fatal("the claim page does not list the piece against it")
			}
		})
	}
}

// The relation step says the link it will make as the highlighted
// relation changes, the last step says it again, and after Enter the
// undo bar confirms it; Undo takes the link back.
func TestLinkPickerSaysTheLinkAndOffersUndo(t *testing.T) {
	m, s := demoWindow(t)
	claim := claimWith(t, s, "ISKP’s threat to Europe")
	c := linkFromClaim(t, m, claim.ID, "s")
	forwards := "the claim “ISKP’s threat to Europe now runs mainly…” supports the piece “Europe’s Next Attacker Is Already Online — or…”"
	if !pickerSays(c, forwards) {
		t.Fatalf("the relation step does not read %q: %q", forwards, pickerTexts(c))
	}
	key(c, fyne.KeyDown)
	backwards := "is supported by the piece “Europe’s Next Attacker"
	if !pickerSays(c, backwards) {
		t.Fatalf("the sentence did not follow the highlighted relation: %q", pickerTexts(c))
	}
	key(c, fyne.KeyDown)
	key(c, fyne.KeyReturn)
	contradicts := "the claim “ISKP’s threat to Europe now runs mainly…” contradicts the piece “Europe’s Next Attacker"
	if !pickerSays(c, contradicts) {
		t.Fatalf("the last step does not say what Enter will do: %q", pickerTexts(c))
	}
	if m.undo.root.Visible() {
		t.Fatal("the undo bar shows before anything was linked")
	}
	key(c, fyne.KeyReturn)
	if !m.undo.root.Visible() || !strings.HasPrefix(m.undo.message.Text, "Linked: "+contradicts) {
		t.Fatalf("no confirmation of the link: %v %q", m.undo.root.Visible(), m.undo.message.Text)
	}
	if out, _, _ := s.Links(claim.ID); len(out) != 1 {
		t.Fatalf("links from the claim: %+v", out)
	}
	menuItem(t, m, "Undo").Action()
	if out, _, _ := s.Links(claim.ID); len(out) != 0 {
		t.Fatalf("Undo did not take the link back: %+v", out)
	}
	if got := listedMeta(m, claim.ID); !strings.Contains(got, "−0 against") {
		t.Fatalf("after Undo the claims list says %q", got)
	}
	rep, _ := s.Check()
	if !rep.OK() {
		t.Fatal(rep.Problems)
	}
}
