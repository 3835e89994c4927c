package anchor

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

var vocabulary = strings.Fields(`the of and to in is was that for it with as his on be at by had are but from or
have an they which one you were her all she there would their we him been has when who will more no if out so
said what up its about into than them can only other new some could time these two may then do first any my now
such like our over man me even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make world still own see men work
long get here between both life being under never day same another know while last might us great old year off
come since against go came right used take three states himself few house use during without again place around
however home small found thought went say part once general high upon school every does got united left number
course war until always away something fact though water less public put think almost hand enough far took head
yet government system better set told nothing night end why called did eyes find going look asked later knew
point next program city business give group toward young days let room president side social given present several
order national possible rather second face per among form important often things looked early white case john
become large big need four within felt along children saw best church ever least power development light thing
seemed family interest want members mind country area others done turned although open problem god service certain
kind began thus help means sense whole matter perhaps itself york times human law line above name example action
company hands local show whether five history gave today either act feet across taken past quite anything seen
having death week experience body word half really field am car words already themselves information tell
together college shall money period held keep sure real probably free seems political cannot behind question
air office making brought whose special major heard federal became study ago moment known result street economic
boy reason change position south board individual job areas society west close turn love community true court
force full seem am wife future age voice center woman control common policy necessary following front sometimes
six girl clear further land run students provide feel party able mother music education university child effect
level stood military town short morning total outside rate figure class art century washington north usually
plan leave therefore evidence too million sound black strong hard various says believe type value play surface
soon mean near lines table peace modern tax road red book personal process situation minutes increase schools
idea english alone women gone nor amount living private`)

// corpus is a deterministic English-like piece with the rune offsets of
// each word, so that annotations can span whole words.
type corpus struct {
	text  string
	words [][2]int // rune span of each word
}

func makeCorpus(seed int64, nWords int) corpus {
	rng := rand.New(rand.NewSource(seed))
	var b strings.Builder
	var c corpus
	pos := 0
	write := func(s string) {
		b.WriteString(s)
		pos += len(s) // the vocabulary is ASCII
	}
	inSentence, inPara := 0, 0
	sentenceLen, paraLen := 0, 0
	for w := 0; w < nWords; w++ {
		if inSentence == 0 {
			sentenceLen = 6 + rng.Intn(14)
			if inPara == 0 {
				paraLen = 3 + rng.Intn(4)
				if w > 0 {
					write("\n\n")
				}
			} else {
				write(" ")
			}
		} else {
			write(" ")
		}
		word := vocabulary[rng.Intn(len(vocabulary))]
		if inSentence == 0 {
			word = strings.ToUpper(word[:1]) + word[1:]
		}
		c.words = append(c.words, [2]int{pos, pos + len(word)})
		write(word)
		inSentence++
		if inSentence == sentenceLen || w == nWords-1 {
			write(".")
			inSentence = 0
			inPara++
			if inPara == paraLen {
				inPara = 0
			}
		} else if rng.Intn(12) == 0 {
			write(",")
		}
	}
	c.text = b.String()
	return c
}

// annotations describes n spans of 5-40 whole words.
func (c corpus) annotations(seed int64, n int) []Selector {
	rng := rand.New(rand.NewSource(seed))
	t := NewText(c.text)
	sels := make([]Selector, n)
	for i := range sels {
		words := 5 + rng.Intn(36)
		first := rng.Intn(len(c.words) - words)
		sel, err := t.Describe(c.words[first][0], c.words[first+words-1][1])
		if err != nil {
			panic(err)
		}
		sels[i] = sel
	}
	return sels
}

