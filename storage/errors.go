package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Errors callers tell apart with errors.Is. Their text is a sentence a user
// can act on; wrapping adds the detail (which id, which folder).
var (
	ErrLocked      = errors.New("this notebook is open in another Commonplace window")
	ErrNotNotebook = errors.New("this folder is not a Commonplace notebook")
	ErrNewerSchema = errors.New("this notebook was written by a newer version of Commonplace; update the app to open it")
	ErrNoNotebook  = errors.New("there is no notebook in this folder")
	// ErrNotebookExists refuses to make a notebook (init, restore) where
	// there is one.
	ErrNotebookExists = errors.New("there is a notebook in this folder already")
	ErrNotFound       = errors.New("not found")
	ErrClosed         = errors.New("the notebook is closed")
	ErrTooBig         = errors.New("this change is too large to save in one step; import fewer files at a time")
	ErrInvalid        = errors.New("invalid input")
	ErrReadOnly       = errors.New("this notebook is open for reading only")
	ErrCannotWrite    = errors.New("cannot write to this notebook")
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

// FileProblem says in words why the system refused to read or write a
// file: the reason alone, without the system call and the path that Go's
// errors lead with ("write /home/x/.map.zip.123.partial: file too large"),
// for a message that names the file itself — the user's file, not the
// temporary one it was being written to.
func FileProblem(err error) string {
	var pe *fs.PathError
	errors.As(err, &pe)
	switch {
	case errors.Is(err, fs.ErrNotExist) && pe != nil:
		// Writing into a folder that is not there fails the same way as
		// reading a file that is not: name what is missing, the first
		// folder on the way if it is one.
		missing := pe.Path
		for dir := filepath.Dir(missing); dir != missing && !pathExists(dir); dir = filepath.Dir(dir) {
			missing = dir
		}
		if missing != pe.Path {
			return "the folder " + missing + " does not exist"
		}
		return missing + " does not exist"
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	case errors.Is(err, syscall.EFBIG):
		return "the file would be larger than this process may write (the file size limit, ulimit -f, is too low)"
	case errors.Is(err, syscall.EISDIR) && pe != nil:
		return pe.Path + " is a folder, not a file"
	case errors.Is(err, syscall.ENOTDIR):
		return "part of its path is a file, not a folder"
	}
	var errno syscall.Errno
	switch {
	case errors.As(err, &errno):
		return errno.Error() // the system's own words, e.g. "input/output error"
	case pe != nil:
		return pe.Err.Error() // without the system call and the path
	}
	return err.Error()
}

// FileError is what, a sentence's start ("cannot write the map to
// x.svg"), followed by FileProblem's words for err, which it wraps.
func FileError(what string, err error) error { return &fileError{what, err} }

type fileError struct {
	what string
	err  error
}

func (e *fileError) Error() string { return e.what + ": " + FileProblem(e.err) }
func (e *fileError) Unwrap() error { return e.err }

func pathExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
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
