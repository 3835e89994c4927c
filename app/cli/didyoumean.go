package cli

import (
	"github.com/sahilm/fuzzy"
)

// didYouMean suggests the closest of candidates to a mistyped word, as
// " (did you mean X?)", or "" when nothing is close. Fuzzy matching suits
// these short names: a missing or extra letter still finds the word.
func didYouMean(word string, candidates []string) string {
	matches := fuzzy.Find(word, candidates)
	if len(matches) == 0 {
		// The typo may be in the candidate's letters rather than missing
		// ones: try the other way round (a candidate inside the word).
		for _, c := range candidates {
			if len(fuzzy.Find(c, []string{word})) > 0 {
				return " (did you mean " + c + "?)"
			}
		}
		return ""
	}
	return " (did you mean " + matches[0].Str + "?)"
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}
