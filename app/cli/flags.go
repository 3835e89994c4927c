package cli

import (
	"flag"
	"io"
	"strings"
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
	return fs
}

// parse parses flags wherever they stand among the positional arguments
// (commonplace import a.txt --tag x), returning the positionals. Everything
// after "--" is positional.
func (c *context) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if i := indexOf(args, "--"); i == 0 {
			return append(pos, args[1:]...), nil
		}
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				c.printf("usage: commonplace %s %s\n%s\n", c.cmd.name, c.cmd.args, c.cmd.summary)
				return nil, err
			}
			return nil, usagef("%s", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// exactly checks the number of positional arguments.
func exactly(pos []string, n int, what string) error {
	if len(pos) != n {
		return usagef("expected %s", what)
	}
	return nil
}
