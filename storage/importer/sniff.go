package importer

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
)

// sniffed is a file that passed the checks: its format and its text as UTF-8.
type sniffed struct {
	format string
	text   string
}

var (
	htmlExts     = map[string]bool{".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true}
	markdownExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true}
)

// sniff refuses what is not a text document and decides, for the rest, the
// format and the character encoding. Content beats extension where the two
// disagree: a page saved as "article.txt" is still HTML.
func sniff(name string, data []byte) (sniffed, error) {
	if err := refusal(name, data); err != nil {
		return sniffed{}, err
	}
	text, decoded := decodeBOM(data)
	if decoded {
		if looksBinary([]byte(text)) {
			return sniffed{}, binaryRefusal(name)
		}
	} else if looksBinary(data) {
		return sniffed{}, binaryRefusal(name)
	}
	// The format is decided on the raw bytes when they are not decoded
	// yet; every marker we look for is ASCII, so any ASCII-compatible
	// encoding shows them the same way.
	probe := data
	if decoded {
		probe = []byte(text)
	}
	if isSVG(name, probe) {
		return sniffed{}, newError(name, ErrUnsupported, msgImage)
	}
	format := formatOf(name, probe)
	if !decoded {
		if format == FormatHTML {
			text = decodeHTML(data)
		} else {
			text = decodeText(data)
		}
	}
	return sniffed{format: format, text: text}, nil
}

func formatOf(name string, probe []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case htmlExts[ext], looksHTML(probe):
		return FormatHTML
	case markdownExts[ext]:
		return FormatMarkdown
	case !knownTextExt(ext) && hasFrontMatter(probe):
		// Notes exported by static-site tools sometimes lose their
		// extension; YAML front matter gives them away.
		return FormatMarkdown
	}
	return FormatText
}

func knownTextExt(ext string) bool {
	return ext == ".txt" || ext == ".text"
}

// Reads reports whether name has the extension of a format File reads
// (plain text, Markdown, HTML, PDF): how the files of a folder are picked
// to import. File itself goes by the content too, and takes any name.
func Reads(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return knownTextExt(ext) || markdownExts[ext] || htmlExts[ext] || ext == ".pdf"
}

// Extensions lists the extensions Reads takes, sorted: for a file dialog's
// filter.
func Extensions() []string {
	exts := []string{".txt", ".text", ".pdf"}
	for _, m := range []map[string]bool{markdownExts, htmlExts} {
		for ext := range m {
			exts = append(exts, ext)
		}
	}
	slices.Sort(exts)
	return exts
}

// looksHTML reports whether the content starts as an HTML document does,
// after white space, an XML declaration and comments.
func looksHTML(b []byte) bool {
	b = skipPrologue(b)
	return hasPrefixFold(b, "<!doctype html") || hasPrefixFold(b, "<html")
}

func isSVG(name string, b []byte) bool {
	if strings.EqualFold(filepath.Ext(name), ".svg") {
		return true
	}
	b = skipPrologue(b)
	if hasPrefixFold(b, "<!doctype svg") {
		return true
	}
	return hasPrefixFold(b, "<svg") && len(b) > 4 && (b[4] == ' ' || b[4] == '>' || b[4] == '\n' || b[4] == '\r' || b[4] == '\t')
}

// skipPrologue skips leading white space, a UTF-8 BOM, an XML declaration
// and comments.
func skipPrologue(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for range 32 { // bounded: a file of nothing but comments is not a page
		b = bytes.TrimLeft(b, " \t\r\n\f")
		var end []byte
		switch {
		case bytes.HasPrefix(b, []byte("<?xml")):
			end = []byte("?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			end = []byte("-->")
		default:
			return b
		}
		i := bytes.Index(b, end)
		if i < 0 {
			return nil
		}
		b = b[i+len(end):]
	}
	return b
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}
