package argmap

import (
	"slices"
	"strconv"
	"strings"
)

// NodeKind says what a node stands for; it decides how the node is drawn.
type NodeKind string

// The node kinds the notebook has.
const (
	KindClaim   NodeKind = "claim"
	KindPassage NodeKind = "passage"
	KindPiece   NodeKind = "piece"
	KindNote    NodeKind = "note"
)

// Node is a claim, a passage (an annotation's quote), a piece or a note.
type Node struct {
	ID    string
	Kind  NodeKind
	Label string // the claim's statement or the passage's quote; wrapped and cut for display
	Sub   string // a secondary line: the passage's piece title or outlet
	Group string // e.g. the piece id: passages of one piece share a tint
	Tags  []string
}

// Edge is a typed, directed link: From supports (contradicts, …) To.
type Edge struct {
	ID       string
	From, To string
	Rel      string // relation: one of Relations() or a user-defined one
	Label    string // shown on the edge; "" shows Rel
}

// Graph is an argument map's content. Node IDs should be unique (a repeated
// ID is ignored after its first node); edges whose ends are not nodes are
// not drawn.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// EdgeKeys is the key of each edge (by index) in Layout.EdgePaths and
// Layout.Labels: its ID, or, when the ID is empty or repeats an earlier
// edge's, the ID followed by "#" and the edge's index.
func (g Graph) EdgeKeys() []string {
	keys := make([]string, len(g.Edges))
	seen := make(map[string]bool, len(g.Edges))
	for i, e := range g.Edges {
		k := e.ID
		if k == "" || seen[k] {
			k = e.ID + "#" + strconv.Itoa(i)
		}
		seen[k] = true
		keys[i] = k
	}
	return keys
}

// EdgeText is what an edge shows: its Label, or else its relation.
func (e Edge) EdgeText() string {
	if e.Label != "" {
		return e.Label
	}
	return e.Rel
}

// Filter narrows a graph down. Empty fields filter nothing.
type Filter struct {
	// Tags keeps the nodes that carry at least one of these tags.
	Tags []string
	// Groups keeps the nodes of these groups (pieces). Nodes with no group
	// (claims, notes) are not subject to it: a piece's passages keep the
	// claims they back.
	Groups []string
	// Relations keeps the edges of these relations (any spelling that
	// NormalRel maps to the same name).
	Relations []string
	// HideIsolated drops the nodes that are left with no edge, so a
	// relation filter shows only the nodes it concerns.
	HideIsolated bool
}

// IsZero tells whether f filters nothing.
func (f Filter) IsZero() bool {
	return len(f.Tags) == 0 && len(f.Groups) == 0 && len(f.Relations) == 0 && !f.HideIsolated
}

// Filter is the part of g that f keeps: the nodes that pass the tag and group
// filters, and the edges of the kept relations between kept nodes.
func (g Graph) Filter(f Filter) Graph {
	rels := make(map[string]bool, len(f.Relations))
	for _, r := range f.Relations {
		rels[NormalRel(r)] = true
	}
	keep := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		if len(f.Tags) > 0 && !slices.ContainsFunc(n.Tags, func(t string) bool { return slices.Contains(f.Tags, t) }) {
			continue
		}
		if len(f.Groups) > 0 && n.Group != "" && !slices.Contains(f.Groups, n.Group) {
			continue
		}
		keep[n.ID] = true
	}
	var out Graph
	linked := make(map[string]bool)
	for _, e := range g.Edges {
		if !keep[e.From] || !keep[e.To] || len(rels) > 0 && !rels[NormalRel(e.Rel)] {
			continue
		}
		out.Edges = append(out.Edges, e)
		linked[e.From], linked[e.To] = true, true
	}
	for _, n := range g.Nodes {
		if keep[n.ID] && (!f.HideIsolated || linked[n.ID]) {
			out.Nodes = append(out.Nodes, n)
		}
	}
	return out
}

// Neighbourhood is the part of g within depth links of id, following links
// both ways, with every edge between the nodes it keeps. Depth 0 is id
// alone; an id that is not in g gives an empty graph.
func (g Graph) Neighbourhood(id string, depth int) Graph {
	if !slices.ContainsFunc(g.Nodes, func(n Node) bool { return n.ID == id }) {
		return Graph{}
	}
	adj := make(map[string][]string)
	for _, e := range g.Edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	dist := map[string]int{id: 0}
	frontier := []string{id}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, v := range frontier {
			for _, w := range adj[v] {
				if _, ok := dist[w]; !ok {
					dist[w] = d
					next = append(next, w)
				}
			}
		}
		frontier = next
	}
	var out Graph
	for _, n := range g.Nodes {
		if _, ok := dist[n.ID]; ok {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, e := range g.Edges {
		_, a := dist[e.From]
		_, b := dist[e.To]
		if a && b {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}

// NormalRel is the canonical spelling of a relation name: lower case, with
// spaces and underscores as hyphens ("Same as" and "same_as" are "same-as").
func NormalRel(rel string) string {
	normal := true
	for _, c := range []byte(rel) {
		if c >= 'A' && c <= 'Z' || c == ' ' || c == '_' || c >= 0x80 || c < 0x20 {
			normal = false
			break
		}
	}
	if normal { // the usual case: renderers ask for every edge, every frame
		return rel
	}
	return relReplacer.Replace(strings.ToLower(strings.TrimSpace(rel)))
}

var relReplacer = strings.NewReplacer(" ", "-", "_", "-")
