package library

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseBibTeX(t *testing.T) {
	es, err := ParseBibTeX(readFixture(t, "zotero.bib"))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 {
		t.Fatalf("%d entries", len(es))
	}
	want := []Entry{{
		Key: "dvorak_rivers_2019", Line: 7,
		Title:   "Rivers of the Pamir: Water and Power in Gorno-Badakhshan",
		Authors: []string{"Jana Dvořák", "Hans-Jörg Müller", "Pamir Research Group"},
		Outlet:  "Journal of Mountain Studies", Published: "2019-03", DOI: "10.1234/JMS.2019.7",
		Tags:     []string{"rivers", "Pamir", "water politics"},
		Abstract: "Where the water goes – and who decides — in the high valleys.",
		Files:    []string{"files/12/rivers.txt"},
	}, {
		Key: "ostergaard_dams_2011", Line: 21,
		Title:   "Dams of the Øresund and the Steppe",
		Authors: []string{"Søren Østergaard", "François Lefèvre"},
		Outlet:  "Steppe Press", Published: "2011",
		Files: []string{"files/13/dams.html", "files/13/missing.pdf"},
	}, {
		Key: "noauthor_wakhan_nodate", Line: 30,
		Title: "The Wakhan corridor, ånd the road ßouth", URL: "https://www.example.org/wakhan/?utm_source=feed",
	}, {
		Key: "lee_lithium_2022", Line: 37, Title: "Lithium in Termez", Authors: []string{"Min-Ji Lee"},
		Outlet: "Proceedings of the Steppe Workshop", Published: "2022-09-14", DOI: "https://doi.org/10.5555/steppe.2022.3",
		Files: []string{"files/99/lee.pdf"},
	}}
	for i := range want {
		if !reflect.DeepEqual(es[i], want[i]) {
			t.Errorf("entry %d:\n got %#v\nwant %#v", i, es[i], want[i])
		}
	}
}

