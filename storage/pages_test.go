package storage

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestPagesOf(t *testing.T) {
	// Page 1 is [0,10), page 2 has no text, page 3 is [10,25), page 4 [25,…).
	p := Piece{Pages: []int{0, 10, 10, 25}}
	cases := []struct {
		start, end  int
		first, last int
	}{
		{0, 5, 1, 1},
		{0, 10, 1, 1},    // ends where page 3 starts: not on it
		{9, 11, 1, 3},    // across the break (page 2 is empty)
		{10, 12, 3, 3},   // the empty page never holds a passage
		{24, 26, 3, 4},   // across a break
		{30, 40, 4, 4},   // the last page runs to the end
		{12, 12, 3, 3},   // an empty span is on its start's page
		{-5, 3, 1, 1},    // before the text: held to it
		{26, 24, 3, 4},   // ends swapped
		{500, 900, 4, 4}, // past the end
	}
	for _, c := range cases {
		first, last := p.PagesOf(c.start, c.end)
		if first != c.first || last != c.last {
			t.Errorf("PagesOf(%d, %d) = %d, %d; want %d, %d", c.start, c.end, first, last, c.first, c.last)
		}
	}
	if first, last := (Piece{}).PagesOf(0, 10); first != 0 || last != 0 {
		t.Errorf("a piece without pages: %d, %d; want 0, 0", first, last)
	}
}

func TestPagesKeptAndChecked(t *testing.T) {
	s, dir := openTemp(t)
	text := "First page words.\n\nSecond page words."
	second := strings.Index(text, "Second")
	p, err := s.AddPiece(Piece{Title: "Report", Format: "pdf", Pages: []int{0, second}}, text)
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	got, err := s.Piece(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Pages, []int{0, second}) {
		t.Fatalf("pages after a reopen: %v", got.Pages)
	}
	for _, bad := range [][]int{{1, 5}, {0, 9, 4}, {0, 1000}} {
		_, err := s.AddPiece(Piece{Title: "Bad", Pages: bad}, text)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("pages %v: %v; want ErrInvalid", bad, err)
		}
	}
	all, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("refused pieces were written: %d pieces", len(all))
	}
}

// An edit keeps the pages of the source: page starts after the edited
// stretch move with it, those before it stay.
func TestEditMapsPages(t *testing.T) {
	s, _ := openTemp(t)
	text := "One one one.\n\nTwo two two.\n\nThree three three."
	pages := []int{0, runeIndex(text, "Two"), runeIndex(text, "Three")}
	p, err := s.AddPiece(Piece{Title: "Paged", Pages: pages}, text)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(text, "One one one.", "One, and a longer first page.", 1)
	if _, err := s.EditPieceText(p.ID, edited); err != nil {
		t.Fatal(err)
	}
	got, err := s.Piece(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{0, runeIndex(edited, "Two"), runeIndex(edited, "Three")}
	if !slices.Equal(got.Pages, want) {
		t.Errorf("pages after an edit: %v; want %v", got.Pages, want)
	}
}

func TestMapPages(t *testing.T) {
	cases := []struct {
		before, after string
		pages, want   []int
	}{
		{"aaaa|bbbb|cccc", "aaaa|bbbb|cccc", []int{0, 5, 10}, []int{0, 5, 10}},
		{"aaaa|bbbb|cccc", "aaaa|bXXXXbbb|cccc", []int{0, 5, 10}, []int{0, 5, 14}},
		{"aaaa|bbbb|cccc", "aa|cccc", []int{0, 5, 10}, []int{0, 2, 3}}, // page 2 cut away: held to where the cut ends
		{"aaaa|bbbb|cccc", "", []int{0, 5, 10}, []int{0, 0, 0}},
		{"aaaa|bbbb|cccc", "ü", []int{0, 5, 10}, []int{0, 1, 1}},
		{"abc", "abc", nil, nil},
	}
	for _, c := range cases {
		got := mapPages(c.pages, c.before, c.after)
		if !slices.Equal(got, c.want) {
			t.Errorf("mapPages(%v, %q, %q) = %v; want %v", c.pages, c.before, c.after, got, c.want)
		}
		if err := checkPages(got, len([]rune(c.after))); err != nil {
			t.Errorf("mapPages(%v, %q, %q) = %v: %v", c.pages, c.before, c.after, got, err)
		}
	}
}

func runeIndex(s, sub string) int { return len([]rune(s[:strings.Index(s, sub)])) }
