package importer

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// This file turns text placed on pages into a piece's text: the PDF engine
// says what it drew where (pdfRun), and nothing here knows the engine, so
// the layout rules are tested and fuzzed on positions made up for them.
//
// The steps: runs are gathered into rows (one line of the page, across
// columns); the rows at the top and bottom of the pages that repeat on
// most pages (running headers and footers, with their page numbers), and
// bare page numbers, are dropped; each remaining row is cut at wide gaps
// into segments; gutters found between segments make columns, read left
// to right within each band of the page that no full-width line crosses;
// and the lines, read in that order across pages, are joined into
// paragraphs, undoing the hyphens that only broke a word at a line's end.

// pdfRun is text the PDF engine placed on one line in one font.
type pdfRun struct {
	text                     string
	left, right, top, bottom float64 // points; y grows upward, as in PDF
	size                     float64 // font size in points
}

// pdfRow is the runs of a page that share a line, left to right.
type pdfRow struct {
	runs        []pdfRun
	top, bottom float64
}

// pdfLine is one line of one column, as it is read.
type pdfLine struct {
	text                     string
	left, right, top, bottom float64
	size                     float64
	page                     int // from 0
	column                   int // which column of the page, counting bands; a new one is a column break
	colLeft, colRight        float64
}

// pdfLayout is what the pages read as: the text, where each page starts
// in it (runes), and the first page's largest-type lines, a title when the
// document's metadata has none.
type pdfLayout struct {
	text  string
	pages []int
	title string
}

// layoutPDF reads the runs of each page (pages[i] is page i+1) as a text.
func layoutPDF(pages [][]pdfRun) pdfLayout {
	rows := make([][]pdfRow, len(pages))
	for i, runs := range pages {
		rows[i] = pageRows(runs)
	}
	rows = dropFurniture(rows)
	var lines []pdfLine
	for i, r := range rows {
		lines = append(lines, readingOrder(r, i, len(lines))...)
	}
	text, starts := joinLines(lines, len(pages))
	return pdfLayout{text: text, pages: starts, title: largestFirstLines(rows)}
}

// cleanRunText is a run's text on one line, normalised; the engine marks
// a hyphen it found at a line's end as U+0002 or U+FFFE.
func cleanRunText(s string) string {
	s = strings.NewReplacer("\u0002", "-", "\ufffe", "-", "\u00ad", "-").Replace(s)
	return strings.Join(strings.Fields(textnorm.Normalize(s)), " ")
}

// pageRows gathers a page's runs into rows, top to bottom: a run belongs
// to the row its vertical middle falls in.
func pageRows(runs []pdfRun) []pdfRow {
	var clean []pdfRun
	for _, r := range runs {
		r.text = cleanRunText(r.text)
		if r.text == "" || !finite(r.left, r.right, r.top, r.bottom, r.size) {
			continue
		}
		if r.top < r.bottom {
			r.top, r.bottom = r.bottom, r.top
		}
		if r.right < r.left {
			r.left, r.right = r.right, r.left
		}
		if r.size <= 0 {
			r.size = r.top - r.bottom
		}
		clean = append(clean, r)
	}
	slices.SortStableFunc(clean, func(a, b pdfRun) int { return cmp.Compare(b.top+b.bottom, a.top+a.bottom) })
	var rows []pdfRow
	for _, r := range clean {
		mid := (r.top + r.bottom) / 2
		if n := len(rows); n > 0 && mid >= rows[n-1].bottom && mid <= rows[n-1].top {
			row := &rows[n-1]
			row.runs = append(row.runs, r)
			row.top, row.bottom = max(row.top, r.top), min(row.bottom, r.bottom)
			continue
		}
		rows = append(rows, pdfRow{runs: []pdfRun{r}, top: r.top, bottom: r.bottom})
	}
	for i := range rows {
		slices.SortStableFunc(rows[i].runs, func(a, b pdfRun) int { return cmp.Compare(a.left, b.left) })
	}
	return rows
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if v != v || v > 1e7 || v < -1e7 { // NaN, or beyond any page
			return false
		}
	}
	return true
}

