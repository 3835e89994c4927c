package bundle

import (
	"encoding/json"
	"reflect"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
)

// TestReferencesAreCSLJSON checks references.json: a CSL-JSON array with
// one entry per piece, each with an id and a CSL type, and the piece's
// title, authors, outlet, date and URL in CSL's fields.
func TestReferencesAreCSLJSON(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, m := exportBytes(t, nb.S, scope.Scope{}, t0)
	var items []map[string]any
	if err := json.Unmarshal(zipFiles(t, data)[ReferencesFile], &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != m.Counts.Pieces {
		t.Fatalf("%d references for %d pieces", len(items), m.Counts.Pieces)
	}
	cslTypes := map[string]bool{"article": true, "article-newspaper": true}
	allowed := map[string]bool{"id": true, "type": true, "title": true, "author": true, "container-title": true,
		"issued": true, "URL": true, "keyword": true, "DOI": true, "accessed": true}
	byID := map[string]map[string]any{}
	for _, it := range items {
		id, _ := it["id"].(string)
		typ, _ := it["type"].(string)
		if id == "" || !cslTypes[typ] {
			t.Fatalf("entry without id or CSL type: %v", it)
		}
		for k := range it {
			if !allowed[k] {
				t.Fatalf("%q is not a CSL field we write", k)
			}
		}
		byID[id] = it
	}
	door := byID[nb.Edited]
	want := map[string]any{
		"id": nb.Edited, "type": "article-newspaper", "title": "The door", "container-title": "Caspian Wire Service",
		"URL": "https://example.org/door", "keyword": "security, fieldwork", "DOI": "10.5555/door.2024",
		"accessed": map[string]any{"date-parts": []any{[]any{2026.0, 1.0, 5.0}}},
		"author":   []any{map[string]any{"family": "Zhang", "given": "Wei"}, map[string]any{"literal": "Reuters staff"}},
		"issued":   map[string]any{"date-parts": []any{[]any{2024.0, 3.0}}},
	}
	if !reflect.DeepEqual(door, want) {
		t.Fatalf("CSL entry:\n got %v\nwant %v", door, want)
	}
}

func TestCSLNames(t *testing.T) {
	for in, want := range map[string]CSLName{
		"Wei Zhang":                            {Family: "Zhang", Given: "Wei"},
		"Zhang, Wei":                           {Family: "Zhang", Given: "Wei"},
		"Ludwig van Beethoven":                 {Family: "van Beethoven", Given: "Ludwig"},
		"Mary Ann Smith":                       {Family: "Smith", Given: "Mary Ann"},
		"Reuters":                              {Literal: "Reuters"},
		"Reuters staff":                        {Literal: "Reuters staff"},
		"the editors":                          {Literal: "the editors"},
		"International Crisis Group Asia Desk": {Literal: "International Crisis Group Asia Desk"},
	} {
		if got := cslName(in); got != want {
			t.Errorf("%q: %+v, want %+v", in, got, want)
		}
	}
	if it := cslItem(storage.Piece{ID: "x", Title: "t", Published: "2019"}); it.Type != "article" || !reflect.DeepEqual(it.Issued.DateParts, [][]int{{2019}}) {
		t.Fatalf("piece without outlet: %+v", it)
	}
}
