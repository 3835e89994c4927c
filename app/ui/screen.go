package ui

import (
	"fyne.io/fyne/v2"

	"commonplace/storage"
)

// How the window's screens keep themselves current. The store reports
// every committed change; the window sums each report up once (changes)
// and hands it to its screens, and each screen decides from it what of
// its own it must reload. A screen's refresh rule lives in its own file,
// next to what it shows.

// changes is one report from the store, as the screens ask it.
type changes struct {
	// pieces, notes, claims and links say which kinds of item changed; an
	// annotation counts as its piece's (the reader and the library show it).
	pieces, notes, claims, links bool
	// deleted lists the ids that went.
	deleted []string
}

// summarize sums up a report. A staged import replaced the whole
// notebook: everything may differ.
func summarize(report []storage.Change) changes {
	var c changes
	for _, ch := range report {
		if ch.Op == storage.OpReload {
			c.pieces, c.notes, c.claims, c.links = true, true, true, true
			continue
		}
		switch ch.Kind {
		case storage.KindPiece, storage.KindAnnotation:
			c.pieces = true
		case storage.KindNote:
			c.notes = true
		case storage.KindClaim:
			c.claims = true
		case storage.KindLink:
			c.links = true
		}
		if ch.Op == storage.OpDelete {
			c.deleted = append(c.deleted, ch.ID)
		}
	}
	return c
}

// arguments reports whether claims or links changed: what counts of
// support and contradiction, links panels and the map are made of.
func (c changes) arguments() bool { return c.claims || c.links }

// follower keeps itself current: it is told of every change while it
// exists (the sidebar's lists, the links panels).
type follower interface {
	changed(c changes)
}

// page fills the middle of the window (the reader, a note, a claim, the
// map, …). The window tells only the page in view of changes: a page
// brought back into view loads afresh anyway.
type page interface {
	follower
	view() fyne.CanvasObject
}
