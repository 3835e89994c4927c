package scope

import (
	"fmt"

	"commonplace/storage"
)

// LinkEnd is a link seen from one of its ends.
type LinkEnd struct {
	Link    storage.Link
	Out     bool        // the item is the link's source
	Outside *OutsideRef // the other end, when the export leaves it out
}

// LinkEnds lists, by item, the links an export shows beside its items:
// those the selection holds, and those crossing its edge to an item in
// outside (as the selection or the export's manifest lists them). It
// holds link records, never texts, so its size follows the number of
// links, not of words.
func (sel *Selection) LinkEnds(s *storage.Store, outside []OutsideRef) (map[string][]LinkEnd, error) {
	ends := map[string][]LinkEnd{}
	for _, id := range sel.Links {
		l, err := s.Link(id)
		if err != nil {
			return nil, fmt.Errorf("link %s: %w", id, err)
		}
		ends[l.From] = append(ends[l.From], LinkEnd{Link: l, Out: true})
		ends[l.To] = append(ends[l.To], LinkEnd{Link: l})
	}
	for i := range outside {
		o := &outside[i]
		l, err := s.Link(o.Via)
		if err != nil {
			continue // evidence or an attachment, not a link
		}
		if l.To == o.ID {
			ends[l.From] = append(ends[l.From], LinkEnd{Link: l, Out: true, Outside: o})
		} else {
			ends[l.To] = append(ends[l.To], LinkEnd{Link: l, Outside: o})
		}
	}
	return ends, nil
}
