package storage

import "sync"

// refCache remembers the little that link listings need of each record —
// a passage's quote excerpt and piece, a piece's title, a link — because
// decoding the JSON records is most of the cost of listing an item's
// backlinks. Every commit drops the entries of the records it changed.
//
// A reader may have read a record before a commit changed it; so entries
// are only stored when no commit happened since the reader's transaction
// began (gen unchanged), and a stale value can never be cached.
type refCache struct {
	mu     sync.Mutex
	gen    uint64
	anns   map[string]annRef
	titles map[string]string
	links  map[string]Link
}

type annRef struct{ excerpt, pieceID string }

// maxCached bounds each map; past it the map is simply cleared, which is
// cheap and rare (a notebook has to be very large and fully browsed).
const maxCached = 200_000

func newRefCache() *refCache {
	return &refCache{anns: map[string]annRef{}, titles: map[string]string{}, links: map[string]Link{}}
}

// generation is read when a transaction begins.
func (c *refCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// reset forgets everything, as when the notebook under the store is
// swapped for another.
func (c *refCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.anns)
	clear(c.titles)
	clear(c.links)
}

// invalidate drops what a commit changed.
func (c *refCache) invalidate(changes []Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, ch := range changes {
		switch ch.Kind {
		case KindAnnotation:
			delete(c.anns, ch.ID)
		case KindPiece:
			delete(c.titles, ch.ID)
		case KindLink:
			delete(c.links, ch.ID)
		}
	}
}

func (c *refCache) ann(id string) (annRef, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.anns[id]
	return r, ok
}

func (c *refCache) title(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.titles[id]
	return t, ok
}

func (c *refCache) link(id string) (Link, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.links[id]
	return l, ok
}

// store* keep a value read in a transaction that began at generation gen.
func (c *refCache) storeAnn(gen uint64, id string, r annRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		if len(c.anns) >= maxCached {
			clear(c.anns)
		}
		c.anns[id] = r
	}
}

func (c *refCache) storeTitle(gen uint64, id, title string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		if len(c.titles) >= maxCached {
			clear(c.titles)
		}
		c.titles[id] = title
	}
}

func (c *refCache) storeLink(gen uint64, l Link) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		if len(c.links) >= maxCached {
			clear(c.links)
		}
		c.links[l.ID] = l
	}
}
