package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"commonplace/storage"
)

// suggestedTexts is what a suggestions panel offers, as its lines read.
func suggestedTexts(p *suggestionsPanel) string {
	var texts []string
	for _, row := range p.rows.Objects {
		if c, ok := row.(*fyne.Container); ok && len(c.Objects) > 0 {
			if h, ok := c.Objects[0].(*widgetButton); ok {
				texts = append(texts, h.Text)
			}
		}
	}
	return strings.Join(texts, "\n")
}

// A talking point copied into three pieces: what a claim or passage is
// already tied to is not offered as "said nearly the same elsewhere".
func TestSuggestionsLeaveOutWhatIsAlreadyTied(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	copies := map[string]string{
		"Op-ed":     "Officials say the threat no longer needs a safe haven; it needs only a signal and a smartphone.",
		"Interview": "Analysts agree the threat no longer needs a safe haven, it needs only a signal and a smartphone.",
		"Wire":      "The threat no longer needs a safe haven; it needs only a signal and a smartphone, a minister said.",
	}
	passages := map[string]storage.Annotation{}
	for _, title := range []string{"Op-ed", "Interview", "Wire"} {
		p, err := s.AddPiece(storage.Piece{Title: title}, "Europe faces a new problem. "+copies[title]+" Prisons matter too.")
		if err != nil {
			t.Fatal(err)
		}
		if passages[title], err = s.AnnotateQuote(p.ID, copies[title], 1, storage.AnnotationInput{}); err != nil {
			t.Fatal(err)
		}
	}
	claim, err := s.AddClaim(storage.Claim{Statement: "The threat no longer needs a safe haven, only a signal and a smartphone",
		Evidence: []string{passages["Interview"].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLink(storage.Link{From: passages["Op-ed"].ID, To: passages["Wire"].ID, Rel: "same-as"}); err != nil {
		t.Fatal(err)
	}

	m := newTestWindow(test.NewTempApp(t), s)
	t.Cleanup(func() { m.win.Close() })
	m.win.Resize(fyne.NewSize(1280, 800))
	m.indexes.Settle()

	m.openItem(storage.ItemRef{ID: claim.ID, Kind: storage.KindClaim})
	offered := suggestedTexts(m.claimPage.similar)
	if strings.Contains(offered, "Analysts") {
		t.Errorf("the claim's suggestions list its own evidence:\n%s", offered)
	}
	if !strings.Contains(offered, "Officials") || !strings.Contains(offered, "minister") {
		t.Errorf("the claim's suggestions miss the copies it is not tied to:\n%s", offered)
	}

	op := passages["Op-ed"]
	m.openItem(storage.ItemRef{ID: op.ID, Kind: storage.KindAnnotation, PieceID: op.PieceID})
	offered = suggestedTexts(m.annEditor.similar)
	if strings.Contains(offered, "minister") || strings.Contains(offered, "Officials") {
		t.Errorf("the passage's suggestions list itself or the passage it links to:\n%s", offered)
	}
	if !strings.Contains(offered, "Analysts") {
		t.Errorf("the passage's suggestions miss the copy it is not linked to:\n%s", offered)
	}
}
