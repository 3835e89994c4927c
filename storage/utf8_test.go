package storage

import (
	"errors"
	"strings"
	"testing"
)

// TestTextThatIsNotUTF8IsRefused writes records holding bytes that are
// not UTF-8 (a binary file pasted on the command line): each is refused,
// naming the field, and nothing is written — JSON would have stored
// U+FFFD in their place and the write would have passed for done.
func TestTextThatIsNotUTF8IsRefused(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a, err := s.AnnotateQuote(p.ID, "Beijing", 1, AnnotationInput{})
	if err != nil {
		t.Fatal(err)
	}
	const junk = "\xff\xfe binary \x80"
	for _, tc := range []struct {
		name, want string
		write      func() error
	}{
		{"claim statement", "the claim's statement is not valid UTF-8 text", func() error { _, err := s.AddClaim(Claim{Statement: junk}); return err }},
		{"note title", "the note's title is not valid UTF-8 text", func() error { _, err := s.AddNote(Note{Title: junk, Body: "b"}); return err }},
		{"annotation note", "the annotation's note is not valid UTF-8 text", func() error {
			_, err := s.AnnotateQuote(p.ID, "Beijing", 1, AnnotationInput{Note: junk})
			return err
		}},
		{"link note", "the link's note is not valid UTF-8 text", func() error {
			_, err := s.AddLink(Link{From: a.ID, To: p.ID, Rel: "supports", Note: junk})
			return err
		}},
		{"relation label", "the relation's label is not valid UTF-8 text", func() error {
			_, err := s.AddRelation(Relation{Name: "undermines", Label: junk})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.Commits()
			err := tc.write()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if s.Commits() != before {
				t.Fatal("the refused write was committed")
			}
		})
	}
	mustCheck(t, s)
}
