package indexes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"commonplace/app/search"
	"commonplace/storage"
)

// Search is the notebook's search engine, kept current by the follower.
type Search struct {
	engine atomic.Pointer[search.Engine]
	ready  *readiness

	// ends remembers each link's two ends, so deleting a link (whose
	// record is gone by the time the change arrives) re-indexes the items
	// it joined. Only the follower's goroutine uses it.
	ends map[string][2]string
}

// newEngine is an empty engine that leaves pieces' texts and passages'
// quotes and notes in the store, reading them back for the hits it shows
// (search.Texts): on a notebook of 10,000 pieces that is 83 MB of texts
// not held twice, at 50,000 another 134 MB of passages.
func newEngine(s *storage.Store) *search.Engine {
	e := search.New()
	e.SetTexts(storeTexts{s})
	return e
}

// storeTexts reads the texts the engine leaves in the store without ever
// waiting on the notebook (see search.Texts).
type storeTexts struct{ s *storage.Store }

func (t storeTexts) PieceText(id string) (string, error) { return t.s.PieceTextNoWait(id) }

func (t storeTexts) Passage(id string) (quote, note string, err error) {
	a, err := t.s.AnnotationNoWait(id)
	return a.Selector.Exact, a.Note, err
}

func newSearch(s *storage.Store) *Search {
	x := &Search{ready: newReadiness()}
	x.engine.Store(newEngine(s))
	return x
}

// BuildSearch indexes s before returning, for the command line: it loads
// the index the window saved, if it can.
func BuildSearch(s *storage.Store) (*search.Engine, error) {
	x := newSearch(s)
	if x.resume(s, nil) == nil {
		return x.Engine(), nil
	}
	e := newEngine(s)
	err := load(s, e, map[string][2]string{}, nil)
	return e, err
}

// Engine is the current engine. A whole-notebook change (a staged import)
// builds a new one and swaps it in, so take it afresh for each search
// session rather than keeping it.
func (x *Search) Engine() *search.Engine { return x.engine.Load() }

// Ready is closed when the first build is done.
func (x *Search) Ready() <-chan struct{} { return x.ready.done }

// Building reports whether the first build is still under way: searches
// then see only what has been indexed so far.
func (x *Search) Building() bool { return !x.ready.isDone() }

// Err is the first build's error, once Ready is closed.
func (x *Search) Err() error { return x.ready.error() }

// Loaded reports whether the index was loaded from the notebook, where
// an earlier session saved it, rather than built.
func (x *Search) Loaded() bool { return x.ready.loaded.Load() }

// rebuild indexes the whole notebook. The first build fills the engine
// searches already use, so they find more as it goes; later ones build
// aside and swap in.
func (x *Search) rebuild(s *storage.Store, stop <-chan struct{}) error {
	e := x.Engine()
	if x.ready.isDone() {
		e = newEngine(s)
	}
	x.ends = map[string][2]string{}
	err := load(s, e, x.ends, stop)
	if x.ready.isDone() && err == nil {
		x.engine.Store(e)
	}
	x.ready.set(err)
	return err
}

func (x *Search) apply(s *storage.Store, changes []storage.Change) error {
	return apply(s, x.Engine(), changes, x.ends)
}

// readiness tells when an index's first build is done, and how it went.
type readiness struct {
	done chan struct{}
	once sync.Once
	mu   sync.Mutex
	err  error
	// loaded is set when the index was loaded from the notebook rather
	// than built.
	loaded atomic.Bool
}

func newReadiness() *readiness { return &readiness{done: make(chan struct{})} }

// set records the first build's outcome; later calls change nothing.
func (r *readiness) set(err error) {
	r.once.Do(func() {
		r.mu.Lock()
		r.err = err
		r.mu.Unlock()
		close(r.done)
	})
}

func (r *readiness) isDone() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

func (r *readiness) error() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// links groups what links say about each item: their relations and notes.
type links struct {
	rels  map[string][]string
	notes map[string][]string
}

