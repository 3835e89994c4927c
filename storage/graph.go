package storage

import (
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// RelEvidence names the edge from a passage to a claim it is evidence for,
// in the argument graph (evidence is not a link record, but reads like one).
const RelEvidence = "evidence"

// GraphNode is an item on the argument graph, with what a map shows of it.
type GraphNode struct {
	ItemRef
	Tags    []string `json:"tags,omitempty"`
	Authors []string `json:"authors,omitempty"` // of the item's piece
	Outlet  string   `json:"outlet,omitempty"`
}

// GraphEdge is a link, or a passage's evidence for a claim.
type GraphEdge struct {
	ID       string `json:"id"` // the link id; for evidence "evidence:<ann>:<claim>"
	From, To string
	Rel      string `json:"rel"`
	Strength int    `json:"strength,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Graph is the notebook's argument: every claim, every item a link
// touches, every passage used as evidence, and the links and evidence
// between them.
type Graph struct {
	Nodes []GraphNode
	Edges []GraphEdge
}

// ArgumentGraph reads the notebook's argument graph. Passages nobody links
// to and that back no claim are left out: the map is about arguments.
func (s *Store) ArgumentGraph() (Graph, error) {
	var g Graph
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		ids := map[string]bool{}
		var order []string
		add := func(id string) {
			if !ids[id] {
				ids[id] = true
				order = append(order, id)
			}
		}
		var claims []Claim
		if err := eachJSON(txn, prefixClaim, func(c *Claim) { claims = append(claims, *c) }); err != nil {
			return err
		}
		for _, c := range claims {
			add(c.ID)
			for _, ev := range c.Evidence {
				add(ev)
				g.Edges = append(g.Edges, GraphEdge{ID: RelEvidence + ":" + ev + ":" + c.ID, From: ev, To: c.ID, Rel: RelEvidence})
			}
		}
		err := eachJSON(txn, prefixLink, func(l *Link) {
			add(l.From)
			add(l.To)
			g.Edges = append(g.Edges, GraphEdge{ID: l.ID, From: l.From, To: l.To, Rel: l.Rel, Strength: l.Strength, Note: l.Note})
		})
		if err != nil {
			return err
		}
		pieces := map[string]Piece{}
		for _, id := range order {
			n, err := t.graphNode(id, pieces)
			if err != nil {
				return err
			}
			g.Nodes = append(g.Nodes, n)
		}
		return nil
	})
	return g, err
}

// graphNode describes id for the map, caching pieces across calls.
func (t *tx) graphNode(id string, pieces map[string]Piece) (GraphNode, error) {
	r, err := t.ref(id)
	if err != nil {
		return GraphNode{}, err
	}
	n := GraphNode{ItemRef: r}
	piece := func(pid string) (Piece, bool) {
		if p, ok := pieces[pid]; ok {
			return p, true
		}
		p, err := t.piece(pid)
		if err != nil {
			return p, false
		}
		pieces[pid] = p
		return p, true
	}
	switch r.Kind {
	case KindAnnotation:
		a, err := t.annotation(id)
		if err != nil {
			return n, err
		}
		n.Title = a.Selector.Exact // the whole quote: the map wraps and cuts it
		n.Tags = a.Tags
		if p, ok := piece(a.PieceID); ok {
			n.Authors, n.Outlet = p.Authors, p.Outlet
		}
	case KindPiece:
		if p, ok := piece(id); ok {
			n.Tags, n.Authors, n.Outlet = p.Tags, p.Authors, p.Outlet
			n.PieceID, n.PieceTitle = p.ID, p.Title
		}
	case KindClaim:
		c, err := t.claim(id)
		if err != nil {
			return n, err
		}
		n.Title, n.Tags = c.Statement, c.Tags
	case KindNote:
		nt, err := t.note(id)
		if err != nil {
			return n, err
		}
		n.Tags = nt.Tags
	}
	return n, nil
}

// Disagreement is a "contradicts" link whose two ends come from different
// pieces or different authors: where the sources disagree.
type Disagreement struct {
	Link Link
	From GraphNode
	To   GraphNode
	// Why says how the two sides differ: "different pieces", "different authors".
	Why string
}

// Disagreements lists every such link, newest first.
func (s *Store) Disagreements() ([]Disagreement, error) {
	g, err := s.ArgumentGraph()
	if err != nil {
		return nil, err
	}
	nodes := map[string]GraphNode{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	// A claim's pieces and authors are those of its evidence.
	claimPieces, claimAuthors := map[string][]string{}, map[string][]string{}
	for _, e := range g.Edges {
		if e.Rel == RelEvidence {
			ev := nodes[e.From]
			claimPieces[e.To] = append(claimPieces[e.To], ev.PieceID)
			claimAuthors[e.To] = append(claimAuthors[e.To], ev.Authors...)
		}
	}
	piecesOf := func(n GraphNode) []string {
		if n.Kind == KindClaim {
			return claimPieces[n.ID]
		}
		if n.PieceID != "" {
			return []string{n.PieceID}
		}
		return nil
	}
	authorsOf := func(n GraphNode) []string {
		if n.Kind == KindClaim {
			return claimAuthors[n.ID]
		}
		return n.Authors
	}
	disjoint := func(a, b []string) bool {
		return len(a) > 0 && len(b) > 0 && !slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
	}
	var out []Disagreement
	for _, e := range g.Edges {
		if e.Rel != "contradicts" {
			continue
		}
		from, to := nodes[e.From], nodes[e.To]
		why := ""
		pieces, authors := disjoint(piecesOf(from), piecesOf(to)), disjoint(authorsOf(from), authorsOf(to))
		switch {
		case pieces && authors:
			why = "different pieces and authors"
		case pieces:
			why = "different pieces"
		case authors:
			why = "different authors"
		default:
			continue
		}
		l, err := s.Link(e.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Disagreement{Link: l, From: from, To: to, Why: why})
	}
	slices.SortStableFunc(out, func(a, b Disagreement) int { return b.Link.Created.Compare(a.Link.Created) })
	return out, nil
}
