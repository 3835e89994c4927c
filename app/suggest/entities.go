package suggest

// entity is a name found in a passage: a person, place or organisation,
// as far as capitalisation can tell.
type entity struct {
	key     uint64   // hash of its folded words
	words   []uint64 // folded word hashes, in order
	display string   // as written: "Middle Corridor", "ISKP", "U.S."
	weight  float64  // rarity of its rarest word (IDF)
}

// tEntity marks a token that is part of a name, so that the content-word
// comparison does not count the name twice.
const tEntity uint8 = 1 << 7

// entities appends the names in the tokens of one sentence (offsets into
// s) and marks their tokens tEntity. The rules:
//
//   - a name is a run of capitalised words joined by spaces or hyphens,
//     possibly through lower-case connectors ("Ministry of Foreign
//     Affairs", "Mazar-i-Sharif"), without the capitalised function
//     words, titles, months and weekdays at its start ("The Wakhan" is
//     "Wakhan", "President Xi" is "Xi");
//   - a run of two or more words, or an acronym (ISKP, U.S.), is a name;
//   - a single capitalised word is a name unless the notebook mostly
//     writes it in lower case mid-sentence ("Security" in a title);
//   - at the start of a sentence or quotation, where everything is
//     capitalised, a single word is a name only if the notebook mostly
//     capitalises it elsewhere ("Kazakhstan" yes, "Officials" no).
//
// A sentence in capitals (a headline) has no names: every word would be
// an acronym.
func (x *Index) entities(s string, toks []token, dst []entity) []entity {
	if shouty(toks) {
		return dst
	}
	for i := 0; i < len(toks); i++ {
		if toks[i].flags&tCap == 0 {
			continue
		}
		j := i // last word of the run
		for j+1 < len(toks) && joined(s, toks[j], toks[j+1]) {
			if toks[j+1].flags&tCap != 0 {
				j++
				continue
			}
			k := j + 1 // connectors, at most two, then a capital
			if !connectors[toks[k].word] {
				break
			}
			if k+1 < len(toks) && connectors[toks[k+1].word] && joined(s, toks[k], toks[k+1]) {
				k++
			}
			if k+1 < len(toks) && toks[k+1].flags&tCap != 0 && joined(s, toks[k], toks[k+1]) {
				j = k + 1
				continue
			}
			break
		}
		a := i
		for a <= j && toks[a].flags&tAcronym == 0 && (capStop[toks[a].word] || connectors[toks[a].word]) {
			a++
		}
		next := j
		if a > j {
			i = next
			continue
		}
		if a == j && !x.singleName(toks[a]) {
			i = next
			continue
		}
		e := entity{display: s[toks[a].start:toks[j].end]}
		e.words = make([]uint64, 0, j-a+1)
		w := -1.0
		for t := a; t <= j; t++ {
			toks[t].flags |= tEntity
			e.words = append(e.words, toks[t].word)
			if toks[t].term != 0 {
				w = max(w, x.idf(toks[t].term))
			}
		}
		if w < 0 {
			w = idf(0, x.live)
		}
		e.key, e.weight = shingleHash(e.words), w
		dst = append(dst, e)
		i = next
	}
	return dst
}

// singleName applies the rules for a name of one word.
func (x *Index) singleName(t token) bool {
	switch {
	case t.flags&tAcronym != 0:
		return true
	case t.term == 0:
		return false
	case t.flags&tInitial != 0:
		return x.mostlyCapital(t.term)
	}
	return !x.mostlyLower(t.term)
}

// joined reports whether two words are separated only by a space or a
// hyphen, as the words of one name are.
func joined(s string, a, b token) bool {
	gap := s[a.end:b.start]
	return gap == " " || gap == "-" || gap == ""
}

func shouty(toks []token) bool {
	words, acr := 0, 0
	for _, t := range toks {
		if t.flags&tNumber != 0 {
			continue
		}
		words++
		if t.flags&tAcronym != 0 {
			acr++
		}
	}
	return words >= 4 && acr*5 > words*3
}

// sameEntity reports whether two names refer to the same thing: equal, or
// one a run of the other's words ("Xi Jinping" in "President Xi Jinping",
// "Islamic State" in "Islamic State Khorasan Province").
func sameEntity(a, b *entity) bool {
	if a.key == b.key {
		return true
	}
	if len(a.words) > len(b.words) {
		a, b = b, a
	}
	for i := 0; i+len(a.words) <= len(b.words); i++ {
		match := true
		for j, w := range a.words {
			if b.words[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// connectors join capitalised words into one name.
var connectors = wordHashes(`of the al el bin ibn de del da di du la le van von der den i e y`)

// capStop lists capitalised words that neither are nor start a name.
var capStop = wordHashes(stopwordText + `
	january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
	mr mrs ms dr prof sir dame lord lady president prime minister chancellor premier king queen prince
	gen colonel col captain commander sheikh mullah imam ayatollah senator sen governor gov mayor
	judge justice secretary ambassador commissioner chairman chairwoman director spokesman spokeswoman
	spokesperson deputy meanwhile moreover furthermore indeed instead later earlier finally yes`)

// wordHashes returns the set of the folded word hashes of words.
func wordHashes(words string) map[uint64]bool {
	var tz tokenizer
	m := make(map[uint64]bool)
	for _, t := range tz.tokens(words, 0, nil) {
		m[t.word] = true
	}
	return m
}
