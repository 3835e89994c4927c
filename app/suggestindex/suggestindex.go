// Package suggestindex keeps a near-duplicate index (app/suggest) of a
// notebook's pieces in step with the store: built in the background, then
// updated for each changed piece. It also answers "what elsewhere says
// nearly the same as this item?" for passages and claims. No Fyne.
package suggestindex

import (
	"errors"
	"sync"
	"sync/atomic"

	"commonplace/app/suggest"
	"commonplace/storage"
)

// Index is a suggest.Index fed from a store.
type Index struct {
	cur   atomic.Pointer[suggest.Index]
	s     *storage.Store
	ready chan struct{}

	mu      sync.Mutex
	pending map[string]bool
	wake    chan struct{}
	closed  bool
	unwatch func()
}

// New indexes s in the background, once after is closed (nil: at once),
// and follows its changes. The window passes the search index's Ready:
// suggestions are wanted only once a passage is open, and two builds
// reading every piece at once would slow the one the user waits for.
func New(s *storage.Store, after <-chan struct{}) *Index {
	x := &Index{s: s, ready: make(chan struct{}), pending: map[string]bool{}, wake: make(chan struct{}, 1)}
	x.cur.Store(suggest.NewIndex())
	x.unwatch = s.Watch(x.queue)
	go func() {
		if after != nil {
			<-after
		}
		x.run()
	}()
	return x
}

// Build indexes s before returning, for the command line.
func Build(s *storage.Store) (*Index, error) {
	x := &Index{s: s, ready: make(chan struct{})}
	x.cur.Store(suggest.NewIndex())
	err := x.load(x.cur.Load())
	close(x.ready)
	return x, err
}

// Ready is closed when the first build is done.
func (x *Index) Ready() <-chan struct{} { return x.ready }

// Close stops following the store and ends the background loop.
func (x *Index) Close() {
	if x.unwatch != nil {
		x.unwatch()
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.closed && x.wake != nil {
		x.closed = true
		close(x.wake)
	}
}

func (x *Index) queue(changes []storage.Change) {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return
	}
	for _, c := range changes {
		if c.Kind == storage.KindPiece || c.Op == storage.OpReload {
			x.pending[c.ID] = true // a reload has no id: "" stands for it
		}
	}
	n := len(x.pending)
	x.mu.Unlock()
	if n > 0 {
		select {
		case x.wake <- struct{}{}:
		default:
		}
	}
}

func (x *Index) run() {
	x.load(x.cur.Load())
	close(x.ready)
	for range x.wake {
		x.mu.Lock()
		ids := x.pending
		x.pending = map[string]bool{}
		x.mu.Unlock()
		if ids[""] {
			// The whole notebook changed: build afresh and swap.
			fresh := suggest.NewIndex()
			if err := x.load(fresh); errors.Is(err, storage.ErrClosed) {
				return
			}
			x.cur.Store(fresh)
			continue
		}
		for id := range ids {
			p, err := x.s.Piece(id)
			if errors.Is(err, storage.ErrClosed) {
				return
			}
			if err != nil {
				x.cur.Load().Remove(id) // deleted
				continue
			}
			text, err := x.s.PieceText(id)
			if err == nil {
				x.cur.Load().Add(docOf(p, text))
			}
		}
	}
}

func (x *Index) load(into *suggest.Index) error {
	var batch []suggest.Doc
	err := x.s.EachPiece(func(p storage.Piece, text string) error {
		batch = append(batch, docOf(p, text))
		if len(batch) == 200 {
			into.Add(batch...)
			batch = batch[:0]
		}
		return nil
	})
	into.Add(batch...)
	return err
}

func docOf(p storage.Piece, text string) suggest.Doc {
	return suggest.Doc{PieceID: p.ID, Title: p.Title, Outlet: p.Outlet, Authors: p.Authors, Text: text}
}

// Suggestion is a passage elsewhere that says nearly the same as an item.
type Suggestion struct {
	suggest.Match
	PieceTitle string
}

// For lists passages in other pieces close to item id: a passage (its
// quote; its own piece is left out) or a claim (its statement).
func (x *Index) For(id string, k int) ([]Suggestion, error) {
	kind, err := x.s.KindOf(id)
	if err != nil {
		return nil, err
	}
	var text, exclude string
	switch kind {
	case storage.KindAnnotation:
		a, err := x.s.Annotation(id)
		if err != nil {
			return nil, err
		}
		text, exclude = a.Selector.Exact, a.PieceID
	case storage.KindClaim:
		c, err := x.s.Claim(id)
		if err != nil {
			return nil, err
		}
		text = c.Statement
	default:
		return nil, errors.New("suggestions are for passages and claims")
	}
	var out []Suggestion
	for _, m := range x.cur.Load().Similar(text, exclude, k) {
		title := ""
		if p, err := x.s.Piece(m.PieceID); err == nil {
			title = p.Title
		}
		out = append(out, Suggestion{Match: m, PieceTitle: title})
	}
	return out, nil
}
