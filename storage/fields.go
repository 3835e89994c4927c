package storage

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonplace/storage/textnorm"
)

// maxTagRunes keeps tags short enough to show as chips.
const maxTagRunes = 64

// NormalizeTags makes tags comparable: Unicode-normalised, trimmed, lower
// case, inner whitespace collapsed, a leading # dropped, commas treated as
// separators, at most maxTagRunes long, duplicates and empty ones dropped,
// first-seen order kept. Duplicates are judged on the final form, so
// "#border" and "# border" are one tag.
func NormalizeTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, raw := range tags {
		for _, part := range strings.Split(raw, ",") {
			tag := textnorm.Tag(part)
			if utf8.RuneCountInString(tag) > maxTagRunes {
				tag = strings.TrimSpace(string([]rune(tag)[:maxTagRunes]))
			}
			if tag == "" || seen[tag] {
				continue
			}
			seen[tag] = true
			out = append(out, tag)
		}
	}
	return out
}

// Colors are the highlight colours an annotation can have, by name; the GUI
// maps each to a shade that reads well in the current theme.
var Colors = []string{"yellow", "green", "blue", "pink", "orange", "purple"}

// DefaultColor is the colour of a new annotation when none is chosen.
const DefaultColor = "yellow"

func checkColor(c string) (string, error) {
	c = strings.ToLower(strings.TrimSpace(c))
	if c == "" {
		return DefaultColor, nil
	}
	if !slices.Contains(Colors, c) {
		return "", invalid("unknown colour %s (use one of %s)", Quote(c), strings.Join(Colors, ", "))
	}
	return c, nil
}

var publishedPattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ValidPublished reports whether s is a publication date as stored:
// YYYY-MM-DD, YYYY-MM or YYYY, a day of the calendar (no 13th month, no
// 30 February).
func ValidPublished(s string) bool {
	if !publishedPattern.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02"[:len(s)], s)
	return err == nil
}

func checkPublished(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s != "" && !ValidPublished(s) {
		return "", invalid("the date %s is not in the form YYYY-MM-DD (or YYYY-MM, YYYY)", Quote(s))
	}
	return s, nil
}

// ValidURL reports whether s is a web address a piece may keep: http or
// https with a host. Anything else (javascript:, data:, file:) would be a
// link a reader's click must never follow.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// cleanList trims entries and drops empty and repeated ones.
func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// oneLine collapses whitespace, for titles and other single-line fields.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// countOf is "1 link", "3 links": counts in messages.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// maxDOIBytes bounds a DOI: registered ones are far shorter.
const maxDOIBytes = 300

// doiPattern is a DOI as the DOI Handbook defines it: the directory "10.",
// a registrant code, a slash and a suffix of any printable characters.
var doiPattern = regexp.MustCompile(`^10\.\d{4,9}(\.\d+)*/\S+$`)

// CleanDOI is doi as a piece keeps it, and whether it is one: without the
// resolver prefix ("https://doi.org/", "doi:") that libraries write in
// front of it, and lower-case, since DOIs are matched case-insensitively
// and a library and a publisher's page often disagree on case.
func CleanDOI(doi string) (string, bool) {
	doi = strings.TrimSpace(doi)
	if len(doi) > maxDOIBytes {
		return "", false
	}
	lower := strings.ToLower(doi)
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"} {
		if strings.HasPrefix(lower, prefix) {
			lower = strings.TrimSpace(lower[len(prefix):])
			break
		}
	}
	if !doiPattern.MatchString(lower) {
		return "", false
	}
	return lower, true
}
