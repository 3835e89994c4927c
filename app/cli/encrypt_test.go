package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
)

// session runs command lines with an environment and a terminal of its
// own: answers are what the terminal prompt is given, in turn.
type session struct {
	t       *testing.T
	dir     string
	env     map[string]string
	answers []string
	asked   []string
}

func (s *session) run(stdin string, args ...string) (int, string, string) {
	s.t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return s.env[k] }}
	if s.answers != nil {
		env.ReadPassword = func(prompt string) ([]byte, bool, error) {
			s.asked = append(s.asked, prompt)
			if len(s.answers) == 0 {
				s.t.Fatalf("asked %q with no answer left", prompt)
			}
			a := s.answers[0]
			s.answers = s.answers[1:]
			return []byte(a), true, nil
		}
	}
	code := Run(args, s.dir, env)
	return code, out.String(), errOut.String()
}

func (s *session) must(stdin string, args ...string) string {
	s.t.Helper()
	code, out, errOut := s.run(stdin, args...)
	if code != 0 {
		s.t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func (s *session) fails(want string, stdin string, args ...string) {
	s.t.Helper()
	code, _, errOut := s.run(stdin, args...)
	if code != ExitError || !strings.HasPrefix(errOut, "commonplace: ") || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) {
		s.t.Errorf("%v: exit %d, %q; want exit 1 and one line saying %q", args, code, errOut, want)
	}
}

// TestEncryptedNotebookFromTheCommandLine creates an encrypted notebook
// and works in it with the passphrase from each source: the environment,
// standard input (with a note after it), and the terminal.
func TestEncryptedNotebookFromTheCommandLine(t *testing.T) {
	s := &session{t: t, dir: filepath.Join(t.TempDir(), "nb"), env: map[string]string{envPassphrase: "field notes 2026"}}
	if out := s.must("", "init", "--encrypt"); !strings.Contains(out, "created an encrypted notebook") {
		t.Errorf("init --encrypt said %q", out)
	}
	s.fails("there is a notebook in", "", "init")
	id := strings.TrimSpace(s.must("", "note", "Met the trader at the bridge."))

	s.env = nil
	s.fails("this notebook is encrypted; give its passphrase (set COMMONPLACE_PASSPHRASE, pass --passphrase-stdin, or run the command in a terminal)", "", "pieces")
	s.env = map[string]string{envPassphrase: "field notes 2025"}
	s.fails("wrong passphrase", "", "show", id)

	// From standard input: the first line; the note follows it.
	s.env = nil
	id2 := strings.TrimSpace(s.must("field notes 2026\nA note read from standard input.\n", "note", "--passphrase-stdin", "-"))
	if out := s.must("field notes 2026\n", "show", "--passphrase-stdin", id2); !strings.Contains(out, "A note read from standard input.") {
		t.Errorf("the note read after the passphrase: %q", out)
	}
	// From the terminal.
	s.answers = []string{"field notes 2026"}
	if out := s.must("", "show", id); !strings.Contains(out, "Met the trader at the bridge.") || len(s.asked) != 1 {
		t.Errorf("with the passphrase typed: %q (asked %v)", out, s.asked)
	}
	s.answers = []string{"field notes 2026", "a new passphrase", "a new passphrase"}
	s.must("", "passphrase")
	s.answers = nil
	s.env = map[string]string{envPassphrase: "field notes 2026"}
	s.fails("wrong passphrase", "", "pieces")
	s.env = map[string]string{envPassphrase: "a new passphrase"}
	s.must("", "check")
}

// TestEncryptAndChangePassphrase converts a plain notebook and changes
// its passphrase from the environment; mistakes change nothing.
func TestEncryptAndChangePassphrase(t *testing.T) {
	dir, id := setup(t)
	s := &session{t: t, dir: dir}
	s.fails("no new passphrase given", "", "encrypt")
	s.fails("not encrypted", "", "passphrase")
	s.env = map[string]string{envPassphrase: "short"}
	s.fails("at least 8 characters", "", "encrypt")
	s.env = nil
	s.answers = []string{"one passphrase", "another one"}
	s.fails("the two passphrases differ; nothing was changed", "", "encrypt")
	s.answers = nil
	s.must("", "pieces") // still plain

	s.env = map[string]string{envPassphrase: "the first passphrase"}
	if out := s.must("", "encrypt"); !strings.Contains(out, "encrypted the notebook") {
		t.Errorf("encrypt said %q", out)
	}
	s.fails("already encrypted", "", "encrypt")
	if out := s.must("", "show", id); !strings.Contains(out, "Beijing and the Wakhan") {
		t.Errorf("the piece after encrypting: %q", out)
	}
	s.env[envNewPassphrase] = "the second passphrase"
	s.must("", "passphrase")
	s.fails("wrong passphrase", "", "pieces")
	s.env = map[string]string{envPassphrase: "the second passphrase"}
	s.must("", "check")
	// Both from standard input, a line each.
	s.env = nil
	s.must("the second passphrase\nthe third passphrase\n", "passphrase", "--passphrase-stdin")
	s.env = map[string]string{envPassphrase: "the third passphrase"}
	s.must("", "show", id)
}

// TestEncryptedBundleFromTheCommandLine exports a bundle sealed with a
// passphrase and imports it elsewhere: refused without the passphrase
// (creating no notebook), refused with a wrong one, whole with the right.
func TestEncryptedBundleFromTheCommandLine(t *testing.T) {
	dir, _ := setup(t)
	out := filepath.Join(t.TempDir(), "share.zip.age")
	s := &session{t: t, dir: dir}
	if code, _, errOut := s.run("", "export", "--encrypt", "--out", filepath.Join(t.TempDir(), "share.zip")); code != ExitUsage || !strings.Contains(errOut, "FILE.zip.age") {
		t.Errorf("--encrypt to a .zip: exit %d %q", code, errOut)
	}
	s.env = map[string]string{envBundlePassphrase: "share with amina"}
	if got := s.must("", "export", "--encrypt", "--out", out); !strings.Contains(got, "exported 1 pieces") {
		t.Errorf("export said %q", got)
	}
	other := &session{t: t, dir: filepath.Join(t.TempDir(), "nb2")}
	other.fails("this bundle is encrypted; give its passphrase", "", "import", out)
	if storage.Exists(other.dir) {
		t.Error("a refused import created the notebook")
	}
	other.env = map[string]string{envBundlePassphrase: "share with omar"}
	other.fails("wrong passphrase for this bundle", "", "import", out)
	other.answers = []string{"share with amina"}
	other.env = nil
	if got := other.must("", "import", out); !strings.Contains(got, "added") {
		t.Errorf("import said %q", got)
	}
	if got := other.must("", "pieces"); !strings.Contains(got, "Beijing and the Wakhan") {
		t.Errorf("after importing the sealed bundle: %q", got)
	}
}
