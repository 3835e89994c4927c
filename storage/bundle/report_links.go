package bundle

import (
	"fmt"

	"commonplace/storage"
)

// reportLink is one link as shown beside an item: the relation read from
// that item's side and the item at the other end.
type reportLink struct {
	Rel      string // "supports →" or "← contradicted by"
	Href     string // in-page anchor of the other end; "" when it is not in the bundle
	Label    string
	Where    string // the piece a passage at the other end belongs to
	Kind     string // what the other end is, in words
	Strength string
	Note     string
}

// rptLinkEnd is a link seen from one of its ends.
type rptLinkEnd struct {
	link    storage.Link
	out     bool // the item is the link's source
	outside *OutsideRef
}

// reportLinks knows every link of the bundle by the items at its ends,
// and how to name those items. It holds link records, never texts, so its
// size follows the number of links, not of words.
type reportLinks struct {
	s      *storage.Store
	byItem map[string][]rptLinkEnd
	rels   map[string]storage.Relation
	refs   map[string]storage.ItemRef
}

func newReportLinks(s *storage.Store, sel *Selection, outside []OutsideRef) (*reportLinks, error) {
	rl := &reportLinks{s: s, byItem: map[string][]rptLinkEnd{}, rels: map[string]storage.Relation{}, refs: map[string]storage.ItemRef{}}
	rels, err := s.Relations()
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		rl.rels[r.Name] = r
	}
	for _, id := range sel.Links {
		l, err := s.Link(id)
		if err != nil {
			return nil, fmt.Errorf("link %s: %w", id, err)
		}
		rl.byItem[l.From] = append(rl.byItem[l.From], rptLinkEnd{link: l, out: true})
		rl.byItem[l.To] = append(rl.byItem[l.To], rptLinkEnd{link: l, out: false})
	}
	for i := range outside {
		o := &outside[i]
		l, err := s.Link(o.Via)
		if err != nil {
			continue // evidence or an attachment, not a link
		}
		if l.To == o.ID {
			rl.byItem[l.From] = append(rl.byItem[l.From], rptLinkEnd{link: l, out: true, outside: o})
		} else {
			rl.byItem[l.To] = append(rl.byItem[l.To], rptLinkEnd{link: l, out: false, outside: o})
		}
	}
	return rl, nil
}

// of lists the links of item id as the report shows them.
func (rl *reportLinks) of(id string) []reportLink {
	ends := rl.byItem[id]
	if len(ends) == 0 {
		return nil
	}
	out := make([]reportLink, 0, len(ends))
	for _, e := range ends {
		rel, ok := rl.rels[e.link.Rel]
		if !ok {
			rel = storage.Relation{Name: e.link.Rel, Label: e.link.Rel, Inverse: "← " + e.link.Rel}
		}
		v := reportLink{Note: e.link.Note}
		if e.link.Strength > 0 && e.link.Strength < len(storage.StrengthNames) {
			v.Strength = storage.StrengthNames[e.link.Strength]
		}
		other, kind := e.link.To, e.link.ToKind
		if e.out {
			v.Rel = rel.Label + " →"
		} else {
			v.Rel = "← " + rel.Inverse
			other, kind = e.link.From, e.link.FromKind
		}
		v.Kind = rptKind(kind)
		if e.outside != nil {
			v.Label = e.outside.Title
		} else {
			r := rl.ref(other)
			v.Href, v.Label, v.Where = rptAnchor(kind, other), r.Title, r.PieceTitle
		}
		out = append(out, v)
	}
	return out
}

// ref names an item inside the bundle, remembering names already looked up.
func (rl *reportLinks) ref(id string) storage.ItemRef {
	if r, ok := rl.refs[id]; ok {
		return r
	}
	r, err := rl.s.Ref(id)
	if err != nil {
		r = storage.ItemRef{ID: id, Title: id}
	}
	rl.refs[id] = r
	return r
}

// rptAnchor is the in-page anchor of an item of the bundle.
func rptAnchor(k storage.Kind, id string) string {
	switch k {
	case storage.KindPiece:
		return "#p-" + id
	case storage.KindAnnotation:
		return "#a-" + id
	case storage.KindClaim:
		return "#c-" + id
	case storage.KindNote:
		return "#n-" + id
	}
	return ""
}

func rptKind(k storage.Kind) string {
	switch k {
	case storage.KindAnnotation:
		return "passage"
	case storage.KindPiece, storage.KindClaim, storage.KindNote:
		return string(k)
	}
	return "item"
}