func TestLaTeX(t *testing.T) {
	for in, want := range map[string]string{
		`{\"u}ber`:                 "über",
		`\'{e}t\'e`:                "été",
		`Fran\c{c}ois`:             "François",
		`{\aa}se \AA{}ngstr{\"o}m`: "åse Ångström",
		`na\"{\i}ve`:               "naïve",
		`\v{S}koda \L{}\'od\'z`:    "Škoda Łódź",
		`pp.~1--2, a---b`:          "pp. 1–2, a—b",
		`\emph{Italic} \& {Bold}`:  "Italic & Bold",
		"``quoted''":               "“quoted”",
		`50\% \$5 $x$`:             "50% $5 x",
		`\unknown`:                 "",
		`\`:                        "",
		`\'`:                       "",
	} {
		if got := latex(in); got != want {
			t.Errorf("latex(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestBibNames(t *testing.T) {
	got := []string{}
	for _, n := range splitAuthors(`van der Berg, Anna and Smith, Jr., John AND {Barnes and Noble} and Jean-Paul Sartre and others`) {
		if s := bibName(n); s != "" {
			got = append(got, s)
		}
	}
	want := []string{"Anna van der Berg", "John Smith Jr.", "Barnes and Noble", "Jean-Paul Sartre"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("names %q", got)
	}
	if got := bibFiles(`Full Text:C\:\\Users\\me\\a.pdf:application/pdf;b.txt`); !reflect.DeepEqual(got, []string{`C:\Users\me\a.pdf`, "b.txt"}) {
		t.Fatalf("files %q", got)
	}
}

func TestParseBibTeXRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"@article{a,\n  title = {Open\n":                         "line 2: the braced value begun here is not closed",
		"@article{a,\n title = {x},\n":                           "line 1: the entry @article{a begun here is not closed",
		"\n\n@article{a, journal = nope}":                        "line 3: nope is not a @string defined before it",
		"@article{a, title = {x} author = {y}}":                  "expected a comma or the end of @article{a after its field title",
		"@article{a, title {x}}":                                 "expected = after the field title",
		"@article{a, = {x}}":                                     "expected a field name",
		"@article a, title = {x}}":                               "@article is not followed by { or (",
		"@string{x = \"stray}\"}":                                "a } closes a brace never opened",
		"@string{x = \"unclosed":                                 "the quoted value begun here is not closed",
		"@article{a, title = {" + strings.Repeat("{", 70) + "}}": "nested more than 64 deep",
		"@comment{never closed":                                  "the @comment begun here is not closed",
	} {
		_, err := ParseBibTeX([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseBibTeX(%q) = %v; want %q", in, err, want)
		}
	}
	if es, err := ParseBibTeX([]byte("no entries, just words @ and an @ sign\n@comment old style\n")); err != nil || len(es) != 0 {
		t.Fatalf("comments: %v, %v", es, err)
	}
	if es, err := ParseBibTeX([]byte(`@misc(k, title = "A {"}quoted{"} title" # { and more},)`)); err != nil || es[0].Title != `A "quoted" title and more` {
		t.Fatalf("parentheses and quotes: %+v, %v", es, err)
	}
}

func TestParseRIS(t *testing.T) {
	es, err := ParseRIS(readFixture(t, "zotero.ris"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{
		Line: 1, Title: "Rivers of the Pamir: Water and Power in Gorno-Badakhshan", Authors: []string{"Jana Dvořák", "Hans-Jörg Müller"},
		Outlet: "Journal of Mountain Studies", Published: "2019-03-05", DOI: "10.1234/jms.2019.7", Tags: []string{"rivers", "Pamir"},
		Abstract: "Where the water goes and who decides.", Files: []string{"files/12/rivers.txt"},
	}, {
		Line: 16, Title: "Dams of the Øresund and the Steppe", Authors: []string{"Søren Østergaard"}, Outlet: "Steppe Press",
		Published: "2011", URL: "https://example.org/dams", Files: []string{"files/13/missing.pdf"},
	}, {
		Line: 26, Title: "A page with no author", Published: "2020-02-30", URL: "not a url",
	}}
	if !reflect.DeepEqual(es, want) {
		t.Fatalf("got  %#v\nwant %#v", es, want)
	}
	for in, want := range map[string]string{
		"TI  - no TY\nER  - \n":            "line 1: the TI line is outside a reference",
		"TY  - JOUR\nTI  - x\n":            "line 1: the reference begun here has no ER line",
		"TY  - JOUR\nTY  - BOOK\nER  - \n": "line 2: a reference begins before the one begun on line 1 has ended",
		"%PDF-1.4 binary\n":                "line 1: expected a reference to begin with a TY line",
	} {
		_, err := ParseRIS([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRIS(%q) = %v; want %q", in, err, want)
		}
	}
}

func TestParseCSL(t *testing.T) {
	es, err := ParseCSL(readFixture(t, "zotero.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 || es[0].Published != "2019-03" || !reflect.DeepEqual(es[0].Authors, []string{"Jana Dvořák", "Hans-Jörg Müller", "Pamir Research Group"}) ||
		es[1].Outlet != "Steppe Press" || es[2].URL != "https://example.org/wakhan" || !reflect.DeepEqual(es[0].Tags, []string{"rivers", "Pamir"}) {
		t.Fatalf("%#v", es)
	}
}

func TestParseDispatch(t *testing.T) {
	for name, format := range map[string]string{"zotero.bib": FormatBibTeX, "zotero.ris": FormatRIS, "zotero.json": FormatCSL} {
		l, err := Parse(name, readFixture(t, name))
		if err != nil || l.Format != format {
			t.Fatalf("%s: %v, %v", name, l, err)
		}
	}
	if _, err := Parse("annotations.json", []byte(`{"@context": "http://www.w3.org/ns/anno.jsonld"}`)); err == nil || !strings.Contains(err.Error(), "not a reference library") {
		t.Fatalf("a Web Annotation file: %v", err)
	}
	if _, err := Parse("bad.bib", []byte("@article{a,\n title = {x")); err == nil || err.Error() != "bad.bib is not a BibTeX file this can read: line 2: the braced value begun here is not closed" {
		t.Fatalf("a bad library: %v", err)
	}
	if _, err := Parse("empty.bib", []byte("% nothing\n")); err == nil || !strings.Contains(err.Error(), "holds no references") {
		t.Fatalf("an empty library: %v", err)
	}
}

func FuzzParseBibTeX(f *testing.F) {
	seeds, _ := os.ReadFile("testdata/zotero.bib")
	f.Add(seeds)
	f.Add([]byte(`@string{a = "x" # {y}} @misc(k, title = a # 1 # {\"{\i}}, author = {A, B, C, D and E})`))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := ParseBibTeX(data)
		checkParsed(t, es, err)
	})
}

// checkParsed holds a parser's result to what every caller relies on: an
// error names its line, a date is one.
func checkParsed(t *testing.T, es []Entry, err error) {
	t.Helper()
	if err != nil {
		if !strings.HasPrefix(err.Error(), "line ") {
			t.Fatalf("an error naming no line: %v", err)
		}
		return
	}
	for _, e := range es {
		if e.Published != "" && !isDate(e.Published) {
			t.Fatalf("date %q", e.Published)
		}
	}
}

func FuzzParseRIS(f *testing.F) {
	seeds, _ := os.ReadFile("testdata/zotero.ris")
	f.Add(seeds)
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := ParseRIS(data)
		checkParsed(t, es, err)
	})
}
