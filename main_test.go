package main

import (
	"strings"
	"testing"
)

func TestSplitNotebookFlag(t *testing.T) {
	cases := []struct {
		args    []string
		dir     string
		rest    string
		wantErr string
	}{
		{[]string{"pieces"}, "", "pieces", ""},
		{[]string{"--notebook", "/nb", "pieces", "--json"}, "/nb", "pieces --json", ""},
		{[]string{"-notebook=/nb"}, "/nb", "", ""},
		{[]string{"--notebook"}, "", "", "needs a folder"},
		{[]string{"--notebook="}, "", "", "needs a folder"},
		{[]string{"--notebook", "/a", "--notebook", "/b"}, "", "", "given twice"},
		{[]string{"notebook", "/nb"}, "", "notebook /nb", ""}, // a bare word is not the flag
	}
	for _, c := range cases {
		dir, rest, err := splitNotebookFlag(c.args)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: err %v, want %q", c.args, err, c.wantErr)
			}
			continue
		}
		if err != nil || dir != c.dir || strings.Join(rest, " ") != c.rest {
			t.Errorf("%q: got %q %q %v", c.args, dir, rest, err)
		}
	}
}
