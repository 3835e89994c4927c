package indexes

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"commonplace/app/search"
	"commonplace/storage"
)

// hitIDs is what a query finds, in order.
func hitIDs(e *search.Engine, query string) []string {
	q, _ := search.Parse(query)
	var ids []string
	for _, h := range e.Search(q, 50).Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// savedNotebook is a notebook with a piece, a passage, a claim, a note and
// a link, whose indexes a first session built and saved.
type savedNotebook struct {
	dir              string
	piece, passage   string
	claim, note, lnk string
}

func saveIndexes(t *testing.T, opts ...storage.Option) savedNotebook {
	t.Helper()
	nb := savedNotebook{dir: filepath.Join(t.TempDir(), "nb")}
	s, err := storage.Open(nb.dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.AddPiece(storage.Piece{Title: "Wakhan corridor", Authors: []string{"Sátbayeva"}},
		"Beijing worries about militants in Badakhshan. The threat no longer needs a safe haven; it needs only a signal and a smartphone.")
	a, _ := s.AnnotateQuote(p.ID, "militants in Badakhshan", 1, storage.AnnotationInput{Note: "the mechanism"})
	c, _ := s.AddClaim(storage.Claim{Statement: "Security drives Beijing"})
	n, _ := s.AddNote(storage.Note{Title: "Termez", Body: "Trucks at the bridge"})
	l, _ := s.AddLink(storage.Link{From: a.ID, To: c.ID, Rel: "supports"})
	nb.piece, nb.passage, nb.claim, nb.note, nb.lnk = p.ID, a.ID, c.ID, n.ID, l.ID
	f := Follow(s)
	f.Settle()
	f.Save()
	select {
	case <-f.Saved():
	default:
		t.Error("a save was not told on Saved")
	}
	f.Close()
	if _, open := <-f.Saved(); open {
		t.Error("Saved is still open after Close")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return nb
}

// TestSavedIndexesCatchUp: a second session loads the indexes the first
// saved instead of building them, and what was written while no follower
// watched — a new piece, an edited claim, a deleted passage, a deleted
// link — is found as in a notebook indexed afresh.
func TestSavedIndexesCatchUp(t *testing.T) {
	nb := saveIndexes(t)
	s, err := storage.Open(nb.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	point := "People in Brussels say the threat no longer needs a safe haven, it needs only a signal and a smartphone."
	p2, _ := s.AddPiece(storage.Piece{Title: "Interview in Brussels"}, point)
	c, _ := s.Claim(nb.claim)
	c.Statement = "Commerce drives Beijing"
	if _, err := s.UpdateClaim(c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(nb.lnk); err != nil {
		t.Fatal(err)
	}
	a2, _ := s.AnnotateQuote(nb.piece, "a signal and a smartphone", 1, storage.AnnotationInput{})
	if _, err := s.Delete(nb.passage); err != nil {
		t.Fatal(err)
	}

	f := Follow(s)
	defer f.Close()
	f.Settle()
	if !f.Search.Loaded() || !f.Similar.Loaded() {
		t.Fatalf("the saved indexes were not loaded: search %v, similar %v", f.Search.Loaded(), f.Similar.Loaded())
	}
	fresh := newEngine(s) // built afresh (BuildSearch would load the saved one)
	if err := load(s, fresh, map[string][2]string{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"brussels", "commerce", "security", "militants", "rel:supports", "termez", "badakhshan", "smartphone", "author:satbayeva"} {
		got, want := hitIDs(f.Search.Engine(), q), hitIDs(fresh, q)
		if !slices.Equal(got, want) {
			t.Errorf("%q: the loaded index finds %v, a fresh one %v", q, got, want)
		}
	}
	if got := hitIDs(f.Search.Engine(), "brussels"); !slices.Contains(got, p2.ID) {
		t.Errorf("the piece added while no index watched is not found: %v", got)
	}
	sugs, err := f.Similar.For(a2.ID, 5)
	if err != nil || len(sugs) == 0 || sugs[0].PieceID != p2.ID {
		t.Errorf("the suggestion index did not take in the new piece: %+v %v", sugs, err)
	}
}

// TestDamagedSavedIndexIsBuiltAfresh: a saved index with a byte changed
// is not used; the index is built, and finds what it should.
func TestDamagedSavedIndexIsBuiltAfresh(t *testing.T) {
	nb := saveIndexes(t)
	for _, name := range []string{savedSearch, savedSimilar} {
		path := filepath.Join(nb.dir, "store", "derived-"+name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)/2] ^= 1
		os.WriteFile(path, data, 0o600)
	}
	s, err := storage.Open(nb.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := follow(t, s)
	if f.Search.Loaded() || f.Similar.Loaded() {
		t.Fatal("a damaged saved index was loaded")
	}
	if got := hitIDs(f.Search.Engine(), "militants"); !slices.Contains(got, nb.passage) {
		t.Errorf("the rebuilt index does not find the passage: %v", got)
	}
}

// TestSavedIndexOfAnEncryptedNotebook: the saved indexes hold none of the
// notebook's words in the clear, and load with the key.
func TestSavedIndexOfAnEncryptedNotebook(t *testing.T) {
	pass := []byte("correct horse battery")
	nb := saveIndexes(t, storage.EncryptNew(), storage.WithPassphrase(pass))
	for _, name := range []string{savedSearch, savedSimilar} {
		data, err := os.ReadFile(filepath.Join(nb.dir, "store", "derived-"+name))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Badakhshan", "smartphone", "Wakhan", "Termez"} {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("the saved %s index of an encrypted notebook holds %q", name, w)
			}
		}
	}
	s, err := storage.Open(nb.dir, storage.WithPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := follow(t, s)
	if !f.Search.Loaded() {
		t.Fatal("the encrypted notebook's saved index was not loaded")
	}
	if got := hitIDs(f.Search.Engine(), "badakhshan"); !slices.Contains(got, nb.passage) {
		t.Errorf("the loaded index does not find the passage: %v", got)
	}
}

// TestWorthSaving: a few changes are not worth rewriting an index of
// hundreds of MB at every pause; many are, and so is any change once a
// while has passed.
func TestWorthSaving(t *testing.T) {
	for _, c := range []struct {
		changes int
		since   time.Duration
		want    bool
	}{
		{1, time.Minute, false},
		{saveAfterChanges - 1, saveAfterTime - time.Second, false},
		{saveAfterChanges, time.Second, true},
		{1, saveAfterTime, true},
	} {
		if got := worthSaving(c.changes, c.since); got != c.want {
			t.Errorf("%d changes, last saved %v ago: worth saving %v, want %v", c.changes, c.since, got, c.want)
		}
	}
}

// TestABuiltIndexIsSavedOnceQuiet: indexes built afresh are saved when
// the notebook goes quiet, and the next follower loads them.
func TestABuiltIndexIsSavedOnceQuiet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := s.AddPiece(storage.Piece{Title: "Wakhan corridor"}, "Beijing worries about militants in Badakhshan.")
	f := startFollowing(s, time.Millisecond)
	<-f.Saved() // blocks until the quiet save
	f.Close()
	g := Follow(s)
	defer g.Close()
	g.Settle()
	if !g.Search.Loaded() || !g.Similar.Loaded() {
		t.Fatalf("not loaded after the quiet save: search %v, similar %v", g.Search.Loaded(), g.Similar.Loaded())
	}
	if got := hitIDs(g.Search.Engine(), "badakhshan"); !slices.Contains(got, p.ID) {
		t.Errorf("the loaded index does not find the piece: %v", got)
	}
}
