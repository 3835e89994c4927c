package textnorm

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only space", " \t\u00a0\n\n \r\n", ""},
		{"plain", "Kabul", "Kabul"},
		{"trim whole text", "\n\n  Kabul talks  \n\n", "Kabul talks"},
		{"crlf", "one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"},
		{"lone cr", "one\rtwo\r\rthree", "one\ntwo\n\nthree"},
		{"bom", "\ufeffTitle\n\nBody", "Title\n\nBody"},
		{"bom mid text", "a\ufeffb", "ab"},
		{"controls dropped", "Wa\x00kh\x07an\x1b[0m", "Wakhan[0m"},
		{"c1 controls dropped", "Aktau\u0080\u009f port", "Aktau port"},
		{"del dropped", "Baku\x7f", "Baku"},
		{"tabs", "a\tb\t\tc", "a b c"},
		{"nbsp and unicode spaces", "a\u00a0b\u2003c\u202fd\u3000e", "a b c d e"},
		{"collapse spaces", "Middle    Corridor   rail", "Middle Corridor rail"},
		{"trim line ends", "  first line  \n   second line ", "first line\nsecond line"},
		{"keep single newline", "ALICE: Yes.\nBOB: No.", "ALICE: Yes.\nBOB: No."},
		{"three newlines", "a\n\n\nb", "a\n\nb"},
		{"many newlines", "a\n\n\n\n\n\nb", "a\n\nb"},
		{"blank line with spaces", "a\n   \n\t\nb", "a\n\nb"},
		{"vertical tab and form feed", "page one\fpage two\vline", "page one\npage two\nline"},
		{"unicode separators", "a\u2028b\u2029c\u0085d", "a\nb\n\nc\nd"},
		{"nfc", "Re\u0301sume\u0301", "Résumé"},
		{"nfc across dropped control", "e\x01\u0301", "é"},
		{"invalid utf8", "ab\xffcd", "ab\ufffdcd"},
		{"truncated utf8", "caf\xc3", "caf\ufffd"},
		{"zero width joiner kept", "👩\u200d💻", "👩\u200d💻"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one", "Only paragraph", []string{"Only paragraph"}},
		{"two", "First\n\nSecond", []string{"First", "Second"}},
		{"line breaks stay inside", "A: yes\nB: no\n\nNext", []string{"A: yes\nB: no", "Next"}},
		{"unnormalised runs", "\n\nA\n\n\n\nB\n", []string{"A", "B"}},
		{"multibyte", "Élodie\n\n«Vigie»", []string{"Élodie", "«Vigie»"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range Paragraphs(tt.in) {
				got = append(got, tt.in[sp[0]:sp[1]])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestParagraphsRoundTrip checks that the spans of a normalised text cover
// it exactly, which is what lets the store rebuild a text from its spans.
func TestParagraphsRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := Normalize(string(data))
	var parts []string
	for _, sp := range Paragraphs(s) {
		parts = append(parts, s[sp[0]:sp[1]])
	}
	if len(parts) < 4 {
		t.Fatalf("expected several paragraphs, got %d", len(parts))
	}
	if joined := strings.Join(parts, "\n\n"); joined != s {
		t.Errorf("joined paragraphs differ from text:\n%q\n%q", joined, s)
	}
}

func FuzzNormalize(f *testing.F) {
	seeds := []string{
		"", " ", "\n\n\n", "a\r\nb", "\ufeffx", "e\x01\u0301", "a\u2029\u2029b",
		"ab\xffcd", " \u00a0 x \t\n\n\n y ", "\u0301", "x\n\u0301\n\n",
	}
	if data, err := os.ReadFile("testdata/sample.txt"); err == nil {
		seeds = append(seeds, string(data))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Normalize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if again := Normalize(out); again != out {
			t.Fatalf("not idempotent:\n in   %q\n once %q\n twice %q", in, out, again)
		}
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("three newlines in %q", out)
		}
		if out != strings.TrimSpace(out) {
			t.Fatalf("leading or trailing white space in %q", out)
		}
		if strings.Contains(out, " \n") || strings.Contains(out, "\n ") || strings.Contains(out, "  ") {
			t.Fatalf("untrimmed line or double space in %q", out)
		}
		for _, sp := range Paragraphs(out) {
			p := out[sp[0]:sp[1]]
			if p == "" || strings.Contains(p, "\n\n") {
				t.Fatalf("bad paragraph %q in %q", p, out)
			}
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	// About 20,000 words: the size of a long report or a book chapter.
	para := "The Middle Corridor\u00a0links  Central Asia to Europe across the Caspian,\r\n" +
		"and its  ports at Aktau and Baku\thandle a growing share of container traffic. " +
		"Officials in Astana, Baku and Tbilisi meet every quarter to align tariffs.\r\n\r\n\r\n"
	words := len(strings.Fields(para))
	s := strings.Repeat(para, 20000/words+1)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
	}
}
