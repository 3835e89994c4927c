// Package scope works out what an export takes from a notebook: the
// items a Scope picks (Select), the items they refer to but leave outside,
// the links among them and across the edge, and how many of each an export
// holds. The bundle, the Markdown folder and the report export the same
// Selection; an import reports the references it left out as OutsideRefs.
package scope

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"commonplace/storage"
)

// Scope says what to export. The zero Scope is the whole notebook; the
// filters add up (a piece chosen by id or by tag is in).
type Scope struct {
	Tags   []string // pieces carrying any of these tags, and pieces with passages that do
	Pieces []string // piece ids
	Claims []string // claim ids: the claim, its evidence, their pieces, and links among them
	// From and To bound the pieces' publication dates (YYYY, YYYY-MM or
	// YYYY-MM-DD, inclusive); "" is open.
	From, To string
}

// Whole reports whether the scope is the whole notebook.
func (sc Scope) Whole() bool {
	return len(sc.Tags) == 0 && len(sc.Pieces) == 0 && len(sc.Claims) == 0 && sc.From == "" && sc.To == ""
}

// String describes the scope in words, for the manifest and the report.
func (sc Scope) String() string {
	if sc.Whole() {
		return "the whole notebook"
	}
	var parts []string
	if len(sc.Tags) > 0 {
		parts = append(parts, "tag: "+strings.Join(sc.Tags, ", "))
	}
	if len(sc.Pieces) > 0 {
		parts = append(parts, fmt.Sprintf("%d chosen piece(s)", len(sc.Pieces)))
	}
	if len(sc.Claims) > 0 {
		parts = append(parts, fmt.Sprintf("%d claim(s) with their evidence", len(sc.Claims)))
	}
	if sc.From != "" || sc.To != "" {
		parts = append(parts, fmt.Sprintf("published %s to %s", dash(sc.From), dash(sc.To)))
	}
	return strings.Join(parts, "; ")
}

