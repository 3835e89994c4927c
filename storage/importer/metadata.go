package importer

import (
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/itlightning/dateparse"

	"commonplace/storage/textnorm"
)

// oneLine normalises a metadata value to a single line of text.
func oneLine(s string) string {
	return strings.Join(strings.Fields(textnorm.Normalize(s)), " ")
}

// cleanList normalises values, drops empty ones and case-insensitive
// duplicates, and keeps the first spelling and the order.
func cleanList(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = oneLine(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// splitAuthors turns author fields into one name per entry. A field may hold
// several names ("A; B", "A and B", "A, B"), but "Surname, Given" must stay
// one name, so a comma splits only when every part has two or more words.
// Profile URLs, which article:author often holds, are not names.
func splitAuthors(in []string) []string {
	var out []string
	for _, s := range in {
		s = oneLine(s)
		if looksLikeURL(s) {
			continue
		}
		s = strings.TrimSpace(trimByPrefix(s))
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
			out = append(out, splitAuthorList(part)...)
		}
	}
	return cleanList(out)
}

func splitAuthorList(s string) []string {
	parts := strings.Split(strings.NewReplacer(" & ", ",", " and ", ",").Replace(s), ",")
	for _, p := range parts {
		if len(strings.Fields(p)) < 2 {
			// "Valcourt, Ingrid": one name written surname first.
			return []string{s}
		}
	}
	return parts
}

// trimByPrefix removes a leading "By" from a byline.
func trimByPrefix(s string) string {
	for _, p := range []string{"by ", "By ", "BY "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return s
}

// looksLikeURL reports whether s is a web address rather than a name.
func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.")
}

// cleanURL returns s if it is an absolute http(s) URL, else "".
func cleanURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// parseDate reads a date written in any common format and returns it as
// 2006-01-02, or "" when s is not a plausible date. The calendar date is
// kept as written: "2023-11-02T01:30:00+06:00" is 2 November, the day the
// outlet printed, even though it was still 1 November in UTC.
func parseDate(s string) string {
	s = oneLine(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	if allDigits(s) && len(s) != 8 {
		// A bare year or a Unix timestamp is not a publication date we
		// can trust at day precision.
		return ""
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return formatDate(t)
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return formatDate(t)
	}
	t, err := dateparse.ParseIn(s, time.UTC,
		dateparse.RetryAmbiguousDateWithSwap(true), dateparse.SimpleErrorMessages(true))
	if err != nil {
		return ""
	}
	return formatDate(t)
}

func formatDate(t time.Time) string {
	if t.Year() < 1000 || t.Year() > 2999 {
		return ""
	}
	return t.Format("2006-01-02")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// titleFromName makes a title of a file name: no extension, and the
// underscores and dashes people use instead of spaces turned back into
// spaces.
func titleFromName(name string) string {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	t := oneLine(strings.NewReplacer("_", " ", "-", " ").Replace(base))
	if t == "" || t == "." {
		return "Untitled"
	}
	return t
}
