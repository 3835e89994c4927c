package importer

import (
	"regexp"
	"slices"
	"strings"
)

// boilerplate matches whole paragraphs that extractors let through because
// they sit inside the article's container: ad labels, "Read more" links,
// share prompts, newsletter pitches, cookie notices, copyright lines. Each
// pattern is checked only against short paragraphs (see maxBoilerplateWords),
// so a long paragraph of reporting that happens to mention a newsletter or
// cookies survives.
var boilerplate = []rule{
	{re: regexp.MustCompile(`(?i)^(advertisement|advert|advertising|sponsored( content)?|paid (post|content)|publicité|anzeige|werbung|publicidad|reklama)$`)},
	// Link labels, recognised by the colon or arrow after them or by
	// standing alone, so "See also the report by…" stays.
	{re: regexp.MustCompile(`(?i)^(read more|read also|see also|related( articles?| stories| posts| coverage| content)?|more on this( story| topic)?|you (might|may) also like|recommended( for you)?|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|lee también|leer más)\s*(:|$|»|›|→)`)},
	{re: regexp.MustCompile(`(?i)^(share( this( article| story| post| page)?)?( on [\pL ]+)?|tweet|pin it|e-?mail|print|copy link|whatsapp|telegram)\s*:?$`)},
	{re: regexp.MustCompile(`(?i)\b(sign up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(sign up|subscribe)\b`), needs: []string{"newsletter"}},
	{re: regexp.MustCompile(`(?i)\b(we|this (web)?site|our (web)?site)\b.{0,40}\buses? cookies\b|\baccept (all )?cookies\b|\bby (continuing|clicking|using)\b.{0,80}\bcookies\b`), needs: []string{"cookie"}},
	{re: regexp.MustCompile(`(?i)^follow (us|@?[\pL .]{1,40} on (x|twitter|facebook|instagram|linkedin|mastodon|bluesky|threads|telegram))\b`)},
	{re: regexp.MustCompile(`(?i)^(skip to (main )?content|back to top|jump to (navigation|content))\b`)},
	{re: regexp.MustCompile(`(?i)^(©|\(c\)|copyright\s*(©|\(c\))?)\s*\d{4}|\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b`), needs: []string{"©", "(c)", "copyright", "rights reserved", "droits réservés", "rechte vorbehalten"}},
	{re: regexp.MustCompile(`(?i)^((\d+ )?comments?( \(\d+\))?|leave a (reply|comment)|(show|load|view) (all |more )?comments|join the (conversation|discussion))$|^\d+ (thoughts|responses|replies|comments) on\b`)},
	{re: regexp.MustCompile(`(?i)^(tags|topics|filed under|posted in|categories)\s*:`)},
	{re: regexp.MustCompile(`(?i)^(download (the )?pdf|cite this( publication| article| page)?|print (this )?(article|page))$`)},
}

// rule is a boilerplate pattern. Patterns not anchored at the start are
// slow on long paragraphs, so they name words that must occur first.
type rule struct {
	re    *regexp.Regexp
	needs []string // lower-case; the paragraph must contain one of them
}

const maxBoilerplateWords = 60

func isBoilerplate(p string) bool {
	if len(strings.Fields(p)) > maxBoilerplateWords {
		return false
	}
	lower := strings.ToLower(p)
	for _, r := range boilerplate {
		if r.needs != nil && !slices.ContainsFunc(r.needs, func(n string) bool { return strings.Contains(lower, n) }) {
			continue
		}
		if r.re.MatchString(p) {
			return true
		}
	}
	return false
}
