// Package argmap lays out and renders argument maps: claims and passages as
// nodes, typed links as edges; no Fyne, so the command line can export maps.
//
// A Graph is plain data. Lay turns it into a Layout (node boxes, wrapped
// text, edge polylines and edge-label boxes, all in one coordinate space
// whose unit is a pixel at 1x); RenderSVG and RenderPNG draw a Graph with
// its Layout, and the Fyne widget draws the same Layout interactively. The
// layout is layered (Sugiyama-style): links point up, towards what they
// support, so claims sit above their evidence.
//
// Why layered rather than force-directed: TestCompareLayouts lays the same
// generated maps out both ways. gonum's Eades layout gives a compact
// picture with few crossings on a 40-node map, but it is not deterministic
// for a seed (gonum walks its nodes in map order), it diverged on a
// 180-node map, it needs overlap removal and label placement bolted on,
// and its arrows point every way. The layered layout is deterministic,
// lays 500 nodes out in well under 200 ms, reads in one direction, and by
// construction keeps nodes, edge labels and edge routes apart: labels are
// vertices in their own layers and edges run in the slots of dummy
// vertices and along channel tracks. Its weakness, very wide layers of
// evidence, is met by listing a claim's leaf passages under it (stack.go).
//
// The pipeline, one file each: build.go (measure, classify edges),
// stack.go (leaf lists), rank.go (break cycles, layer), component.go
// (dummy and label vertices), order.go (crossing reduction), place.go
// (x by isotonic regression, y), ports.go (ports, channel tracks),
// route.go (paths, labels), layout.go (packing components).
package argmap
