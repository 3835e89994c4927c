package importer

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText renders an HTML subtree as plain text with one paragraph per
// block: <p>, heading, list item, block quote, table row and so on. The
// extractors' own text renderers either lose paragraph breaks or keep
// layout white space, so Commonplace renders the DOM itself.
type htmlText struct {
	paras []string
	cur   strings.Builder
	pre   int // depth inside <pre>, where white space is content
	// prefix is a list item's marker, written with the item's first text
	// so that an item wrapping a <p> does not leave a lone bullet behind.
	prefix string
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Img: true, atom.Picture: true, atom.Video: true, atom.Audio: true, atom.Canvas: true,
}

// inlineTags continue the current paragraph; every other element starts a
// new one, which is the safe default for the unknown tags real pages use.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true, atom.Em: true, atom.Font: true,
	atom.I: true, atom.Ins: true, atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Q: true,
	atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true,
	atom.Wbr: true, atom.Nobr: true, atom.Big: true, atom.Acronym: true,
}

// renderHTML returns the text of n, paragraphs separated by blank lines.
func renderHTML(n *html.Node) string {
	var t htmlText
	t.node(n)
	t.flush()
	return strings.Join(t.paras, "\n\n")
}

func (t *htmlText) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.DocumentNode:
		t.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	switch {
	case skipTags[n.DataAtom]:
	case n.DataAtom == atom.Br:
		t.cur.WriteByte('\n')
	case inlineTags[n.DataAtom]:
		t.children(n)
	case n.DataAtom == atom.Pre:
		t.flush()
		t.pre++
		t.children(n)
		t.pre--
		t.flush()
	case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
		t.list(n)
	case n.DataAtom == atom.Table && isDataTable(n):
		t.table(n)
	default:
		t.flush()
		t.children(n)
		t.flush()
	}
}

func (t *htmlText) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.node(c)
	}
}

func (t *htmlText) text(s string) {
	if strings.TrimSpace(s) != "" && t.prefix != "" {
		t.cur.WriteString(t.prefix)
		t.prefix = ""
	}
	if t.pre > 0 {
		t.cur.WriteString(s)
		return
	}
	// HTML white space, line breaks included, is one space.
	f := strings.Fields(s)
	if len(f) == 0 {
		if s != "" && t.cur.Len() > 0 {
			t.cur.WriteByte(' ')
		}
		return
	}
	if isSpaceByte(s[0]) {
		t.cur.WriteByte(' ')
	}
	t.cur.WriteString(strings.Join(f, " "))
	if isSpaceByte(s[len(s)-1]) {
		t.cur.WriteByte(' ')
	}
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// list gives each item its own paragraph, prefixed like the Markdown
// importer's lists so both read the same.
func (t *htmlText) list(n *html.Node) {
	t.flush()
	num := 1
	if s, ok := attr(n, "start"); ok && n.DataAtom == atom.Ol {
		if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && v >= 0 && v < 1e6 {
			num = v
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			t.node(c)
			continue
		}
		if n.DataAtom == atom.Ol {
			t.prefix = strconv.Itoa(num) + ". "
			num++
		} else {
			t.prefix = "• "
		}
		t.children(c)
		t.flush()
		t.prefix = ""
	}
}

// table renders each row of a data table as one paragraph, cells separated
// by " | ".
func (t *htmlText) table(n *html.Node) {
	t.flush()
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				var cells []string
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (cell.DataAtom == atom.Td || cell.DataAtom == atom.Th) {
						cells = append(cells, strings.Join(strings.Fields(renderHTML(cell)), " "))
					}
				}
				t.paras = append(t.paras, strings.Join(cells, " | "))
			case atom.Caption:
				t.node(c)
			default:
				walk(c)
			}
		}
	}
	walk(n)
}

// isDataTable tells a table of data from one used for page layout, as old
// sites did: layout tables hold blocks, breaks and long runs of prose.
func isDataTable(n *html.Node) bool {
	data := true
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && data; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Table, atom.P, atom.Div, atom.Ul, atom.Ol, atom.Br, atom.Blockquote,
					atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre:
					data = false
					return
				}
				walk(c)
			case html.TextNode:
				if len(c.Data) > 400 {
					data = false
				}
			}
		}
	}
	walk(n)
	return data
}

func (t *htmlText) flush() {
	s := strings.TrimSpace(t.cur.String())
	t.cur.Reset()
	if s != "" {
		t.paras = append(t.paras, s)
	}
}
