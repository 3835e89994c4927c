package widgets

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// unevenText is words words in paragraphs of 1 to 300 words, every word
// numbered (w0, w1, …) so that a test can tell where it is. Some
// paragraphs are of wide capitals, which the estimate of a paragraph's
// height (from prose of ordinary letters) gets badly wrong.
func unevenText(words int) string {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	para, wide := 1+r.IntN(300), false
	for i := range words {
		if i > 0 {
			if para--; para == 0 {
				b.WriteString("\n\n")
				para, wide = 1+r.IntN(300), r.IntN(4) == 0
			} else {
				b.WriteByte(' ')
			}
		}
		if wide {
			fmt.Fprintf(&b, "WMW%d", i)
		} else {
			fmt.Fprintf(&b, "w%d", i)
		}
	}
	return b.String()
}

// wordOffset is the rune offset of the numbered word i in unevenText.
func wordOffset(t *testing.T, text string, i int) int {
	t.Helper()
	for _, w := range []string{fmt.Sprintf(" w%d ", i), fmt.Sprintf(" WMW%d ", i), fmt.Sprintf("\nw%d ", i), fmt.Sprintf("\nWMW%d ", i)} {
		if k := strings.Index(text, w); k >= 0 {
			return utf8.RuneCountInString(text[:k+1])
		}
	}
	t.Fatalf("word %d not found", i)
	return 0
}

// pageTexts is the text of every line drawn, top to bottom.
func pageTexts(a *AnnotatedText) []string {
	var out []string
	for _, o := range test.WidgetRenderer(a.page).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx.Text)
		}
	}
	return out
}

// viewLines is the text of the lines wholly in view.
func viewLines(a *AnnotatedText) []string {
	p, l := a.page, a.page.layout
	top := a.scroll.Offset.Y
	var out []string
	for i, ok := l.lineAt(top-p.top), true; ok; i, ok = l.next(i) {
		ln := l.line(i)
		if p.top+ln.y+l.lineHeight > top+a.scroll.Size().Height {
			break
		}
		if p.top+ln.y >= top {
			out = append(out, ln.text)
		}
	}
	return out
}

func TestALongPieceOpensWithFewParagraphsLaidOut(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(300_000)
	a, _ := showText(t, text, nil)
	l := a.page.layout
	if len(l.units) < 1500 {
		t.Fatalf("%d paragraphs", len(l.units))
	}
	if l.laidOut > 10 || len(l.kept) > 10 {
		t.Fatalf("opening laid out %d paragraphs (%d kept)", l.laidOut, len(l.kept))
	}
	drawn := pageTexts(a)
	if len(drawn) == 0 || !strings.HasPrefix(drawn[0], "w0 w1 ") && !strings.HasPrefix(drawn[0], "WMW0 ") {
		t.Fatalf("first line drawn: %q", drawn)
	}
	// The estimated height is of the right order: within a factor of two
	// of the true one, laid out with runes measured one by one (the words
	// are all different: measuring each would take minutes).
	estimated := l.height
	widths := map[rune]float32{}
	byRunes := func(s string) float32 {
		w := float32(0)
		for _, r := range s {
			if _, ok := widths[r]; !ok {
				widths[r] = l.measure(string(r))
			}
			w += widths[r]
		}
		return w
	}
	full := newTextLayout(byRunes, nil)
	full.setText(text)
	full.wrap(l.width, l.lineHeight, l.paraGap)
	full.allLines()
	if estimated < full.height/2 || estimated > full.height*2 {
		t.Fatalf("estimated height %v, laid out %v", estimated, full.height)
	}
}

func TestLinesLaidOutOnDemandMatchAFullLayout(t *testing.T) {
	l := newTextLayout(monospace, nil)
	text := unevenText(20_000)
	l.setText(text)
	l.wrap(400, 20, 10)
	// Ask for lines all over, out of order, as scrolling and clicks do,
	// more than are kept.
	r := rand.New(rand.NewPCG(1, 1))
	for range 2000 {
		l.lineAt(r.Float32() * l.height)
		l.lineOf(r.IntN(len(text)))
	}
	if len(l.kept) > keptUnits {
		t.Fatalf("%d units kept", len(l.kept))
	}
	got := l.allLines()
	full := newTextLayout(monospace, nil)
	full.setText(text)
	full.wrap(400, 20, 10)
	want := full.allLines()
	if !slices.Equal(got, want) || l.height != full.height {
		t.Fatalf("%d lines and height %v, want %d and %v", len(got), l.height, len(want), full.height)
	}
	for i, ln := range want {
		ref := l.lineAt(ln.y + 1)
		if l.line(ref) != ln || l.line(l.lineOf(ln.start)).start > ln.start {
			t.Fatalf("line %d: at its y %+v, want %+v", i, l.line(ref), ln)
		}
	}
}

