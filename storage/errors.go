package storage

import (
	"errors"
	"fmt"
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
)

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
