package report

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

func passageAt(id string, start, end int, st anchor.Status) *passageView {
	a := storage.Annotation{ID: id, Selector: anchor.Selector{Start: start, End: end}, Status: st}
	if st == anchor.Review {
		a.Guess = &storage.Span{Start: start, End: end}
	}
	return &passageView{ann: a, ID: id, Class: id}
}

// render writes the laid-out text as [id id|text] per segment and / between
// paragraphs, so a test reads the whole layout at a glance.
func render(paras []paraView) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString(" / ")
		}
		for _, s := range p.Segs {
			text := strings.Join(s.Lines, "⏎")
			if len(s.Marks) == 0 {
				b.WriteString(text)
				continue
			}
			var ids []string
			for _, m := range s.Marks {
				ids = append(ids, m.Class)
				if m.ID != "" {
					ids[len(ids)-1] += "*"
				}
			}
			fmt.Fprintf(&b, "[%s|%s]", strings.Join(ids, " "), text)
		}
	}
	return b.String()
}

func TestReportLayoutOverlaps(t *testing.T) {
	text := "Ünïcode ärt here\nand there\n\nNext paragraph."
	cases := []struct {
		name     string
		passages []*passageView
		want     string
		unplaced int
	}{
		{"none", nil, "Ünïcode ärt here⏎and there / Next paragraph.", 0},
		{"crossing", []*passageView{passageAt("x", 0, 11, anchor.Anchored), passageAt("y", 8, 16, anchor.Moved)},
			"[x*|Ünïcode ][x y*|ärt][y| here]⏎and there / Next paragraph.", 0},
		{"nested", []*passageView{passageAt("in", 8, 11, anchor.Anchored), passageAt("out", 0, 16, anchor.Anchored)},
			"[out*|Ünïcode ][out in*|ärt][out| here]⏎and there / Next paragraph.", 0},
		{"same span", []*passageView{passageAt("b", 0, 7, anchor.Anchored), passageAt("a", 0, 7, anchor.Anchored)},
			"[a* b*|Ünïcode] ärt here⏎and there / Next paragraph.", 0},
		{"across paragraphs and a line break", []*passageView{passageAt("x", 12, 32, anchor.Anchored)},
			"Ünïcode ärt [x*|here⏎and there] / [x|Next] paragraph.", 0},
		{"flagged and lost", []*passageView{passageAt("r", 28, 32, anchor.Review), passageAt("o", 0, 3, anchor.Orphaned),
			passageAt("bad", 30, 99, anchor.Anchored), passageAt("empty", 3, 3, anchor.Anchored)},
			"Ünïcode ärt here⏎and there / [r*|Next] paragraph.", 3},
	}
	for _, c := range cases {
		paras, unplaced := layout(text, c.passages)
		if got := render(paras); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if len(unplaced) != c.unplaced {
			t.Errorf("%s: %d unplaced, want %d", c.name, len(unplaced), c.unplaced)
		}
	}
}

// TestReportLayoutNumbers checks passages are numbered in reading order and
// each number follows the end of its passage.
func TestReportLayoutNumbers(t *testing.T) {
	text := "one two three four five"
	ps := []*passageView{passageAt("late", 14, 18, anchor.Anchored), passageAt("early", 0, 7, anchor.Anchored), passageAt("mid", 4, 13, anchor.Anchored)}
	paras, _ := layout(text, ps)
	if ps[1].Num != 1 || ps[2].Num != 2 || ps[0].Num != 3 {
		t.Fatalf("numbers %d %d %d", ps[1].Num, ps[2].Num, ps[0].Num)
	}
	var ends []string
	for _, s := range paras[0].Segs {
		for _, e := range s.Ends {
			ends = append(ends, fmt.Sprintf("%s:%s", strings.Join(s.Lines, ""), e.ID))
		}
	}
	if got := strings.Join(ends, ","); got != "two:early, three:mid,four:late" {
		t.Errorf("ends %s", got)
	}
	if len(paras[0].Notes) != 3 || paras[0].Notes[0].ID != "early" {
		t.Errorf("notes under the paragraph: %v", paras[0].Notes)
	}
}

// writeText writes what the template it replaced wrote, byte for byte, for
// text that needs escaping and for overlapping, numbered and quiet passages.
func TestReportTextMatchesTheTemplate(t *testing.T) {
	const old = `{{define "oldtext"}}{{range .}}<p>
{{- range .Segs}}{{range .Side}}<span class="side">{{template "pnote" .}}</span>{{end}}
{{- range .Marks}}<mark class="{{.Class}}"{{with .ID}} id="a-{{.}}"{{end}}>{{end}}
{{- range $i, $l := .Lines}}{{if $i}}<br>{{end}}{{$l}}{{end}}
{{- range .Marks}}</mark>{{end}}
{{- range .Ends}}<sup class="num">{{.Num}}</sup>{{end}}{{end -}}
</p>
{{with .Notes}}<div class="under">{{range .}}{{template "pnote" .}}{{end}}</div>
{{end}}{{end}}{{end}}`
	tmpl := template.Must(template.New("report").Funcs(template.FuncMap{"plural": plural, "capital": capital}).
		Parse(strings.Replace(pageHTML, "/*CSS*/", pageCSS, 1)))
	template.Must(tmpl.Parse(old))
	text := "Tom & Jerry's <b>\"1+1\"</b> > 'x'\nline two\n\nSecond & last paragraph + more."
	a := passageAt("a", 0, 11, anchor.Anchored)
	a.Num, a.Note, a.Tags = 1, []string{"a <note> & more"}, []string{"c++"}
	b := passageAt("b", 6, 40, anchor.Review)
	b.Num, b.Flag, b.Why = 2, "needs review", "it moved"
	quiet := passageAt("q", 52, 58, anchor.Anchored)
	quiet.quiet = true
	paras, _ := layout(text, []*passageView{a, b, quiet})
	var want strings.Builder
	if err := tmpl.ExecuteTemplate(&want, "oldtext", paras); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	if err := writeText(&got, paras); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("writeText differs from the template:\n got %s\nwant %s", got.String(), want.String())
	}
}
