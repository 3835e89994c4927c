package bundletest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/gen"
)

// Hostile is markup and quotes that must reach no export as markup.
const Hostile = `<script>alert(1)</script>" onmouseover="alert(2)" &amp; </p></mark>`

// OpenStore opens a new notebook in a temporary folder, closed when the
// test ends.
func OpenStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Rich is a generated notebook plus everything gen does not make:
// claims with evidence, links of several relations (one the notebook's
// own, with strength and notes), fieldwork notes attached to items and to
// each other, and an edited piece whose passages are anchored, flagged for
// review and orphaned.
type Rich struct {
	S                     *storage.Store
	Pieces                []storage.PieceSummary
	Edited                string // the edited piece
	Review, Orphan, Moved string // its passages
	Claims                []string
	Links                 []string
	Notes                 []string
}

// NewRich makes a Rich notebook.
func NewRich(t testing.TB) *Rich {
	t.Helper()
	s := OpenStore(t)
	if err := gen.Notebook(s, gen.Config{Pieces: 8, WordsPerPiece: 250, AnnotsPerPiece: 4, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	nb := &Rich{S: s}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.AddRelation(storage.Relation{Name: "undermines", Inverse: "undermined by"})
	must(err)
	p, err := s.AddPiece(storage.Piece{Title: "The door", Authors: []string{"Wei Zhang", "Reuters staff"}, Outlet: "Caspian Wire Service",
		Published: "2024-03", URL: "https://example.org/door", Accessed: "2026-01-05", DOI: "10.5555/door.2024", Pages: []int{0, 81},
		Tags: []string{"security", "fieldwork"}, Format: "txt"},
		"Earlier words here. The door must stay shut, officials say. Later words there.\n\nThe lamp was never lit at night, the guards insisted.\n\nClosing remark stays the same.")
	must(err)
	nb.Edited = p.ID
	rev, err := s.AnnotateQuote(p.ID, "The door must stay shut", 1, storage.AnnotationInput{Note: "which door?", Tags: []string{"door"}, Color: "pink"})
	must(err)
	orph, err := s.AnnotateQuote(p.ID, "The lamp was never lit at night", 1, storage.AnnotationInput{Color: "blue"})
	must(err)
	mov, err := s.AnnotateQuote(p.ID, "Closing remark stays the same", 1, storage.AnnotationInput{Note: "stays"})
	must(err)
	rep, err := s.EditPieceText(p.ID, "The door must stay shut. Nothing else.\n\nThe door must stay shut. Nothing more.\n\nClosing remark stays the same.")
	must(err)
	if rep.Outcomes[rev.ID] != anchor.Review || rep.Outcomes[orph.ID] != anchor.Orphaned || rep.Outcomes[mov.ID] != anchor.Moved {
		t.Fatalf("edit outcomes: %v", rep.Outcomes)
	}
	nb.Review, nb.Orphan, nb.Moved = rev.ID, orph.ID, mov.ID

	nb.Pieces, err = s.Pieces()
	must(err)
	var anns []storage.Annotation
	for _, ps := range nb.Pieces {
		as, err := s.AnnotationsOf(ps.ID)
		must(err)
		anns = append(anns, as...)
	}
	c1, err := s.AddClaim(storage.Claim{Statement: "Security comes before trade.", Note: "from two pieces", Tags: []string{"security"},
		Evidence: []string{anns[0].ID, anns[5].ID}})
	must(err)
	c2, err := s.AddClaim(storage.Claim{Statement: "Trade leads.", Evidence: []string{anns[9].ID}})
	must(err)
	nb.Claims = []string{c1.ID, c2.ID}
	link := func(l storage.Link) {
		t.Helper()
		got, err := s.AddLink(l)
		must(err)
		nb.Links = append(nb.Links, got.ID)
	}
	link(storage.Link{From: anns[1].ID, To: anns[6].ID, Rel: "supports", Strength: storage.StrengthModerate, Note: "same point, other outlet"})
	link(storage.Link{From: c2.ID, To: c1.ID, Rel: "contradicts"})
	link(storage.Link{From: nb.Pieces[2].ID, To: nb.Pieces[3].ID, Rel: "cites"})
	n1, err := s.AddNote(storage.Note{Title: "Termez market", Body: "Talked to two traders.\n\n- copper\n- lithium", Tags: []string{"fieldwork"},
		Place: "Termez, Uzbekistan", Attached: anns[2].ID, Created: time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)})
	must(err)
	n2, err := s.AddNote(storage.Note{Body: "Follow-up on the market visit.", Attached: n1.ID})
	must(err)
	n3, err := s.AddNote(storage.Note{Title: "On the claim", Body: "Ask the ministry.", Attached: c1.ID})
	must(err)
	n4, err := s.AddNote(storage.Note{Title: "Loose idea"})
	must(err)
	nb.Notes = []string{n1.ID, n2.ID, n3.ID, n4.ID}
	link(storage.Link{From: n1.ID, To: nb.Edited, Rel: "undermines", Strength: storage.StrengthStrong, Note: "the guards said otherwise"})
	link(storage.Link{From: rev.ID, To: c1.ID, Rel: "qualifies", Strength: storage.StrengthWeak})
	nb.Pieces, err = s.Pieces()
	must(err)
	return nb
}

// BenchNotebook fills a notebook with n pieces of about 600 words, each
// with per passages, a link from every piece's first passage to the
// previous piece's, and a claim for every ten pieces.
func BenchNotebook(b testing.TB, n, per int) *storage.Store {
	b.Helper()
	s := OpenStore(b)
	var paras []string
	for p := 0; p < 6; p++ {
		var w []string
		for i := 0; i < 100; i++ {
			w = append(w, fmt.Sprintf("word%d%d", p, i%37))
		}
		paras = append(paras, strings.Join(w, " ")+".")
	}
	text := strings.Join(paras, "\n\n")
	runes := len([]rune(text))
	const chunk = 100
	for from := 0; from < n; from += chunk {
		err := s.Batch(func(bt *storage.Batch) error {
			for i := from; i < min(n, from+chunk); i++ {
				pid := ID(0x100, i)
				if err := bt.ImportPiece(storage.Piece{ID: pid, Title: fmt.Sprintf("Piece %d", i), Outlet: "Outlet",
					Published: "2024-05-01", Authors: []string{"A. Writer"}, Tags: []string{"bench"}, Created: At(i), Updated: At(i)}, text, nil); err != nil {
					return err
				}
				for k := 0; k < per; k++ {
					start := (k * runes / per) + 3
					sel, err := anchor.Describe(text, start, start+40+k)
					if err != nil {
						return err
					}
					a := storage.Annotation{ID: ID(0x200, i*per+k), PieceID: pid, Selector: sel, Rev: 1, Status: anchor.Anchored,
						Note: "A note on this passage, long enough to wrap in the margin.", Tags: []string{"t" + fmt.Sprint(k)},
						Color: storage.Colors[k%len(storage.Colors)], Created: At(i), Updated: At(i)}
					if err := bt.ImportAnnotation(a); err != nil {
						return err
					}
				}
				if i > 0 {
					if err := bt.ImportLink(storage.Link{ID: ID(0x300, i), From: ID(0x200, i*per), To: ID(0x200, (i-1)*per),
						Rel: "supports", Created: At(i), Updated: At(i)}); err != nil {
						return err
					}
				}
				if i%10 == 9 {
					if err := bt.ImportClaim(storage.Claim{ID: ID(0x400, i), Statement: fmt.Sprintf("Claim %d", i),
						Evidence: []string{ID(0x200, i*per+1), ID(0x200, (i-1)*per+2)}, Created: At(i), Updated: At(i)}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return s
}