func TestHeightTree(t *testing.T) {
	heights := []float32{10, 0.5, 30, 7, 7, 100, 1}
	var f heightTree
	f.reset(heights)
	f.add(2, -10) // 30 -> 20
	heights[2] = 20
	top := 0.0
	for u, h := range heights {
		if f.sum(u) != top {
			t.Fatalf("sum(%d) = %v, want %v", u, f.sum(u), top)
		}
		for _, y := range []float64{top, top + float64(h)/2} {
			if got := f.find(y); got != u {
				t.Errorf("find(%v) = %d, want %d", y, got, u)
			}
		}
		top += float64(h)
	}
	if f.find(-1) != 0 || f.find(top) != len(heights) || f.total() != top {
		t.Fatalf("ends: %d %d %v", f.find(-1), f.find(top), f.total())
	}
}

func TestScrollingKeepsTheTopLineInPlace(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(200_000)
	a, _ := showText(t, text, nil)
	p, l := a.page, a.page.layout
	// Jump far in, as dragging the scroll bar does: nothing around is laid out.
	a.scroll.ScrollToOffset(fyne.NewPos(0, l.height*0.6))
	a.scroll.OnScrolled(a.scroll.Offset)
	corrected := 0
	ev := &fyne.ScrollEvent{}
	ev.Scrolled.DY = 40 // upwards, into paragraphs not laid out
	for range 150 {
		top := a.scroll.Offset.Y
		ref := l.lineAt(top - p.top)
		ln := l.line(ref)
		onScreen := p.top + ln.y - top
		laid := l.laidOut
		a.scroll.Scrolled(ev)
		if l.laidOut > laid {
			corrected++
		}
		moved := l.line(ref)
		if now := p.top + moved.y - a.scroll.Offset.Y; now-onScreen < 39.5 || now-onScreen > 40.5 {
			t.Fatalf("line %q was at %v in the view, is at %v after scrolling 40 up", ln.text, onScreen, now)
		}
	}
	if corrected < 3 {
		t.Fatalf("only %d scrolls laid anything out", corrected)
	}
}

func TestScrollToTheEndShowsTheLastWords(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(200_000)
	a, _ := showText(t, text, nil)
	a.ScrollToOffset(utf8.RuneCountInString(text))
	lines := viewLines(a)
	if len(lines) == 0 || !strings.HasSuffix(lines[len(lines)-1], "199999") {
		t.Fatalf("at the end, the view shows %q", lines)
	}
	if bottom := a.page.MinSize().Height - a.scroll.Size().Height; a.scroll.Offset.Y != bottom {
		t.Fatalf("scrolled to %v, the bottom is %v", a.scroll.Offset.Y, bottom)
	}
	// And back to the top through the keys.
	a.Focus(test.NewTempWindow(t, nil).Canvas())
	a.page.typedModifiedKey(fyne.KeyHome, fyne.KeyModifierControl)
	if a.scroll.Offset.Y != 0 {
		t.Fatalf("Ctrl+Home left the view at %v", a.scroll.Offset.Y)
	}
}

func TestScrollToAnOffsetNearTheEndLandsOnIt(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(200_000)
	a, _ := showText(t, text, nil)
	for _, word := range []int{199_000, 150_123, 2_000, 180_000} {
		off := wordOffset(t, text, word)
		a.ScrollToOffset(off)
		y := posOf(a.page, off).Y - a.scroll.Offset.Y
		third := a.scroll.Size().Height / 3
		if lh := a.page.layout.lineHeight; y < third-lh || y > third+lh {
			t.Errorf("word %d is at %v in the view, want about %v", word, y, third)
		}
		if !slices.ContainsFunc(viewLines(a), func(s string) bool { return strings.Contains(s, fmt.Sprint(word)) }) {
			t.Errorf("word %d not in view: %q", word, viewLines(a))
		}
	}
}

func TestFindScrollsToAHitFarDown(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(200_000)
	a, _ := showText(t, text, nil)
	off := wordOffset(t, text, 197_531)
	a.SetMarks([][2]int{{10, 12}, {off, off + 8}})
	a.SetCurrentMark(1)
	if !slices.ContainsFunc(viewLines(a), func(s string) bool { return strings.Contains(s, "197531") }) {
		t.Fatalf("the hit is not in view: %q", viewLines(a))
	}
	_, filled := markRects(a)
	if len(filled) == 0 {
		t.Fatal("the current hit is not drawn")
	}
}

