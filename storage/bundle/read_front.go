package bundle

import (
	"bytes"
	"fmt"

	"commonplace/storage"
	"go.yaml.in/yaml/v3"
)

// A Markdown file of the bundle is "---\n", YAML front matter, "---\n", a
// blank line, and the body exactly as stored: the reader takes the body
// raw (never renders or trims it), so a piece's text and its offsets come
// back byte for byte.

var (
	frontOpen  = []byte("---\n")
	frontClose = []byte("\n---\n\n")
)

// appendFront renders front matter and body into one file.
func appendFront(front any, body string) ([]byte, error) {
	y, err := yaml.Marshal(front)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(frontOpen)+len(y)+len(frontClose)+len(body))
	out = append(out, frontOpen...)
	out = append(out, bytes.TrimSuffix(y, []byte("\n"))...)
	out = append(out, frontClose...)
	return append(out, body...), nil
}

// readFront decodes the front matter of data into v, strictly (unknown
// keys and wrong types are errors), and returns the body.
func readFront(name string, data []byte, v any) (string, error) {
	if !bytes.HasPrefix(data, frontOpen) {
		return "", refuse("%s does not start with front matter (a line of three dashes)", name)
	}
	rest := data[len(frontOpen):]
	window := rest[:min(len(rest), MaxFrontMatter+len(frontClose))]
	end := bytes.Index(window, frontClose)
	if end < 0 {
		if len(rest) > MaxFrontMatter {
			return "", refuse("the front matter of %s is longer than %s", name, bytesText(MaxFrontMatter))
		}
		return "", refuse("the front matter of %s is not closed by a line of three dashes and a blank line", name)
	}
	if err := decodeYAML(rest[:end+1], v); err != nil {
		return "", refuse("the front matter of %s does not parse: %s", name, oneLineErr(err))
	}
	return string(rest[end+len(frontClose):]), nil
}

// decodeYAML decodes one YAML document of the bundle strictly: a key v
// does not name is refused.
func decodeYAML(src []byte, v any) error { return DecodeYAML(src, v, true) }

// DecodeYAML decodes one YAML document into v. A YAML parser is a large
// surface for a hostile file: a panic in it becomes an error, and an
// explicit tag is refused. strict refuses keys v does not name, as a
// bundle's own files must; a Markdown folder, which Obsidian and its
// plugins extend with properties of their own, passes over them.
func DecodeYAML(src []byte, v any, strict bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	// Commonplace writes plain YAML: an explicit tag (!!binary, !!python…)
	// is not its own, and would decode into something no one wrote.
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return err
	}
	if tag := explicitTag(&doc); tag != "" {
		return fmt.Errorf("it uses the YAML tag %s, which Commonplace does not write", tag)
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(strict)
	return dec.Decode(v)
}

// explicitTag is the first tag written out in a YAML tree, or "".
func explicitTag(n *yaml.Node) string {
	if n.Style&yaml.TaggedStyle != 0 {
		return n.Tag
	}
	for _, c := range n.Content {
		if tag := explicitTag(c); tag != "" {
			return tag
		}
	}
	return ""
}

// oneLineErr flattens a multi-line parser message into the sentence.
func oneLineErr(err error) string {
	return storage.Excerpt(err.Error(), 160)
}
