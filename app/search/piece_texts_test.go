package search

import (
	"strings"
	"testing"
)

// TestPieceTextsAreReadBack: with a keeper of the pieces' texts, the
// engine holds no copy of a piece's text, still finds the piece by its
// words, and cuts the hit's excerpt from the text the keeper gives back;
// a passage keeps its own (short) text.
func TestPieceTextsAreReadBack(t *testing.T) {
	texts := map[string]string{"p1": "Lorries queue at the Termez bridge for days while the fees double."}
	reads := 0
	e := New()
	e.SetPieceTexts(func(id string) (string, error) { reads++; return texts[id], nil })
	e.Add(
		Doc{ID: "p1", Kind: KindPiece, Title: "Rail at Termez", Text: texts["p1"]},
		Doc{ID: "a1", Kind: KindPassage, Title: "the fees double", Text: "a note on fees", PieceID: "p1"},
	)
	for _, rec := range e.recs {
		if rec.Kind == KindPiece && rec.Text != "" {
			t.Fatalf("the engine kept the piece's text: %q", rec.Text)
		}
	}
	q, err := Parse("lorries")
	if err != nil {
		t.Fatal(err)
	}
	res := e.Search(q, 10)
	if len(res.Hits) != 1 || res.Hits[0].ID != "p1" {
		t.Fatalf("hits %+v", res.Hits)
	}
	if !strings.Contains(res.Hits[0].Excerpt, "Lorries queue") || reads == 0 {
		t.Errorf("excerpt %q after %d reads", res.Hits[0].Excerpt, reads)
	}
	q, _ = Parse("note fees")
	if res := e.Search(q, 10); len(res.Hits) == 0 || res.Hits[0].ID != "a1" || !strings.Contains(res.Hits[0].Excerpt, "note on fees") {
		t.Errorf("passage hit %+v", res.Hits)
	}
}
