package importer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// The PDFs here are written by each test with codeberg.org/go-pdf/fpdf into
// its temporary folder: nothing is kept in the repository, and every line
// break is where the test put it.

// A4 portrait in millimetres, with 20 mm margins.
const (
	pageMargin = 20.0
	textWidth  = 210 - 2*pageMargin
	lineHeight = 6.0
)

// reportPDF is a new document with a running header and a footer holding
// the page number, as reports have.
func reportPDF(title, author string) *fpdf.Fpdf {
	pdf := plainPDF(title, author)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "I", 9)
		pdf.CellFormat(0, 8, "Central Asia Security Review - Quarterly Report", "", 1, "C", false, 0, "")
		pdf.Ln(4)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-18)
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 8, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	return pdf
}

// plainPDF is a new document with only a page number at each page's foot:
// a running header is known by standing on many pages, which a page or
// two cannot show.
func plainPDF(title, author string) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(true, pageMargin+5)
	if title != "" {
		pdf.SetTitle(title, true)
	}
	if author != "" {
		pdf.SetAuthor(author, true)
	}
	pdf.SetCreationDate(time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC))
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-18)
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 8, fmt.Sprintf("%d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	return pdf
}

// paragraph writes text as a justified paragraph of the given width at the
// current x, with the lines of wrapLines, and returns them.
func paragraph(pdf *fpdf.Fpdf, text string, width float64) []string {
	lines := wrapLines(pdf, text, width)
	x := pdf.GetX()
	for i, l := range lines {
		pdf.SetX(x)
		if spaces := strings.Count(l, " "); i < len(lines)-1 && spaces > 0 {
			// Justified, as reports are: every line but the last runs to
			// the column's edge.
			pdf.SetWordSpacing((width - pdf.GetStringWidth(l)) / float64(spaces))
		}
		pdf.CellFormat(width, lineHeight, l, "", 1, "L", false, 0, "")
		pdf.SetWordSpacing(0)
	}
	return lines
}

// wrapLines wraps text to width in the current font, so that the test
// knows each line: a word written "secur|ity" may break there, with a
// hyphen, when it does not fit whole.
func wrapLines(pdf *fpdf.Fpdf, text string, width float64) []string {
	var lines, line []string
	fits := func(words []string) bool { return pdf.GetStringWidth(strings.Join(words, " ")) <= width }
	for _, w := range strings.Fields(text) {
		whole := strings.ReplaceAll(w, "|", "")
		if fits(append(slices.Clone(line), whole)) {
			line = append(line, whole)
			continue
		}
		head, tail, ok := strings.Cut(w, "|")
		if !strings.HasSuffix(head, "-") {
			head += "-"
		}
		if ok && fits(append(slices.Clone(line), head)) {
			lines = append(lines, strings.Join(append(line, head), " "))
			line = []string{strings.ReplaceAll(tail, "|", "")}
			continue
		}
		lines = append(lines, strings.Join(line, " "))
		line = []string{whole}
	}
	return append(lines, strings.Join(line, " "))
}

