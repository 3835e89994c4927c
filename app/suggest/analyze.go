package suggest

import (
	"cmp"
	"slices"
	"sync"
	"unicode/utf8"
)

// unit is one indexed sentence.
type unit struct {
	piece uint32 // slot in Index.pieces
	start uint32 // byte offset in the piece's text
	size  uint16 // length in bytes: at most maxSentence
	flags uint8
}

// end is the byte offset in the piece's text where the sentence ends.
func (u unit) end() uint32 { return u.start + uint32(u.size) }

const (
	uPara uint8 = 1 << iota // first sentence of a paragraph
	uSig                    // has band keys (enough words for a shingle)
)

// analysis is what indexing one piece needs, computed without the index
// lock so that pieces can be analysed in parallel.
type analysis struct {
	text  string
	units []unit
	// nterms holds each unit's distinct content words, capped at 255, for
	// the length normalisation of termCandidates.
	nterms []uint8
	keys   []uint32  // numBands band keys per unit with uSig, in order
	terms  []termObs // content words, per unit in order
	tend   []uint32  // end of each unit's run in terms
}

// analysisPool recycles analyses once inserted: building a notebook
// otherwise allocates its size over again in garbage.
var analysisPool = sync.Pool{New: func() any { return new(analysis) }}

// release returns a to the pool; it must not be used afterwards.
func (a *analysis) release() {
	a.text = ""
	analysisPool.Put(a)
}

// analyzer holds scratch space for analysing pieces one after another.
type analyzer struct {
	tz       tokenizer
	sents    []sentence
	toks     []token
	words    []uint64
	shingles []uint64
	obs      []termObs
	contrib  []termContrib
	sums     []termContrib // by term index, while inserting a piece
	touched  []uint32      // the terms with sums
	buf      []byte
}

// analyze splits text into sentences and computes each one's band keys
// and content words. Sentences without words ("—", "***")
// are left out; a passage may still span them.
func (az *analyzer) analyze(text string) *analysis {
	if !utf8.ValidString(text) {
		// Offsets are rune offsets into the caller's text, and converting
		// to runes maps each bad byte to one U+FFFD: doing the same here
		// keeps them in step.
		text = string([]rune(text))
	}
	a := analysisPool.Get().(*analysis)
	*a = analysis{text: text, units: a.units[:0], nterms: a.nterms[:0], keys: a.keys[:0], terms: a.terms[:0], tend: a.tend[:0]}
	az.sents = sentences(text, az.sents[:0])
	para := false
	var sig [numHashes]uint32
	var keys [numBands]uint32
	for _, s := range az.sents {
		para = para || s.para
		az.toks = az.tz.tokens(text[s.start:s.end], s.start, az.toks[:0])
		if len(az.toks) == 0 {
			continue
		}
		u := unit{start: uint32(s.start), size: uint16(s.end - s.start)}
		if para {
			u.flags |= uPara
			para = false
		}
		if len(az.toks) >= shingleSize {
			az.words = az.words[:0]
			for _, t := range az.toks {
				az.words = append(az.words, t.word)
			}
			az.shingles = appendShingles(az.shingles[:0], az.words, shingleSize)
			signature(az.shingles, &sig)
			bandKeys(&sig, &keys)
			a.keys = append(a.keys, keys[:]...)
			u.flags |= uSig
		}
		n := len(a.terms)
		a.terms = az.termObs(a.terms)
		a.nterms = append(a.nterms, uint8(min(len(a.terms)-n, 255)))
		a.tend = append(a.tend, uint32(len(a.terms)))
		a.units = append(a.units, u)
	}
	return a
}

// sortObs sorts by term. Sentences have a few dozen words at most, where
// an inlined insertion sort beats a generic one.
func sortObs(obs []termObs) {
	if len(obs) > 48 {
		slices.SortFunc(obs, func(a, b termObs) int { return cmp.Compare(a.term, b.term) })
		return
	}
	for i := 1; i < len(obs); i++ {
		o := obs[i]
		j := i
		for ; j > 0 && obs[j-1].term > o.term; j-- {
			obs[j] = obs[j-1]
		}
		obs[j] = o
	}
}

// termObs appends the distinct content words of the current sentence with
// their capitalisation counts.
func (az *analyzer) termObs(dst []termObs) []termObs {
	az.obs = az.obs[:0]
	for _, t := range az.toks {
		if t.term == 0 {
			continue
		}
		o := termObs{term: t.term}
		if t.flags&tInitial == 0 {
			o.mid = 1
			if t.flags&tCap != 0 {
				o.midCap = 1
			}
		}
		az.obs = append(az.obs, o)
	}
	sortObs(az.obs)
	for i, o := range az.obs {
		if i > 0 && o.term == dst[len(dst)-1].term {
			last := &dst[len(dst)-1]
			last.mid = min(last.mid+o.mid, 1<<16-1)
			last.midCap = min(last.midCap+o.midCap, 1<<16-1)
			continue
		}
		dst = append(dst, o)
	}
	return dst
}
