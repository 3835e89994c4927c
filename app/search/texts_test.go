package search

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

// mapTexts is a keeper of texts (Texts) over maps, counting its reads;
// fail makes every read fail, as the store's does while it is closing.
type mapTexts struct {
	pieces   map[string]string
	passages map[string][2]string // quote, note
	reads    atomic.Int64
	fail     bool
}

var errGone = errors.New("closing")

func textsOf(docs []Doc) *mapTexts {
	m := &mapTexts{pieces: map[string]string{}, passages: map[string][2]string{}}
	for _, d := range docs {
		switch d.Kind {
		case KindPiece:
			m.pieces[d.ID] = d.Text
		case KindPassage:
			m.passages[d.ID] = [2]string{d.Title, d.Text}
		}
	}
	return m
}

func (m *mapTexts) PieceText(id string) (string, error) {
	m.reads.Add(1)
	if m.fail {
		return "", errGone
	}
	return m.pieces[id], nil
}

func (m *mapTexts) Passage(id string) (string, string, error) {
	m.reads.Add(1)
	if m.fail {
		return "", "", errGone
	}
	p := m.passages[id]
	return p[0], p[1], nil
}

// TestTextsAreReadBack: with a keeper of texts, the engine holds no copy
// of a piece's text nor of a passage's quote and note, still finds them by
// their words and phrases, cuts hits' titles and excerpts from what the
// keeper gives back, and unindexes them whole; a claim keeps its strings.
func TestTextsAreReadBack(t *testing.T) {
	docs := []Doc{
		{ID: "p1", Kind: KindPiece, Title: "Rail at Termez", Text: "Lorries queue at the Termez bridge for days while the fees double."},
		{ID: "a1", Kind: KindPassage, Title: "the fees double", Text: "a note on tariffs", PieceID: "p1", PieceTitle: "Rail at Termez"},
		{ID: "c1", Kind: KindClaim, Title: "Transit fees shape the corridor", Text: "why it matters"},
	}
	texts := textsOf(docs)
	e := New()
	e.SetTexts(texts)
	e.Add(docs...)
	for _, rec := range e.recs {
		switch {
		case rec.Kind == KindPiece && rec.Text != "",
			rec.Kind == KindPassage && (rec.Title != "" || rec.Text != ""),
			rec.Kind == KindClaim && (rec.Title == "" || rec.Text == ""):
			t.Fatalf("the engine kept the wrong strings of %s: %q, %q", rec.ID, rec.Title, rec.Text)
		}
	}
	search := func(query string) []Hit {
		t.Helper()
		q, err := Parse(query)
		if err != nil {
			t.Fatal(err)
		}
		return e.Search(q, 10).Hits
	}
	hits := search("lorries")
	if len(hits) != 1 || hits[0].ID != "p1" || !strings.Contains(hits[0].Excerpt, "Lorries queue") {
		t.Fatalf("piece hit %+v", hits)
	}
	hits = search("tariffs")
	if len(hits) != 1 || hits[0].ID != "a1" || hits[0].Title != "the fees double" || !strings.Contains(hits[0].Excerpt, "note on tariffs") {
		t.Fatalf("passage hit by its note %+v", hits)
	}
	if len(hits[0].TitleMatches) != 0 || len(hits[0].ExcerptMatches) != 1 {
		t.Errorf("passage hit's highlights %+v", hits[0])
	}
	hits = search(`"fees double"`)
	ids := map[string]bool{}
	for _, h := range hits {
		ids[h.ID] = true
	}
	if !ids["a1"] || !ids["p1"] || ids["c1"] {
		t.Errorf("phrase in the quote and the text found %v, want a1 and p1", ids)
	}
	if hits = search(`"double fees"`); len(hits) != 0 {
		t.Errorf("the words in another order matched %+v", hits)
	}
	if hits = search(`"transit fees"`); len(hits) != 1 || hits[0].ID != "c1" || hits[0].Title != "Transit fees shape the corridor" {
		t.Errorf("claim by a phrase of its statement %+v", hits)
	}
	if texts.reads.Load() == 0 {
		t.Error("no text was read back")
	}

	// A passage shown again is not read again until the engine changes.
	search("tariffs")
	reads := texts.reads.Load()
	if search("tariffs"); texts.reads.Load() != reads {
		t.Errorf("the same passage hit was read again: %d → %d reads", reads, texts.reads.Load())
	}
	e.Add(Doc{ID: "n1", Kind: KindNote, Title: "unrelated", Text: "words"})
	if search("tariffs"); texts.reads.Load() != reads+1 {
		t.Errorf("after a change the passage was not read afresh: %d → %d reads", reads, texts.reads.Load())
	}

	texts.fail = true
	if hits = search("tariffs"); len(hits) != 1 || hits[0].ID != "a1" || hits[0].PieceTitle != "Rail at Termez" {
		t.Errorf("with the keeper failing, the hit is %+v", hits)
	}
	texts.fail = false

	e.Remove("a1")
	if hits = search("tariffs"); len(hits) != 0 {
		t.Errorf("a removed passage is still found: %+v", hits)
	}
	for id, pl := range e.post {
		if w := e.voc.words[id]; (w == "tariffs" || w == "note") && len(pl.docs) != 0 {
			t.Errorf("%q still has postings %v", w, pl.docs)
		}
	}
}
