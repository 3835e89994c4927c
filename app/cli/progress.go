package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progressLine keeps one line of the terminal up to date with how far a
// long command has come, and writes nothing when stdout is not a
// terminal (a file, a pipe, a test), whose reader wants the result only.
type progressLine struct {
	out   io.Writer // nil: not a terminal
	what  string
	width int // of the line last written
}

func (c *context) progressLine(what string) *progressLine {
	p := &progressLine{what: what}
	if f, ok := c.env.Stdout.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.out = f
		}
	}
	return p
}

// show is a merge.Options.Progress callback.
func (p *progressLine) show(done, total int) {
	if p.out == nil || total <= 0 {
		return
	}
	line := fmt.Sprintf("%s… %d%%", p.what, done*100/total)
	p.width = max(p.width, len([]rune(line)))
	fmt.Fprintf(p.out, "\r%-*s", p.width, line)
}

// clear blanks the line, so the command's result starts the line.
func (p *progressLine) clear() {
	if p.out != nil && p.width > 0 {
		fmt.Fprint(p.out, "\r"+strings.Repeat(" ", p.width)+"\r")
	}
}
