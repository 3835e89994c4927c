package report

import (
	"commonplace/storage"
	"commonplace/storage/bundle/scope"
)

// linkView is one link as shown beside an item: the relation read from
// that item's side and the item at the other end.
type linkView struct {
	Rel      string // "supports →" or "← contradicted by"
	Href     string // in-page anchor of the other end; "" when it is not in the bundle
	Label    string
	Where    string // the piece a passage at the other end belongs to
	Kind     string // what the other end is, in words
	Strength string
	Note     string
}

// linkIndex knows every link of the bundle by the items at its ends,
// and how to name those items.
type linkIndex struct {
	s      *storage.Store
	byItem map[string][]scope.LinkEnd
	rels   map[string]storage.Relation
	refs   map[string]storage.ItemRef
}

func newLinkIndex(s *storage.Store, sel *scope.Selection, outside []scope.OutsideRef) (*linkIndex, error) {
	byItem, err := sel.LinkEnds(s, outside)
	if err != nil {
		return nil, err
	}
	rl := &linkIndex{s: s, byItem: byItem, rels: map[string]storage.Relation{}, refs: map[string]storage.ItemRef{}}
	rels, err := s.Relations()
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		rl.rels[r.Name] = r
	}
	return rl, nil
}

// of lists the links of item id as the report shows them.
func (rl *linkIndex) of(id string) []linkView {
	ends := rl.byItem[id]
	if len(ends) == 0 {
		return nil
	}
	out := make([]linkView, 0, len(ends))
	for _, e := range ends {
		rel, ok := rl.rels[e.Link.Rel]
		if !ok {
			rel = storage.Relation{Name: e.Link.Rel, Label: e.Link.Rel, Inverse: "← " + e.Link.Rel}
		}
		v := linkView{Note: e.Link.Note}
		if e.Link.Strength > 0 && e.Link.Strength < len(storage.StrengthNames) {
			v.Strength = storage.StrengthNames[e.Link.Strength]
		}
		other, kind := e.Link.To, e.Link.ToKind
		if e.Out {
			v.Rel = rel.Label + " →"
		} else {
			v.Rel = "← " + rel.Inverse
			other, kind = e.Link.From, e.Link.FromKind
		}
		v.Kind = kindWords(kind)
		if e.Outside != nil {
			v.Label = e.Outside.Title
		} else {
			r := rl.ref(other)
			v.Href, v.Label, v.Where = anchorOf(kind, other), r.Title, r.PieceTitle
		}
		out = append(out, v)
	}
	return out
}

// ref names an item inside the bundle, remembering names already looked up.
func (rl *linkIndex) ref(id string) storage.ItemRef {
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

// anchorOf is the in-page anchor of an item of the bundle.
func anchorOf(k storage.Kind, id string) string {
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

func kindWords(k storage.Kind) string {
	switch k {
	case storage.KindAnnotation:
		return "passage"
	case storage.KindPiece, storage.KindClaim, storage.KindNote:
		return string(k)
	}
	return "item"
}