// withTypos makes n small typos, each inside a word of an annotated
// passage, and returns the edited text and a function mapping old rune
// offsets of word boundaries to new ones.
func (c corpus) withTypos(seed int64, sels []Selector, n int) (string, func(int) int) {
	rng := rand.New(rand.NewSource(seed))
	rs := []rune(c.text)
	type edit struct{ at, kind int }
	var edits []edit
	used := map[int]bool{}
	for len(edits) < n {
		sel := sels[rng.Intn(len(sels))]
		// a word of at least four letters inside the passage
		var cands []int
		for w, span := range c.words {
			if span[0] >= sel.Start && span[1] <= sel.End && span[1]-span[0] >= 4 && !used[w] {
				cands = append(cands, w)
			}
		}
		if len(cands) == 0 {
			continue
		}
		w := cands[rng.Intn(len(cands))]
		used[w] = true
		edits = append(edits, edit{c.words[w][0] + 1, rng.Intn(3)})
	}
	sort.Slice(edits, func(a, b int) bool { return edits[a].at > edits[b].at })
	shift := map[int]int{} // edit offset -> length change
	for _, e := range edits {
		switch e.kind {
		case 0: // transposition
			rs[e.at], rs[e.at+1] = rs[e.at+1], rs[e.at]
		case 1: // dropped letter
			rs = append(rs[:e.at], rs[e.at+1:]...)
			shift[e.at] = -1
		default: // doubled letter
			rs = append(rs[:e.at], append([]rune{rs[e.at]}, rs[e.at:]...)...)
			shift[e.at] = 1
		}
	}
	// Edits fall strictly inside words, so a word boundary moves by the
	// edits before it.
	mapOffset := func(old int) int {
		d := 0
		for at, delta := range shift {
			if at < old {
				d += delta
			}
		}
		return old + d
	}
	return string(rs), mapOffset
}

const insertedParagraph = "Editor's note: this piece was revised after publication. A new opening paragraph was added, and the remaining text was left as it was, apart from this note, which explains the change to readers who saw the first version."

type scenario struct {
	name string
	text string
	// where maps an old rune offset of a word boundary to the new text
	where func(int) int
}

func scenarios(c corpus, sels []Selector) []scenario {
	typo, mapOffset := c.withTypos(7, sels, 20)
	inserted := len(insertedParagraph) + 2
	return []scenario{
		{"insert", insertedParagraph + "\n\n" + c.text, func(o int) int { return o + inserted }},
		{"typos", typo, mapOffset},
		{"unchanged", c.text, func(o int) int { return o }},
	}
}

func BenchmarkResolveAll(b *testing.B) {
	for _, words := range []int{1000, 20000} {
		c := makeCorpus(1, words)
		sels := c.annotations(2, 500)
		for _, sc := range scenarios(c, sels) {
			b.Run(fmt.Sprintf("words=%d/%s", words, sc.name), func(b *testing.B) {
				for b.Loop() {
					NewText(sc.text).ResolveAll(sels)
				}
			})
		}
	}
}

// TestBenchmarkScenarios checks that the benchmarks measure correct work:
// every annotation comes back on the same words (or, for typos, on the
// edited words) with a trusted status.
func TestBenchmarkScenarios(t *testing.T) {
	for _, words := range []int{1000, 20000} {
		c := makeCorpus(1, words)
		sels := c.annotations(2, 500)
		for _, sc := range scenarios(c, sels) {
			nt := NewText(sc.text)
			res := nt.ResolveAll(sels)
			counts := map[Status]int{}
			for i, r := range res {
				counts[r.Status]++
				checkSpan(t, nt, r)
				if start, end := sc.where(sels[i].Start), sc.where(sels[i].End); r.Start != start || r.End != end {
					t.Errorf("%d/%s: selector %d (%s) reads %q, want %q", words, sc.name, i, r.Status,
						nt.Slice(r.Start, r.End), nt.Slice(start, end))
				}
				if single := nt.Resolve(sels[i]); single.Start != r.Start || single.End != r.End {
					t.Errorf("%d/%s: selector %d: Resolve %+v, ResolveAll %+v", words, sc.name, i, single, r)
				}
			}
			t.Logf("%d words, %s: %v", words, sc.name, counts)
			want := Moved
			if sc.name == "unchanged" {
				want = Anchored
			}
			if counts[want] != len(sels) && sc.name != "typos" || counts[Anchored]+counts[Moved] != len(sels) {
				t.Errorf("%d words, %s: statuses %v", words, sc.name, counts)
			}
		}
	}
}
