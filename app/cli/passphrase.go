package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"commonplace/storage"
	"commonplace/storage/bundle"
	"commonplace/storage/importer"
)

// Where a passphrase comes from, in order: --passphrase-stdin (the first
// line of standard input; for "passphrase", the second line is the new
// one), COMMONPLACE_PASSPHRASE (and COMMONPLACE_NEW_PASSPHRASE), and a
// prompt on the terminal that does not echo. A passphrase is never taken
// as an argument: other users can read a process's arguments.
const (
	envPassphrase       = "COMMONPLACE_PASSPHRASE"
	envNewPassphrase    = "COMMONPLACE_NEW_PASSPHRASE"
	envBundlePassphrase = "COMMONPLACE_BUNDLE_PASSPHRASE" // an encrypted bundle's, to import or export one
	envPDFPassword      = "COMMONPLACE_PDF_PASSWORD"      // an encrypted PDF's, to import one
)

// terminalPassword prompts on the terminal without echo; ok is false when
// standard input is not a terminal.
func terminalPassword(prompt string) ([]byte, bool, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, false, nil
	}
	fmt.Fprint(os.Stderr, prompt)
	p, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	return p, true, err
}

// stdinLine reads one line of standard input, leaving the rest for the
// command (a note read from "-" follows the passphrase).
func (c *context) stdinLine() ([]byte, error) {
	br, ok := c.env.Stdin.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(c.env.Stdin)
		c.env.Stdin = br
	}
	line, err := br.ReadBytes('\n')
	if err != nil && !(errors.Is(err, io.EOF) && len(line) > 0) {
		return nil, fmt.Errorf("--passphrase-stdin: standard input holds no passphrase line")
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

// stdin is standard input for what a command reads from it (a note, a
// text), after the passphrase line --passphrase-stdin puts first.
func (c *context) stdin() (io.Reader, error) {
	if c.passphraseStdin && c.stdinPassphrase == nil {
		if _, err := c.passphrase(); err != nil {
			return nil, err
		}
	}
	return c.env.Stdin, nil
}

// passphrase is the notebook's current passphrase, from wherever it is
// given.
func (c *context) passphrase() ([]byte, error) {
	if c.passphraseStdin {
		if c.stdinPassphrase == nil {
			p, err := c.stdinLine()
			if err != nil {
				return nil, err
			}
			c.stdinPassphrase = p
		}
		return c.stdinPassphrase, nil
	}
	if p := c.getenv(envPassphrase); p != "" {
		return []byte(p), nil
	}
	if c.env.ReadPassword != nil {
		p, ok, err := c.env.ReadPassword("Passphrase: ")
		if ok || err != nil {
			return p, err
		}
	}
	return nil, fmt.Errorf("%w (set %s, pass --passphrase-stdin, or run the command in a terminal)", storage.ErrPassphraseNeeded, envPassphrase)
}

// bundlePassphrase is an encrypted bundle's passphrase: the next line of
// standard input with --passphrase-stdin (after the notebook's, if it is
// encrypted), $COMMONPLACE_BUNDLE_PASSPHRASE, or asked on the terminal.
func (c *context) bundlePassphrase() ([]byte, error) {
	if c.passphraseStdin {
		return c.stdinLine()
	}
	if p := c.getenv(envBundlePassphrase); p != "" {
		return []byte(p), nil
	}
	if c.env.ReadPassword != nil {
		p, ok, err := c.env.ReadPassword("Bundle passphrase: ")
		if ok || err != nil {
			return p, err
		}
	}
	return nil, fmt.Errorf("%w (set %s, pass --passphrase-stdin, or run the command in a terminal)", bundle.ErrSealed, envBundlePassphrase)
}

// pdfPassword is the password of an encrypted PDF being imported: as a
// bundle's passphrase is given (the next line of standard input with
// --passphrase-stdin, after the notebook's if it is encrypted; or
// $COMMONPLACE_PDF_PASSWORD; or asked on the terminal), and never as an
// argument, which other users can read.
func (c *context) pdfPassword() (string, error) {
	if c.passphraseStdin {
		if storage.IsEncrypted(c.notebookDir()) {
			if _, err := c.passphrase(); err != nil { // the notebook's line comes first
				return "", err
			}
		}
		p, err := c.stdinLine()
		return string(p), err
	}
	if p := c.getenv(envPDFPassword); p != "" {
		return p, nil
	}
	if c.env.ReadPassword != nil {
		p, ok, err := c.env.ReadPassword("PDF password: ")
		if ok || err != nil {
			return string(p), err
		}
	}
	return "", fmt.Errorf("%w: the PDF is encrypted (set %s, pass --passphrase-stdin, or run the command in a terminal)", importer.ErrPassword, envPDFPassword)
}

// newPassphrase is a passphrase to set: from standard input or the
// environment (envName), or typed twice on the terminal.
func (c *context) newPassphrase(envName string) ([]byte, error) {
	var p []byte
	switch {
	case c.passphraseStdin:
		line, err := c.stdinLine()
		if err != nil {
			return nil, err
		}
		p = line
	case c.getenv(envName) != "":
		p = []byte(c.getenv(envName))
	case c.env.ReadPassword != nil:
		first, ok, err := c.env.ReadPassword("New passphrase: ")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, c.noNewPassphrase(envName)
		}
		if err := storage.CheckNewPassphrase(first); err != nil {
			return nil, err
		}
		again, _, err := c.env.ReadPassword("The same again: ")
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(first, again) {
			return nil, errors.New("the two passphrases differ; nothing was changed")
		}
		p = first
	default:
		return nil, c.noNewPassphrase(envName)
	}
	return p, storage.CheckNewPassphrase(p)
}

