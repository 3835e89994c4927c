package importer

import (
	"strings"
	"testing"
)

func TestHyphenBreak(t *testing.T) {
	words := vocabulary([]pdfLine{{text: "security is a well-known term for ministries"}})
	cases := []struct {
		prev, next  string
		keep, split bool
	}{
		{"the secur-", "ity of it", false, true},             // "security" is written elsewhere
		{"a well-", "known term", true, true},                // "well-known" is written elsewhere
		{"the Kabul-", "based analysts", true, true},         // neither: a capitalised part keeps it
		{"the minis-", "tries of", false, true},              // neither: a lower-case part loses it
		{"the Afghan-", "Pakistani border", true, true},      // a capital goes on
		{"in 1990-", "2001 the", true, true},                 // a digit goes on
		{"a pause --", "then more", false, false},            // a dash, not a hyphen
		{"a pause -", "then more", false, false},             // a dash standing alone
		{"no hyphen", "at all", false, false},                //
		{"state-of-the-", "art methods", true, true},         // a compound goes on
		{"re-", "enter", false, true},                        // neither known, lower case
		{"Secur-", "ity matters", false, true},               // capitalised, but the joined word is known
		{"-", "alone", false, false},                         // nothing before the hyphen
		{"ends in é-", "té", false, true},                    // letters beyond ASCII
		{"odd)-", "thing", false, false},                     // not after a letter
		{"x-", "", true, true},                               // nothing follows: kept
		{"the secur-", "ity, and", false, true},              // punctuation after the word
		{"the MINIS-", "TRY", true, true},                    // capitals go on
		{"the well-", "Known", true, true},                   //
		{"ab-", "c", false, true},                            //
		{"the Kabul-", "based", true, true},                  //
		{"the kabul-", "based", false, true},                 //
		{"the secur‐", "ity", false, false},                  // U+2010 is taken as written
		{"the secur-", "ity", false, true},                   //
		{"the Secur-", "ity", false, true},                   //
		{"the Secur-", "Ity", true, true},                    //
		{"the  secur-", "ity", false, true},                  //
		{strings.Repeat("a", 50) + "-", "b", false, true},    //
		{"the secur-", strings.Repeat("i", 50), false, true}, //
	}
	for _, c := range cases {
		keep, split := hyphenBreak(c.prev, c.next, words)
		if keep != c.keep || split != c.split {
			t.Errorf("hyphenBreak(%q, %q) = keep %v, split %v; want %v, %v", c.prev, c.next, keep, split, c.keep, c.split)
		}
	}
}

// run is a run of 10-point type on the line whose top is at y.
func run(text string, left, right, y float64) pdfRun {
	return pdfRun{text: text, left: left, right: right, top: y, bottom: y - 8, size: 10}
}

func TestPDFLayoutRules(t *testing.T) {
	t.Run("a right-aligned date is a line of its own, not a column", func(t *testing.T) {
		l := layoutPDF([][]pdfRun{{
			run("Report on the corridor", 50, 250, 800), run("12 March 2024", 450, 550, 800),
			run("The text runs the whole width of the page and on to the", 50, 550, 770),
			run("next line, which ends the paragraph.", 50, 300, 758),
		}})
		want := "Report on the corridor\n\n12 March 2024\n\nThe text runs the whole width of the page and on to the next line, which ends the paragraph."
		if l.text != want {
			t.Errorf("got %q\nwant %q", l.text, want)
		}
	})
	t.Run("a centred heading over two columns", func(t *testing.T) {
		var runs []pdfRun
		runs = append(runs, run("A heading across both columns", 200, 400, 800))
		for i, y := range []float64{770, 758, 746} {
			runs = append(runs, run("left column words "+string(rune('a'+i)), 50, 290, y), run("right column words "+string(rune('a'+i)), 310, 550, y))
		}
		l := layoutPDF([][]pdfRun{runs})
		want := "A heading across both columns\n\nleft column words a left column words b left column words c right column words a right column words b right column words c"
		if l.text != want {
			t.Errorf("got %q\nwant %q", l.text, want)
		}
	})
	t.Run("bare page numbers go, and a header on every page", func(t *testing.T) {
		var pages [][]pdfRun
		for i, number := range []string{"- 1 -", "Page 2", "iii", "4 of 4"} {
			pages = append(pages, []pdfRun{
				run("Quarterly Review "+string(rune('1'+i)), 50, 200, 820),
				run("Body of page "+string(rune('1'+i))+".", 50, 200, 700-float64(i)*37),
				run("Figure "+string(rune('1'+i))+".", 50, 100, 660-float64(i)*41), // reads alike, stands elsewhere
				run(number, 280, 320, 40),
			})
		}
		l := layoutPDF(pages)
		want := "Body of page 1.\n\nFigure 1.\n\nBody of page 2.\n\nFigure 2.\n\nBody of page 3.\n\nFigure 3.\n\nBody of page 4.\n\nFigure 4."
		if l.text != want || len(l.pages) != 4 {
			t.Errorf("got %q, pages %v\nwant %q", l.text, l.pages, want)
		}
	})
	t.Run("a line of the text that reads alike at the top of every page stays", func(t *testing.T) {
		var pages [][]pdfRun
		for i := range 3 {
			n := string(rune('1' + i))
			pages = append(pages, []pdfRun{
				run("Log "+n, 50, 100, 820),
				run("Entry "+n+". Lorries queue at the Termez bridge for days while the fees double, and the", 50, 550, 790),
				run("rail yard stands half empty.", 50, 250, 778),
			})
		}
		l := layoutPDF(pages)
		for i := range 3 {
			if want := "Entry " + string(rune('1'+i)) + ". Lorries queue"; !strings.Contains(l.text, want) {
				t.Errorf("lost %q: %q", want, l.text)
			}
		}
		if strings.Contains(l.text, "Log") {
			t.Errorf("the short running header stayed: %q", l.text)
		}
	})
	t.Run("pages without text", func(t *testing.T) {
		l := layoutPDF([][]pdfRun{nil, {run("Only page two has words.", 50, 200, 700)}, nil})
		if l.text != "Only page two has words." || len(l.pages) != 3 || l.pages[0] != 0 || l.pages[1] != 0 || l.pages[2] != 24 {
			t.Errorf("got %q, pages %v", l.text, l.pages)
		}
	})
}
