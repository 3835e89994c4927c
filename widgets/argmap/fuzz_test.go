package argmap_test

import (
	"fmt"
	"strings"
	"testing"

	"commonplace/widgets/argmap"
)

// FuzzLay lays out small random graphs, with self-loops, repeated edges
// and ids, edges to missing nodes, and empty and huge labels: Lay must not
// panic, must place every node, and nothing may overlap.
func FuzzLay(f *testing.F) {
	f.Add(uint8(5), []byte{0, 1, 1, 2, 2, 0, 3, 3, 4, 9}, "a label", uint64(0))
	f.Add(uint8(12), []byte{0, 1, 0, 1, 0, 2, 0, 3, 0, 4, 5, 0, 6, 0, 7, 0, 8, 5}, "", uint64(3))
	f.Add(uint8(1), []byte{0, 0, 0, 0}, strings.Repeat("word ", 400), uint64(9))
	f.Add(uint8(0), []byte{1, 2}, "x", uint64(1))
	f.Fuzz(func(t *testing.T, n uint8, edges []byte, label string, seed uint64) {
		n %= 24
		if len(edges) > 120 {
			edges = edges[:120]
		}
		g := argmap.Graph{}
		kinds := []argmap.NodeKind{argmap.KindClaim, argmap.KindPassage, argmap.KindPiece, argmap.KindNote, ""}
		for i := range int(n) {
			node := argmap.Node{ID: fmt.Sprint("n", i%(int(n)-int(n)/5)), Kind: kinds[i%len(kinds)], Group: fmt.Sprint(i % 3)}
			switch i % 4 {
			case 1:
				node.Label = label
			case 2:
				node.Label = strings.Repeat(label, 50)
				node.Sub = label
			}
			g.Nodes = append(g.Nodes, node)
		}
		rels := append(argmap.Relations(), "", label)
		for i := 0; i+1 < len(edges); i += 2 {
			// Indices past n name nodes that do not exist.
			g.Edges = append(g.Edges, argmap.Edge{
				ID:   fmt.Sprint("e", edges[i]%7),
				From: fmt.Sprint("n", int(edges[i])%(int(n)+2)), To: fmt.Sprint("n", int(edges[i+1])%(int(n)+2)),
				Rel: rels[int(edges[i+1])%len(rels)], Label: label[:len(label)*(i%3)/3],
			})
		}
		l := argmap.Lay(g, argmap.Options{Seed: seed})
		checkLayout(t, g, l, 0)
	})
}