func (l *links) add(lk storage.Link) {
	for _, id := range []string{lk.From, lk.To} {
		l.rels[id] = append(l.rels[id], lk.Rel)
		if lk.Note != "" {
			l.notes[id] = append(l.notes[id], lk.Note)
		}
	}
}

// load indexes the whole notebook.
func load(s *storage.Store, e *search.Engine, ends map[string][2]string, stop <-chan struct{}) error {
	all, err := s.AllLinks()
	if err != nil {
		return err
	}
	lk := &links{rels: map[string][]string{}, notes: map[string][]string{}}
	for _, l := range all {
		lk.add(l)
		ends[l.ID] = [2]string{l.From, l.To}
	}
	pieces := map[string]storage.Piece{}
	batch := make([]search.Doc, 0, 256)
	flush := func() {
		e.Add(batch...)
		batch = batch[:0]
	}
	err = s.EachPiece(func(p storage.Piece, text string) error {
		pieces[p.ID] = p
		batch = append(batch, pieceDoc(p, text, lk))
		if len(batch) == cap(batch) {
			flush()
		}
		return stopped(stop)
	})
	if err != nil {
		return err
	}
	err = s.EachAnnotation(func(a storage.Annotation) error {
		batch = append(batch, passageDoc(a, pieces[a.PieceID], lk))
		if len(batch) == cap(batch) {
			flush()
		}
		return stopped(stop)
	})
	if err != nil {
		return err
	}
	claims, err := s.Claims()
	if err != nil {
		return err
	}
	for _, c := range claims {
		batch = append(batch, claimDoc(c, lk))
	}
	notes, err := s.Notes()
	if err != nil {
		return err
	}
	for _, n := range notes {
		batch = append(batch, noteDoc(n, lk))
	}
	flush()
	return nil
}

// apply updates the engine for committed changes: each changed item is
// read again; a changed piece also re-indexes its passages (they carry its
// title), and a changed or deleted link re-indexes both its ends (their
// relations).
func apply(s *storage.Store, e *search.Engine, changes []storage.Change, ends map[string][2]string) error {
	touched := map[string]bool{}
	var removed []string
	for _, c := range changes {
		switch {
		case c.Kind == storage.KindLink:
			if c.Op != storage.OpDelete {
				if l, err := s.Link(c.ID); err == nil {
					ends[c.ID] = [2]string{l.From, l.To}
				}
			}
			for _, end := range ends[c.ID] {
				touched[end] = true
			}
			if c.Op == storage.OpDelete {
				delete(ends, c.ID)
			}
		case c.Op == storage.OpDelete:
			removed = append(removed, c.ID)
		case c.Kind == storage.KindPiece:
			touched[c.ID] = true
			if anns, err := s.AnnotationsOf(c.ID); err == nil {
				for _, a := range anns {
					touched[a.ID] = true
				}
			}
		default:
			touched[c.ID] = true
		}
	}
	e.Remove(removed...)
	for _, id := range removed {
		delete(touched, id)
	}
	for id := range touched {
		k, err := s.KindOf(id)
		if err != nil {
			continue // gone meanwhile
		}
		doc, ok, err := docOf(s, k, id)
		if errors.Is(err, storage.ErrClosed) {
			return err
		}
		if ok {
			e.Add(doc)
		}
	}
	return nil
}

// docOf reads one item as a search document.
func docOf(s *storage.Store, k storage.Kind, id string) (search.Doc, bool, error) {
	views, err := s.LinksOf(id)
	if err != nil {
		return search.Doc{}, false, err
	}
	lk := &links{rels: map[string][]string{}, notes: map[string][]string{}}
	for _, v := range views {
		lk.rels[id] = append(lk.rels[id], v.Rel)
		if v.Note != "" {
			lk.notes[id] = append(lk.notes[id], v.Note)
		}
	}
	switch k {
	case storage.KindPiece:
		p, err := s.Piece(id)
		if err != nil {
			return search.Doc{}, false, err
		}
		text, err := s.PieceText(id)
		if err != nil {
			return search.Doc{}, false, err
		}
		return pieceDoc(p, text, lk), true, nil
	case storage.KindAnnotation:
		a, err := s.Annotation(id)
		if err != nil {
			return search.Doc{}, false, err
		}
		p, _ := s.Piece(a.PieceID)
		return passageDoc(a, p, lk), true, nil
	case storage.KindClaim:
		c, err := s.Claim(id)
		if err != nil {
			return search.Doc{}, false, err
		}
		return claimDoc(c, lk), true, nil
	case storage.KindNote:
		n, err := s.Note(id)
		if err != nil {
			return search.Doc{}, false, err
		}
		return noteDoc(n, lk), true, nil
	}
	return search.Doc{}, false, nil
}

