package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestEncodingFixtures(t *testing.T) {
	tests := []struct {
		file, title string
		body        []string
	}{
		{"txt/utf16le-bom.txt", "Eurasian connectivity reading list",
			[]string{"Türkiye, Georgia, Azerbaijan, Kazakhstan.", "Примечание: источники на русском языке."}},
		{"txt/utf16be-bom.txt", "Eurasian connectivity reading list",
			[]string{"Türkiye, Georgia", "Примечание"}},
		{"txt/windows-1252.txt", "Terrorism in Europe: a note on sources",
			[]string{"the Liège trial", "the “new normal” – a phrase borrowed from the café debates", "(€)"}},
		{"html/vigie-latin1.html", "Terrorisme : l’Europe face à la menace des acteurs isolés",
			[]string{"Les États membres ont renforcé l’échange d’informations", "« Nous avons affaire"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			for _, b := range tt.body {
				if !strings.Contains(doc.Text, b) {
					t.Errorf("Text lacks %q:\n%s", b, doc.Text)
				}
			}
			if strings.ContainsRune(doc.Text, '\uFFFD') {
				t.Errorf("Text has replacement characters:\n%s", doc.Text)
			}
		})
	}
}

func TestEncodings(t *testing.T) {
	const text = "Caspian ports\n\nAktau, Baku and Türkmenbaşy compete for “transit” cargo."
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	latin := "Caspian ports\n\nAktau and Baku: caf\xe9s, \x93quotes\x94 and \x80."
	page := func(charset, body string) string {
		return `<html><head><meta charset="` + charset + `"><title>Ports</title></head><body><article><p>` + body + `</p></article></body></html>`
	}
	koi8, _ := charmap.KOI8R.NewEncoder().String("Порт Актау принимает паромы из Баку каждую неделю.")

	tests := []struct {
		name, data, want string
	}{
		{"utf8-bom.txt", "\xef\xbb\xbf" + text, "Aktau, Baku and Türkmenbaşy compete for “transit” cargo."},
		{"utf16le-nobom.txt", utf16le, "Aktau, Baku and Türkmenbaşy compete for “transit” cargo."},
		{"utf16be-nobom.txt", utf16be, "Aktau, Baku and Türkmenbaşy compete for “transit” cargo."},
		{"latin.txt", latin, "Aktau and Baku: cafés, “quotes” and €."},
		{"latin.md", latin, "Aktau and Baku: cafés, “quotes” and €."},
		// One damaged byte in UTF-8 text is replaced, not taken as a sign
		// of Windows-1252.
		{"damaged.txt", "Türkmenbaşy and Aktau \xff are ports on the Caspian.", "Türkmenbaşy and Aktau \uFFFD are ports"},
		{"iso.html", page("iso-8859-1", "Caf\xe9 in Aktau, \x93quoted\x94."), "Café in Aktau, “quoted”."},
		{"koi8.html", page("koi8-r", koi8), "Порт Актау принимает паромы из Баку каждую неделю."},
		// A stale declaration on a page that is valid UTF-8 is ignored.
		{"stale.html", page("iso-8859-1", "Türkmenbaşy café."), "Türkmenbaşy café."},
		{"undeclared.html", "<html><body><p>Caf\xe9 in Aktau.</p></body></html>", "Café in Aktau."},
		{"wrong-utf8.html", page("utf-8", "Caf\xe9 in Aktau, \x93quoted\x94."), "Café in Aktau, “quoted”."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Bytes(tt.name, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Text, tt.want) {
				t.Errorf("Text = %q, want it to contain %q", doc.Text, tt.want)
			}
		})
	}
}
