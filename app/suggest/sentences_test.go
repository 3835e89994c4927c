package suggest

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(s string) []string {
	var out []string
	for _, sp := range sentences(s, nil) {
		out = append(out, s[sp.start:sp.end])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"title before a name", "Dr. Rahimova arrived. She spoke.",
			[]string{"Dr. Rahimova arrived.", "She spoke."}},
		{"initialism inside", "The U.S. Treasury imposed sanctions. The move surprised Kabul.",
			[]string{"The U.S. Treasury imposed sanctions.", "The move surprised Kabul."}},
		{"initialism at the end", "Sanctions came from the U.S. The move surprised Kabul.",
			[]string{"Sanctions came from the U.S.", "The move surprised Kabul."}},
		{"decimals", "Growth was 3.5 per cent. It fell to 2.1 in 2023.",
			[]string{"Growth was 3.5 per cent.", "It fell to 2.1 in 2023."}},
		{"ellipsis inside", "He paused… then continued.", []string{"He paused… then continued."}},
		{"ellipsis at the end", "It was over… The next day, talks resumed.",
			[]string{"It was over…", "The next day, talks resumed."}},
		{"three dots", "It was over... The next day. Wait... what?",
			[]string{"It was over...", "The next day.", "Wait... what?"}},
		{"curly quotes", "“Why?” she asked. “Because.” Then silence.",
			[]string{"“Why?” she asked.", "“Because.”", "Then silence."}},
		{"straight quotes", `He said "no." Then he left.`,
			[]string{`He said "no."`, "Then he left."}},
		{"abbreviation mid-sentence", "Apple Inc. said profits rose. Analysts agreed.",
			[]string{"Apple Inc. said profits rose.", "Analysts agreed."}},
		{"abbreviation at the end", "They founded Oxus Inc. The company grew.",
			[]string{"They founded Oxus Inc.", "The company grew."}},
		{"e.g.", "See e.g. the 2019 report. It is long.",
			[]string{"See e.g. the 2019 report.", "It is long."}},
		{"initials", "J. R. R. Tolkien wrote books.", []string{"J. R. R. Tolkien wrote books."}},
		{"domain", "Visit example.com. It works.", []string{"Visit example.com.", "It works."}},
		{"p.m.", "Mr. Haidari left at 9 p.m. local time. Nobody followed.",
			[]string{"Mr. Haidari left at 9 p.m. local time.", "Nobody followed."}},
		{"No. 5", "No. 5 was chosen. Then No. 6.", []string{"No. 5 was chosen.", "Then No. 6."}},
		{"question and exclamation", "Is it over? No! It is not.", []string{"Is it over?", "No!", "It is not."}},
		{"closing bracket", "He left (finally.) The end.", []string{"He left (finally.)", "The end."}},
		{"CJK", "中国与阿富汗的关系正在变化。塔利班政府希望获得投资！真的吗？",
			[]string{"中国与阿富汗的关系正在变化。", "塔利班政府希望获得投资！", "真的吗？"}},
		{"CJK quotes", "他说：“走廊仍然关闭。”然后离开了。", []string{"他说：“走廊仍然关闭。”", "然后离开了。"}},
		{"lines and paragraphs", "A title\nFirst sentence. Second.\n\nNew paragraph",
			[]string{"A title", "First sentence.", "Second.", "New paragraph"}},
		{"spaces", "  Leading and trailing.   Next one.  ", []string{"Leading and trailing.", "Next one."}},
		{"empty", "", nil},
		{"only breaks", "\n\n \n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sentenceTexts(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			checkSentences(t, tc.text)
		})
	}
}

func TestLongSentencesCut(t *testing.T) {
	long := strings.Repeat("words without a stop, ", 300) + "end."
	ss := sentenceTexts(long)
	if len(ss) < 2 {
		t.Fatalf("a %d-byte sentence kept whole", len(long))
	}
	for _, s := range ss {
		if len(s) > maxSentence || !strings.HasSuffix(s, ",") && s != ss[len(ss)-1] {
			t.Errorf("cut badly: %d bytes ending %q", len(s), s[max(0, len(s)-10):])
		}
	}
	checkSentences(t, long)
	cjk := strings.Repeat("中", 2000)
	checkSentences(t, cjk)
	if n := len(sentenceTexts(cjk)); n < 2 {
		t.Errorf("%d sentences from 2,000 ideographs", n)
	}
}

func TestSentenceParagraphs(t *testing.T) {
	s := "One. Two.\nThree.\n\nFour. Five."
	var paras []bool
	for _, sp := range sentences(s, nil) {
		paras = append(paras, sp.para)
	}
	if want := []bool{true, false, false, true, false}; !slices.Equal(paras, want) {
		t.Errorf("para flags %v, want %v", paras, want)
	}
}

// checkSentences checks what holds for any text: spans are in order,
// inside the text, on rune boundaries (if the text is valid UTF-8, as the
// index makes it), neither start nor end with white
// space nor contain a line break, and only white space is left out.
func checkSentences(t testing.TB, s string) {
	t.Helper()
	prev := 0
	for i, sp := range sentences(s, nil) {
		if sp.start < prev || sp.end <= sp.start || sp.end > len(s) {
			t.Fatalf("sentence %d: span [%d,%d) after %d in %d bytes", i, sp.start, sp.end, prev, len(s))
		}
		if utf8.ValidString(s) && (!utf8.RuneStart(s[sp.start]) || sp.end < len(s) && !utf8.RuneStart(s[sp.end])) {
			t.Errorf("sentence %d: [%d,%d) splits a rune", i, sp.start, sp.end)
		}
		text := s[sp.start:sp.end]
		if strings.Trim(text, " \t") != text || strings.Contains(text, "\n") {
			t.Errorf("sentence %d: %q has edge spaces or a line break", i, text)
		}
		if gap := s[prev:sp.start]; strings.Trim(gap, " \t\n") != "" {
			t.Errorf("sentence %d: %q left out before it", i, gap)
		}
		if i == 0 && !sp.para {
			t.Errorf("first sentence not marked as starting a paragraph")
		}
		prev = sp.end
	}
	if gap := s[prev:]; strings.Trim(gap, " \t\n") != "" {
		t.Errorf("%q left out at the end", gap)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Dr. Rahimova arrived. She spoke.", "It was over… The next day.", "“Why?” she asked.",
		"中国与阿富汗的关系正在变化。塔利班", "U.S.-China talks. The U.S. The", "a\n\nb\nc. D", "3.5. 4", "...", "“”.",
		"\xff. \xfe", "e.g. I. A.B.C. x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSentences(t, s)
	})
}
