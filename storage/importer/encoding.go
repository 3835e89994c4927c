package importer

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// decodeBOM decodes data that announces its encoding with a byte order mark,
// or that is evidently UTF-16 without one (as some Windows tools write it).
// ok is false when data carries no such sign and its encoding is still open.
func decodeBOM(data []byte) (text string, ok bool) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return string(data[3:]), true
	// UTF-32 first: its little-endian BOM starts like UTF-16's.
	case bytes.HasPrefix(data, []byte("\xff\xfe\x00\x00")):
		enc = utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\x00\x00\xfe\xff")):
		enc = utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		switch utf16Guess(data) {
		case 'L':
			enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		case 'B':
			enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		default:
			return "", false
		}
	}
	// The decoders replace malformed input with U+FFFD rather than fail, so
	// the error is only ever about the transformer itself.
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// utf16Guess recognises BOM-less UTF-16 of mostly Latin-script text by its
// pattern of zero bytes: one in every pair, always on the same side.
// It returns 'L', 'B' or 0.
func utf16Guess(data []byte) byte {
	n := min(len(data), 4096) &^ 1
	if n < 16 {
		return 0
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*7 && even*50 <= pairs:
		return 'L'
	case even*10 >= pairs*7 && odd*50 <= pairs:
		return 'B'
	}
	return 0
}

// looksBinary reports whether data is not text: it has NUL bytes, or more
// than a few control characters that no text editor writes.
func looksBinary(data []byte) bool {
	sample := data[:min(len(data), 8192)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*20 > len(sample)
}

// decodeText turns the bytes of a text or Markdown file without a BOM into
// a string. Valid UTF-8 is taken as is. Text that is mostly UTF-8 with a few
// damaged bytes stays UTF-8 (Normalize replaces the damage). Anything else is
// taken to be Windows-1252, the superset of Latin-1 that Windows editors and
// old mail clients wrote.
func decodeText(data []byte) string {
	if utf8.Valid(data) || mostlyUTF8(data) {
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(out)
}

// mostlyUTF8 reports whether valid multi-byte UTF-8 sequences are at least
// as common as invalid bytes. Windows-1252 text almost never forms a valid
// sequence (it would take, say, "ß" right before a curly quote), so even a
// few are strong evidence of UTF-8 with some damage.
func mostlyUTF8(data []byte) bool {
	var multi, bad int
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi > 0 && bad <= multi
}

// decodeHTML turns the bytes of an HTML file without a BOM into a string,
// honouring the charset it declares (WHATWG rules, so "iso-8859-1" is read
// as Windows-1252). A page that is valid UTF-8 is read as UTF-8 whatever it
// declares: pages saved by browsers often keep a stale declaration, and
// legacy-encoded text is practically never valid UTF-8 by accident.
func decodeHTML(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" {
		if mostlyUTF8(data) {
			return string(data)
		}
		// Declared UTF-8 but plainly not: an old page that never
		// updated its declaration after a move.
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(out)
}
