package scope

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
)

func TestCheckRefusesDatesThatAreNot(t *testing.T) {
	for _, c := range []struct {
		sc   Scope
		want string
	}{
		{Scope{From: "notadate"}, `the from date "notadate" is not a date`},
		{Scope{To: "2025-13"}, `the to date "2025-13" is not a date`},
		{Scope{From: "2030-01-01", To: "2000-01-01"}, "the dates run backwards"},
		{Scope{From: "2025-07", To: "2025-06-30"}, "the dates run backwards"},
		{Scope{From: "2025-06", To: "2025"}, ""},
		{Scope{From: "2025", To: "2025-01-15"}, ""},
		{Scope{From: "2024-02-29", To: "2024-02-29"}, ""},
		{Scope{}, ""},
	} {
		sc, want := c.sc, c.want
		err := sc.Check()
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%+v: %v, want %q", sc, err, want)
		}
	}
}

func TestSelectRefusesToPickNothing(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddPiece(storage.Piece{Title: "P", Published: "2025-03-14", Tags: []string{"china"}}, "Text."); err != nil {
		t.Fatal(err)
	}
	if sel, err := Select(s, Scope{From: "2025"}); err != nil || len(sel.Pieces) != 1 {
		t.Fatalf("2025 on: %+v %v", sel, err)
	}
	for _, sc := range []Scope{{From: "2026"}, {Tags: []string{"iskp"}}} {
		if _, err := Select(s, sc); !errors.Is(err, ErrNothingSelected) {
			t.Errorf("%+v: %v, want nothing selected", sc, err)
		}
	}
	if _, err := Select(s, Scope{From: "2030", To: "2000"}); err == nil || !strings.Contains(err.Error(), "backwards") {
		t.Errorf("backwards dates: %v", err)
	}
}
