package textnorm

import "strings"

// Paragraphs returns the byte spans [start,end) of the paragraphs of a
// normalised text, in order. Spans are offsets into s itself, so callers can
// store them next to the text and slice it later without copying.
//
// On text that is not normalised it still returns sensible spans: any run of
// two or more line breaks separates paragraphs, and spans never start or end
// with a line break.
func Paragraphs(s string) [][2]int {
	var spans [][2]int
	start := 0
	for start < len(s) {
		for start < len(s) && s[start] == '\n' {
			start++
		}
		if start == len(s) {
			break
		}
		end := len(s)
		if i := strings.Index(s[start:], "\n\n"); i >= 0 {
			end = start + i
		}
		stop := end
		for stop > start && s[stop-1] == '\n' {
			stop--
		}
		spans = append(spans, [2]int{start, stop})
		start = end
	}
	return spans
}
