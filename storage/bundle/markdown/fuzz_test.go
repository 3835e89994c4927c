package markdown

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
)

// FuzzRead feeds the folder's reader one file at a time, as the walk
// hands them over: whatever the name and the bytes, it refuses the file
// (ErrBadFolder), passes it over or takes it, never panics, and what it
// takes are records the merge can use. The seeds are the files of an
// exported folder.
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 30s ./storage/bundle/markdown/
func FuzzRead(f *testing.F) {
	s := bundletest.Fixture(f)
	sel, err := scope.Select(s, scope.Scope{})
	if err != nil {
		f.Fatal(err)
	}
	dir := filepath.Join(f.TempDir(), "vault")
	if _, err := Export(s, sel, dir); err != nil {
		f.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		f.Add(filepath.ToSlash(rel), data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Bomb.md", []byte("---\ncommonplace: note\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nid: [*b,*b]\n---\n"))
	f.Add("Open.md", []byte("---\ncommonplace: piece\n"))

	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fo := newFolder(nil)
		err := fo.add(name, data)
		if err == nil {
			err = fo.checkRevisions()
		}
		if err != nil {
			if !errors.Is(err, ErrBadFolder) {
				t.Fatalf("%s: not a refusal: %v", name, err)
			}
			return
		}
		for _, p := range fo.pieces {
			if !storage.ValidID(p.ID) || len(p.Hash) != 64 || p.Revision < 1 {
				t.Fatalf("piece taken as %+v", p.Piece)
			}
			for _, a := range p.passages {
				if !storage.ValidID(a.ID) || a.PieceID != p.ID || fo.kinds[a.ID] != storage.KindAnnotation {
					t.Fatalf("passage taken as %+v", a)
				}
			}
		}
		for _, n := range fo.notes {
			if !storage.ValidID(n.ID) {
				t.Fatalf("note taken as %+v", n)
			}
		}
	})
}

// FuzzEscapeHTML checks that escaping for a Markdown body is undone
// exactly and leaves no "<" to start markup.
//
//	go test -run '^$' -fuzz FuzzEscapeHTML -fuzztime 30s ./storage/bundle/markdown/
func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "AT&T", "&amp;", "&lt;script>", "<img onerror=x>", "&#60;", "&#x3c;", "&&lt;;", "&am<p;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escapeHTML(s)
		if got := unescapeHTML(e); got != s {
			t.Fatalf("unescape(escape(%q)) = %q via %q", s, got, e)
		}
		if strings.Contains(e, "<") {
			t.Fatalf("escape(%q) = %q holds a <", s, e)
		}
	})
}
