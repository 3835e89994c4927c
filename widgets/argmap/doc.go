// Package argmap lays out and renders argument maps: claims and passages as
// nodes, typed links as edges; no Fyne, so the command line can export maps.
//
// A Graph is plain data. Lay turns it into a Layout (node boxes, wrapped
// text, edge polylines and edge-label boxes, all in one coordinate space
// whose unit is a pixel at 1x); RenderSVG and RenderPNG draw a Graph with
// its Layout, and the Fyne widget draws the same Layout interactively. The
// layout is layered (Sugiyama-style): links point up, towards what they
// support, so claims sit above their evidence. See layered.go for why.
package argmap