func (c *context) noNewPassphrase(envName string) error {
	return fmt.Errorf("no new passphrase given (set %s, pass --passphrase-stdin, or run the command in a terminal)", envName)
}

func (c *context) getenv(name string) string {
	if c.env.Getenv == nil {
		return ""
	}
	return c.env.Getenv(name)
}

// unlockOptions are the options that open the notebook in dir: its
// passphrase when it is encrypted, asked for only then.
func (c *context) unlockOptions(dir string) ([]storage.Option, error) {
	if !storage.IsEncrypted(dir) {
		return nil, nil
	}
	p, err := c.passphrase()
	if err != nil {
		return nil, err
	}
	return []storage.Option{storage.WithPassphrase(p)}, nil
}

// runInit creates a new, empty notebook; with --encrypt, encrypted.
func runInit(c *context, args []string) error {
	fs := c.flags()
	encrypt := fs.Bool("encrypt", false, "encrypt the notebook with a passphrase")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	dir := c.notebookDir()
	if storage.Exists(dir) {
		return fmt.Errorf("%w: %s", storage.ErrNotebookExists, dir)
	}
	var opts []storage.Option
	if *encrypt {
		p, err := c.newPassphrase(envPassphrase)
		if err != nil {
			return err
		}
		opts = []storage.Option{storage.EncryptNew(), storage.WithPassphrase(p)}
	}
	s, err := storage.Open(dir, opts...)
	if err != nil {
		return err
	}
	c.store = s
	if *encrypt {
		c.printf("created an encrypted notebook in %s; keep the passphrase safe: without it nothing in the notebook can be read\n", dir)
	} else {
		c.printf("created a notebook in %s\n", dir)
	}
	return nil
}

// runEncrypt encrypts the existing notebook with a new passphrase.
func runEncrypt(c *context, args []string) error {
	pos, err := c.parse(c.flags(), args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	if s.Encrypted() {
		return storage.ErrEncrypted
	}
	p, err := c.newPassphrase(envPassphrase)
	if err != nil {
		return err
	}
	if err := s.Encrypt(p); err != nil {
		return err
	}
	c.printf("encrypted the notebook in %s; keep the passphrase safe: without it nothing in the notebook can be read\n", s.Dir())
	return nil
}

// runPassphrase changes an encrypted notebook's passphrase.
func runPassphrase(c *context, args []string) error {
	pos, err := c.parse(c.flags(), args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	if !storage.IsEncrypted(c.notebookDir()) {
		return fmt.Errorf("%w; encrypt it with \"commonplace encrypt\"", storage.ErrNotEncrypted)
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	p, err := c.newPassphrase(envNewPassphrase)
	if err != nil {
		return err
	}
	if err := s.SetPassphrase(p); err != nil {
		return err
	}
	c.printf("changed the passphrase; the old one no longer opens the notebook\n")
	return nil
}
