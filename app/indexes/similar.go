package indexes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	x.cur.Store(newSuggestIndex(s))
	return x
}

// newSuggestIndex is an empty index that leaves the pieces' texts in the
// store, reading back those it scores (suggest.Index.SetPieceTexts).
func newSuggestIndex(s *storage.Store) *suggest.Index {
	ix := suggest.NewIndex()
	ix.SetPieceTexts(s.PieceTextNoWait)
	return ix
}

// BuildSimilar indexes s before returning, for the command line: it
// loads the index the window saved, if it can.
func BuildSimilar(s *storage.Store) (*Similar, error) {
	x := newSimilar(s)
	if x.resume(s, nil) == nil {
		return x, nil
	}
	return x, x.rebuild(s, nil)
}

// Ready is closed when the first build is done.
func (x *Similar) Ready() <-chan struct{} { return x.ready.done }

// Loaded reports whether the index was loaded from the notebook, where
// an earlier session saved it, rather than built.
func (x *Similar) Loaded() bool { return x.ready.loaded.Load() }

// rebuild indexes every piece; later builds build aside and swap in.
func (x *Similar) rebuild(s *storage.Store, stop <-chan struct{}) error {
	into := x.cur.Load()
	if x.ready.isDone() {
		into = newSuggestIndex(s)
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
	return x.applyTo(s, x.cur.Load(), changes)
}

// applyTo is apply to the index ix.
func (x *Similar) applyTo(s *storage.Store, ix *suggest.Index, changes []storage.Change) error {
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
			ix.Remove(c.ID) // deleted
			continue
		}
		if text, err := s.PieceText(c.ID); err == nil {
			ix.Add(similarDoc(p, text))
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

// changedBy: only pieces carry text (and a staged change may replace
// them all).
func (x *Similar) changedBy(changes []storage.Change) bool {
	for _, c := range changes {
		if c.Kind == storage.KindPiece || c.Op == storage.OpReload {
			return true
		}
	}
	return false
}

// savedSimilar names the suggestion index's saved copy in the notebook.
const savedSimilar = "similar"

// resume loads the saved index, applies what changed since it was saved
// and swaps it in; any failure leaves the index as it was.
func (x *Similar) resume(s *storage.Store, stop <-chan struct{}) error {
	r, at, err := s.OpenDerived(savedSimilar)
	if err != nil {
		return err
	}
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	ix, err := suggest.Load(br)
	if err != nil {
		return err
	}
	if err := atEnd(br); err != nil {
		return err
	}
	ix.SetPieceTexts(s.PieceTextNoWait)
	known := map[string]storage.Kind{}
	ix.EachPiece(func(id string) bool {
		known[id] = storage.KindPiece
		return true
	})
	items := len(known)
	changes, err := catchUp(s, at, []storage.Kind{storage.KindPiece}, known, stop) // only pieces carry text
	if err != nil {
		return err
	}
	if tooStale(len(changes), items) {
		return fmt.Errorf("%d of %d pieces changed since the suggestion index was saved", len(changes), items)
	}
	if err := x.applyTo(s, ix, changes); err != nil {
		return err
	}
	x.cur.Store(ix)
	x.ready.loaded.Store(true)
	x.ready.set(nil)
	return nil
}

// save writes the index into the notebook, stamped at.
func (x *Similar) save(s *storage.Store, at storage.Stamp, stop <-chan struct{}) error {
	ix := x.cur.Load()
	return s.SaveDerived(savedSimilar, at, func(w io.Writer) error {
		return ix.Save(stopWriter{w, stop})
	})
}
