package argmap_test

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"commonplace/widgets/argmap"
	"commonplace/widgets/argmap/argmaptest"
)

// smallMap has text that needs escaping in labels, ids and relations.
func smallMap() argmap.Graph {
	return argmap.Graph{
		Nodes: []argmap.Node{
			{ID: `c"1`, Kind: argmap.KindClaim, Label: `Dams <upstream> & "treaties" cause drought`},
			{ID: "p1", Kind: argmap.KindPassage, Label: "“The river ran dry in May.”", Sub: "The Tribune & Co", Group: "t"},
			{ID: "p2", Kind: argmap.KindPassage, Label: "“Rainfall fell by a third.”", Sub: "Basin Monitor", Group: "b"},
			{ID: "n", Kind: argmap.KindNote, Label: "Check the <2019> data\x01"},
		},
		Edges: []argmap.Edge{
			{ID: "e1", From: "p1", To: `c"1`, Rel: "supports"},
			{ID: "e2", From: "p2", To: `c"1`, Rel: "contradicts"},
			{ID: "e3", From: "p2", To: "p1", Rel: "same-as"},
			{ID: "e4", From: "n", To: "p2", Rel: "<my & rel>"},
		},
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	for _, g := range []argmap.Graph{smallMap(), argmaptest.Generate(50, 0, 1)} {
		l := argmap.Lay(g, argmap.Options{})
		var b bytes.Buffer
		if err := argmap.RenderSVG(&b, g, l, argmap.Style{}); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&b)
		nodes, edges, labels := 0, 0, 0
		var texts strings.Builder
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local != "g" {
					continue
				}
				for _, a := range tok.Attr {
					if a.Name.Local == "class" {
						switch strings.Fields(a.Value)[0] {
						case "node":
							nodes++
						case "edge":
							edges++
						case "edge-label":
							labels++
						}
					}
				}
			case xml.CharData:
				texts.Write(tok)
			}
		}
		if nodes != len(g.Nodes) || edges != len(g.Edges) || labels != len(g.Edges) {
			t.Errorf("%d node, %d edge and %d label groups for %d nodes and %d edges", nodes, edges, labels, len(g.Nodes), len(g.Edges))
		}
		if g.Nodes[0].ID == `c"1` && !strings.Contains(texts.String(), `Dams <upstream> & "treaties"`) {
			t.Errorf("escaped text did not survive: %q", texts.String())
		}
	}
}

func TestSVGEmbedsFonts(t *testing.T) {
	g := smallMap()
	l := argmap.Lay(g, argmap.Options{})
	var plain, embedded bytes.Buffer
	argmap.RenderSVG(&plain, g, l, argmap.Style{Dark: true})
	argmap.RenderSVG(&embedded, g, l, argmap.Style{Dark: true, EmbedFonts: true})
	if strings.Contains(plain.String(), "@font-face") || !strings.Contains(embedded.String(), "@font-face") {
		t.Errorf("EmbedFonts does not decide the @font-face rules")
	}
	if err := xml.Unmarshal(embedded.Bytes(), new(struct{})); err != nil {
		t.Errorf("embedded SVG: %v", err)
	}
}

func TestPNGDecodesAtTheExpectedSize(t *testing.T) {
	g := smallMap()
	l := argmap.Lay(g, argmap.Options{})
	for _, scale := range []float32{1, 2} {
		var b bytes.Buffer
		st := argmap.Style{Scale: scale, Margin: 10}
		if err := argmap.RenderPNG(&b, g, l, st); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		// The legend adds a row above the map.
		w := int(math.Ceil(float64((l.Bounds.W() + 20) * scale)))
		h := int(math.Ceil(float64((l.Bounds.H() + 20 + 26) * scale)))
		if got := img.Bounds().Size(); got.X < w || got.Y != h {
			t.Errorf("scale %v: %v, want at least %dx%d", scale, got, w, h)
		}
		// The claim's box is filled with the claim colour.
		c, _ := l.NodeRect(`c"1`)
		x, y := int((c.Min.X+10+4)*scale), int((c.Max.Y+10+26-4)*scale)
		r, gg, bb, _ := img.At(x, y).RGBA()
		want := argmap.StylePalette(false).ClaimFill
		if uint8(r>>8) != want.R || uint8(gg>>8) != want.G || uint8(bb>>8) != want.B {
			t.Errorf("scale %v: pixel in the claim is %v, want %v", scale, img.At(x, y), want)
		}
	}
}
