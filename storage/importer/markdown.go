package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"commonplace/storage/textnorm"
)

// markdown parses CommonMark plus the GitHub extensions people use in notes
// (tables, strikethrough, task lists, bare links). It is safe for concurrent
// use.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// importMarkdown reads a Markdown file: optional YAML front matter, then a
// body rendered to plain text from goldmark's syntax tree.
func importMarkdown(name, src string) Document {
	var doc Document
	body := []byte(src)
	if m, rest, ok := splitFrontMatter(body); ok {
		fm := parseFrontMatter(m)
		doc = Document{Title: fm.title, Authors: fm.authors, Outlet: fm.outlet,
			Published: fm.published, URL: fm.url, Tags: fm.tags}
		body = rest
	}
	root := markdown.Parser().Parse(text.NewReader(body))
	r := newMDText(body)

	// The first H1 is the title unless front matter named one. It stays
	// in the text: a title is read from the text, never taken out of it.
	if doc.Title == "" {
		if h := firstH1(root); h != nil {
			doc.Title = oneLine(r.inline(h))
		}
	}
	doc.Text = textnorm.Normalize(strings.Join(r.block(root), "\n\n"))
	// A byline, an outlet and a date under the title, as in a plain-text
	// article (readHeader); front matter, when it gave them, wins.
	paras := paragraphs(doc.Text)
	skip := 0
	if len(paras) > 0 && doc.Title != "" && oneLine(paras[0]) == doc.Title {
		skip = 1
	}
	readHeader(paras, skip).fill(&doc)
	return doc
}

func firstH1(root ast.Node) *ast.Heading {
	var found *ast.Heading
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			found = h
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// mdText renders goldmark nodes as plain text.
type mdText struct {
	src []byte
	buf bytes.Buffer
	w   *bufio.Writer
}

func newMDText(src []byte) *mdText {
	r := &mdText{src: src}
	r.w = bufio.NewWriter(&r.buf)
	return r
}

// block returns the paragraphs of a block node. Lists and tables are one
// paragraph each, one line per item or row, which is how they read.
func (r *mdText) block(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Document, *ast.Blockquote:
		return r.children(n)
	case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
		return nonEmpty(r.inline(n))
	case *ast.List:
		return nonEmpty(r.list(n))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return nonEmpty(r.lines(n))
	case *ast.HTMLBlock, *ast.ThematicBreak:
		// Raw HTML in notes is embeds, comments and layout, not prose.
		return nil
	case *east.Table:
		return nonEmpty(r.table(n))
	}
	if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
		return r.children(n)
	}
	return nonEmpty(r.inline(n))
}

func (r *mdText) children(n ast.Node) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, r.block(c)...)
	}
	return out
}

func (r *mdText) list(l *ast.List) string {
	var items []string
	num := l.Start
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		prefix := "• "
		if l.IsOrdered() {
			prefix = fmt.Sprintf("%d. ", num)
			num++
		}
		items = append(items, prefix+strings.Join(r.children(c), "\n"))
	}
	return strings.Join(items, "\n")
}

func (r *mdText) lines(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(r.src))
	}
	return b.String()
}

func (r *mdText) table(t *east.Table) string {
	var rows []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.TrimSpace(r.inline(cell)))
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	return strings.Join(rows, "\n")
}

// inline returns the text of a node's inline content: emphasis dropped,
// links as their text, images as their alt text, raw HTML left out.
func (r *mdText) inline(n ast.Node) string {
	var b strings.Builder
	r.inlineTo(&b, n)
	return b.String()
}

func (r *mdText) inlineTo(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b.Write(c.Value(r.src))
			} else {
				b.WriteString(r.unescape(c.Value(r.src)))
			}
			if c.HardLineBreak() {
				b.WriteByte('\n')
			} else if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.WriteString(r.unescape(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.WriteString(strings.ReplaceAll(string(t.Value(r.src)), "\n", " "))
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(r.src))
		case *ast.RawHTML, *east.TaskCheckBox:
		default:
			r.inlineTo(b, c)
		}
	}
}

// unescape resolves backslash escapes and character references exactly as
// goldmark's HTML renderer does, by letting it write HTML and decoding that.
func (r *mdText) unescape(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v)
	}
	r.buf.Reset()
	ghtml.DefaultWriter.Write(r.w, v)
	_ = r.w.Flush()
	return html.UnescapeString(r.buf.String())
}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}