func TestSelectingAcrossParagraphsNotLaidOut(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(200_000)
	a, _ := showText(t, text, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	start := wordOffset(t, text, 5)
	click(p, posOf(p, start), 0)
	end := wordOffset(t, text, 190_000)
	a.ScrollToOffset(end)
	click(p, posOf(p, end), fyne.KeyModifierShift)
	if got := log.last(); got != [2]int{start, end} {
		t.Fatalf("Shift+click selected %v, want %v", got, [2]int{start, end})
	}
	if got := a.SelectedText(); !strings.HasPrefix(got, "w5 ") && !strings.HasPrefix(got, "WMW5 ") || len(got) != end-start {
		t.Fatalf("selected text of %d bytes, starting %q", len(got), got[:20])
	}
	// Shift+Ctrl+End extends it to the end; Ctrl+A selects all.
	p.typedModifiedKey(fyne.KeyEnd, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if got, n := log.last(), utf8.RuneCountInString(text); got != [2]int{start, n} {
		t.Fatalf("Shift+Ctrl+End selected %v, want %v", got, [2]int{start, n})
	}
	a.SelectAll()
	if s, e := a.Selection(); s != 0 || e != utf8.RuneCountInString(text) {
		t.Fatalf("select all: %d,%d", s, e)
	}
}

func TestDraggingPastTheEndSelectsToTheEnd(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(100_000)
	a, _ := showText(t, text, nil)
	var log selectionLog
	log.watch(a)
	p := a.page
	from := posOf(p, wordOffset(t, text, 3))
	dragFrom(p, from, fyne.NewPos(from.X, p.MinSize().Height+50))
	endDrag(p, fyne.NewPos(from.X, p.MinSize().Height+50))
	if got := log.last(); got != [2]int{wordOffset(t, text, 3), utf8.RuneCountInString(text)} {
		t.Fatalf("dragging past the end selected %v", got)
	}
}

func TestKeysMoveAcrossParagraphsNotLaidOut(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(50_000)
	a, w := showText(t, text, nil)
	a.Focus(w.Canvas())
	p, l := a.page, a.page.layout
	click(p, posOf(p, 0), 0)
	// Page Down: the caret goes down a page of lines each time, counted
	// line by line from the top, and stays in view.
	per := p.linesPerPage()
	for n := 1; n <= 12; n++ {
		key(p, fyne.KeyPageDown)
		caret := p.sel.caret
		ref, _ := l.step(lineRef{}, n*per)
		if want := l.line(ref); caret < want.start || caret > want.end {
			t.Fatalf("after %d Page Downs the caret is at %d, want on %+v", n, caret, want)
		}
		if y := posOf(p, caret).Y - a.scroll.Offset.Y; y < 0 || y > a.scroll.Size().Height {
			t.Fatalf("after %d Page Downs the caret is out of view (%v)", n, y)
		}
	}
	// Right from a paragraph's end, far down, steps into the next one.
	u := len(l.units) * 3 / 4
	end := l.units[u].end
	a.ScrollToOffset(end)
	click(p, posOf(p, end-1), 0)
	key(p, fyne.KeyRight)
	key(p, fyne.KeyRight)
	if got, want := p.sel.caret, l.line(lineRef{u + 1, 0}).start; got != want {
		t.Fatalf("Right twice from the end of a paragraph: caret at %d, want %d", got, want)
	}
	// Up from the next paragraph's first line goes back to the last line
	// of this one.
	key(p, fyne.KeyUp)
	if ln := l.line(l.lineOf(p.sel.caret)); ln.end != end {
		t.Fatalf("Up from a paragraph's first line: on %+v, want the line ending at %d", ln, end)
	}
}

func TestAVeryLongParagraphIsLaidOutInPieces(t *testing.T) {
	test.NewTempApp(t)
	text := strings.Repeat("Many words without a paragraph break, as pasted. ", 20_000)
	a, _ := showText(t, text, nil)
	l := a.page.layout
	if len(l.units) < 100 || l.laidOut > 5 {
		t.Fatalf("%d units, %d laid out", len(l.units), l.laidOut)
	}
	for _, u := range l.units {
		if u.end-u.start > maxUnitRunes || l.text.at(u.start) == ' ' {
			t.Fatalf("unit [%d,%d) starts %q", u.start, u.end, l.text.slice(u.start, u.start+10))
		}
	}
	a.ScrollToOffset(len(text) - 10)
	if lines := viewLines(a); len(lines) == 0 || !strings.HasSuffix(lines[len(lines)-1], "as pasted.") {
		t.Fatalf("at the end: %q", lines)
	}
}

func TestRuneTextMatchesRunes(t *testing.T) {
	text := strings.Repeat("Zürich’s café, 中国与阿富汗 and تحليل الأمن; plain ASCII too. ", 200) + "\xffbad\xe4\xb8"
	runes := []rune(text)
	rt := newRuneText(text)
	if rt.ascii || rt.len() != len(runes) {
		t.Fatalf("len %d, want %d", rt.len(), len(runes))
	}
	r := rand.New(rand.NewPCG(2, 2))
	for range 5000 {
		i := r.IntN(len(runes))
		j := i + r.IntN(min(len(runes)-i, 600)+1)
		if rt.at(i) != runes[i] {
			t.Fatalf("at(%d) = %q, want %q", i, rt.at(i), runes[i])
		}
		if got := []rune(rt.slice(i, j)); !slices.Equal(got, runes[i:j]) {
			t.Fatalf("slice(%d,%d) = %q, want %q", i, j, string(got), string(runes[i:j]))
		}
	}
	ascii := newRuneText("plain text")
	if !ascii.ascii || ascii.slice(6, 10) != "text" || ascii.at(0) != 'p' {
		t.Fatalf("ASCII text: %+v", ascii)
	}
}

func TestResizingKeepsTheWordsAtTheTop(t *testing.T) {
	test.NewTempApp(t)
	text := unevenText(50_000)
	a, w := showText(t, text, nil)
	p := a.page
	a.ScrollToOffset(wordOffset(t, text, 30_000))
	top, _ := p.offsetAtTop()
	for _, width := range []float32{500, 650, 900} {
		w.Resize(fyne.NewSize(width, 500))
		l := p.layout
		if ln := l.line(l.lineAt(a.scroll.Offset.Y - p.top)); top < ln.start || top > ln.end {
			t.Fatalf("at width %v the top line is %q, want the one with offset %d (%q)", width, ln.text, top, l.text.slice(top, top+20))
		}
	}
}

func TestEstimatesLearnFromTheParagraphsLaidOut(t *testing.T) {
	test.NewTempApp(t)
	// Capitals, twice as wide as the prose the first estimate assumes.
	words := strings.Fields("WMWM MWWMW WWM MMWMWM WM WWWMW")
	var b strings.Builder
	for i := range 40_000 {
		if i > 0 {
			if i%90 == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(words[i%len(words)])
	}
	a, _ := showText(t, b.String(), nil)
	l := a.page.layout
	full := newTextLayout(l.measure, nil)
	full.setText(b.String())
	full.wrap(l.width, l.lineHeight, l.paraGap)
	full.allLines()
	if l.height < full.height*0.95 || l.height > full.height*1.05 {
		t.Fatalf("estimated height %v, laid out %v", l.height, full.height)
	}
	// Scrolling further in keeps it within a few percent, as the rest is
	// laid out.
	a.ScrollToOffset(runeLen(b.String()) / 2)
	if l.height < full.height*0.95 || l.height > full.height*1.05 {
		t.Fatalf("estimated height %v, laid out %v", l.height, full.height)
	}
}

func TestShownBeforeAnyText(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, NewAnnotatedText())
	w.Resize(fyne.NewSize(400, 300))
	var empty runeText
	if empty.len() != 0 || empty.slice(0, 0) != "" || empty.byteAt(0) != 0 {
		t.Fatal("the zero runeText is not empty")
	}
}

// TestATextSetWhileHiddenIsNotLaidOutWhole: the reader sets a piece's
// text while the widget is still hidden, before its view has a size; the
// page alone is as tall as the whole text, and taking that for the view
// laid out a 5 MB piece whole on the UI thread (the window said "Opening
// the piece…" for minutes).
func TestATextSetWhileHiddenIsNotLaidOutWhole(t *testing.T) {
	test.NewTempApp(t)
	a := NewAnnotatedText()
	a.Hide()                                                               // hidden before it was ever laid out, as the reader's is
	w := test.NewTempWindow(t, container.NewBorder(nil, nil, nil, nil, a)) // lays out only what is shown
	w.Resize(fyne.NewSize(600, 400))
	a.SetText(unevenText(300_000))
	a.Refresh()
	if l := a.page.layout; l.laidOut > 40 {
		t.Fatalf("a hidden widget laid out %d of %d paragraphs", l.laidOut, len(l.units))
	}
	a.Show()
	w.Content().Refresh()
	if drawn := pageTexts(a); len(drawn) == 0 || !strings.HasPrefix(drawn[0], "w0 ") && !strings.HasPrefix(drawn[0], "WMW0 ") {
		t.Fatalf("first line drawn once shown: %q", drawn)
	}
}