func writePDF(t testing.TB, pdf *fpdf.Fpdf, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// places open the report's paragraphs, so that no two begin alike.
var places = []string{"Badakhshan", "Termez", "the Wakhan", "Khorog", "Mazar", "Kunduz", "Osh", "Faizabad",
	"Ishkashim", "Murghab", "Sherkhan Bandar", "Jalalabad", "Panj", "Darvaz", "Rushan", "Hairatan"}

// reportParagraphs are n paragraphs of a report in the current font,
// each different, with words that may break at a line's end; in the first
// the line breaks inside "secur|ity" and in the second after "Kabul-".
func reportParagraphs(pdf *fpdf.Fpdf, n int) []string {
	fillers := []string{"", "now", "also", "even", "still", "indeed", "lately", "in turn", "of late", "meanwhile",
		"moreover", "as before", "in any case", "for their part", "as it happens", "once again"}
	out := make([]string, n)
	for i := range out {
		body := func(filler string) string {
			return "the pro|vincial au|thorities de|scribe the secur|ity ar|range|ments along the " +
				"border dif|fer|ently from the ministry, and " + strings.TrimSpace(filler+" Kabul-|based") + " analysts add a third ac|count of the pa|trols. " +
				"Con|trac|tors say their work is li|mited to guar|ding the mi|ning sites, while resi|dents re|port " +
				"ve|hicles on roads far from any mine and check|points that ap|pear with|out no|tice. " +
				"Tra|ders in Ter|mez de|scribe de|lays of se|veral days at the cros|sing."
		}
		out[i] = fmt.Sprintf("In %s, %s", places[i%len(places)], body(""))
		want := map[int]string{0: "secur-", 1: "Kabul-"}[i]
		// Other openings, and other words before "Kabul-based", of other
		// lengths, until the word meets the line's end.
		for k := 0; want != "" && k < 7*len(fillers)*8 && !endsALine(pdf, out[i], want); k++ {
			adverb := []string{"now ", "again ", "lately ", "recently ", "meanwhile ", "reportedly ", "so far "}[k%7]
			filler := fillers[k/7%len(fillers)]
			out[i] = fmt.Sprintf("In %s, %s%s%s", places[i%len(places)], adverb, strings.Repeat("as before, ", k/7/len(fillers)), body(filler))
		}
	}
	return out
}

// endsALine reports whether wrapping text breaks a line after word.
func endsALine(pdf *fpdf.Fpdf, text, word string) bool {
	return slices.ContainsFunc(wrapLines(pdf, text, textWidth), func(l string) bool { return lastWord(l) == word })
}

func TestImportPDFReport(t *testing.T) {
	pdf := reportPDF("Border Security Review", "Ingrid Valcourt; Tomas Berg")
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	paras := reportParagraphs(pdf, 12)
	var written [][]string
	for i, p := range paras {
		if i == 6 {
			// Room for two lines only: the paragraph runs on to the
			// next page.
			_, height := pdf.GetPageSize()
			pdf.SetY(height - (pageMargin + 5) - 2.5*lineHeight)
		}
		pdf.SetFont("Times", "", 12)
		written = append(written, paragraph(pdf, p, textWidth))
		pdf.Ln(4)
	}
	doc, err := File(writePDF(t, pdf, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatPDF || doc.Title != "Border Security Review" || doc.Published != "2024-03-15" ||
		!slices.Equal(doc.Authors, []string{"Ingrid Valcourt", "Tomas Berg"}) {
		t.Errorf("metadata: %q %q %v %q", doc.Format, doc.Title, doc.Authors, doc.Published)
	}
	want := make([]string, len(paras))
	for i, p := range paras {
		want[i] = strings.ReplaceAll(p, "|", "")
	}
	got := strings.Split(doc.Text, "\n\n")
	if !slices.Equal(got, want) {
		t.Errorf("text:\n%s\n\nwant:\n%s", doc.Text, strings.Join(want, "\n\n"))
	}
	// The test means what it says only if the lines broke inside words
	// and a paragraph ran from one page onto the next.
	var broken []string
	for _, lines := range written {
		for _, l := range lines {
			if strings.HasSuffix(l, "-") {
				broken = append(broken, lastWord(l))
			}
		}
	}
	if !slices.Contains(broken, "secur-") || !slices.Contains(broken, "Kabul-") {
		t.Errorf("the report broke no line at secur- and Kabul- (only at %v): change its words", broken)
	}
	if len(doc.Pages) < 2 {
		t.Fatalf("pages: %v", doc.Pages)
	}
	rs := []rune(doc.Text)
	if !slices.ContainsFunc(doc.Pages[1:], func(start int) bool { return start > 0 && rs[start-1] != '\n' }) {
		t.Errorf("every page starts a paragraph (%v): none ran across a page break, and the test shows nothing", doc.Pages)
	}
	if strings.Contains(doc.Text, "Quarterly Report") || strings.Contains(doc.Text, "Page ") {
		t.Errorf("running header or footer kept:\n%s", doc.Text)
	}
	// Each page's text starts with what that page shows first.
	for i, start := range doc.Pages {
		first := string(rs[start:min(start+20, len(rs))])
		if i == 0 && !strings.HasPrefix(first, "In Badakhshan") {
			t.Errorf("page 1 starts with %q", first)
		}
	}
}

func TestImportPDFTwoColumns(t *testing.T) {
	pdf := plainPDF("", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 20)
	pdf.CellFormat(0, 10, "Water and Power in the Fergana Valley", "", 1, "L", false, 0, "")
	pdf.Ln(6)
	left := "The left column opens the article. Reservoirs upstream hold back the spring floods, and the " +
		"farmers downstream depend on their release in summer. Quarrels over the timing are old."
	right := "The right column continues it. Hydropower plants want to release water in winter, when " +
		"demand for electricity peaks, which is when the fields need none of it at all."
	colWidth := (textWidth - 10) / 2
	top := pdf.GetY()
	pdf.SetFont("Times", "", 11)
	paragraph(pdf, left, colWidth)
	pdf.SetXY(pageMargin+colWidth+10, top)
	paragraph(pdf, right, colWidth)
	doc, err := File(writePDF(t, pdf, "columns.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Water and Power in the Fergana Valley\n\n" + left + "\n\n" + right
	if doc.Text != want {
		t.Errorf("text:\n%s\n\nwant:\n%s", doc.Text, want)
	}
	if doc.Title != "Water and Power in the Fergana Valley" {
		t.Errorf("title from the largest type of page 1: %q", doc.Title)
	}
}

// Two pages of two columns under a running header: paragraphs run on from
// the left column to the right one and from one page to the next.
func TestImportPDFColumnsAcrossPages(t *testing.T) {
	pdf := reportPDF("", "")
	pdf.SetFont("Times", "", 11)
	const gutter = 10.0
	colWidth := (textWidth - gutter) / 2
	var want []string
	var lines []string // every column line in reading order; "" between paragraphs
	for i := range 9 {
		p := fmt.Sprintf("In %s, the %s column paragraph: reservoirs upstream hold back the spring floods, and the "+
			"farmers downstream depend on their release in summer, while the power plants want it in winter, "+
			"when the demand for electricity peaks and the fields need none of it.", places[i], []string{"first", "second", "third"}[i%3])
		want = append(want, p)
		lines = append(append(lines, wrapLines(pdf, p, colWidth)...), "")
	}
	// As many lines a column as make the first column break and the
	// first page break fall inside paragraphs, within two pages.
	inside := func(i int) bool { return i < len(lines) && lines[i] != "" && lines[i-1] != "" }
	perColumn := 18
	for perColumn < 34 && !(inside(perColumn) && inside(2*perColumn) && 4*perColumn >= len(lines)) {
		perColumn++
	}
	last := map[int]bool{} // the last line of each paragraph, not justified
	for i := range lines {
		if i+1 < len(lines) && lines[i+1] == "" {
			last[i] = true
		}
	}
	for start := 0; start < len(lines); start += perColumn {
		column := start / perColumn % 2
		if column == 0 {
			pdf.AddPage()
		}
		top := pageMargin + 12
		for j, l := range lines[start:min(start+perColumn, len(lines))] {
			pdf.SetXY(pageMargin+float64(column)*(colWidth+gutter), top+float64(j)*lineHeight)
			if spaces := strings.Count(l, " "); !last[start+j] && spaces > 0 {
				pdf.SetWordSpacing((colWidth - pdf.GetStringWidth(l)) / float64(spaces))
			}
			pdf.CellFormat(colWidth, lineHeight, l, "", 0, "L", false, 0, "")
			pdf.SetWordSpacing(0)
		}
	}
	if pdf.PageNo() != 2 {
		t.Fatalf("%d pages; the test wants two", pdf.PageNo())
	}
	doc, err := File(writePDF(t, pdf, "columns.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(doc.Text, "\n\n"); !slices.Equal(got, want) {
		t.Errorf("text:\n%s\n\nwant:\n%s", doc.Text, strings.Join(want, "\n\n"))
	}
	if !inside(perColumn) || !inside(2*perColumn) {
		t.Error("no column or page break fell inside a paragraph: change the words so that one runs on")
	}
}

func TestImportPDFScannedRefused(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 60, 80))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(1, 1, color.Gray{Y: 3})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	for range 2 {
		pdf.AddPage()
		pdf.ImageOptions("scan", 10, 10, 190, 270, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	path := writePDF(t, pdf, "scan.pdf")
	_, err := File(path)
	if !errors.Is(err, ErrNoText) || err.Error() != "scan.pdf: "+msgPDFScanned {
		t.Errorf("scanned PDF: %v", err)
	}

	blank := fpdf.New("P", "mm", "A4", "")
	blank.AddPage()
	_, err = File(writePDF(t, blank, "blank.pdf"))
	if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "blank") {
		t.Errorf("blank PDF: %v", err)
	}
}

func TestImportPDFPassword(t *testing.T) {
	// No title: fpdf's encryption of the document information
	// dictionary reads back garbled.
	pdf := plainPDF("", "")
	pdf.SetProtection(fpdf.CnProtectPrint, "opensesame", "owner-secret")
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	paragraph(pdf, "Only those with the password may read of the Wakhan corridor.", textWidth)
	path := writePDF(t, pdf, "sealed.pdf")

	_, err := File(path)
	if !errors.Is(err, ErrPassword) || err.Error() != "sealed.pdf: "+msgPDFPassword {
		t.Errorf("no password: %v", err)
	}
	_, err = FileWith(path, Options{Password: "wrong"})
	if !errors.Is(err, ErrPassword) || err.Error() != "sealed.pdf: "+msgPDFWrongPassword {
		t.Errorf("a wrong password: %v", err)
	}
	doc, err := FileWith(path, Options{Password: "opensesame"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Only those with the password may read of the Wakhan corridor." {
		t.Errorf("with the password: %q, %q", doc.Title, doc.Text)
	}
}

// A PDF edited from a file (edit-text) gives its text as an import does.
func TestPDFAsText(t *testing.T) {
	pdf := plainPDF("", "")
	pdf.AddPage()
	pdf.SetFont("Times", "", 12)
	paragraph(pdf, "A short text of one paragraph.", textWidth)
	data, err := os.ReadFile(writePDF(t, pdf, "short.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := Text("short.pdf", data)
	if err != nil || text != "A short text of one paragraph." {
		t.Errorf("Text: %q, %v", text, err)
	}
	if !Reads("Report.PDF") || !slices.Contains(Extensions(), ".pdf") {
		t.Error("PDFs are not among the formats read")
	}
}

func TestPDFDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20240315093000+01'00'": "2024-03-15",
		"D:202403":                "2024-03",
		"D:2024":                  "2024",
		"20240315":                "2024-03-15",
		"D:20241345":              "",
		"D:0000":                  "",
		"":                        "",
		"yesterday":               "",
	} {
		if got := pdfDate(in); got != want {
			t.Errorf("pdfDate(%q) = %q; want %q", in, got, want)
		}
	}
}

// checkLayout holds a layout to what every PDF's must be: a normalised
// text, and a start for each page, from 0, never decreasing, within it.
func checkLayout(t *testing.T, pages int, l pdfLayout) {
	t.Helper()
	if !utf8.ValidString(l.text) {
		t.Fatalf("invalid UTF-8: %q", l.text)
	}
	if l.pages == nil {
		return // the text composed anew when joined: no offsets
	}
	if len(l.pages) != pages {
		t.Fatalf("%d page starts for %d pages", len(l.pages), pages)
	}
	runes := utf8.RuneCountInString(l.text)
	for i, s := range l.pages {
		if (i == 0 && s != 0) || (i > 0 && s < l.pages[i-1]) || s > runes {
			t.Fatalf("page starts %v for a text of %d runes", l.pages, runes)
		}
	}
}
