package csl

import (
	"strings"
	"testing"
)

// A Zotero-like CSL-JSON export: date parts as numbers and as strings, a
// raw date, literal and split names, fields this package does not know.
const zoteroExport = `[
  {"id": "http://zotero.org/users/1/items/AB12", "type": "article-journal",
   "title": "Rivers of the Pamir", "container-title": "Journal of Mountain Studies",
   "author": [{"family": "Dvořák", "given": "Jana"}, {"literal": "Pamir Research Group"}],
   "issued": {"date-parts": [["2019", "3", "5"]]}, "DOI": "10.1234/JMS.2019.7",
   "keyword": "rivers, Pamir", "abstract": "Where the water goes.", "page": "1-20"},
  {"id": "b", "type": "book", "title": "Dams", "publisher": "Steppe Press",
   "issued": {"raw": "2011-07"}},
  {"id": "c", "type": "webpage", "title": "No date", "URL": "https://example.org/x"}
]`

func TestRead(t *testing.T) {
	if !Looks([]byte(zoteroExport)) {
		t.Fatal("a CSL-JSON export not recognised")
	}
	items, err := Read([]byte(zoteroExport))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	a := items[0]
	if a.Issued.Published() != "2019-03-05" || a.Author[0].String() != "Jana Dvořák" || a.Author[1].String() != "Pamir Research Group" || a.DOI != "10.1234/JMS.2019.7" {
		t.Fatalf("first item: %+v", a)
	}
	if got := items[1].Issued.Published(); got != "2011-07" {
		t.Fatalf("raw date read as %q", got)
	}
	if got := items[2].Issued.Published(); got != "" {
		t.Fatalf("no date read as %q", got)
	}
}

func TestReadRefuses(t *testing.T) {
	for in, want := range map[string]string{
		`{"id": "x"}`: "not a JSON array",
		"[\n{\"id\": \"x\", \"type\": \"book\",\n":         "line 3",
		"[\n{\"id\": \"x\", \"title\": 5}\n]":              `line 2: the reference's "title" is a JSON number`,
		"[\n{\"id\": \"x\",, }]":                           "line 2: invalid character",
		"[{\"issued\": {\"date-parts\": [[\"spring\"]]}}]": "not a number",
		"[] []": "something follows",
	} {
		_, err := Read([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%q) = %v; want %q", in, err, want)
		}
	}
	for _, in := range []string{`[]`, `{"type": "x"}`, `[{"@context": "http://www.w3.org/ns/anno.jsonld"}]`, `[1, 2]`} {
		if Looks([]byte(in)) {
			t.Errorf("Looks(%q)", in)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(zoteroExport))
	f.Add([]byte(`[{"id": "x", "type": "book", "issued": {"date-parts": [[1999, 13, 40]]}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := Read(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") && !strings.Contains(err.Error(), "not a JSON array") && !strings.Contains(err.Error(), "more than") {
				t.Fatalf("an error that names no line: %v", err)
			}
			return
		}
		for _, it := range items {
			if p := it.Issued.Published(); p != "" && !isDate(p) {
				t.Fatalf("date %q", p)
			}
		}
	})
}