// rowText is a row's words, its runs joined by a space.
func rowText(r pdfRow) string {
	parts := make([]string, len(r.runs))
	for i, run := range r.runs {
		parts[i] = run.text
	}
	return strings.Join(parts, " ")
}

// furnitureRows is how many rows at each end of a page may be a running
// header or footer: a header line and a rule's caption, a footer line and
// its page number.
const furnitureRows = 2

// pageNumber matches a row that is only a page number: "7", "- 7 -",
// "Page 7", "p. 7", "7 of 30", "vii".
var pageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(page|p\.)?\s*([0-9]{1,5}|[ivxlc]{1,7})(\s*(of|/)\s*[0-9]{1,5})?[-–—\s]*$`)

// maxFurnitureWords bounds a running header or footer: a title, an
// author, a section, a date. A longer row is a line of the text, however
// alike it reads on every page ("Page 3, paragraph 1. Lorries queue …"
// at the top of each page of a log once lost its words as a "header").
const maxFurnitureWords = 12

// digits stand for any number in a running header's key, so "Report — 3"
// and "Report — 4" are the same header.
var digits = regexp.MustCompile(`[0-9]+`)

// dropFurniture removes running headers and footers and bare page numbers.
// A header is a row among the first or last few of a page whose words,
// numbers aside, stand at the same height on at least half the pages (and
// on two at least); a bare page number goes wherever it stands at a
// page's top or bottom. A single page therefore keeps its lines but loses
// a lone number at its foot.
func dropFurniture(pages [][]pdfRow) [][]pdfRow {
	type place struct {
		page, row int
		key       string
	}
	var candidates []place
	for p, rows := range pages {
		for i := range rows {
			atTop, atBottom := i < furnitureRows, i >= len(rows)-furnitureRows
			if !atTop && !atBottom {
				continue
			}
			// Within 3 points: a running header stands where the page's
			// template put it, a line of text that reads alike does not.
			height := int(math.Round((rows[i].top + rows[i].bottom) / 6))
			key := fmt.Sprintf("%d\x00%s", height, strings.ToLower(digits.ReplaceAllString(rowText(rows[i]), "#")))
			if atTop {
				candidates = append(candidates, place{p, i, "top\x00" + key})
			}
			if atBottom {
				candidates = append(candidates, place{p, i, "bottom\x00" + key})
			}
		}
	}
	onPages := map[string]map[int]bool{}
	for _, c := range candidates {
		if onPages[c.key] == nil {
			onPages[c.key] = map[int]bool{}
		}
		onPages[c.key][c.page] = true
	}
	withText := 0
	for _, rows := range pages {
		if len(rows) > 0 {
			withText++
		}
	}
	drop := map[[2]int]bool{}
	for _, c := range candidates {
		n := len(onPages[c.key])
		text := rowText(pages[c.page][c.row])
		if (n >= 2 && 2*n >= withText && len(strings.Fields(text)) <= maxFurnitureWords) || pageNumber.MatchString(text) {
			drop[[2]int{c.page, c.row}] = true
		}
	}
	out := make([][]pdfRow, len(pages))
	for p, rows := range pages {
		for i, r := range rows {
			if !drop[[2]int{p, i}] {
				out[p] = append(out[p], r)
			}
		}
	}
	return out
}

// segment is a stretch of a row with no wide gap in it: one column's line.
type segment struct {
	pdfLine
	row int
}

// rowSegments cuts a row where the gap between two runs is wider than a
// word space could be, and joins the runs of each piece.
func rowSegments(r pdfRow, row int) []segment {
	var out []segment
	for _, run := range r.runs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			gap := run.left - last.right
			if gap <= 1.2*max(run.size, last.size) {
				sep := ""
				if gap > 0.15*run.size {
					sep = " "
				}
				last.text += sep + run.text
				last.right = max(last.right, run.right)
				last.top, last.bottom = max(last.top, run.top), min(last.bottom, run.bottom)
				last.size = max(last.size, run.size)
				continue
			}
		}
		out = append(out, segment{pdfLine: pdfLine{
			text: run.text, left: run.left, right: run.right, top: run.top, bottom: run.bottom, size: run.size,
		}, row: row})
	}
	return out
}

// wideShare is how much of the text's width a line must cover to be read
// as crossing the columns (a title, a full-width paragraph) rather than
// as a column's line.
const wideShare = 0.55

// readingOrder puts a page's rows in the order they are read, as lines.
// Columns are found from gutters: gaps between the narrow segments that
// have text on both sides in two rows at least (a right-aligned date is
// not a column). A line that crosses a gutter, or covers most of the
// width, cuts the page into bands, each read column by column. column
// numbers count from first, so that they differ across pages.
func readingOrder(rows []pdfRow, page, first int) []pdfLine {
	var segs []segment
	for i, r := range rows {
		segs = append(segs, rowSegments(r, i)...)
	}
	if len(segs) == 0 {
		return nil
	}
	textLeft, textRight := segs[0].left, segs[0].right
	for _, s := range segs {
		textLeft, textRight = min(textLeft, s.left), max(textRight, s.right)
	}
	width := textRight - textLeft
	bounds := gutters(segs, textLeft, width)
	columnOf := func(s segment) int {
		if s.right-s.left >= wideShare*width {
			return -1
		}
		c := 0
		for _, b := range bounds {
			if s.left < b && s.right > b {
				return -1
			}
			if (s.left+s.right)/2 > b {
				c++
			}
		}
		return c
	}
	// Each column's extent over the page, for telling a short line.
	colLeft := make([]float64, len(bounds)+1)
	colRight := make([]float64, len(bounds)+1)
	for i := range colLeft {
		colLeft[i], colRight[i] = textRight, textLeft
	}
	for _, s := range segs {
		if c := columnOf(s); c >= 0 {
			colLeft[c], colRight[c] = min(colLeft[c], s.left), max(colRight[c], s.right)
		}
	}
	var out []pdfLine
	band := make([][]pdfLine, len(bounds)+1)
	column := first
	flush := func() {
		for _, lines := range band {
			if len(lines) == 0 {
				continue
			}
			for _, l := range lines {
				l.column = column
				out = append(out, l)
			}
			column++
		}
		clear(band)
	}
	for _, s := range segs {
		l := s.pdfLine
		l.page = page
		c := columnOf(s)
		if c < 0 || len(bounds) == 0 {
			if len(bounds) > 0 {
				flush()
			}
			l.colLeft, l.colRight = textLeft, textRight
			l.column = column
			out = append(out, l)
			continue
		}
		l.colLeft, l.colRight = colLeft[c], colRight[c]
		band[c] = append(band[c], l)
	}
	flush()
	return out
}

// maxColumnSegments bounds the segments of a page whose columns are
// looked for (the search compares them pairwise); a page with more is
// read row by row.
const maxColumnSegments = 2000

// gutters are the x positions between columns (see readingOrder): a gap
// between a line's end and the next line's start, at least a letter
// wide, that text stands on both sides of in two rows at least and that
// hardly any line crosses (a centred heading may).
func gutters(segs []segment, textLeft, width float64) []float64 {
	if width <= 0 || len(segs) > maxColumnSegments {
		return nil
	}
	type gap struct{ from, to float64 }
	var found []gap
	for _, a := range segs {
		if a.right-a.left >= wideShare*width {
			continue
		}
		// The nearest start of a narrow line right of a's end.
		to := math.Inf(1)
		for _, b := range segs {
			if b.left >= a.right && b.left < to && b.right-b.left < wideShare*width {
				to = b.left
			}
		}
		g := gap{a.right, to}
		if math.IsInf(to, 1) || to-a.right < max(6, 0.8*a.size) || a.right <= textLeft {
			continue
		}
		if slices.ContainsFunc(found, func(f gap) bool { return f.from < g.to && g.from < f.to }) {
			continue
		}
		crossing := 0
		for _, s := range segs {
			if s.left < g.to && s.right > g.from {
				crossing++
			}
		}
		if shared := rowsOnBothSides(segs, g.from, g.to); shared >= 2 && crossing <= max(1, shared/4) {
			found = append(found, g)
		}
	}
	bounds := make([]float64, len(found))
	for i, g := range found {
		bounds[i] = (g.from + g.to) / 2
	}
	slices.Sort(bounds)
	return bounds
}

// rowsOnBothSides counts the rows with text both left of x0 and right of
// x1.
func rowsOnBothSides(segs []segment, x0, x1 float64) int {
	left, right := map[int]bool{}, map[int]bool{}
	for _, s := range segs {
		if s.right <= x0 {
			left[s.row] = true
		}
		if s.left >= x1 {
			right[s.row] = true
		}
	}
	n := 0
	for r := range left {
		if right[r] {
			n++
		}
	}
	return n
}

// largestFirstLines is the first page's title: the first rows set in the
// page's largest type, when that is larger than most of its text.
func largestFirstLines(pages [][]pdfRow) string {
	var rows []pdfRow
	for _, p := range pages {
		if len(p) > 0 {
			rows = p
			break
		}
	}
	if len(rows) < 2 {
		return ""
	}
	sizeOf := func(r pdfRow) float64 {
		s := 0.0
		for _, run := range r.runs {
			s = max(s, run.size)
		}
		return s
	}
	sizes := make([]float64, len(rows))
	largest := 0.0
	for i, r := range rows {
		sizes[i] = sizeOf(r)
		largest = max(largest, sizes[i])
	}
	body := slices.Clone(sizes)
	slices.Sort(body)
	if largest < 1.15*body[len(body)/2] {
		return ""
	}
	var title []string
	for i, r := range rows {
		if sizes[i] >= largest-0.5 {
			title = append(title, rowText(r))
		} else if len(title) > 0 {
			break
		}
		if len(title) == 3 {
			break
		}
	}
	return strings.Join(title, " ")
}

// joinLines joins lines read in order into paragraphs, and says where each
// of pageCount pages starts in the text (runes).
func joinLines(lines []pdfLine, pageCount int) (string, []int) {
	words := vocabulary(lines)
	pitch := typicalPitch(lines)
	var b strings.Builder
	runes := 0
	starts := make([]int, 0, pageCount)
	write := func(s string) {
		b.WriteString(s)
		runes += utf8.RuneCountInString(s)
	}
	// A line's final hyphen is held back until the next line says
	// whether it stays.
	hyphenHeld := false
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			keep, split := hyphenBreak(prev.text, l.text, words)
			switch {
			case newParagraph(prev, l, pitch):
				if hyphenHeld {
					write("-")
				}
				write("\n\n")
			case hyphenHeld && split:
				if keep {
					write("-")
				}
			case hyphenHeld:
				write("- ")
			default:
				write(" ")
			}
		}
		for len(starts) <= l.page {
			starts = append(starts, runes)
		}
		text, held := strings.CutSuffix(l.text, "-")
		write(text)
		hyphenHeld = held
	}
	if hyphenHeld {
		write("-")
	}
	for len(starts) < pageCount {
		starts = append(starts, runes)
	}
	text := b.String()
	if textnorm.Normalize(text) != text {
		// Lines were normalised one by one; joined, they could compose
		// anew (a line starting with a combining mark). Offsets into the
		// text before would not be offsets into the text after.
		return textnorm.Normalize(text), nil
	}
	return text, starts[:pageCount]
}

// newParagraph says whether cur starts a paragraph after prev: type of
// another size (a heading), a gap wider than the lines' usual spacing, a
// first-line indent, or prev ending short of its column — by more than
// cur's first word, which would have fit there had the line run on.
// Across a column or page break only the last three can tell, so a
// paragraph runs on from one page to the next.
func newParagraph(prev, cur pdfLine, pitch map[int]float64) bool {
	if cur.size > 1.1*prev.size || prev.size > 1.1*cur.size {
		return true
	}
	sameColumn := prev.column == cur.column && prev.page == cur.page
	if sameColumn {
		step := prev.top - cur.top
		usual := pitch[sizeKey(cur.size)]
		if usual == 0 {
			usual = 1.5 * cur.size
		}
		if step > 1.3*usual || step < 0 {
			return true
		}
	}
	if cur.left > cur.colLeft+0.8*cur.size && prev.left <= prev.colLeft+0.5*prev.size {
		return true
	}
	return prev.colRight-prev.right > 1.25*firstWordWidth(cur)+0.5*cur.size
}

// firstWordWidth estimates the width of a line's first word from the
// line's average letter width.
func firstWordWidth(l pdfLine) float64 {
	n := utf8.RuneCountInString(l.text)
	if n == 0 {
		return 0
	}
	word, _, _ := strings.Cut(l.text, " ")
	return (l.right - l.left) / float64(n) * float64(utf8.RuneCountInString(word))
}

func sizeKey(size float64) int { return int(size*2 + 0.5) }

// typicalPitch is, for each type size, the most common distance from one
// line's top to the next one's within a column: the spacing that does not
// end a paragraph.
func typicalPitch(lines []pdfLine) map[int]float64 {
	steps := map[int][]float64{}
	for i := 1; i < len(lines); i++ {
		prev, cur := lines[i-1], lines[i]
		step := prev.top - cur.top
		if prev.column != cur.column || sizeKey(prev.size) != sizeKey(cur.size) || step < 0.8*cur.size || step > 3*cur.size {
			continue
		}
		k := sizeKey(cur.size)
		steps[k] = append(steps[k], step)
	}
	out := map[int]float64{}
	for k, s := range steps {
		slices.Sort(s)
		// The lower quartile: paragraph gaps are among the steps, and
		// there may be as many of them as of ordinary ones.
		out[k] = s[len(s)/4]
	}
	return out
}

// vocabulary is every word of the lines (lower case, as it stands),
// for telling a hyphenated compound from a word broken at a line's end.
func vocabulary(lines []pdfLine) map[string]bool {
	words := map[string]bool{}
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }))
			w = strings.Trim(w, "-")
			if w != "" {
				words[w] = true
			}
		}
	}
	return words
}

// hyphenBreak says whether prev ends in a hyphen that broke a line inside
// a word and, if so, whether the hyphen belongs to the word. It does when
// the next line goes on with a capital or a digit ("Afghan-" "Pakistani",
// "1990-" "2001"), or when the document writes the word with that hyphen
// elsewhere and never without it. It does not when the document writes
// the joined word elsewhere ("secur-" "ity": "security"). With neither, a
// hyphen after a capitalised part stays ("Kabul-" "based": a place's
// compound) and any other goes.
func hyphenBreak(prev, next string, words map[string]bool) (keep, split bool) {
	if !strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "--") {
		return false, false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	after, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(before) && !unicode.IsDigit(before) {
		return false, false
	}
	if !unicode.IsLower(after) {
		return true, true
	}
	head := lastWord(strings.TrimSuffix(prev, "-"))
	tail, _, _ := strings.Cut(next, " ")
	tail = strings.TrimRightFunc(tail, func(r rune) bool { return !unicode.IsLetter(r) })
	joined := strings.ToLower(head + tail)
	hyphened := strings.ToLower(head + "-" + tail)
	switch {
	case words[joined] && !words[hyphened]:
		return false, true
	case words[hyphened] && !words[joined]:
		return true, true
	}
	first, _ := utf8.DecodeRuneInString(head)
	return unicode.IsUpper(first) || strings.Contains(head, "-"), true
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}
