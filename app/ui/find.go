package ui

import (
	"unicode"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// findAll returns the rune ranges [start,end) where query occurs in text,
// ignoring case and accents; a space in the query matches any run of
// whitespace (a line break included). Matches do not overlap.
func findAll(text, query string) [][2]int { return findFolded(foldText(text), query) }

// foldText folds every rune of text, one rune for one (textnorm.FoldRune),
// so offsets in the folded text are offsets in the original: done once per
// text, not at each keystroke in the find bar.
func foldText(text string) []rune {
	folded := make([]rune, 0, utf8.RuneCountInString(text))
	for _, r := range text {
		folded = append(folded, textnorm.FoldRune(r))
	}
	return folded
}

// findFolded is findAll over a text already folded.
func findFolded(folded []rune, query string) [][2]int {
	var q []rune
	space := false
	for _, r := range query {
		if unicode.IsSpace(r) {
			space = len(q) > 0
			continue
		}
		if space {
			q = append(q, ' ')
			space = false
		}
		q = append(q, textnorm.FoldRune(r))
	}
	if len(q) == 0 {
		return nil
	}
	var out [][2]int
	for i := 0; i < len(folded); {
		if end, ok := matchAt(folded, i, q); ok {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		i++
	}
	return out
}

// matchAt matches q at text[i:], a ' ' in q taking one or more spaces.
func matchAt(text []rune, i int, q []rune) (int, bool) {
	j := i
	for _, r := range q {
		if r == ' ' {
			if j >= len(text) || !unicode.IsSpace(text[j]) {
				return 0, false
			}
			for j < len(text) && unicode.IsSpace(text[j]) {
				j++
			}
			continue
		}
		if j >= len(text) || text[j] != r {
			return 0, false
		}
		j++
	}
	return j, true
}
