package importer

import (
	"errors"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors. Every error returned by File and Bytes wraps one of them
// (or the underlying fs error when a file cannot be opened), so callers can
// tell cases apart with errors.Is while showing Error() to the user as is.
var (
	// ErrUnsupported means the file is not a text, Markdown, HTML or PDF
	// document (an image, an Office file, an archive, a program or other
	// binary data), or is a PDF that cannot be read.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrTooLarge means the file is bigger than MaxFileSize.
	ErrTooLarge = errors.New("file too large")
	// ErrNoText means the file is empty or nothing readable was found in
	// it, a scanned PDF among them.
	ErrNoText = errors.New("no text")
)

// importError is one sentence for the user, prefixed with the file name,
// that still unwraps to a sentinel for code.
type importError struct {
	name string
	msg  string
	err  error
}

func newError(name string, err error, msg string) error {
	return &importError{name: name, msg: msg, err: err}
}

func (e *importError) Error() string {
	if e.name == "" || e.name == "." {
		// Without a name to lead it, the sentence starts with its own
		// first word.
		r, size := utf8.DecodeRuneInString(e.msg)
		return string(unicode.ToUpper(r)) + e.msg[size:]
	}
	return e.name + ": " + e.msg
}

func (e *importError) Unwrap() error { return e.err }
