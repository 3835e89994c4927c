package bundletest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"commonplace/storage"
)

// Dump is a whole notebook as comparable records.
type Dump struct {
	Pieces      map[string]PieceDump
	Annotations map[string]storage.Annotation
	Claims      map[string]storage.Claim
	Links       map[string]storage.Link
	Notes       map[string]storage.Note
	Relations   []storage.Relation
}

type PieceDump struct {
	Piece storage.Piece
	Text  string
	Revs  map[int]storage.Revision // those its annotations are anchored to
}

func DumpNotebook(t testing.TB, s *storage.Store) Dump {
	t.Helper()
	d := Dump{Pieces: map[string]PieceDump{}, Annotations: map[string]storage.Annotation{}, Claims: map[string]storage.Claim{},
		Links: map[string]storage.Link{}, Notes: map[string]storage.Note{}}
	pieces, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range pieces {
		text, err := s.PieceText(ps.ID)
		if err != nil {
			t.Fatal(err)
		}
		pd := PieceDump{Piece: ps.Piece, Text: text, Revs: map[int]storage.Revision{}}
		anns, err := s.AnnotationsOf(ps.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, _ := s.Revisions(ps.ID)
		for _, a := range anns {
			d.Annotations[a.ID] = a
			for _, r := range revs {
				if r.Number == a.Rev && a.Rev != ps.Revision {
					r.Replaced = r.Replaced.UTC()
					pd.Revs[r.Number] = r
				}
			}
		}
		d.Pieces[ps.ID] = pd
	}
	claims, _ := s.Claims()
	for _, c := range claims {
		d.Claims[c.ID] = c
	}
	links, _ := s.AllLinks()
	for _, l := range links {
		d.Links[l.ID] = l
	}
	notes, _ := s.Notes()
	for _, n := range notes {
		d.Notes[n.ID] = n
	}
	d.Relations, _ = s.Relations()
	return d
}

// SameDump reports every difference between two dumps.
func SameDump(t testing.TB, want, got Dump) {
	t.Helper()
	diff := func(kind string, w, g any) {
		t.Helper()
		if !reflect.DeepEqual(w, g) {
			wj, _ := json.MarshalIndent(w, "", " ")
			gj, _ := json.MarshalIndent(g, "", " ")
			t.Errorf("%s differ:\nwant %s\n got %s", kind, firstDiff(string(wj), string(gj)), firstDiff(string(gj), string(wj)))
		}
	}
	diff("pieces", want.Pieces, got.Pieces)
	diff("annotations", want.Annotations, got.Annotations)
	diff("claims", want.Claims, got.Claims)
	diff("links", want.Links, got.Links)
	diff("notes", want.Notes, got.Notes)
	diff("relations", want.Relations, got.Relations)
}

// firstDiff shows a's text around its first difference from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo, hi := max(0, i-300), min(len(a), i+300)
	return strings.ReplaceAll(a[lo:hi], "\n", " ")
}

// Fingerprint is a hash of everything in a notebook, its kept conflicts
// and sync bases included: equal before and after means untouched.
func Fingerprint(t testing.TB, s *storage.Store) string {
	t.Helper()
	d := DumpNotebook(t, s)
	conflicts, err := s.Conflicts()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range d.Pieces {
		ids = append(ids, id)
	}
	for id := range d.Annotations {
		ids = append(ids, id)
	}
	for id := range d.Claims {
		ids = append(ids, id)
	}
	for id := range d.Links {
		ids = append(ids, id)
	}
	for id := range d.Notes {
		ids = append(ids, id)
	}
	bases, err := s.SyncBases(ids)
	if err != nil {
		t.Fatal(err)
	}
	check, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	all, err := json.Marshal([]any{d, conflicts, bases, check})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(all)
	return hex.EncodeToString(sum[:])
}

func MustCheck(t testing.TB, s *storage.Store) {
	t.Helper()
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("notebook check: %v", rep.Problems)
	}
}
