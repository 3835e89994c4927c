// Code copied from app/search/gen_test.go (package search's test-only
// generator, which another module cannot import) so that the relevance set
// of app/search/testdata/relevance.json can be planted in the very corpus
// TestRelevance plants it in. Only the package name and the qualified
// search.Doc / search.Kind* names differ, and the once-per-binary cache
// (generated) is left out: this program generates each corpus once anyway.
// Keep it in step with the original.

package main

import (
	"commonplace/app/search"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// genConfig sizes a generated notebook.
type genConfig struct {
	Pieces        int
	WordsPerPiece int
	PassagesPer   int // passages per piece
	Claims, Notes int
	WordsPerItem  int // words of a passage (quote and note), claim or note
	Seed          uint64
}

// paperConfig is the notebook the targets are stated for: 10,000 pieces of
// about 1,000 words, 100,000 passages and, on top, 20,000 claims and notes
// of about 40 words.
var paperConfig = genConfig{Pieces: 10_000, WordsPerPiece: 1_000, PassagesPer: 10, Claims: 10_000, Notes: 10_000, WordsPerItem: 40, Seed: 7}

// smallConfig keeps -short and -race runs quick.
var smallConfig = genConfig{Pieces: 600, WordsPerPiece: 600, PassagesPer: 8, Claims: 800, Notes: 800, WordsPerItem: 40, Seed: 7}

// generator writes English-like prose: a Zipf-distributed vocabulary of
// function words, a few hundred topic words (China, Afghanistan, Central
// Asia, terrorism in Europe) and about 3,000 invented words, with names
// and places sprinkled in.
type generator struct {
	r     *rand.Rand
	cdf   []uint64 // cumulative Zipf weights, for a binary-search sampler
	words []string
}

func newGenerator(seed uint64) *generator {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &generator{r: r}
	words := append([]string{}, functionWords...)
	topics := strings.Fields(topicWords)
	synth := inventWords(rand.New(rand.NewPCG(seed, 99)), 3000)
	// Topic words take the middle ranks, invented ones the long tail, with
	// some mixing so the tail is not purely invented.
	words = append(words, topics...)
	words = append(words, synth...)
	r.Shuffle(len(words)-len(functionWords)-len(topics)/2, func(i, j int) {
		off := len(functionWords) + len(topics)/2
		words[off+i], words[off+j] = words[off+j], words[off+i]
	})
	g.words = words
	// P(rank k) ∝ 1/(k+2)^1.07, sampled by binary search over the
	// cumulative weights (rand.Zipf's rejection sampling is 10× slower).
	g.cdf = make([]uint64, len(words))
	var sum float64
	for k := range words {
		sum += math.Pow(float64(k+2), -1.07)
		g.cdf[k] = uint64(sum * 1e12)
	}
	return g
}

func inventWords(r *rand.Rand, n int) []string {
	onsets := strings.Fields("b c d f g h k l m n p r s t v w z br cr dr fr gr pr tr st sp sl pl cl bl ch sh th qu")
	vowels := strings.Fields("a e i o u a e i o ai ea ou io")
	codas := strings.Fields("n r l s t m nd nt st rd ld ck")
	suffixes := strings.Fields("tion ment al ity ing ed er ive ous ic ist ism ance ence ary able")
	seen := map[string]bool{}
	for _, w := range functionWords {
		seen[w] = true
	}
	for _, w := range strings.Fields(topicWords) {
		seen[w] = true
	}
	var out []string
	for len(out) < n {
		var b strings.Builder
		syl := 1 + r.IntN(3)
		for range syl {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(vowels[r.IntN(len(vowels))])
		}
		if r.IntN(2) == 0 {
			b.WriteString(codas[r.IntN(len(codas))])
		}
		if r.IntN(3) == 0 {
			b.WriteString(suffixes[r.IntN(len(suffixes))])
		}
		w := b.String()
		if len(w) < 4 || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) word() string {
	if g.r.IntN(40) == 0 {
		if g.r.IntN(2) == 0 {
			return g.pick(places)
		}
		return g.pick(lastNames)
	}
	u := g.r.Uint64N(g.cdf[len(g.cdf)-1])
	i, _ := slices.BinarySearch(g.cdf, u+1)
	return g.words[min(i, len(g.words)-1)]
}

// sentence writes k words, capitalised, with a full stop.
func (g *generator) sentence(b *strings.Builder, k int) {
	for i := range k {
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 0 && i < k-1 && g.r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
}

// text writes about n words in paragraphs of three to seven sentences.
func (g *generator) text(n int) string {
	var b strings.Builder
	b.Grow(n * 8)
	for done := 0; done < n; {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for s := 3 + g.r.IntN(5); s > 0 && done < n; s-- {
			if s < 7 && b.Len() > 0 && b.String()[b.Len()-1] == '.' {
				b.WriteByte(' ')
			}
			k := min(8+g.r.IntN(18), n-done)
			g.sentence(&b, k)
			done += k
		}
	}
	return b.String()
}

func (g *generator) phrase(n int) string {
	var b strings.Builder
	g.sentence(&b, n)
	return strings.TrimSuffix(b.String(), ".")
}

func (g *generator) title() string {
	if g.r.IntN(2) == 0 {
		return fmt.Sprintf("%s %s in %s", capital(g.pick(titleTopics)), g.pick(titleVerbs), g.pick(places))
	}
	return g.phrase(4 + g.r.IntN(6))
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// span returns a word-aligned run of 6–30 words of text, as a passage
// quotes it.
func (g *generator) span(words []string) (string, int) {
	k := min(6+g.r.IntN(25), len(words))
	i := g.r.IntN(len(words) - k + 1)
	return strings.Join(words[i:i+k], " "), k
}

func (g *generator) date() (string, time.Time) {
	t := time.Date(2008+g.r.IntN(18), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 10, 0, 0, 0, time.UTC)
	return t.Format("2006-01-02"), t
}

func (g *generator) rels() ([]string, []string) {
	if g.r.IntN(5) != 0 {
		return nil, nil
	}
	rels := []string{g.pick(relations)}
	var notes []string
	if g.r.IntN(3) == 0 {
		notes = []string{g.phrase(5 + g.r.IntN(8))}
	}
	return rels, notes
}

func generate(cfg genConfig) []search.Doc {
	g := newGenerator(cfg.Seed)
	docs := make([]search.Doc, 0, cfg.Pieces*(1+cfg.PassagesPer)+cfg.Claims+cfg.Notes)
	for i := range cfg.Pieces {
		pub, t := g.date()
		n := cfg.WordsPerPiece/2 + g.r.IntN(cfg.WordsPerPiece+1)
		piece := search.Doc{
			ID: fmt.Sprintf("p%05d", i), Kind: search.KindPiece, Title: g.title(), Text: g.text(n),
			Authors: []string{g.pick(firstNames) + " " + g.pick(lastNames)},
			Outlet:  g.pick(outlets), Published: pub, Updated: t,
			Tags: []string{g.pick(tagList)},
		}
		if g.r.IntN(2) == 0 {
			piece.Tags = append(piece.Tags, g.pick(tagList))
		}
		if g.r.IntN(4) == 0 {
			piece.Authors = append(piece.Authors, g.pick(firstNames)+" "+g.pick(lastNames))
		}
		piece.Rels, piece.LinkNotes = g.rels()
		docs = append(docs, piece)
		words := strings.Fields(piece.Text)
		for j := range cfg.PassagesPer {
			quote, k := g.span(words)
			note := ""
			if rest := cfg.WordsPerItem - k; rest > 3 && g.r.IntN(5) != 0 {
				note = g.phrase(rest) + "."
			}
			a := search.Doc{
				ID: fmt.Sprintf("a%05d_%02d", i, j), Kind: search.KindPassage, Title: quote, Text: note,
				PieceID: piece.ID, PieceTitle: piece.Title, Authors: piece.Authors, Outlet: piece.Outlet,
				Published: piece.Published, Updated: t.Add(time.Duration(g.r.IntN(1000)) * time.Hour),
			}
			if g.r.IntN(2) == 0 {
				a.Tags = []string{g.pick(tagList)}
			}
			a.Rels, a.LinkNotes = g.rels()
			docs = append(docs, a)
		}
	}
	for i := range cfg.Claims {
		_, t := g.date()
		k := 8 + g.r.IntN(12)
		c := search.Doc{ID: fmt.Sprintf("c%05d", i), Kind: search.KindClaim, Title: g.phrase(k) + ".", Text: g.phrase(max(cfg.WordsPerItem-k, 4)) + ".", Updated: t}
		if g.r.IntN(2) == 0 {
			c.Tags = []string{g.pick(tagList)}
		}
		c.Rels, c.LinkNotes = g.rels()
		docs = append(docs, c)
	}
	for i := range cfg.Notes {
		_, t := g.date()
		n := search.Doc{ID: fmt.Sprintf("n%05d", i), Kind: search.KindNote, Text: g.text(cfg.WordsPerItem/2 + g.r.IntN(cfg.WordsPerItem)), Updated: t}
		if g.r.IntN(10) != 0 {
			n.Title = g.phrase(2 + g.r.IntN(5))
		}
		if g.r.IntN(3) == 0 {
			n.Tags = []string{g.pick(tagList)}
		}
		n.Rels, n.LinkNotes = g.rels()
		docs = append(docs, n)
	}
	return docs
}

var (
	functionWords = strings.Fields(`the of and to in a that is was for on with as by it its at from has have had
		be been are were this which their they but not or an after over more than also into who while since
		between about against under would could will can may said new other some most two first last year years
		such these those where when there only both during through without before among each many much very whose
		he she his her we our them been being what how all any no`)
	topicWords = `security china chinese beijing xinjiang uyghur afghanistan afghan kabul kandahar herat mazar taliban
		pakistan islamabad tajikistan dushanbe uzbekistan uzbek tashkent termez kazakhstan almaty astana kyrgyzstan
		bishkek turkmenistan iran russia moscow europe european brussels paris berlin vienna belgium france germany
		austria terrorism terrorist attack attacks attacker militants militant jihadist jihadists islamic state
		province khorasan iskp recruitment recruiters recruits radicalisation radicalised online propaganda telegram
		channel channels video prison prisons release released returnees foreign fighters network networks cell
		cells plot plots arrest arrests raid raids police intelligence service services counter border borders
		corridor wakhan badakhshan pamir mining mines copper lithium investment investors loans rail railway
		freight route routes trade customs pipeline gas energy electricity power grid infrastructure connectivity
		belt road initiative diplomacy diplomats envoy embassy ministry minister government regime parliament
		election sanctions humanitarian aid refugees narcotics opium smuggling checkpoint patrol patrols drone
		drones military troops withdrawal base bases training officers cooperation agreement summit meeting
		statement report reports analysts analysis officials sources documents evidence interview court trial
		sentence law policy strategy stability regional influence role interests economic economy market markets
		growth risk threat threats warning warnings concern concerns support supports region regions local
		leaders leadership commander commanders fighters weapons explosives bomb bombing suicide violence
		victims security forces army border guards bridge trucks convoy migrants migration asylum deportation
		extremism extremist extremists ideology mosque imam community communities youth students university
		contract contracts deposits concession concessions company companies firms state-owned bank banks
		finance financing debt currency exports imports transit corridor highway tunnel pass mountains valley
		river province provinces district districts village villages winter summer spring autumn month months
		week weeks decade promises promise ban cultivation poppy heroin methamphetamine laboratories seizures
		judges prosecutors lawyers verdict appeal charges charged convicted acquitted hearing testimony witness`
	titleTopics = strings.Fields("security connectivity mining rail terrorism recruitment diplomacy trade policing energy radicalisation investment")
	titleVerbs  = strings.Fields("shifts stalls returns grows fades tightens expands hardens")
	places      = []string{"Afghanistan", "Wakhan", "Central Asia", "Europe", "Badakhshan", "Termez", "Kabul", "Xinjiang", "Brussels", "Dushanbe", "Tashkent", "Vienna", "Almaty", "Herat", "Kandahar", "Gwadar", "Khujand", "Osh"}
	firstNames  = []string{"Aigerim", "José", "Dilnoza", "Henrik", "Inès", "Maëlle", "Farrukh", "Lena", "Omar", "Wei", "Zarina", "Timur", "Sofía", "Jürgen", "Åsa", "Bahrom", "Nilufar", "Rustam", "Chloé", "Mateusz"}
	lastNames   = []string{"Sátbayeva", "Lindqvist", "Rahimova", "Østergaard", "Moreau", "Durand", "Ismoilov", "Kovač", "Haidari", "Zhang", "Nazarova", "Yusupov", "Müller", "Łukasik", "Karimova", "Wójcik", "Abdullaev", "Ferreira", "Novák", "Qodirov"}
	outlets     = []string{"The Steppe Review", "Meridian Policy Brief", "Caspian Wire Service", "The Continental Ledger", "Oxus Dialogues", "Pamir Monitor", "Silk Road Quarterly", "Eurasia Desk", "Hindu Kush Times", "The Border Report"}
	tagList     = []string{"china", "afghanistan", "security", "connectivity", "iskp", "europe", "terrorism", "rail", "mining", "fieldwork", "central asia", "taliban", "uzbekistan", "tajikistan", "kazakhstan", "xinjiang", "prisons", "radicalisation", "energy", "diplomacy", "trade", "narcotics", "sanctions", "migration", "courts", "propaganda", "investment", "borders", "wakhan", "pakistan"}
	relations   = []string{"supports", "contradicts", "cites", "example-of", "elaborates"}
)
