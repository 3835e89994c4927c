package demo

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"commonplace/assets"
	"commonplace/storage"
	"commonplace/storage/anchor"
)

func openTemp(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestLoadShowsEveryFeature(t *testing.T) {
	s := openTemp(t)
	rep, err := Load(s, assets.Demo())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pieces < 4 || rep.Pieces > 6 || rep.Annotations < 8 || rep.Claims != 2 || rep.Links < 5 || rep.Notes < 1 {
		t.Fatalf("demo = %+v", rep)
	}
	check, err := s.Check()
	if err != nil || !check.OK() || check.Anchors[anchor.Anchored] != rep.Annotations {
		t.Fatalf("check = %+v, %v", check, err)
	}
	// Claims draw on passages from more than one piece, and links cross pieces.
	claims, _ := s.Claims()
	for _, c := range claims {
		pieces := map[string]bool{}
		for _, ev := range c.Evidence {
			a, _ := s.Annotation(ev)
			pieces[a.PieceID] = true
		}
		if len(pieces) < 2 {
			t.Errorf("claim %q has evidence from %d piece(s)", c.Statement, len(pieces))
		}
	}
	notes, _ := s.Notes()
	attached := 0
	for _, n := range notes {
		if n.Attached != "" {
			attached++
		}
	}
	if attached == 0 {
		t.Error("no fieldwork note is attached to anything")
	}

	if _, err := Load(s, assets.Demo()); !errors.Is(err, ErrPresent) {
		t.Fatalf("second load: %v", err)
	}
	if pieces, _ := s.Pieces(); len(pieces) != rep.Pieces {
		t.Fatalf("second load added pieces: %d", len(pieces))
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	fsys := fstest.MapFS{
		"pieces/a.md": {Data: []byte("---\ntitle: A\n---\nSome words here.\n")},
		"demo.yaml": {Data: []byte(strings.Join([]string{
			"annotations:",
			"  - {key: ok, piece: a.md, quote: Some words}",
			"  - {key: bad, piece: a.md, quote: not in the text}",
		}, "\n"))},
	}
	if _, err := Load(s, fsys); err == nil || !strings.Contains(err.Error(), "annotation bad") {
		t.Fatalf("broken demo: %v", err)
	}
	fsys["demo.yaml"] = &fstest.MapFile{Data: []byte("annotations:\n  - {key: ok, piece: a.md, quote: Some words}\nlinks:\n  - {from: ok, to: okk, rel: supports}\n")}
	if _, err := Load(s, fsys); err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Fatalf("misspelled key: %v", err)
	}
	if pieces, _ := s.Pieces(); len(pieces) != 0 {
		t.Fatalf("a failed load left %d pieces", len(pieces))
	}
}
