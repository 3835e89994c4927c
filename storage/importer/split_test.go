package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

func TestProposeSplitsFindsSevenArticles(t *testing.T) {
	data, err := os.ReadFile("testdata/archive/seven.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := textnorm.Normalize(string(data))
	got := ProposeSplits(text)
	want := []struct {
		title   string
		authors []string
	}{
		{"Rail freight through Kazakhstan doubles in a year", []string{"Aliya Nurlanova"}},
		{"Caspian ferries struggle to keep pace", []string{"Timur Sadykov"}},
		{"Police in three countries share a watch list", []string{"Marta Keller", "Jonas Weber"}},
		{"Prison radicalisation study questions old assumptions", []string{"Sophie Laurent"}},
		{"Uzbek and Kyrgyz engineers plan a shared railway", []string{"Dilnoza Karimova"}},
		{"Airports tighten checks after a foiled plot", []string{"Henrik Berg"}},
		{"Border towns bet on logistics parks", []string{"Gulnara Abenova"}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d proposals, want %d: %+v", len(got), len(want), got)
	}
	runes := []rune(text)
	for i, w := range want {
		p := got[i]
		if p.Title != w.title || !slices.Equal(p.Authors, w.authors) {
			t.Errorf("proposal %d = %+v, want %q by %v", i, p, w.title, w.authors)
		}
		if !strings.HasPrefix(string(runes[p.At:]), w.title+"\n") || runes[p.At-1] != '\n' {
			t.Errorf("proposal %d is not at its headline: %q", i, string(runes[p.At:p.At+20]))
		}
	}
}

func TestProposeSplitsLeavesAnOpeningArticleAlone(t *testing.T) {
	text := "First headline here\n\nBy Ann Lee\n\nBody text of the first article, long enough to be prose.\n\n" +
		"Second headline here\nBy Bob Roe\n\nBody of the second.\n\nNo byline under this heading\n\nJust prose."
	got := ProposeSplits(text)
	if len(got) != 1 || got[0].Title != "Second headline here" || got[0].At != utf8.RuneCountInString(text[:strings.Index(text, "Second")]) {
		t.Fatalf("proposals = %+v", got)
	}
	if ProposeSplits("") != nil || ProposeSplits("One line") != nil {
		t.Fatal("proposals for a text with no articles")
	}
}

// FuzzProposeSplits holds ProposeSplits to its promises whatever the text:
// no panic, offsets ascending inside the text at the start of a line, each
// at its title.
func FuzzProposeSplits(f *testing.F) {
	if data, err := os.ReadFile("testdata/archive/seven.txt"); err == nil {
		f.Add(string(data))
	}
	f.Add("Intro\n\nHead\nBy A B\n\nx")
	f.Add("\n\nHéad ü\n\nJane Doe, Reuters\n")
	f.Add("a\n\xff\nBy X Y")
	f.Fuzz(func(t *testing.T, text string) {
		runes := []rune(text)
		prev := 0
		for _, p := range ProposeSplits(text) {
			if p.At <= prev || p.At >= len(runes) || runes[p.At-1] != '\n' {
				t.Fatalf("proposal at %d (after %d) in %d runes", p.At, prev, len(runes))
			}
			if !strings.HasPrefix(strings.TrimLeft(string(runes[p.At:]), " \t"), p.Title) {
				t.Fatalf("proposal at %d is not at %q", p.At, p.Title)
			}
			prev = p.At
		}
	})
}
