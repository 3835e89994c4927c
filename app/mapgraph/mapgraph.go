// Package mapgraph turns a notebook's argument graph (storage) into the
// plain graph the argument map draws (widgets/argmap): node labels, the
// piece each passage comes from, relation labels on edges. No Fyne, so the
// window and the command line's map export share it.
package mapgraph

import (
	"strings"

	"commonplace/storage"
	"commonplace/widgets/argmap"
)

// kinds maps the store's kinds to the map's.
var kinds = map[storage.Kind]argmap.NodeKind{
	storage.KindClaim:      argmap.KindClaim,
	storage.KindAnnotation: argmap.KindPassage,
	storage.KindPiece:      argmap.KindPiece,
	storage.KindNote:       argmap.KindNote,
}

// Build converts g. rels gives each relation's label (built-in and the
// notebook's own); evidence reads "evidence for".
func Build(g storage.Graph, rels []storage.Relation) argmap.Graph {
	labels := map[string]string{storage.RelEvidence: "evidence for"}
	for _, r := range rels {
		labels[r.Name] = r.Label
	}
	var out argmap.Graph
	for _, n := range g.Nodes {
		node := argmap.Node{ID: n.ID, Kind: kinds[n.Kind], Label: n.Title, Tags: n.Tags}
		switch n.Kind {
		case storage.KindAnnotation:
			node.Group = n.PieceID
			node.Sub = source(n)
		case storage.KindPiece:
			node.Group = n.ID
			node.Sub = source(n)
		}
		out.Nodes = append(out.Nodes, node)
	}
	for _, e := range g.Edges {
		label := labels[e.Rel]
		if e.Strength > 0 {
			label += " (" + storage.StrengthNames[e.Strength] + ")"
		}
		out.Edges = append(out.Edges, argmap.Edge{ID: e.ID, From: e.From, To: e.To, Rel: e.Rel, Label: label})
	}
	return out
}

// source is a passage's or piece's second line: piece title, or outlet and
// authors for a piece node.
func source(n storage.GraphNode) string {
	if n.Kind == storage.KindAnnotation {
		return storage.Excerpt(n.PieceTitle, 48)
	}
	parts := []string{}
	if n.Outlet != "" {
		parts = append(parts, n.Outlet)
	}
	if len(n.Authors) > 0 {
		parts = append(parts, strings.Join(n.Authors, ", "))
	}
	return strings.Join(parts, " · ")
}

// Ref is the item a map node stands for, for opening it.
func Ref(n argmap.Node) storage.ItemRef {
	for k, mk := range kinds {
		if mk == n.Kind {
			return storage.ItemRef{ID: n.ID, Kind: k, PieceID: n.Group}
		}
	}
	return storage.ItemRef{ID: n.ID}
}