func dash(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// Selection is what a scope picks out of a notebook, by id, in a stable
// order (ids are time-ordered), so the same notebook exports the same
// bundle byte for byte.
type Selection struct {
	Scope       Scope
	Pieces      []string
	Annotations []string
	Claims      []string
	Links       []string
	Notes       []string
	// Outside are items referred to from inside the selection but not in
	// it; references to them (links, evidence, attachments) are left out
	// of the bundle and listed here.
	Outside []OutsideRef
}

// Check refuses a scope that cannot mean what was asked: a date that is
// not a date, or dates that run backwards (an export of nothing, written
// as if it were something).
func (sc Scope) Check() error {
	for _, d := range []struct{ which, date string }{{"from", sc.From}, {"to", sc.To}} {
		if d.date != "" && !storage.ValidPublished(d.date) {
			return fmt.Errorf("the %s date %s is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", d.which, storage.Quote(d.date))
		}
	}
	if sc.From != "" && sc.To != "" {
		// A shorter date covers its whole year or month: 2025-06 to 2025
		// is June to December.
		n := min(len(sc.From), len(sc.To))
		if sc.From[:n] > sc.To[:n] {
			return fmt.Errorf("the dates run backwards: from %s is after to %s", sc.From, sc.To)
		}
	}
	return nil
}

// ErrNothingSelected is returned by Select for a scope (other than the
// whole notebook) that picks no item.
var ErrNothingSelected = errors.New("nothing in the notebook matches")

// Select works out which items a scope takes. A scope that fails Check,
// or picks nothing, is refused.
func Select(s *storage.Store, sc Scope) (*Selection, error) {
	if err := sc.Check(); err != nil {
		return nil, err
	}
	sc.Tags = storage.NormalizeTags(sc.Tags)
	sel := &Selection{Scope: sc}
	pieces, err := s.Pieces()
	if err != nil {
		return nil, err
	}
	inPiece := map[string]bool{}
	if sc.Whole() {
		for _, p := range pieces {
			inPiece[p.ID] = true
		}
	}
	for _, id := range sc.Pieces {
		if _, err := s.Piece(id); err != nil {
			return nil, err
		}
		inPiece[id] = true
	}
	if len(sc.Tags) > 0 {
		for _, tag := range sc.Tags {
			refs, err := s.ItemsByTag(tag)
			if err != nil {
				return nil, err
			}
			for _, r := range refs {
				switch r.Kind {
				case storage.KindPiece:
					inPiece[r.ID] = true
				case storage.KindAnnotation:
					inPiece[r.PieceID] = true
				}
			}
		}
	}
	if sc.From != "" || sc.To != "" {
		for _, p := range pieces {
			if p.Published != "" && (sc.From == "" || p.Published >= sc.From) && (sc.To == "" || p.Published <= sc.To+"\uffff") {
				inPiece[p.ID] = true
			}
		}
	}
	inClaim := map[string]bool{}
	for _, id := range sc.Claims {
		c, err := s.Claim(id)
		if err != nil {
			return nil, err
		}
		inClaim[id] = true
		for _, ev := range c.Evidence {
			a, err := s.Annotation(ev)
			if err == nil {
				inPiece[a.PieceID] = true
			}
		}
	}
	for _, p := range pieces {
		if inPiece[p.ID] {
			sel.Pieces = append(sel.Pieces, p.ID)
		}
	}
	inAnn := map[string]bool{}
	for _, pid := range sel.Pieces {
		ids, err := s.AnnotationIDsOf(pid)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			inAnn[id] = true
			sel.Annotations = append(sel.Annotations, id)
		}
	}
	has := func(id string) bool { return inPiece[id] || inAnn[id] || inClaim[id] }
	claims, err := s.Claims()
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		// A whole export takes every claim; a partial one the chosen claims
		// and those whose evidence is all inside.
		take := sc.Whole() || inClaim[c.ID]
		if !take && len(c.Evidence) > 0 {
			take = !slices.ContainsFunc(c.Evidence, func(ev string) bool { return !inAnn[ev] })
		}
		if take {
			inClaim[c.ID] = true
			sel.Claims = append(sel.Claims, c.ID)
			for _, ev := range c.Evidence {
				if !inAnn[ev] {
					sel.outside(s, ev, c.ID)
				}
			}
		}
	}
	notes, err := s.Notes()
	if err != nil {
		return nil, err
	}
	inNote := map[string]bool{}
	slices.SortFunc(notes, func(a, b storage.Note) int { return strings.Compare(a.ID, b.ID) })
	for _, n := range notes {
		if sc.Whole() || n.Attached != "" && has(n.Attached) || hasAnyTag(n.Tags, sc.Tags) {
			inNote[n.ID] = true
		}
	}
	// A note attached to a note that goes, goes too, however deep the chain.
	for grew := true; grew; {
		grew = false
		for _, n := range notes {
			if !inNote[n.ID] && n.Attached != "" && inNote[n.Attached] {
				inNote[n.ID], grew = true, true
			}
		}
	}
	for _, n := range notes {
		if inNote[n.ID] {
			sel.Notes = append(sel.Notes, n.ID)
			if n.Attached != "" && !has(n.Attached) && !inNote[n.Attached] {
				sel.outside(s, n.Attached, n.ID)
			}
		}
	}
	links, err := s.AllLinks()
	if err != nil {
		return nil, err
	}
	in := func(id string) bool { return has(id) || inNote[id] }
	for _, l := range links {
		switch {
		case in(l.From) && in(l.To):
			sel.Links = append(sel.Links, l.ID)
		case in(l.From):
			sel.outside(s, l.To, l.ID)
		case in(l.To):
			sel.outside(s, l.From, l.ID)
		}
	}
	if !sc.Whole() && len(sel.Pieces)+len(sel.Claims)+len(sel.Notes) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNothingSelected, sc)
	}
	return sel, nil
}

func (sel *Selection) outside(s *storage.Store, id, via string) {
	r, err := s.Ref(id)
	if err != nil {
		return
	}
	sel.Outside = append(sel.Outside, OutsideRef{ID: id, Kind: string(r.Kind), Title: r.Title, Via: via})
}

func hasAnyTag(tags, want []string) bool {
	for _, t := range tags {
		if slices.Contains(want, t) {
			return true
		}
	}
	return false
}

// OutsideRef is an item referred to from inside an export but left out of
// it, as the export names it.
type OutsideRef struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Via   string `json:"via"` // the link, claim or note that refers to it
}

// SortedOutside sorts refs by id and referrer, dropping repeats.
func SortedOutside(refs []OutsideRef) []OutsideRef {
	out := slices.Clone(refs)
	slices.SortFunc(out, func(a, b OutsideRef) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return strings.Compare(a.Via, b.Via)
	})
	return slices.CompactFunc(out, func(a, b OutsideRef) bool { return a == b })
}

// Counts says how many of each item an export holds.
type Counts struct {
	Pieces      int `json:"pieces"`
	Revisions   int `json:"revisions"`
	Annotations int `json:"annotations"`
	Claims      int `json:"claims"`
	Links       int `json:"links"`
	Notes       int `json:"notes"`
}
