package cli

import (
	"flag"
	"io"
	"regexp"
	"strconv"
	"strings"

	"commonplace/storage"
)

// stringList is a repeatable flag (--tag a --tag b).
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

// flags makes a FlagSet for a command whose errors come back to Run rather
// than exiting, and which also accepts --notebook after the command name.
func (c *context) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.notebook, "notebook", c.notebook, "notebook folder")
	fs.BoolVar(&c.passphraseStdin, "passphrase-stdin", c.passphraseStdin, "read an encrypted notebook's passphrase from the first line of standard input")
	return fs
}

// listing reads the command line of a command that takes --json and
// nothing else (pieces, claims, relations, check) and opens the notebook.
func (c *context) listing(args []string) (s *storage.Store, asJSON bool, err error) {
	fs := c.flags()
	jsonFlag := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return nil, false, err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return nil, false, err
	}
	s, err = c.read()
	return s, *jsonFlag, err
}

// parse parses flags wherever they stand among the positional arguments
// (commonplace import a.txt --tag x), returning the positionals. Everything
// after a "--" that ends the flags is positional.
func (c *context) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if len(args) > 0 && args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				c.printf("usage: commonplace %s %s\n%s\n", c.cmd.name, c.cmd.args, c.cmd.summary)
				return nil, err
			}
			return nil, usagef("%s", flagProblem(err))
		}
		rest := fs.Args()
		if endedByDashes(fs, args[:len(args)-len(rest)]) {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseQuery is parse for a command whose arguments are a search query:
// a word that starts with "-" excludes that word (-China), so only the
// command's own flags are read as flags and every other argument is a
// word of the query.
func (c *context) parseQuery(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(a, "-") || a == "-" || f == nil {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			flags = append(flags, args[i]) // the flag's value
		}
	}
	if _, err := c.parse(fs, flags); err != nil {
		return nil, err
	}
	return words, nil
}

// endedByDashes tells whether the flag parser stopped at a "--" terminator
// rather than taking "--" as a flag's value (--note --).
func endedByDashes(fs *flag.FlagSet, consumed []string) bool {
	n := len(consumed)
	if n == 0 || consumed[n-1] != "--" {
		return false
	}
	if n == 1 {
		return true
	}
	prev := strings.TrimLeft(consumed[n-2], "-")
	if consumed[n-2] == prev || strings.Contains(prev, "=") {
		return true // not a flag, or a flag with its value attached
	}
	f := fs.Lookup(prev)
	if f == nil {
		return true
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return true
	}
	return false // "--" was the value of the flag before it
}

// goQuoted matches a string the flag package quoted with %q.
var goQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// flagProblem is the flag package's complaint with what the user gave
// shown as messages show it (storage.Quote): the package quotes a bad
// value with %q, which shows bytes that are not text as \x escapes, and
// repeats a flag's name however long.
func flagProblem(err error) string {
	msg := goQuoted.ReplaceAllStringFunc(err.Error(), func(q string) string {
		if s, err := strconv.Unquote(q); err == nil {
			return storage.Quote(s)
		}
		return q
	})
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		msg = "flag provided but not defined: " + strings.Trim(storage.Quote(name), `"`)
	}
	return msg
}

// exactly checks the number of positional arguments.
func exactly(pos []string, n int, what string) error {
	if len(pos) != n {
		return usagef("expected %s", what)
	}
	return nil
}
