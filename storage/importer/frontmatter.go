package importer

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is the metadata a Markdown file declares in its YAML header.
type frontMatter struct {
	title     string
	authors   []string
	outlet    string
	published string
	url       string
	tags      []string
}

// splitFrontMatter separates a leading "---" YAML block from the Markdown
// body. ok is false when there is no such block or it is not a YAML
// mapping, in which case the whole input is body: a document may well start
// with a thematic break.
func splitFrontMatter(src []byte) (meta map[string]any, body []byte, ok bool) {
	block, rest, found := cutFrontMatter(src)
	if !found {
		return nil, src, false
	}
	var m map[string]any
	if err := yaml.Unmarshal(block, &m); err != nil || m == nil {
		return nil, src, false
	}
	return m, rest, true
}

// cutFrontMatter finds the block between an opening "---" line and the
// next "---" or "..." line.
func cutFrontMatter(src []byte) (block, rest []byte, ok bool) {
	first, after, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, false
	}
	for off := 0; off < len(after); {
		line := after[off:]
		next := len(after)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
			next = off + i + 1
		}
		if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
			return after[:off], after[next:], true
		}
		off = next
	}
	return nil, nil, false
}

func hasFrontMatter(b []byte) bool {
	_, _, ok := splitFrontMatter(b)
	return ok
}

// parseFrontMatter reads the keys Commonplace understands. Keys are matched
// without regard to case, '_' or '-', since every static-site tool spells
// them its own way (publishDate, publish_date, Publish-Date).
func parseFrontMatter(m map[string]any) frontMatter {
	var fm frontMatter
	get := func(keys ...string) any {
		for _, want := range keys {
			for k, v := range m {
				if normKey(k) == want && v != nil {
					return v
				}
			}
		}
		return nil
	}
	fm.title = oneLine(scalarString(get("title", "headline")))
	fm.authors = splitAuthors(stringList(get("authors", "author", "creator", "creators", "by")))
	fm.outlet = oneLine(scalarString(get("outlet", "publication", "site", "sitename", "publisher", "journal", "source")))
	fm.published = dateValue(get("published", "date", "publishdate", "publishedat", "datepublished", "pubdate", "created"))
	for _, v := range stringList(get("url", "source", "link", "canonical", "canonicalurl", "originalurl")) {
		if u := cleanURL(v); u != "" {
			fm.url = u
			break
		}
	}
	if looksLikeURL(fm.outlet) {
		fm.outlet = "" // "source:" held the URL, not the publication's name
	}
	fm.tags = cleanList(splitTags(stringList(get("tags", "keywords", "tag", "keyword"))))
	return fm
}

func normKey(k string) string {
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(k))
}

// scalarString renders a YAML scalar as text; lists and maps are not titles.
func scalarString(v any) string {
	switch v := v.(type) {
	case nil, []any, map[string]any:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

// stringList accepts a string, a list of strings or a list of maps with a
// "name" key, which is how CSL and schema.org-minded tools write authors.
func stringList(v any) []string {
	switch v := v.(type) {
	case []any:
		var out []string
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				if s := scalarString(m["name"]); s != "" {
					out = append(out, s)
				}
				continue
			}
			if s := scalarString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case map[string]any:
		if s := scalarString(v["name"]); s != "" {
			return []string{s}
		}
		return nil
	}
	if s := scalarString(v); s != "" {
		return []string{s}
	}
	return nil
}

// splitTags splits comma-separated tag strings ("keywords: a, b, c").
func splitTags(in []string) []string {
	var out []string
	for _, s := range in {
		out = append(out, strings.Split(s, ",")...)
	}
	return out
}

func dateValue(v any) string {
	switch v := v.(type) {
	case time.Time:
		return formatDate(v)
	case nil, []any, map[string]any:
		return ""
	}
	return parseDate(scalarString(v))
}
