package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestPieceStreamReadsWhatGetsRead holds the stream to
// the one-Get-at-a-time read, long texts in chunks included, whatever
// order the passages were made in
// and whatever the stream is asked for: every piece, some of them, with
// records kept for later or none, with room to keep a few or none.
func TestPieceStreamReadsWhatGetsRead(t *testing.T) {
	s, _ := openTemp(t)
	r := rand.New(rand.NewPCG(7, 7))
	var pieces []string
	for i := range 8 {
		words := 40
		if i == 5 {
			words = 60_000 // a long text, kept in chunks (longvalue.go)
		}
		p, err := s.AddPiece(Piece{Title: fmt.Sprint("piece ", i)}, strings.Repeat("word and another word. ", words))
		if err != nil {
			t.Fatal(err)
		}
		pieces = append(pieces, p.ID)
	}
	// Passages made in rounds over the pieces in random order: key order
	// is not piece order.
	for round := range 5 {
		for _, i := range r.Perm(len(pieces)) {
			if i == 3 {
				continue // a piece without passages
			}
			start := r.IntN(800)
			if _, err := s.Annotate(pieces[i], start, start+5, AnnotationInput{Note: fmt.Sprint("round ", round)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string][]Annotation{}
	inPiece := map[string]string{}
	for _, pid := range pieces {
		anns, err := s.AnnotationsOf(pid)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(anns, func(a, b Annotation) int { return strings.Compare(a.ID, b.ID) })
		want[pid] = anns
		for _, a := range anns {
			inPiece[a.ID] = pid
		}
	}
	for _, c := range []struct {
		name   string
		pieces []string
		keep   bool
		room   int
	}{
		{"all, kept", pieces, true, 8 << 20},
		{"all, nothing kept", pieces, false, 8 << 20},
		{"all, room for one", pieces, true, 300},
		{"all, no room", pieces, true, 0},
		{"some", []string{pieces[1], pieces[3], pieces[6]}, true, 8 << 20},
		{"one", []string{pieces[7]}, true, 8 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func(old int) { streamAheadBytes = old }(streamAheadBytes)
			streamAheadBytes = c.room
			asked := map[string]bool{}
			for _, pid := range c.pieces {
				asked[pid] = true
			}
			var later func(string) bool
			if c.keep {
				later = func(id string) bool { return asked[inPiece[id]] }
			}
			err := s.Peek(func(b *Batch) error {
				st := b.PieceStream(later)
				defer st.Close()
				for _, pid := range c.pieces {
					p, err := st.Piece(pid)
					if err != nil || p.ID != pid {
						t.Errorf("piece %s: read %s, %v", pid, p.ID, err)
					}
					text, err := st.Text(pid)
					if want, _ := s.PieceText(pid); err != nil || text != want {
						t.Errorf("piece %s: read %d bytes of text, %v", pid, len(text), err)
					}
					got, err := st.Annotations(pid)
					if err != nil {
						return err
					}
					if !slices.EqualFunc(got, want[pid], func(a, b Annotation) bool { return a.ID == b.ID && a.Note == b.Note }) {
						t.Errorf("piece %s: got %d passages, want %d", pid, len(got), len(want[pid]))
					}
				}
				if len(st.ahead) != 0 {
					t.Errorf("%d records kept after the last piece", len(st.ahead))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
