package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"commonplace/storage"
)

// context carries one command's flags, environment and open store.
type context struct {
	env      Env
	cmd      command
	notebook string
	store    *storage.Store
	// passphraseStdin is --passphrase-stdin: the passphrase is the first
	// line of standard input.
	passphraseStdin bool
	stdinPassphrase []byte // the line it read, once read
}

// errBroken makes Run exit 1 after a command already printed why.
var errBroken = errors.New("broken")

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// open opens the existing notebook: --notebook, else $COMMONPLACE_NOTEBOOK,
// else the folder the window uses. Commands that only read or change what
// is there use it, so a mistyped folder is reported, not created.
func (c *context) open() (*storage.Store, error) { return c.openWith(storage.OpenExisting) }

// read opens the existing notebook for reading only: commands that only
// read use it, so they work on a notebook they may not write (an archive,
// a read-only folder) and never change a file a sync tool would copy.
func (c *context) read() (*storage.Store, error) { return c.openWith(storage.OpenReadOnly) }

// readPreferWrite opens the existing notebook for writing if it can be
// written, else for reading: export records sync bases in a notebook it
// can write, and still works on one it cannot.
func (c *context) readPreferWrite() (*storage.Store, error) {
	s, err := c.open()
	if errors.Is(err, storage.ErrCannotWrite) {
		return c.read()
	}
	return s, err
}

// create opens the notebook, creating it if need be: for commands that add
// the first things to a new notebook (import, note, claim, demo).
func (c *context) create() (*storage.Store, error) { return c.openWith(storage.Open) }

func (c *context) openWith(open func(string, ...storage.Option) (*storage.Store, error)) (*storage.Store, error) {
	if c.store != nil {
		return c.store, nil
	}
	dir := c.notebookDir()
	opts, err := c.unlockOptions(dir)
	if err != nil {
		return nil, err
	}
	s, err := open(dir, opts...)
	if errors.Is(err, storage.ErrNoNotebook) {
		return nil, fmt.Errorf("%w; create one with \"commonplace import FILE\" or \"commonplace demo\"", err)
	}
	if err != nil {
		return nil, err
	}
	c.store = s
	return s, nil
}

// notebookDir is the notebook's folder: --notebook, else
// $COMMONPLACE_NOTEBOOK, else the folder the window uses.
func (c *context) notebookDir() string {
	if c.notebook != "" {
		return c.notebook
	}
	if dir := c.getenv("COMMONPLACE_NOTEBOOK"); dir != "" {
		return dir
	}
	return DefaultNotebook()
}

func (c *context) close() {
	if c.store != nil {
		c.store.Close()
	}
}

func (c *context) errorf(format string, a ...any) {
	fmt.Fprintf(c.env.Stderr, "commonplace: "+format+"\n", a...)
}

func (c *context) printf(format string, a ...any) { fmt.Fprintf(c.env.Stdout, format, a...) }

func (c *context) println(a ...any) { fmt.Fprintln(c.env.Stdout, a...) }

// printJSON writes v indented, for scripts.
func (c *context) printJSON(v any) error {
	enc := json.NewEncoder(c.env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// oneID is the one item id a command takes besides its flags, checked
// and lowered; what says what it must be, for the usage error.
func oneID(pos []string, what string) (string, error) {
	if err := exactly(pos, 1, what); err != nil {
		return "", err
	}
	id := pos[0]
	return id, checkID("item", &id)
}

// checkID refuses something that cannot be an id before any lookup, and
// lowers its case (ids are stored in lower case; a pasted one may not be).
func checkID(what string, id *string) error {
	*id = strings.ToLower(strings.TrimSpace(*id))
	if !storage.ValidID(*id) {
		return usagef("%s %s is not an id (ids look like 0193a7c4-5b2e-7d41-9f3a-2c8e1b0d4f6a)", what, storage.Quote(*id))
	}
	return nil
}
