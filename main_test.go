package main

import (
	"os"
	"path/filepath"
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

func TestFilesOnTheCommandLineOpenInTheWindow(t *testing.T) {
	bundle := filepath.Join(t.TempDir(), "from-a-colleague.zip")
	if err := os.WriteFile(bundle, []byte("PK"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{bundle}, true},
		{[]string{"import", bundle}, false},
		{[]string{"--help"}, false},
		{[]string{filepath.Join(t.TempDir(), "missing.zip")}, false},
		{[]string{"serach"}, false}, // a mistyped command still gets its suggestion
	} {
		if got := openable(c.args); got != c.want {
			t.Errorf("openable(%q) = %v", c.args, got)
		}
	}
}
