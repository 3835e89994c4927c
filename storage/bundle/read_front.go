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

// decodeYAML decodes one YAML document strictly. A YAML parser is a large
// surface for a hostile file: a panic in it becomes an error.
func decodeYAML(src []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// oneLineErr flattens a multi-line parser message into the sentence.
func oneLineErr(err error) string {
	return storage.Excerpt(err.Error(), 160)
}
