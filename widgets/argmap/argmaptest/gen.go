// Package argmaptest makes argument maps for tests, benchmarks and demos:
// claims backed by passages from several pieces, with cross links between
// passages and some disagreement, shaped like a researcher's real maps.
package argmaptest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"commonplace/widgets/argmap"
)

var words = strings.Fields(`the state policy water river dam treaty upstream downstream
	minister report evidence drought farmers basin agreement data flow season claims
	officials border trade security costs growth risk reform court ruling budget
	experts survey province region dispute cooperation energy hydropower supply
	communities villages rights access monitoring satellite estimates decline rise`)

var outlets = []string{"The Tribune", "Basin Monitor", "Policy Review", "Daily Courier", "Field Notes", "Global Affairs", "The Ledger", "Water Weekly"}

func sentence(r *rand.Rand, lo, hi int) string {
	n := lo + r.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// pick chooses from choices with the given weights (percent).
func pick(r *rand.Rand, choices []string, weights []int) string {
	x := r.IntN(100)
	for i, w := range weights {
		if x < w {
			return choices[i]
		}
		x -= w
	}
	return choices[len(choices)-1]
}

// Generate makes a map of about n nodes: claims with 3 to 8 passages each
// (mostly supporting, some contradicting or qualifying), some claims
// elaborating or contradicting others, and cross links (contradicts,
// same-as, qualifies, elaborates) between passages of different pieces.
// With edges > 0, cross links are added until there are that many edges;
// otherwise about one passage in four gets one. The same seed gives the
// same graph.
func Generate(n, edges int, seed uint64) argmap.Graph {
	r := rand.New(rand.NewPCG(seed, 0xA7C))
	var g argmap.Graph
	pieces := max(2, n/12)
	type passage struct {
		id    string
		piece int
	}
	var passages []passage
	var claims []string
	for len(g.Nodes) < n {
		c := fmt.Sprintf("c%d", len(claims))
		claims = append(claims, c)
		g.Nodes = append(g.Nodes, argmap.Node{ID: c, Kind: argmap.KindClaim, Label: sentence(r, 5, 18), Tags: []string{fmt.Sprintf("topic%d", r.IntN(4))}})
		k := 3 + r.IntN(6)
		for range k {
			if len(g.Nodes) >= n {
				break
			}
			pc := r.IntN(pieces)
			p := passage{fmt.Sprintf("p%d", len(passages)), pc}
			passages = append(passages, p)
			g.Nodes = append(g.Nodes, argmap.Node{
				ID: p.id, Kind: argmap.KindPassage, Label: "“" + sentence(r, 8, 40) + "”",
				Sub:   fmt.Sprintf("%s · piece %d", outlets[pc%len(outlets)], pc),
				Group: fmt.Sprintf("piece%d", pc),
			})
			g.Edges = append(g.Edges, argmap.Edge{
				ID: fmt.Sprintf("e%d", len(g.Edges)), From: p.id, To: c,
				Rel: pick(r, []string{"supports", "contradicts", "qualifies", "elaborates"}, []int{60, 20, 15, 5}),
			})
		}
	}
	for i := 1; i < len(claims); i++ {
		if r.IntN(10) < 3 {
			g.Edges = append(g.Edges, argmap.Edge{
				ID: fmt.Sprintf("e%d", len(g.Edges)), From: claims[i], To: claims[r.IntN(i)],
				Rel: pick(r, []string{"elaborates", "contradicts", "supports"}, []int{50, 30, 20}),
			})
		}
	}
	cross := len(passages) / 4
	if edges > 0 {
		cross = edges - len(g.Edges)
	}
	for tries := 0; cross > 0 && len(passages) > 1 && tries < 100*n; tries++ {
		a, b := passages[r.IntN(len(passages))], passages[r.IntN(len(passages))]
		if a.piece == b.piece {
			continue
		}
		g.Edges = append(g.Edges, argmap.Edge{
			ID: fmt.Sprintf("e%d", len(g.Edges)), From: a.id, To: b.id,
			Rel: pick(r, []string{"contradicts", "same-as", "qualifies", "elaborates"}, []int{40, 30, 15, 15}),
		})
		cross--
	}
	return g
}
