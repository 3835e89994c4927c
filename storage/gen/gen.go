// Package gen generates notebooks of a given size with deterministic,
// article-like content, for benchmarks and load tests anyone can rerun:
//
//	go test -bench . ./storage/   (generates once into a cached folder)
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"commonplace/storage"
)

// Config sizes a generated notebook.
type Config struct {
	Pieces         int
	WordsPerPiece  int
	AnnotsPerPiece int
	Seed           uint64
}

// Paper is the notebook size the benchmarks are specified for: 10,000
// pieces of about 1,000 words and 100,000 annotations.
var Paper = Config{Pieces: 10_000, WordsPerPiece: 1_000, AnnotsPerPiece: 10, Seed: 1}

// piecesPerBatch keeps each transaction well inside Badger's size limit.
const piecesPerBatch = 40

// Notebook fills s with cfg's pieces and annotations, committing a batch
// of pieces at a time.
func Notebook(s *storage.Store, cfg Config) error {
	r := rand.New(rand.NewPCG(cfg.Seed, 42))
	for done := 0; done < cfg.Pieces; {
		n := min(piecesPerBatch, cfg.Pieces-done)
		err := s.Batch(func(b *storage.Batch) error {
			for i := 0; i < n; i++ {
				if err := addPiece(b, r, cfg, done+i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += n
	}
	return nil
}

func addPiece(b *storage.Batch, r *rand.Rand, cfg Config, i int) error {
	text := Text(r, cfg.WordsPerPiece)
	p, err := b.AddPiece(storage.Piece{
		Title:     Title(r),
		Authors:   []string{pick(r, firstNames) + " " + pick(r, lastNames)},
		Outlet:    pick(r, outlets),
		Published: fmt.Sprintf("%d-%02d-%02d", 2015+r.IntN(11), 1+r.IntN(12), 1+r.IntN(28)),
		URL:       fmt.Sprintf("https://example.org/generated/%d", i),
		Tags:      []string{pick(r, tags), pick(r, tags)},
	}, text)
	if err != nil {
		return err
	}
	for _, span := range Spans(r, text, cfg.AnnotsPerPiece) {
		_, err := b.Annotate(p.ID, span[0], span[1], storage.AnnotationInput{
			Note: Sentence(r, 8+r.IntN(20)), Tags: []string{pick(r, tags)}, Color: pick(r, storage.Colors),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Spans picks n word-aligned spans of 5–30 words in text, as rune offsets.
func Spans(r *rand.Rand, text string, n int) [][2]int {
	runes := []rune(text)
	var starts []int // rune offsets where words begin
	for i, c := range runes {
		if c != ' ' && c != '\n' && (i == 0 || runes[i-1] == ' ' || runes[i-1] == '\n') {
			starts = append(starts, i)
		}
	}
	spans := make([][2]int, 0, n)
	for len(spans) < n && len(starts) > 40 {
		w := r.IntN(len(starts) - 31)
		k := 5 + r.IntN(26)
		end := starts[w+k] - 1
		for end > starts[w] && (runes[end] == ' ' || runes[end] == '\n') {
			end--
		}
		spans = append(spans, [2]int{starts[w], end + 1})
	}
	return spans
}

// Text is about words words of prose in paragraphs of 3–7 sentences.
func Text(r *rand.Rand, words int) string {
	var b strings.Builder
	for n := 0; n < words; {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		sentences := 3 + r.IntN(5)
		for s := 0; s < sentences && n < words; s++ {
			if s > 0 {
				b.WriteByte(' ')
			}
			k := min(8+r.IntN(18), words-n)
			b.WriteString(Sentence(r, k))
			n += k
		}
	}
	return b.String()
}

// Sentence is k words starting with a capital and ending with a period.
func Sentence(r *rand.Rand, k int) string {
	w := make([]string, max(k, 1))
	for i := range w {
		w[i] = pick(r, vocabulary)
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// Title is a short headline.
func Title(r *rand.Rand) string {
	return fmt.Sprintf("%s %s in %s", strings.ToUpper(pick(r, topics)[:1])+pick(r, topics)[1:], pick(r, verbs), pick(r, places))
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

var (
	vocabulary = strings.Fields(`the a of and to in that security china afghanistan beijing kabul taliban
		corridor wakhan badakhshan militants uighur investment mining copper lithium rail route border trade
		central asia kazakhstan uzbekistan tajikistan termez islamic state affiliate province recruitment online
		europe attack prison release radicalisation network officials analysts report suggests argues claims
		however while although because policy strategy regional stability connectivity infrastructure loans
		diplomats envoy meeting summit agreement patrol checkpoint smuggling narcotics refugees humanitarian
		sanctions pipeline energy gas electricity power grid railway freight containers customs tariffs market
		growth decline risk threat warning evidence interview source sources documents statement minister
		government ministry parliament election commission police intelligence service counter terrorism law
		court trial sentence operation raid arrest cell plot propaganda channel telegram video message`)
	topics     = []string{"security", "connectivity", "mining", "rail", "terrorism", "recruitment", "diplomacy", "trade", "policing", "energy"}
	verbs      = []string{"shifts", "stalls", "returns", "grows", "fades", "tightens", "expands", "hardens"}
	places     = []string{"Afghanistan", "the Wakhan", "Central Asia", "Europe", "Badakhshan", "Termez", "Kabul", "Xinjiang", "Brussels"}
	firstNames = []string{"Aigerim", "José", "Dilnoza", "Henrik", "Inès", "Maëlle", "Farrukh", "Lena", "Omar", "Wei"}
	lastNames  = []string{"Sátbayeva", "Lindqvist", "Rahimova", "Østergaard", "Moreau", "Durand", "Ismoilov", "Kovač", "Haidari", "Zhang"}
	outlets    = []string{"The Steppe Review", "Meridian Policy Brief", "Caspian Wire Service", "The Continental Ledger", "Oxus Dialogues"}
	tags       = []string{"china", "afghanistan", "security", "connectivity", "iskp", "europe", "terrorism", "rail", "mining", "fieldwork"}
)

// Cached is a notebook generated from cfg, made once into a folder of the
// benchmark cache ($COMMONPLACE_BENCH_DIR, or the temp folder) and reused
// by later runs and by every package's benchmarks: generating the Paper
// notebook takes a minute or two. The folder is marked done only once the
// notebook is whole.
func Cached(cfg Config) (string, error) {
	root := os.Getenv("COMMONPLACE_BENCH_DIR")
	if root == "" {
		root = os.TempDir()
	}
	dir := filepath.Join(root, fmt.Sprintf("commonplace-bench-%d-%d-%d", cfg.Pieces, cfg.WordsPerPiece, cfg.AnnotsPerPiece))
	done := dir + ".generated"
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	s, err := storage.Open(dir)
	if err != nil {
		return "", err
	}
	if err := Notebook(s, cfg); err != nil {
		s.Close()
		return "", err
	}
	if err := s.Close(); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, nil, 0o600)
}
