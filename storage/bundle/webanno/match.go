package webanno

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Which text is a target's source? A Web Annotation names the document
// it annotates by an IRI that is rarely a file name: a web address, a
// repository's own document id, Commonplace's urn:uuid: of a piece. A
// text is that source when the importer found the same URL in it, or
// when its file name, extension aside, is the IRI's last segment
// (op-ed.txt for https://example.org/2024/op-ed.html, and pieces/<id>.md
// for urn:uuid:<id>, as a Commonplace bundle holds them). One text and
// one source go together whatever their names. Anything else is refused
// rather than guessed.

// matchSources maps each source to the index of its text in texts.
func matchSources(sources []string, texts []Text, file string) (map[string]int, error) {
	match := map[string]int{}
	var missing []string
	for _, src := range sources {
		i, err := sourceText(src, texts)
		if err != nil {
			return nil, refuse("%s: %v", file, err)
		}
		if i < 0 {
			missing = append(missing, src)
			continue
		}
		match[src] = i
	}
	if len(missing) == 0 {
		return match, nil
	}
	if len(sources) == 1 && len(texts) == 1 {
		match[sources[0]] = 0
		return match, nil
	}
	return nil, refuse("%s: annotations target %s, which none of the given texts is; give %s too", file,
		quoteSome(missing, 3), map[bool]string{true: "its text", false: "their texts"}[len(missing) == 1])
}

// sourceText is the index of the one text that is src, or -1.
func sourceText(src string, texts []Text) (int, error) {
	var byURL, byName []int
	u, stem := normURL(src), sourceStem(src)
	for i, t := range texts {
		if t.Doc.URL != "" && normURL(t.Doc.URL) == u {
			byURL = append(byURL, i)
		}
		if stem != "" && strings.EqualFold(fileStem(t.Name), stem) {
			byName = append(byName, i)
		}
	}
	for _, found := range [][]int{byURL, byName} {
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		}
		names := make([]string, len(found))
		for j, i := range found {
			names[j] = texts[i].Name
		}
		return -1, fmt.Errorf("annotations target %q, which could be any of the texts %s; give only one of them", clip(src), quoteSome(names, 3))
	}
	return -1, nil
}

// normURL compares web addresses as equal when only the case of the
// scheme and host, a fragment or a final slash tell them apart.
func normURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return s
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u.String()
}

// sourceStem is the last segment of a source IRI without its extension:
// "op-ed" for https://example.org/op-ed.html or texts/op-ed.txt, the
// uuid for urn:uuid:<uuid>; "" when it has none.
func sourceStem(src string) string {
	src = strings.TrimSpace(src)
	p := src
	if u, err := url.Parse(src); err == nil {
		p = u.Path
		if u.Opaque != "" {
			p = u.Opaque // urn:uuid:…, whose last part follows a colon
		}
	}
	p = strings.TrimRight(strings.ReplaceAll(p, "\\", "/"), "/")
	p = p[strings.LastIndexAny(p, "/:")+1:]
	return fileStem(p)
}

// fileStem is a file name without folder or extension.
func fileStem(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// quoteSome lists at most n strings quoted, with how many more there are.
func quoteSome(list []string, n int) string {
	list = slices.Clone(list)
	slices.Sort(list)
	var q []string
	for i, s := range list {
		if i == n {
			q = append(q, fmt.Sprintf("%d more", len(list)-n))
			break
		}
		q = append(q, fmt.Sprintf("%q", clip(s)))
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
