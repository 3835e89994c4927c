package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Errors callers tell apart with errors.Is. Their text is a sentence a user
// can act on; wrapping adds the detail (which id, which folder).
var (
	ErrLocked      = errors.New("this notebook is open in another Commonplace window")
	ErrNotNotebook = errors.New("this folder is not a Commonplace notebook")
	ErrNewerSchema = errors.New("this notebook was written by a newer version of Commonplace; update the app to open it")
	ErrNoNotebook  = errors.New("there is no notebook in this folder")
	ErrNotFound    = errors.New("not found")
	ErrClosed      = errors.New("the notebook is closed")
	ErrTooBig      = errors.New("this change is too large to save in one step; import fewer files at a time")
	ErrInvalid     = errors.New("invalid input")
	ErrReadOnly    = errors.New("this notebook is open for reading only")
	ErrCannotWrite = errors.New("cannot write to this notebook")
)

// errFileSizeLimit is the sentence for a process that may not write
// files as large as Badger makes them (ulimit -f).
var errFileSizeLimit = fmt.Errorf("%w: this process may not write files as large as the notebook's (the file size limit, ulimit -f, is too low)", ErrCannotWrite)

// writeProblem turns Badger's report of a file it could not write into
// ErrCannotWrite with the reason in words, or returns nil for any other
// error. Badger flattens the errors it wraps into text (y.Wrap), so the
// system's messages are recognised by their words.
func writeProblem(err error, dir string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, fs.ErrPermission) || strings.Contains(msg, "permission denied") ||
		strings.Contains(msg, "read-only file system") || strings.Contains(msg, "Access is denied"):
		return fmt.Errorf("%w: its folder %s is read-only", ErrCannotWrite, dir)
	case strings.Contains(msg, "file too large"):
		return errFileSizeLimit
	case strings.Contains(msg, "no space left on device") || strings.Contains(msg, "not enough space on the disk"):
		return fmt.Errorf("%w: the disk is full; nothing was saved", ErrCannotWrite)
	}
	return nil
}

// notFound says which item is missing, in words.
func notFound(k Kind, id string) error {
	if k == "" {
		return fmt.Errorf("%w: no item with id %q", ErrNotFound, id)
	}
	return fmt.Errorf("%w: no %s with id %q", ErrNotFound, k, id)
}

// invalid reports bad input from the caller; the message is shown as is.
func invalid(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInvalid }
