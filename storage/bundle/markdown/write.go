package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/report"
	"go.yaml.in/yaml/v3"
)

// frontMatter is v as YAML between --- fences.
func frontMatter(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(frontMatterSep + "\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	b.WriteString(frontMatterSep + "\n")
	return b.Bytes(), nil
}

func (x *exporter) writePiece(id string) error {
	p, err := x.s.Piece(id)
	if err != nil {
		return err
	}
	text, err := x.s.PieceText(id)
	if err != nil {
		return err
	}
	anns, err := x.s.AnnotationsOf(id)
	if err != nil {
		return err
	}
	revs, err := x.s.Revisions(id)
	if err != nil {
		return err
	}
	front := pieceFront{Title: p.Title, Authors: p.Authors, Outlet: p.Outlet, Published: p.Published, URL: p.URL,
		Tags: p.Tags, Kind: kindPiece, ID: p.ID, Format: p.Format, Revision: p.Revision, Hash: p.Hash,
		Created: p.Created.UTC(), Updated: p.Updated.UTC()}
	ids := []string{id}
	for _, a := range anns {
		front.Annotations = append(front.Annotations, toPassageFront(a))
		ids = append(ids, a.ID)
		x.hashes[a.ID] = merge.AnnotationHash(a)
	}
	front.Links = x.linksFrom(ids...)
	fm, err := frontMatter(front)
	if err != nil {
		return err
	}

	var b strings.Builder
	b.Write(fm)
	b.WriteString("\n# " + escapeHTML(oneLine(p.Title)) + "\n\n")
	if line := byline(p); line != "" {
		b.WriteString(line + "\n\n")
	}
	writeTags(&b, p.Tags)
	writeList(&b, x.linkLines(id))
	b.WriteString(textStart + "\n" + escapeHTML(text) + "\n" + endMark + "\n\n")

	var placed, lost []storage.Annotation
	for _, a := range anns {
		if _, ok := a.Place(); ok {
			placed = append(placed, a)
		} else {
			lost = append(lost, a)
		}
	}
	var doc *anchor.Text // for guesses, which only flagged passages have
	for _, a := range anns {
		if a.Guess != nil {
			doc = anchor.NewText(text)
			break
		}
	}
	if len(placed) > 0 {
		b.WriteString("## Passages\n\n")
		for _, a := range placed {
			x.writePassage(&b, a, doc)
		}
	}
	if len(lost) > 0 {
		b.WriteString("## Passages no longer in the text\n\n")
		for _, a := range lost {
			x.writePassage(&b, a, doc)
		}
	}
	if err := x.writeFile(x.file[id]+".md", trimEnd(b.String())); err != nil {
		return err
	}
	for _, r := range revs {
		fm, err := frontMatter(bundle.RevisionFront{Piece: id, Number: r.Number, Hash: r.Hash, Replaced: r.Replaced.UTC()})
		if err != nil {
			return err
		}
		if err := x.writeFile(fmt.Sprintf("%s/%s/%d.md", revisionsDir, id, r.Number), append(fm, r.Text...)); err != nil {
			return err
		}
	}
	x.hashes[id] = merge.PieceHash(p)
	x.counts.Pieces++
	x.counts.Revisions += len(revs)
	x.counts.Annotations += len(anns)
	return nil
}

// writePassage writes a passage as a block quote with its block id, then
// the note, tags and links: in Obsidian, ![[file#^a-…]] shows the quote.
// The quote is the words as marked; for a passage flagged for review, the
// words the app guesses they became follow.
func (x *exporter) writePassage(b *strings.Builder, a storage.Annotation, doc *anchor.Text) {
	writeQuote(b, a.Selector.Exact)
	b.WriteString("\n^" + x.block[a.ID] + "\n\n")
	switch a.Status {
	case anchor.Review:
		b.WriteString("**Needs review** — the text changed since this was marked")
		if g := a.Guess; g != nil && doc != nil && 0 <= g.Start && g.Start < g.End && g.End <= doc.Len() {
			b.WriteString("; the words are probably now “" + escapeHTML(oneLine(doc.Slice(g.Start, g.End))) + "”")
		}
		b.WriteString(".\n\n")
	case anchor.Orphaned:
		b.WriteString("**Orphaned** — the text changed since this was marked and the words are no longer in it.\n\n")
	}
	if a.Note != "" {
		b.WriteString(escapeHTML(a.Note) + "\n\n")
	}
	writeTags(b, a.Tags)
	writeList(b, x.linkLines(a.ID))
}

func (x *exporter) writeClaim(id string) error {
	c, err := x.s.Claim(id)
	if err != nil {
		return err
	}
	front := claimFront{Statement: c.Statement, Tags: c.Tags, Kind: kindClaim, ID: c.ID, Note: c.Note,
		Evidence: c.Evidence, Created: c.Created.UTC(), Updated: c.Updated.UTC(), Links: x.linksFrom(id)}
	fm, err := frontMatter(front)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.Write(fm)
	b.WriteString("\n# " + escapeHTML(oneLine(c.Statement)) + "\n\n")
	if c.Note != "" {
		b.WriteString(escapeHTML(c.Note) + "\n\n")
	}
	writeTags(&b, c.Tags)
	if len(c.Evidence) > 0 {
		b.WriteString("## Evidence\n\n")
		for _, ev := range c.Evidence {
			if piece, ok := x.pieceOf[ev]; ok {
				a, err := x.s.Annotation(ev)
				if err != nil {
					return err
				}
				writeQuote(&b, a.Selector.Exact)
				b.WriteString(">\n> — [[" + x.file[piece] + "#^" + x.block[ev] + "|" + x.label[piece] + "]]\n\n")
				continue
			}
			words := "a passage"
			if o, ok := x.outside[ev]; ok {
				words = "“" + alias(o.Title, 80) + "”"
			}
			b.WriteString("> " + words + " " + notInFolder + "\n\n")
		}
	}
	if lines := x.linkLines(id); len(lines) > 0 {
		b.WriteString("## Links\n\n")
		writeList(&b, lines)
	}
	x.hashes[id] = merge.ClaimHash(c)
	x.counts.Claims++
	return x.writeFile(claimsDir+"/"+x.file[id]+".md", trimEnd(b.String()))
}

func (x *exporter) writeNote(id string) error {
	n, err := x.s.Note(id)
	if err != nil {
		return err
	}
	front := noteFront{Title: n.Title, Place: n.Place, Tags: n.Tags, Kind: kindNote, ID: n.ID, Attached: n.Attached,
		Created: n.Created.UTC(), Updated: n.Updated.UTC(), Links: x.linksFrom(id)}
	fm, err := frontMatter(front)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.Write(fm)
	b.WriteString("\n# " + x.label[id] + "\n\n")
	meta := []string{n.Created.UTC().Format("2 January 2006")}
	if n.Place != "" {
		meta = append([]string{"*" + escapeHTML(oneLine(n.Place)) + "*"}, meta...)
	}
	if n.Attached != "" {
		if _, in := x.label[n.Attached]; in {
			meta = append(meta, "on "+x.wikilink(n.Attached))
		} else if o, ok := x.outside[n.Attached]; ok {
			meta = append(meta, "on “"+alias(o.Title, 80)+"” "+notInFolder)
		}
	}
	b.WriteString(strings.Join(meta, " · ") + "\n\n")
	b.WriteString(bodyStart + "\n" + escapeHTML(n.Body) + "\n" + endMark + "\n\n")
	writeTags(&b, n.Tags)
	if lines := x.linkLines(id); len(lines) > 0 {
		b.WriteString("## Links\n\n")
		writeList(&b, lines)
	}
	x.hashes[id] = merge.NoteHash(n)
	x.counts.Notes++
	return x.writeFile(notesDir+"/"+x.file[id]+".md", trimEnd(b.String()))
}

// byline is "*authors* · outlet · date · [site](url)".
func byline(p storage.Piece) string {
	var parts []string
	if len(p.Authors) > 0 {
		parts = append(parts, "*"+escapeHTML(oneLine(strings.Join(p.Authors, ", ")))+"*")
	}
	if p.Outlet != "" {
		parts = append(parts, escapeHTML(oneLine(p.Outlet)))
	}
	if p.Published != "" {
		parts = append(parts, report.Date(p.Published))
	}
	if u, err := url.Parse(p.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(p.URL, "<> \n") {
		parts = append(parts, "["+alias(strings.TrimPrefix(u.Host, "www."), 60)+"](<"+p.URL+">)")
	}
	return strings.Join(parts, " · ")
}

// writeQuote writes s as a block quote, blank lines included.
func writeQuote(b *strings.Builder, s string) {
	for _, line := range strings.Split(s, "\n") {
		if line == "" {
			b.WriteString(">\n")
		} else {
			b.WriteString("> " + escapeHTML(line) + "\n")
		}
	}
}

func writeTags(b *strings.Builder, tags []string) {
	if len(tags) == 0 {
		return
	}
	for i, t := range tags {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tagWord(t))
	}
	b.WriteString("\n\n")
}

func writeList(b *strings.Builder, lines []string) {
	if len(lines) == 0 {
		return
	}
	for _, l := range lines {
		b.WriteString("- " + l + "\n")
	}
	b.WriteString("\n")
}

// trimEnd ends a file with one line break, not the blank line every
// block is written with.
func trimEnd(s string) []byte { return []byte(strings.TrimRight(s, "\n") + "\n") }

// oneLine keeps a heading on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
