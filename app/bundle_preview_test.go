package app

import (
	"strings"
	"testing"

	"commonplace/storage/bundle"
)

func TestImportPreviewListsChangesFirst(t *testing.T) {
	items := []bundle.ImportItem{
		{ID: "1", Action: "skip"}, {ID: "2", Action: "update"}, {ID: "3", Action: "add"},
		{ID: "4", Action: "skip"}, {ID: "5", Action: "conflict"}, {ID: "6", Action: "add"},
	}
	changes, same := previewRows(items)
	var got []string
	for _, it := range changes {
		got = append(got, it.ID)
	}
	if strings.Join(got, " ") != "5 3 6 2" || len(same) != 2 {
		t.Fatalf("changes %v, unchanged %d", got, len(same))
	}
}

func TestTextDifferenceShowsWhereVersionsPart(t *testing.T) {
	ours := "The freight yard by the bridge handles flour and fuel. Trucks queue for kilometres."
	theirs := "The freight yard by the bridge handles flour, fuel and cement. Trucks queue for kilometres."
	got := textDifference(ours, theirs)
	if !strings.Contains(got, "Theirs: “…") || !strings.Contains(got, "cement") || !strings.Contains(got, "Yours: ") {
		t.Fatalf("difference: %q", got)
	}
	if !strings.Contains(textDifference(ours, ours+" More."), "[nothing here]") {
		t.Fatal("an addition at the end should show that ours has nothing there")
	}
}
