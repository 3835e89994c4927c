package importer

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2024-03-14":                    "2024-03-14",
		"2024-03-14T06:45:00Z":          "2024-03-14",
		"2023-11-02T01:30:00+06:00":     "2023-11-02", // the outlet's calendar day, not UTC's
		"2022/09/27":                    "2022-09-27",
		"March 5, 2024":                 "2024-03-05",
		"5 March 2024":                  "2024-03-05",
		"Tue, 14 Mar 2024 06:45:00 GMT": "2024-03-14",
		"14.03.2024":                    "2024-03-14",
		"31/03/2023":                    "2023-03-31", // day first when month first is impossible
		"20240314":                      "2024-03-14",
		"2024":                          "", // a year alone is not a day
		"1710398700":                    "", // nor is a Unix timestamp
		"yesterday":                     "",
		"":                              "",
		"0001-01-01":                    "",
	}
	for in, want := range tests {
		if got := parseDate(in); got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"Ingrid Valcourt"}, []string{"Ingrid Valcourt"}},
		{[]string{"Ingrid Valcourt and Samir Okafor-Lind"}, []string{"Ingrid Valcourt", "Samir Okafor-Lind"}},
		{[]string{"Ingrid Valcourt, Samir Okafor-Lind & Lena Havrilova"}, []string{"Ingrid Valcourt", "Samir Okafor-Lind", "Lena Havrilova"}},
		{[]string{"Valcourt, Ingrid"}, []string{"Valcourt, Ingrid"}},
		{[]string{"Valcourt, Ingrid; Okafor-Lind, Samir"}, []string{"Valcourt, Ingrid", "Okafor-Lind, Samir"}},
		{[]string{"By Lena Havrilova"}, []string{"Lena Havrilova"}},
		{[]string{"Lena Havrilova", "lena havrilova", " "}, []string{"Lena Havrilova"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := splitAuthors(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	wrapped := "The ferry from Baku was due to leave at noon, but by the time the last\n" +
		"lorry had been chained to the deck the sun was already low over the\n" +
		"water."
	tests := []struct {
		name, in, want string
	}{
		{"wrapped prose", wrapped, "The ferry from Baku was due to leave at noon, but by the time the last " +
			"lorry had been chained to the deck the sun was already low over the water."},
		{"hyphenated compound", "The corridor is described by officials in both capitals as a long-\nterm priority for both governments and their development banks.",
			"The corridor is described by officials in both capitals as a long-term priority for both governments and their development banks."},
		{"short lines", "Aktau\nBaku\nTbilisi", "Aktau\nBaku\nTbilisi"},
		{"list", "Items to pack for the crossing, in order of importance:\n- boots\n- map", ""},
		{"speakers", "MODERATOR: Let me start with the question everyone is asking today.\nDR. VALCOURT: It is changing.", ""},
		{"capitalised verse", "The wind is cold upon the Caspian in the hours before dawn,\n" +
			"The lorries sleep beneath the winter stars along the quay,\n" +
			"And no one knows the hour we will depart.", ""},
		{"one line", "A single line.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			if got := unwrap(tt.in); got != want {
				t.Errorf("unwrap:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	drop := []string{
		"Advertisement",
		"Read more: Why Caspian ports are running out of room",
		"Lire aussi : Radicalisation en ligne",
		"Related articles",
		"Share this article",
		"Share on Facebook",
		"Sign up for The Meridian Brief, our daily newsletter.",
		"This site uses cookies. Please choose which cookies you accept.",
		"© 2024 The Meridian Post Ltd. All rights reserved.",
		"Follow us on LinkedIn",
		"5 thoughts on “Forty hours at Khorgos”",
		"Leave a Reply",
		"Tags: connectivity, Caspian",
		"Download PDF",
	}
	keep := []string{
		"See also the report by the Caspian Institute, which reached similar conclusions.",
		"Related to this, the ministry said talks would resume in May.",
		"Comments by the minister suggested that the border would reopen.",
		"Copyright law in the European Union treats databases differently.",
		"The ministry's newsletter, which few officials read, announced the change in a footnote.",
		"Cookies are a traditional gift at the border post during the spring festival.",
		"Printing presses in Almaty produced most of the region's newspapers.",
	}
	for _, p := range drop {
		if !isBoilerplate(p) {
			t.Errorf("kept boilerplate %q", p)
		}
	}
	for _, p := range keep {
		if isBoilerplate(p) {
			t.Errorf("dropped content %q", p)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ title, outlet, want string }{
		{"Beijing widens its footprint | World | The Meridian Post", "The Meridian Post", "Beijing widens its footprint"},
		{"Steppe Review - The Middle Corridor needs more than rail", "Steppe Review", "The Middle Corridor needs more than rail"},
		{"Terrorism - a new phase", "", "Terrorism - a new phase"},
		{"Terrorism - a new phase", "Other Outlet", "Terrorism - a new phase"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.title, tt.outlet); got != tt.want {
			t.Errorf("cleanTitle(%q, %q) = %q, want %q", tt.title, tt.outlet, got, tt.want)
		}
	}
}

func TestParseJSONLD(t *testing.T) {
	got := parseJSONLD(`<!--{"@context":"https://schema.org","@type":["Article","OpinionNewsArticle"],
		"headline":"Ports","author":[{"@type":"Person","name":"A. Writer"},"B. Writer"],
		"datePublished":"2020-01-02","publisher":{"name":"Outlet"},
		"mainEntityOfPage":{"@id":"https://example.org/ports"}}-->`)
	want := []ldArticle{{headline: "Ports", authors: []string{"A. Writer", "B. Writer"}, publisher: "Outlet",
		published: "2020-01-02", url: "https://example.org/ports"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseJSONLD = %+v, want %+v", got, want)
	}
	if got := parseJSONLD(`{"@type": "NewsArticle", broken`); got != nil {
		t.Errorf("broken JSON-LD = %+v", got)
	}
}

func TestRenderHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs and inline", "<p>Aktau <b>port</b>,\n  <a href=x>Kazakhstan</a>.</p><p>Baku.</p>", "Aktau port, Kazakhstan.\n\nBaku."},
		{"br", "<p>Line one<br>line two</p>", "Line one\nline two"},
		{"lists", "<ul><li>one</li><li><p>two</p></li></ul><ol start=3><li>three<li>four</ol>", "• one\n\n• two\n\n3. three\n\n4. four"},
		{"nested list", "<ul><li>outer<ul><li>inner</li></ul></li></ul>", "• outer\n\n• inner"},
		{"data table", "<table><tr><th>Route</th><th>Days</th></tr><tr><td>Northern</td><td>14</td></tr></table>", "Route | Days\n\nNorthern | 14"},
		{"layout table", "<table><tr><td><p>First paragraph.</p><p>Second.</p></td></tr></table>", "First paragraph.\n\nSecond."},
		{"pre", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"skipped", "<p>Text<script>x()</script><img alt=pic><button>Go</button></p>", "Text"},
		{"div soup", "<div>One<div>Two</div>Three</div>", "One\n\nTwo\n\nThree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := renderHTML(root); got != tt.want {
				t.Errorf("renderHTML:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHTMLMetadataSources(t *testing.T) {
	page := `<html><head>
<meta property="article:author" content="https://example.org/profiles/lena">
<meta name="dc.date" content="2020-02-03">
<title>Ferries | Caspian Daily</title>
</head><body><article>
<p class="byline">By <a rel="author" href="/lena">Lena Havrilova</a></p>
<h1>Ferries</h1>
<p>The ferry from Baku to Aktau carries lorries and rail wagons across the Caspian Sea, weather permitting.</p>
<div class="comments"><p>By <a rel="author" href="/x">Commenter Name</a></p></div>
</article></body></html>`
	doc, err := Bytes("ferries.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Lena Havrilova"}; !reflect.DeepEqual(doc.Authors, want) {
		t.Errorf("Authors = %q, want %q", doc.Authors, want)
	}
	if doc.Title != "Ferries" || doc.Outlet != "Caspian Daily" || doc.Published != "2020-02-03" {
		t.Errorf("Title %q, Outlet %q, Published %q", doc.Title, doc.Outlet, doc.Published)
	}
	if doc.Text != "The ferry from Baku to Aktau carries lorries and rail wagons across the Caspian Sea, weather permitting." {
		t.Errorf("Text = %q", doc.Text)
	}
}
