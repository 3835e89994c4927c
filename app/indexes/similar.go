package indexes

import (
	"errors"
	"sync/atomic"

	"commonplace/app/suggest"
	"commonplace/storage"
)

// Similar finds passages in other pieces that say nearly the same as a
// passage or claim: recycled wording and talking points (app/suggest),
// kept current by the follower.
type Similar struct {
	cur   atomic.Pointer[suggest.Index]
	s     *storage.Store
	ready *readiness
}

func newSimilar(s *storage.Store) *Similar {
	x := &Similar{s: s, ready: newReadiness()}
	x.cur.Store(suggest.NewIndex())
	return x
}

// BuildSimilar indexes s before returning, for the command line.
func BuildSimilar(s *storage.Store) (*Similar, error) {
	x := newSimilar(s)
	return x, x.rebuild(s, nil)
}

// Ready is closed when the first build is done.
func (x *Similar) Ready() <-chan struct{} { return x.ready.done }

// rebuild indexes every piece; later builds build aside and swap in.
func (x *Similar) rebuild(s *storage.Store, stop <-chan struct{}) error {
	into := x.cur.Load()
	if x.ready.isDone() {
		into = suggest.NewIndex()
	}
	var batch []suggest.Doc
	err := s.EachPiece(func(p storage.Piece, text string) error {
		batch = append(batch, similarDoc(p, text))
		if len(batch) == 200 {
			into.Add(batch...)
			batch = batch[:0]
		}
		return stopped(stop)
	})
	into.Add(batch...)
	if x.ready.isDone() && err == nil {
		x.cur.Store(into)
	}
	x.ready.set(err)
	return err
}

// apply indexes the changed pieces again; only pieces carry text.
func (x *Similar) apply(s *storage.Store, changes []storage.Change) error {
	seen := map[string]bool{}
	for _, c := range changes {
		if c.Kind != storage.KindPiece || seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		p, err := s.Piece(c.ID)
		if errors.Is(err, storage.ErrClosed) {
			return err
		}
		if err != nil {
			x.cur.Load().Remove(c.ID) // deleted
			continue
		}
		if text, err := s.PieceText(c.ID); err == nil {
			x.cur.Load().Add(similarDoc(p, text))
		}
	}
	return nil
}

func similarDoc(p storage.Piece, text string) suggest.Doc {
	return suggest.Doc{PieceID: p.ID, Title: p.Title, Outlet: p.Outlet, Authors: p.Authors, Text: text}
}

// Suggestion is a passage elsewhere that says nearly the same as an item.
type Suggestion struct {
	suggest.Match
	PieceTitle string
}

// For lists passages in other pieces close to item id: a passage (its
// quote) or a claim (its statement). What the item is already tied to is
// not offered again: a passage's own piece, a claim's evidence, and the
// passages either is linked to or from.
func (x *Similar) For(id string, k int) ([]Suggestion, error) {
	kind, err := x.s.KindOf(id)
	if err != nil {
		return nil, err
	}
	var text string
	var skip suggest.Exclude
	var tied []string // annotations already tied to the item
	switch kind {
	case storage.KindAnnotation:
		a, err := x.s.Annotation(id)
		if err != nil {
			return nil, err
		}
		text, skip.Piece = a.Selector.Exact, a.PieceID
	case storage.KindClaim:
		c, err := x.s.Claim(id)
		if err != nil {
			return nil, err
		}
		text, tied = c.Statement, c.Evidence
	default:
		return nil, errors.New("suggestions are for passages and claims")
	}
	out, in, err := x.s.Links(id)
	if err != nil {
		return nil, err
	}
	for _, l := range out {
		tied = append(tied, l.To)
	}
	for _, l := range in {
		tied = append(tied, l.From)
	}
	for _, aid := range tied {
		a, err := x.s.Annotation(aid)
		if errors.Is(err, storage.ErrNotFound) {
			continue // a link end that is not a passage
		}
		if err != nil {
			return nil, err
		}
		if place, ok := a.Place(); ok {
			skip.Passages = append(skip.Passages, suggest.Span{PieceID: a.PieceID, Start: place.Start, End: place.End})
		}
	}
	var sugs []Suggestion
	for _, m := range x.cur.Load().Similar(text, skip, k) {
		title := ""
		if p, err := x.s.Piece(m.PieceID); err == nil {
			title = p.Title
		}
		sugs = append(sugs, Suggestion{Match: m, PieceTitle: title})
	}
	return sugs, nil
}
