package cli

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/storagetest"
)

// notebookDump is everything the notebook in dir holds — every item,
// piece text, revision, relation, sync base and conflict — as one string
// to compare, or "no notebook". It opens the notebook read-only, so taking
// it changes nothing.
func notebookDump(t *testing.T, dir string, opts ...storage.Option) string {
	t.Helper()
	if !storage.Exists(dir) {
		return "no notebook"
	}
	s, err := storage.OpenReadOnly(dir, opts...)
	if err != nil {
		t.Fatalf("open %s to compare: %v", dir, err)
	}
	defer s.Close()
	type piece struct {
		storage.Piece
		Text      string
		Revisions []storage.Revision
	}
	var d struct {
		Pieces      []piece
		Annotations []storage.Annotation
		Claims      []storage.Claim
		Links       []storage.Link
		Notes       []storage.Note
		Relations   []storage.Relation
		SyncBases   map[string]string
		Conflicts   []storage.Conflict
	}
	var ids []string
	must := func(err error) {
		if err != nil {
			t.Fatalf("read %s to compare: %v", dir, err)
		}
	}
	must(s.EachPiece(func(p storage.Piece, text string) error {
		revs, err := s.Revisions(p.ID)
		d.Pieces = append(d.Pieces, piece{p, text, revs})
		ids = append(ids, p.ID)
		return err
	}))
	must(s.EachAnnotation(func(a storage.Annotation) error {
		d.Annotations = append(d.Annotations, a)
		ids = append(ids, a.ID)
		return nil
	}))
	d.Claims, err = s.Claims()
	must(err)
	d.Links, err = s.AllLinks()
	must(err)
	d.Notes, err = s.Notes()
	must(err)
	for _, c := range d.Claims {
		ids = append(ids, c.ID)
	}
	for _, n := range d.Notes {
		ids = append(ids, n.ID)
	}
	for _, l := range d.Links {
		ids = append(ids, l.ID)
	}
	d.Relations, err = s.Relations()
	must(err)
	d.SyncBases, err = s.SyncBases(ids)
	must(err)
	d.Conflicts, err = s.Conflicts()
	must(err)
	b, err := json.Marshal(d)
	must(err)
	return string(b)
}

// checkPasses runs `check` on the notebook in dir and fails unless it
// finds the notebook sound.
func checkPasses(t *testing.T, dir string) {
	t.Helper()
	if code, out, errOut := run(t, dir, "check"); code != ExitOK || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("check after: exit %d\n%s%s", code, out, errOut)
	}
}

// internals are signs of a message meant for a programmer, not the user:
// Go's and Badger's own error texts, a crash, a fmt mistake, a temporary
// file's name, bytes dumped in hex.
var internals = regexp.MustCompile(`goroutine |panic|\.go:\d|runtime error|(?i:badger)|y\.Wrap|%!|<nil>|` +
	`no such file or directory|(^|: )(open|stat|lstat|read|write|mkdir|mkdirtemp|createtemp|rename) /|` +
	`Txn|[Kk]ey not found|unexpected EOF|invalid character|(^|[ (])(json|zip): |strconv\.|0x[0-9a-f]|` +
	`\.partial|\.tmp\b|[0-9a-fA-F]{17,}|\\x[0-9a-f]{2}`)

// maxMessageRunes bounds a message: one line a user reads, not a wall of
// text (or the input echoed back).
const maxMessageRunes = 300

// checkRefusal holds what a refused command wrote on standard error to
// the rules of the command line: one line, "commonplace: " and what is
// wrong in words; a usage error (exit 2) may add the command's synopsis
// on a second line, "usage: commonplace …".
func checkRefusal(t *testing.T, code int, stderr string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if !strings.HasSuffix(stderr, "\n") || !strings.HasPrefix(lines[0], "commonplace: ") {
		t.Fatalf("stderr is not a line starting with \"commonplace: \": %q", stderr)
	}
	switch {
	case len(lines) == 2 && code == ExitUsage && strings.HasPrefix(lines[1], "usage: commonplace "):
	case len(lines) > 1:
		t.Fatalf("stderr has %d lines, not one: %q", len(lines), stderr)
	}
	msg := strings.TrimPrefix(lines[0], "commonplace: ")
	switch {
	case !utf8.ValidString(msg) || strings.ContainsFunc(msg, unicode.IsControl):
		t.Fatalf("the message holds bytes that are not text: %q", msg)
	case utf8.RuneCountInString(msg) > maxMessageRunes:
		t.Fatalf("the message is %d characters long: %.200q…", utf8.RuneCountInString(msg), msg)
	case internals.MatchString(msg):
		t.Fatalf("the message shows internals (%q): %q", internals.FindString(msg), msg)
	}
}

// writeBytes writes data to a file called name in a new temporary folder.
func writeBytes(t *testing.T, name string, data []byte) string {
	t.Helper()
	return writeFile(t, name, string(data))
}

// repeatTo is text repeated to exactly n bytes.
func repeatTo(text string, n int) string {
	return strings.Repeat(text, n/len(text)+1)[:n]
}

// contents is what folderState says of the files and folders in dir,
// leaving out dir's own time, which making and removing a temporary file
// in it changes.
func contents(t *testing.T, dir string) string {
	t.Helper()
	_, rest, _ := strings.Cut(storagetest.FolderState(t, dir), "\n")
	return rest
}

// mustNotExist fails if path exists.
func mustNotExist(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Fatalf("%s exists (%v)", path, err)
	}
}
