package ui

import (
	"bytes"
	"io"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"commonplace/app/mapgraph"
	"commonplace/storage"
	"commonplace/widgets"
	"commonplace/widgets/argmap"
)

const (
	allRelations = "All relations"
	allPieces    = "All pieces"
)

// focusDepths are the neighbourhood sizes the map's focus offers.
var focusDepths = []string{"Whole map", "1 step", "2 steps", "3 steps"}

// graphReader is what the map reads.
type graphReader interface {
	ArgumentGraph() (storage.Graph, error)
	Relations() ([]storage.Relation, error)
}

// mapScreen shows the argument map: claims and passages as nodes, links as
// edges styled by relation, with filters, focus on one item's
// neighbourhood, and export to PNG or SVG.
type mapScreen struct {
	nb      graphReader
	bg      *background
	win     fyne.Window
	onOpen  func(storage.ItemRef)
	onError func(error)

	graph   argmap.Graph
	pieces  map[string]string // piece id → title, for the piece filter
	focusID string

	root     fyne.CanvasObject
	argMap   *widgets.ArgumentMap
	tag      *widget.Select
	relation *widget.Select
	piece    *widget.Select
	depth    *widget.Select
	count    *widget.Label
}

func newMapScreen(nb graphReader, bg *background, win fyne.Window, onOpen func(storage.ItemRef), onError func(error)) *mapScreen {
	return &mapScreen{nb: nb, bg: bg, win: win, onOpen: onOpen, onError: onError}
}

func (s *mapScreen) buildUI() fyne.CanvasObject {
	s.argMap = widgets.NewArgumentMap()
	s.argMap.OnNodeTapped = s.onNode
	// Selections are set before the callbacks, which need the whole screen.
	s.tag = selectWith([]string{allTags}, allTags)
	s.relation = selectWith([]string{allRelations}, allRelations)
	s.piece = selectWith([]string{allPieces}, allPieces)
	s.depth = selectWith(focusDepths, focusDepths[0])
	s.count = widget.NewLabel("")
	s.count.SizeName = theme.SizeNameCaptionText
	png := widget.NewButtonWithIcon("PNG", theme.DownloadIcon(), func() { s.export("png") })
	svg := widget.NewButtonWithIcon("SVG", theme.DownloadIcon(), func() { s.export("svg") })
	filters := container.NewGridWithColumns(4, s.tag, s.relation, s.piece, s.depth)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(s.count, png, svg), filters)
	for _, sel := range []*widget.Select{s.tag, s.relation, s.piece} {
		sel.OnChanged = func(string) { s.applyFilter() }
	}
	s.depth.OnChanged = func(string) { s.applyFocus() }
	s.root = container.NewBorder(container.NewPadded(bar), nil, nil, nil, s.argMap)
	return s.root
}

func (s *mapScreen) view() fyne.CanvasObject { return s.root }

// changed draws the map again when its claims or links changed, keeping
// the focus.
func (s *mapScreen) changed(c changes) {
	if c.arguments() {
		s.load(s.focusID)
	}
}

// load reads the argument graph and shows it, focused on focus ("" for
// the whole map) when a depth is chosen.
func (s *mapScreen) load(focus string) {
	s.focusID = focus
	type loaded struct {
		g    storage.Graph
		rels []storage.Relation
	}
	inBackground(s.bg, func() (loaded, error) {
		var v loaded
		var err error
		if v.g, err = s.nb.ArgumentGraph(); err != nil {
			return v, err
		}
		v.rels, err = s.nb.Relations()
		return v, err
	}, func(v loaded) {
		s.graph = mapgraph.Build(v.g, v.rels)
		s.fillFilters(v.g)
		s.argMap.SetGraph(s.graph)
		s.applyFilter()
		s.argMap.Select(focus) // "" clears an earlier session's

	}, s.onError)
}

// fillFilters offers the tags, relations and pieces the graph has.
func (s *mapScreen) fillFilters(g storage.Graph) {
	tags, pieces := map[string]bool{}, map[string]string{}
	for _, n := range g.Nodes {
		for _, t := range n.Tags {
			tags[t] = true
		}
		if n.PieceID != "" {
			pieces[n.PieceID] = n.PieceTitle
		}
	}
	s.pieces = pieces
	s.tag.Options = append([]string{allTags}, sortedKeys(tags)...)
	s.relation.Options = append([]string{allRelations}, argmap.UsedRelations(s.graph)...)
	titles := map[string]bool{}
	for _, t := range pieces {
		titles[t] = true
	}
	s.piece.Options = append([]string{allPieces}, sortedKeys(titles)...)
	s.tag.Refresh()
	s.relation.Refresh()
	s.piece.Refresh()
}

func (s *mapScreen) applyFilter() {
	if s.argMap == nil {
		return
	}
	var f argmap.Filter
	if t := s.tag.Selected; t != "" && t != allTags {
		f.Tags = []string{t}
	}
	if r := s.relation.Selected; r != "" && r != allRelations {
		f.Relations = []string{r}
		f.HideIsolated = true
	}
	if p := s.piece.Selected; p != "" && p != allPieces {
		for id, title := range s.pieces {
			if title == p {
				f.Groups = append(f.Groups, id)
			}
		}
	}
	s.argMap.SetFilter(f)
	s.applyFocus()
}

// applyFocus shows only the focused item's neighbourhood, to the chosen depth.
func (s *mapScreen) applyFocus() {
	if s.argMap == nil {
		return
	}
	depth := 0
	for i, d := range focusDepths {
		if d == s.depth.Selected {
			depth = i
		}
	}
	if s.focusID == "" || depth == 0 {
		s.argMap.Focus("", 0)
	} else {
		s.argMap.Focus(s.focusID, depth)
	}
	g, _ := s.argMap.Export()
	s.count.SetText(plural(len(g.Nodes), "item", "items") + ", " + plural(len(g.Edges), "link", "links"))
}

// onNode focuses the map on the tapped node; a second tap opens it.
func (s *mapScreen) onNode(id string) {
	if id == s.focusID || s.argMap.Selected() == id && s.focusID == "" {
		for _, n := range s.graph.Nodes {
			if n.ID == id {
				s.onOpen(mapgraph.Ref(n))
				return
			}
		}
	}
	s.argMap.Select(id)
	s.focusID = id
	s.applyFocus()
}

// export saves what the map shows as PNG or SVG.
func (s *mapScreen) export(format string) {
	g, l := s.argMap.Export()
	var buf bytes.Buffer
	st := argmap.Style{Dark: false, Scale: 2}
	var err error
	if format == "svg" {
		err = argmap.RenderSVG(&buf, g, l, st)
	} else {
		err = argmap.RenderPNG(&buf, g, l, st)
	}
	if err != nil {
		s.onError(err)
		return
	}
	chooseSaveFile(s.win, "Export the map", "argument-map."+format, "."+format, func(path string) {
		err := storage.WriteWhole(path, "the map", 0o644, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		})
		if err != nil {
			s.onError(err)
		}
	})
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// selectWith is a Select showing selected, with no callback yet.
func selectWith(options []string, selected string) *widget.Select {
	sel := widget.NewSelect(options, nil)
	sel.SetSelected(selected)
	return sel
}
