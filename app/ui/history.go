package ui

// placeKind is what the middle of the window shows.
type placeKind int

const (
	placeNone placeKind = iota
	placePiece
	placeNote
	placeClaim
	placeMap
	placeDisagreements
	placeResults
	placeConflicts
)

// place is somewhere the researcher can go back to: a piece (maybe at one
// of its passages), a note, a claim, the map, the disagreements.
type place struct {
	kind  placeKind
	id    string
	focus string // a passage in the piece
	query string // the results screen's query
}

// maxHistory bounds how far Back goes.
const maxHistory = 100

// history is Back/Forward over the places visited, like a browser's.
type history struct {
	back, forward []place
	here          place
}

// visit records going to p; the forward list is dropped, as in a browser.
func (h *history) visit(p place) {
	if p == h.here {
		return
	}
	if h.here.kind != placeNone {
		h.back = append(h.back, h.here)
		if len(h.back) > maxHistory {
			h.back = h.back[1:]
		}
	}
	h.here, h.forward = p, nil
}

// goBack returns the previous place, if any, making it current.
func (h *history) goBack() (place, bool) {
	if len(h.back) == 0 {
		return place{}, false
	}
	p := h.back[len(h.back)-1]
	h.back = h.back[:len(h.back)-1]
	h.forward = append(h.forward, h.here)
	h.here = p
	return p, true
}

// goForward returns the next place, if any, making it current.
func (h *history) goForward() (place, bool) {
	if len(h.forward) == 0 {
		return place{}, false
	}
	p := h.forward[len(h.forward)-1]
	h.forward = h.forward[:len(h.forward)-1]
	h.back = append(h.back, h.here)
	h.here = p
	return p, true
}

// forget drops a deleted item from the history.
func (h *history) forget(id string) {
	keep := func(ps []place) []place {
		out := ps[:0]
		for _, p := range ps {
			if p.id != id && p.focus != id {
				out = append(out, p)
			}
		}
		return out
	}
	h.back, h.forward = keep(h.back), keep(h.forward)
}
