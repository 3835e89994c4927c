package mapgraph

import (
	"testing"

	"commonplace/storage"
	"commonplace/widgets/argmap"
)

func TestBuild(t *testing.T) {
	g := storage.Graph{
		Nodes: []storage.GraphNode{
			{ItemRef: storage.ItemRef{ID: "a", Kind: storage.KindAnnotation, Title: "the door must stay shut", PieceID: "p", PieceTitle: "Wakhan op-ed"}},
			{ItemRef: storage.ItemRef{ID: "c", Kind: storage.KindClaim, Title: "Security first"}, Tags: []string{"china"}},
		},
		Edges: []storage.GraphEdge{
			{ID: "evidence:a:c", From: "a", To: "c", Rel: storage.RelEvidence},
			{ID: "l", From: "c", To: "a", Rel: "undermines", Strength: storage.StrengthWeak},
		},
	}
	out := Build(g, append(storage.Builtins, storage.Relation{Name: "undermines", Label: "undermines"}))
	if out.Nodes[0].Kind != argmap.KindPassage || out.Nodes[0].Group != "p" || out.Nodes[0].Sub != "Wakhan op-ed" {
		t.Fatalf("passage node: %+v", out.Nodes[0])
	}
	if out.Edges[0].Label != "evidence for" || out.Edges[1].Label != "undermines (weak)" {
		t.Fatalf("edges: %+v", out.Edges)
	}
	if r := Ref(out.Nodes[0]); r.Kind != storage.KindAnnotation || r.PieceID != "p" {
		t.Fatalf("ref: %+v", r)
	}
}
