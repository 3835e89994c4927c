package importer

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"commonplace/storage/textnorm"
)

// want describes what an imported fixture must look like. Body lists
// paragraphs (or parts of them) that must appear, Absent lists boilerplate
// that must not.
type want struct {
	Title     string
	Authors   []string
	Outlet    string
	Published string
	URL       string
	Tags      []string
	Format    string
	First     string // prefix of the first paragraph
	Body      []string
	Absent    []string
}

func checkDoc(t *testing.T, doc Document, w want) {
	t.Helper()
	if doc.Title != w.Title {
		t.Errorf("Title = %q, want %q", doc.Title, w.Title)
	}
	if !reflect.DeepEqual(doc.Authors, w.Authors) {
		t.Errorf("Authors = %q, want %q", doc.Authors, w.Authors)
	}
	if doc.Outlet != w.Outlet {
		t.Errorf("Outlet = %q, want %q", doc.Outlet, w.Outlet)
	}
	if doc.Published != w.Published {
		t.Errorf("Published = %q, want %q", doc.Published, w.Published)
	}
	if doc.URL != w.URL {
		t.Errorf("URL = %q, want %q", doc.URL, w.URL)
	}
	if !reflect.DeepEqual(doc.Tags, w.Tags) {
		t.Errorf("Tags = %q, want %q", doc.Tags, w.Tags)
	}
	if doc.Format != w.Format {
		t.Errorf("Format = %q, want %q", doc.Format, w.Format)
	}
	if textnorm.Normalize(doc.Text) != doc.Text {
		t.Errorf("Text is not normalised")
	}
	if w.First != "" && !strings.HasPrefix(doc.Text, w.First) {
		t.Errorf("Text starts %q, want prefix %q", head(doc.Text), w.First)
	}
	for _, b := range w.Body {
		if !strings.Contains(doc.Text, b) {
			t.Errorf("Text lacks %q", b)
		}
	}
	for _, a := range w.Absent {
		if strings.Contains(doc.Text, a) {
			t.Errorf("Text contains boilerplate %q", a)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", doc.Text)
	}
}

func head(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func TestHTML(t *testing.T) {
	// Boilerplate shared by most fixtures.
	chrome := []string{"cookies", "Accept", "Subscribe", "Sign up", "newsletter", "Share", "Related",
		"Most read", "Privacy", "All rights reserved", "Advertisement", "Home", "©"}
	tests := []struct {
		file string
		want want
	}{
		{"meridian-afghanistan.html", want{
			Title:     "Beijing quietly widens its security footprint in Afghanistan",
			Authors:   []string{"Lena Havrilova"},
			Outlet:    "The Meridian Post",
			Published: "2024-03-14",
			URL:       "https://example.org/world/2024/03/14/beijing-security-footprint-afghanistan",
			Format:    "html",
			First:     "For most of the past two decades, Chinese officials insisted",
			Body: []string{
				"That reluctance is fading.",
				"\n\nGuards at the mines\n\n",
				"The line between protecting investments and projecting power is thinner than Beijing likes to admit.",
				"shallow enough to leave quickly if the risks grow.",
			},
			Absent: append(chrome, "The Meridian Brief", "steppe_watcher", "Comments (3)", "Topics:",
				"lithium in northern Afghanistan draws", "dataLayer", "font-family", "By Lena"),
		}},
		{"steppe-review-jsonld.html", want{
			Title:     "The Middle Corridor needs more than rail",
			Authors:   []string{"Tomasz Aralbayev"},
			Outlet:    "Steppe Review",
			Published: "2023-11-02",
			URL:       "https://example.org/opinion/middle-corridor-needs-more-than-rail",
			Format:    "html",
			First:     "Every few months another memorandum is signed",
			Body: []string{
				"The arrows hide an awkward truth.",
				"Without it, the new rails will simply move the queues from one border to the next.",
			},
			Absent: append(chrome, "Read more", "Why Caspian ports are running out of room", "Stay informed",
				"Astana summit", "Tags:", "Telegram", "googletag"),
		}},
		{"caspian-institute-terrorism.html", want{
			Title:     "Lone actors, shared networks: rethinking terrorism prevention in Europe",
			Authors:   []string{"Ingrid Valcourt", "Samir Okafor-Lind"},
			Outlet:    "Caspian Institute for Strategic Studies",
			Published: "2022-09-27",
			URL:       "https://example.org/publications/commentary/lone-actors-shared-networks",
			Format:    "html",
			First:     "European governments have spent a decade",
			Body: []string{
				"\n\nKey findings\n\n1. Online communities matter more than command structures in most recent plots.\n\n2. Prevention programmes",
				"Prevention fails when every agency waits for another to take the first step.",
				"Finally, evaluation has to improve.",
			},
			Absent: append(chrome, "Download PDF", "Cite this", "Valcourt, I. and", "Upcoming event",
				"Reviewing prevention", "Skip to main content", "Security and Defence", "10 Example Street"),
		}},
		{"vigie-latin1.html", want{
			Title:     "Terrorisme : l’Europe face à la menace des acteurs isolés",
			Authors:   []string{"Élodie Marchetti"},
			Outlet:    "La Vigie européenne",
			Published: "2021-06-08",
			URL:       "https://example.org/analyses/terrorisme-acteurs-isoles",
			Format:    "html",
			First:     "Depuis plusieurs années, les services de renseignement européens",
			Body: []string{
				"« Nous avons affaire à des parcours de radicalisation de plus en plus courts »",
				"Les États membres ont renforcé l’échange d’informations depuis 2015",
				"\n\nUne coopération encore fragile\n\n",
			},
			Absent: []string{"cookies", "Lire aussi", "Partager", "Réactions", "Royaume-Uni", "Les plus lus",
				"Publicité", "Tous droits", "Par Élodie", "_paq"},
		}},
		{"corridor-blog.html", want{
			Title:     "Forty hours at Khorgos: notes from the dry port",
			Authors:   []string{"Mira Solberg-Tan"},
			Outlet:    "Notes from the Corridor",
			Published: "2022-05-21",
			URL:       "https://example.org/2022/05/forty-hours-at-khorgos/",
			Format:    "html",
			First:     "I arrived at Khorgos on a Tuesday evening",
			Body: []string{
				"\n\n• Waiting for customs documents from the sending station\n\n• Waiting for a free track on the Kazakh side\n\n",
				"in a later post.",
			},
			Absent: append(chrome, "Waiting for the Aktau ferry", "freight forwarder", "Helen", "Leave a Reply",
				"About me", "Recent posts", "Previous post", "Posted in", "Tagged", "Trains, ports and borders"),
		}},
		{"kabul-monitor-legacy.html", want{
			Title:     "Regional powers and the Afghan border question",
			Authors:   []string{"Farid Nouri-Aldana"},
			Outlet:    "Kabul Monitor Weekly",
			Published: "2019-05-12",
			Format:    "html",
			First:     "When officials from China, Pakistan and Afghanistan met in Islamabad",
			Body: []string{
				"\n\nChina's concern is specific.",
				"\n\nThe next round of talks is expected in the autumn, possibly in Beijing.",
			},
			Absent: []string{"Front page", "Donate", "Give now", "Send this story", "Printer-friendly", "Copyright",
				"Visitors", "openPopup", "By Farid", "Independent reporting"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(filepath.Join("testdata", "html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc, tt.want)
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		file string
		want want
	}{
		{"front-matter.md", want{
			Title:     "Connectivity without cooperation: the limits of Eurasian corridors",
			Authors:   []string{"Aigerim Sadykova", "Jonas Berglund-Mäki"},
			Outlet:    "Eurasia Policy Notes",
			Published: "2024-03-05",
			URL:       "https://example.org/notes/connectivity-without-cooperation",
			Tags:      []string{"connectivity", "Central Asia", "rail freight"},
			Format:    "md",
			// The H1 repeats the front-matter title, and is kept: a
			// title is never taken out of the text.
			First: "Connectivity without cooperation: the limits of Eurasian corridors\n\nGovernments across Eurasia have announced dozens of transport corridors since 2013. " +
				"Most of them exist on paper and in ministerial speeches, far fewer on the ground.\n\nThree obstacles\n\n",
			Body: []string{
				"\n\n• Border procedures that differ from one country to the next\n• Gauge breaks between",
				"\n\n1. Harmonise customs data first.\n2. Then align tariffs.\n3. Build new track last.\n\n",
				"\n\nCorridors are agreements before they are infrastructure.\n\nA railway nobody may cross is a wall.\n\n",
				"\n\nA container train at a border station\n\n",
				"freight_share = corridor_tonnes / total_tonnes",
				"Route | Days\nNorthern | 14\nMiddle | 21",
				"Costs & benefits are uneven: *estimates* vary by 30 %.\nA hard break keeps this on its own line.",
				"Further reading is listed in the appendix.",
			},
			Absent: []string{"raw HTML block", "<div", "---", "**", "](", "https://example.org/img", "title:"},
		}},
		{"h1-title.md", want{
			Title:  "China and the Afghan security vacuum",
			Format: "md",
			First:  "China and the Afghan security vacuum\n\nSince 2021 Beijing has faced a dilemma",
			Body:   []string{"\n\nOutlook\n\nWhether this approach survives"},
			Absent: []string{"#"},
		}},
		{"keywords.md", want{
			Title:     "Prevention programmes after a decade",
			Authors:   []string{"Valcourt, Ingrid"},
			Outlet:    "Caspian Institute for Strategic Studies",
			Published: "2023-07-19",
			URL:       "https://example.org/publications/prevention-after-a-decade",
			Tags:      []string{"terrorism", "Europe", "prevention"},
			Format:    "md",
			First:     "European prevention programmes were built",
		}},
		{"field_notes-aktau.md", want{
			Title:  "field notes aktau",
			Format: "md",
			First:  "Monday\n\nArrived in Aktau in the evening.",
			Body:   []string{`Spoke to a dispatcher who said the ferries leave "when they are full and the sea allows it".`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(filepath.Join("testdata", "md", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc, tt.want)
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		file string
		want want
	}{
		{"titled.txt", want{
			Title:  "The Wakhan corridor and China's western frontier",
			Format: "txt",
			// The title line stays the text's first paragraph.
			First: "The Wakhan corridor and China's western frontier\n\nThe Wakhan corridor is a narrow strip",
			Body:  []string{"\n\nFor Beijing, the corridor matters less"},
		}},
		{"gutenberg-wrapped.txt", want{
			Title:  "A Winter Journey Along the Caspian Shore",
			Format: "txt",
			// Hard-wrapped prose is joined into one line per paragraph.
			First: "A Winter Journey Along the Caspian Shore\n\nThe ferry from Baku was due to leave at noon, but by the time the last lorry had been chained " +
				"to the deck the sun was already low over the water, and the captain announced that we would wait " +
				"for the wind to drop before setting out across the open sea towards Aktau.\n\n",
			Body: []string{
				"and told stories about crossings that had taken four days instead of one.\n\n",
				// Lists and verse keep their lines.
				"Things I packed and wished I had not:\n- a second pair of boots\n- a paper map\n- three novels",
				"The wind is cold upon the Caspian,\nThe lorries sleep beneath the winter stars,\nAnd no one knows",
				"When we finally sailed, it was two in the morning, and the lights of the oil platforms glittered",
			},
		}},
		{"panel_transcript-2024.txt", want{
			// The first line ends with a period, so it is text; the
			// title comes from the file name.
			Title:  "panel transcript 2024",
			Format: "txt",
			First:  "Recorded at the spring conference on European security, session three.\n\nMODERATOR:",
			Body: []string{
				"growing?\nDR. VALCOURT: It is changing more than it is growing.",
				"\nMODERATOR: And the response from governments?\nDR. VALCOURT: Slower",
				"\n\n[00:14:32] Questions from the audience followed.",
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(filepath.Join("testdata", "txt", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc, tt.want)
		})
	}
}

// TestFormatSniffing checks that content overrides a misleading extension.
func TestFormatSniffing(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>Aktau port</title></head><body><article>" +
		"<p>The port of Aktau handles ferries and bulk cargo across the Caspian Sea to Baku.</p></article></body></html>"
	tests := []struct {
		name, data, format string
	}{
		{"saved-page.txt", page, "html"},
		{"saved-page", "\n  " + strings.ToLower(page), "html"},
		{"page.htm", "<p>The port of Aktau handles ferries.</p>", "html"},
		{"page.xhtml", `<?xml version="1.0" encoding="UTF-8"?><!-- saved --><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Ferries wait.</p></body></html>`, "html"},
		{"notes.markdown", "Ferries *wait* at anchor.", "md"},
		{"notes.MD", "Ferries wait.", "md"},
		{"notes", "---\ntitle: Ferries\n---\nFerries wait.", "md"},
		{"notes.txt", "---\ntitle: Ferries\n---\nFerries wait.", "txt"},
		{"data.csv", "route,days\nnorthern,14\n", "txt"},
		{"README", "Ferries wait at anchor.", "txt"},
		{"notes.txt", "<p>Not a page: tags in a note.</p>", "txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Bytes(tt.name, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format {
				t.Errorf("Format = %q, want %q", doc.Format, tt.format)
			}
		})
	}
}

func TestTitleFallbacks(t *testing.T) {
	tests := []struct {
		name, data, title string
	}{
		{"eurasian_rail-links.txt", "Freight volumes rose. They fell again in winter.", "eurasian rail links"},
		// A lone short line is text, not a title: otherwise nothing is left.
		{"one-line.txt", "Kabul talks", "one line"},
		{"label.txt", "Sources:\n\nCourt records and interviews.", "label"},
		{"list.txt", "- first item\n\nsecond paragraph", "list"},
		{"question.txt", "Is the corridor viable?\n\nIt depends on customs.", "Is the corridor viable?"},
		{"h2.md", "## Not a title\n\nBody.", "h2"},
		{"later-h1.md", "Intro paragraph.\n\n# Real title\n\nBody.", "Real title"},
		{"page.html", "<html><body><p>Only a paragraph of text about Caspian ports and ferries.</p></body></html>", "page"},
		{".txt", "Body text without a title line.", "Untitled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Bytes(tt.name, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
		})
	}
}

func TestLaterH1IsKept(t *testing.T) {
	doc, err := Bytes("n.md", []byte("Intro paragraph.\n\n# Real title\n\nBody."))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Intro paragraph.\n\nReal title\n\nBody."; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
}

func TestExtensionsAreWhatReadsTakes(t *testing.T) {
	exts := Extensions()
	if len(exts) == 0 || !slices.IsSorted(exts) {
		t.Fatalf("extensions: %v", exts)
	}
	for _, ext := range exts {
		if !Reads("article"+ext) || !Reads("ARTICLE"+strings.ToUpper(ext)) {
			t.Errorf("Reads refuses %s, which Extensions lists", ext)
		}
	}
	for _, name := range []string{"a.docx", "a.zip", "a.jsonld", "a"} {
		if Reads(name) {
			t.Errorf("Reads takes %s", name)
		}
	}
}
