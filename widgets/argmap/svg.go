package argmap

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// RenderSVG writes g, laid out as l, as a self-contained SVG document:
// nodes as rounded boxes (<g class="node …">), edges as polylines with
// arrowheads (<g class="edge …">), edge labels on pills and a legend. Each
// node's and edge's group has a <title> with its full text, which viewers
// show as a tooltip.
func RenderSVG(w io.Writer, g Graph, l Layout, st Style) error {
	st = st.withDefaults()
	sc := buildScene(g, l, st)
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">`+"\n",
		num(sc.w), num(sc.h), num(sc.w), num(sc.h))
	b.WriteString("<style>\n")
	if st.EmbedFonts {
		for _, f := range []struct {
			ttf          []byte
			weight, styl string
		}{{goregular.TTF, "normal", "normal"}, {gobold.TTF, "bold", "normal"}, {goitalic.TTF, "normal", "italic"}, {gobolditalic.TTF, "bold", "italic"}} {
			fmt.Fprintf(b, "@font-face{font-family:'Go';font-weight:%s;font-style:%s;src:url(data:font/ttf;base64,%s) format('truetype')}\n",
				f.weight, f.styl, base64.StdEncoding.EncodeToString(f.ttf))
		}
	}
	b.WriteString("text{font-family:'Go','Go Sans','Helvetica Neue',Arial,sans-serif;white-space:pre;stroke:none}\n</style>\n")
	fmt.Fprintf(b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", hex(sc.bg))
	for _, gr := range sc.groups {
		b.WriteString(`<g class="` + attr(gr.class) + `"`)
		if gr.id != "" {
			id := "n-"
			if strings.HasPrefix(gr.class, "edge") {
				id = "e-"
				if gr.class == "edge-label" {
					id = "l-"
				}
			}
			b.WriteString(` id="` + attr(id+gr.id) + `"`)
		}
		b.WriteString(">")
		if gr.title != "" {
			b.WriteString("<title>" + text(gr.title) + "</title>")
		}
		for _, s := range gr.shapes {
			writeShape(b, s)
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func writeShape(b *bufio.Writer, s shape) {
	switch s.kind {
	case shapeRect:
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s"%s/>`,
			num(s.r.Min.X), num(s.r.Min.Y), num(s.r.W()), num(s.r.H()), num(s.radius), paint(s))
	case shapePolyline:
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linejoin="round"%s%s/>`,
			points(s.pts), hex(s.stroke), num(s.width), dashArray(s.dashes), opacity("stroke-opacity", s.stroke))
	case shapePolygon:
		fmt.Fprintf(b, `<polygon points="%s" fill="%s"%s/>`, points(s.pts), hex(s.fill), opacity("fill-opacity", s.fill))
	case shapeText:
		st := ""
		if s.font.Bold {
			st += ` font-weight="bold"`
		}
		if s.font.Italic {
			st += ` font-style="italic"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s"%s>%s</text>`,
			num(s.pts[0].X), num(s.pts[0].Y), num(s.font.Size), hex(s.fill), st, text(s.text))
	}
}

func paint(s shape) string {
	out := ""
	if s.fill.A > 0 {
		out += ` fill="` + hex(s.fill) + `"` + opacity("fill-opacity", s.fill)
	} else {
		out += ` fill="none"`
	}
	if s.stroke.A > 0 && s.width > 0 {
		out += ` stroke="` + hex(s.stroke) + `" stroke-width="` + num(s.width) + `"` + opacity("stroke-opacity", s.stroke)
	}
	return out
}

func dashArray(d []float32) string {
	if len(d) == 0 {
		return ""
	}
	parts := make([]string, len(d))
	for i, v := range d {
		parts[i] = strconv.FormatFloat(float64(v), 'f', 2, 32)
	}
	return ` stroke-dasharray="` + strings.Join(parts, " ") + `"`
}

func opacity(name string, c color.NRGBA) string {
	if c.A == 0xFF {
		return ""
	}
	return ` ` + name + `="` + strconv.FormatFloat(float64(c.A)/255, 'f', 3, 64) + `"`
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// num writes a coordinate with at most two decimals: enough for a pixel,
// and short.
func num(v float32) string { return strconv.FormatFloat(float64(v), 'f', -1, 32) }

func points(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(float64(p.X), 'f', 2, 32))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(float64(p.Y), 'f', 2, 32))
	}
	return b.String()
}

// xmlEscaper escapes text for element content and attribute values alike,
// and drops the control characters XML 1.0 cannot carry at all.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;",
	"\t", "&#9;", "\n", "&#10;", "\r", "&#13;")

func text(s string) string { return xmlEscaper.Replace(validXML(s)) }
func attr(s string) string { return xmlEscaper.Replace(validXML(s)) }

// validXML drops what XML 1.0 documents may not contain: control
// characters other than tab and newlines, U+FFFE and U+FFFF; invalid UTF-8
// becomes U+FFFD.
func validXML(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
