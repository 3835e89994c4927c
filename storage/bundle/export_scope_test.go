package bundle

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// contents lists what a bundle holds, by kind, and its manifest.
type contents struct {
	m                                  Manifest
	pieces, anns, claims, links, notes []string
	files                              map[string][]byte
}

func bundleContents(t *testing.T, data []byte) contents {
	t.Helper()
	c := contents{files: zipFiles(t, data)}
	mustJSON(t, c.files[ManifestFile], &c.m)
	for name := range c.files {
		if id, ok := mdID(name, PiecesDir); ok {
			c.pieces = append(c.pieces, id)
		}
		if id, ok := mdID(name, NotesDir); ok {
			c.notes = append(c.notes, id)
		}
	}
	bun, err := Open(strings.NewReader(string(data)), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	bun.EachAnnotation(func(a storage.Annotation) error { c.anns = append(c.anns, a.ID); return nil })
	bun.EachClaim(func(cl storage.Claim) error { c.claims = append(c.claims, cl.ID); return nil })
	bun.EachLink(func(l storage.Link) error { c.links = append(c.links, l.ID); return nil })
	slices.Sort(c.pieces)
	slices.Sort(c.notes)
	return c
}

// holds reports whether the bundle holds id.
func (c contents) holds(id string) bool {
	for _, list := range [][]string{c.pieces, c.anns, c.claims, c.links, c.notes} {
		if slices.Contains(list, id) {
			return true
		}
	}
	return false
}

// checkPartial checks what every partial export must be: the outside
// references listed and not exported, no reference inside the bundle to
// an item it does not hold, and a clean import into an empty notebook.
func checkPartial(t *testing.T, s *storage.Store, data []byte) contents {
	t.Helper()
	c := bundleContents(t, data)
	for _, o := range c.m.Outside {
		if c.holds(o.ID) {
			t.Errorf("outside reference %s (via %s) is in the bundle", o.ID, o.Via)
		}
		if !c.holds(o.Via) && !strings.Contains(string(c.files[LinksFile]), o.Via) {
			// A link that crosses the edge is left out itself.
			if k, _ := s.KindOf(o.Via); k != storage.KindLink {
				t.Errorf("outside reference %s comes via %s, which the bundle does not hold", o.ID, o.Via)
			}
		}
	}
	var claims []storage.Claim
	mustJSON(t, c.files[ClaimsFile], &claims)
	for _, cl := range claims {
		for _, ev := range cl.Evidence {
			if !slices.Contains(c.anns, ev) {
				t.Errorf("claim %s cites %s outside the bundle", cl.ID, ev)
			}
		}
	}
	var links []storage.Link
	mustJSON(t, c.files[LinksFile], &links)
	for _, l := range links {
		if !c.holds(l.From) || !c.holds(l.To) {
			t.Errorf("link %s leaves the bundle", l.ID)
		}
	}
	other := bundletest.OpenStore(t)
	if _, err := importBytes(t, other, data, merge.Options{}); err != nil {
		t.Fatal(err)
	}
	bundletest.MustCheck(t, other)
	return c
}

func TestPartialExportByPiece(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, _ := exportBytes(t, nb.S, scope.Scope{Pieces: []string{nb.Edited}}, t0)
	c := checkPartial(t, nb.S, data)
	anns, _ := nb.S.AnnotationsOf(nb.Edited)
	if !slices.Equal(c.pieces, []string{nb.Edited}) || len(c.anns) != len(anns) || c.m.Counts.Revisions != 1 {
		t.Fatalf("pieces %v, %d annotations, counts %+v", c.pieces, len(c.anns), c.m.Counts)
	}
	// The passage that qualifies a claim, and the note that undermines the
	// piece, have the claim and the note outside.
	var outside []string
	for _, o := range c.m.Outside {
		outside = append(outside, o.ID)
	}
	if !slices.Contains(outside, nb.Claims[0]) || !slices.Contains(outside, nb.Notes[0]) || len(c.links) != 0 {
		t.Fatalf("outside %+v, links %v", c.m.Outside, c.links)
	}
	if c.m.Scope != "1 chosen piece(s)" {
		t.Fatalf("scope %q", c.m.Scope)
	}
}

func TestPartialExportByClaim(t *testing.T) {
	nb := bundletest.NewRich(t)
	claim, _ := nb.S.Claim(nb.Claims[0])
	data, _ := exportBytes(t, nb.S, scope.Scope{Claims: []string{claim.ID}}, t0)
	c := checkPartial(t, nb.S, data)
	if !c.holds(claim.ID) || c.holds(nb.Claims[1]) {
		t.Fatalf("claims %v", c.claims)
	}
	for _, ev := range claim.Evidence {
		a, _ := nb.S.Annotation(ev)
		if !c.holds(ev) || !c.holds(a.PieceID) {
			t.Fatalf("evidence %s or its piece missing", ev)
		}
	}
	// The fieldwork note attached to a passage of an evidence piece comes
	// along, with the note attached to it and the note on the claim.
	for _, id := range nb.Notes[:3] {
		if !c.holds(id) {
			t.Fatalf("note %s missing; notes %v", id, c.notes)
		}
	}
	// The other claim contradicts this one from outside.
	if !slices.ContainsFunc(c.m.Outside, func(o scope.OutsideRef) bool { return o.ID == nb.Claims[1] }) {
		t.Fatalf("outside %+v", c.m.Outside)
	}
}

func TestPartialExportByTag(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, _ := exportBytes(t, nb.S, scope.Scope{Tags: []string{"#Door"}}, t0)
	c := checkPartial(t, nb.S, data)
	if !slices.Equal(c.pieces, []string{nb.Edited}) {
		t.Fatalf("a tag on one passage exported pieces %v", c.pieces)
	}
	if c.m.Scope != "tag: door" {
		t.Fatalf("scope %q", c.m.Scope)
	}
}

func TestPartialExportByDate(t *testing.T) {
	nb := bundletest.NewRich(t)
	sc := scope.Scope{From: "2019-06", To: "2024-03"}
	data, _ := exportBytes(t, nb.S, sc, t0)
	c := checkPartial(t, nb.S, data)
	want := 0
	for _, p := range nb.Pieces {
		in := p.Published >= "2019-06" && p.Published[:7] <= "2024-03"
		if in {
			want++
		}
		if in != slices.Contains(c.pieces, p.ID) {
			t.Errorf("piece published %s: in bundle %v", p.Published, !in)
		}
	}
	if want < 2 || !slices.Contains(c.pieces, nb.Edited) {
		t.Fatalf("date range took %d pieces", want)
	}
	var refs []CSLItem
	json.Unmarshal(c.files[ReferencesFile], &refs)
	if len(refs) != len(c.pieces) {
		t.Fatalf("%d references for %d pieces", len(refs), len(c.pieces))
	}
}
