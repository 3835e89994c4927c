package report

import (
	"io"
	"strconv"
	"strings"
)

// writeText writes a piece's paragraphs as HTML: the bulk of the report,
// written here rather than by a template because it is most of the page
// (a template walks every segment by reflection, a third of an export's
// time), and straight to the output rather than into a string first (as
// much garbage again). The output is the template's, byte for byte: text
// is escaped with the same table html/template uses, and margin notes
// still come from the "pnote" template.
func writeText(b textWriter, paras []paraView) error {
	t := templates()
	for _, para := range paras {
		b.WriteString("<p>")
		for _, seg := range para.Segs {
			for _, p := range seg.Side {
				b.WriteString(`<span class="side">`)
				if err := t.ExecuteTemplate(b, "pnote", p); err != nil {
					return err
				}
				b.WriteString("</span>")
			}
			for _, m := range seg.Marks {
				b.WriteString(`<mark class="`)
				escaper.WriteString(b, m.Class)
				b.WriteString(`"`)
				if m.ID != "" {
					b.WriteString(` id="a-`)
					escaper.WriteString(b, m.ID)
					b.WriteString(`"`)
				}
				b.WriteString(">")
			}
			for i, line := range seg.Lines {
				if i > 0 {
					b.WriteString("<br>")
				}
				escaper.WriteString(b, line)
			}
			for range seg.Marks {
				b.WriteString("</mark>")
			}
			for _, p := range seg.Ends {
				b.WriteString(`<sup class="num">`)
				b.WriteString(strconv.Itoa(p.Num))
				b.WriteString("</sup>")
			}
		}
		b.WriteString("</p>\n")
		if len(para.Notes) > 0 {
			b.WriteString(`<div class="under">`)
			for _, p := range para.Notes {
				if err := t.ExecuteTemplate(b, "pnote", p); err != nil {
					return err
				}
			}
			b.WriteString("</div>\n")
		}
	}
	return nil
}

// textWriter is where writeText writes: the report's buffered output.
type textWriter interface {
	io.Writer
	io.StringWriter
}

// escaper escapes text and quoted attribute values exactly as
// html/template does (its htmlReplacementTable).
var escaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)