func pieceDoc(p storage.Piece, text string, lk *links) search.Doc {
	return search.Doc{ID: p.ID, Kind: search.KindPiece, Title: p.Title, Text: text, Tags: p.Tags,
		Authors: p.Authors, Outlet: p.Outlet, Published: p.Published,
		Rels: lk.rels[p.ID], LinkNotes: lk.notes[p.ID], Updated: p.Updated}
}

func passageDoc(a storage.Annotation, p storage.Piece, lk *links) search.Doc {
	return search.Doc{ID: a.ID, Kind: search.KindPassage, Title: a.Selector.Exact, Text: a.Note, Tags: a.Tags,
		PieceID: a.PieceID, PieceTitle: p.Title, Authors: p.Authors, Outlet: p.Outlet, Published: p.Published,
		Rels: lk.rels[a.ID], LinkNotes: lk.notes[a.ID], Updated: a.Updated}
}

func claimDoc(c storage.Claim, lk *links) search.Doc {
	return search.Doc{ID: c.ID, Kind: search.KindClaim, Title: c.Statement, Text: c.Note, Tags: c.Tags,
		Rels: lk.rels[c.ID], LinkNotes: lk.notes[c.ID], Updated: c.Updated}
}

func noteDoc(n storage.Note, lk *links) search.Doc {
	return search.Doc{ID: n.ID, Kind: search.KindNote, Title: n.Title, Text: n.Body, Tags: n.Tags,
		Rels: lk.rels[n.ID], LinkNotes: lk.notes[n.ID], Updated: n.Updated}
}

// changedBy: every item a change touches is searchable.
func (x *Search) changedBy(changes []storage.Change) bool { return len(changes) > 0 }

// savedSearch names the search engine's saved copy in the notebook.
const savedSearch = "search"

// resume loads the saved engine, applies what changed since it was saved
// and swaps it in; any failure leaves the index as it was.
func (x *Search) resume(s *storage.Store, stop <-chan struct{}) error {
	r, at, err := s.OpenDerived(savedSearch)
	if err != nil {
		return err
	}
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	ends, err := readEnds(br)
	if err != nil {
		return err
	}
	e, err := search.Load(br)
	if err != nil {
		return err
	}
	if err := atEnd(br); err != nil {
		return err
	}
	e.SetTexts(storeTexts{s})
	known := map[string]storage.Kind{}
	e.EachID(func(id string, _ search.Kind) bool {
		known[id] = storage.KindPiece // any kind but a link: removed as an item
		return true
	})
	items := len(known)
	for id := range ends {
		known[id] = storage.KindLink
	}
	changes, err := catchUp(s, at, nil, known, stop)
	if err != nil {
		return err
	}
	if tooStale(len(changes), items) {
		return fmt.Errorf("%d of %d items changed since the search index was saved", len(changes), items)
	}
	if err := apply(s, e, changes, ends); err != nil {
		return err
	}
	x.ends = ends
	x.engine.Store(e)
	x.ready.loaded.Store(true)
	x.ready.set(nil)
	return nil
}

// save writes the engine into the notebook, stamped at.
func (x *Search) save(s *storage.Store, at storage.Stamp, stop <-chan struct{}) error {
	e, ends := x.Engine(), x.ends
	return s.SaveDerived(savedSearch, at, func(w io.Writer) error {
		w = stopWriter{w, stop}
		if err := writeEnds(w, ends); err != nil {
			return err
		}
		return e.Save(w)
	})
}
