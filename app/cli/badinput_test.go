package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/storagetest"
)

// badInput is one wrong command line and what it must get.
type badInput struct {
	name  string
	args  []string
	stdin string
	code  int    // the exit code
	want  string // words the message must hold ("" for exit 0)
	// on is the notebook folder the command runs on; "" is the demo
	// notebook the test shares between rows.
	on string
	// huge rows read or write tens of megabytes: not under -short.
	huge bool
}

// demoIDs are ids of each kind in a notebook holding the demo.
type demoIDs struct{ piece, ann, claim, note, link string }

// demoNotebook makes a notebook holding the demo in a new folder and
// returns the folder and ids in it.
func demoNotebook(t *testing.T) (string, demoIDs) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "nb")
	mustRun(t, dir, "demo")
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pieces, _ := s.Pieces()
	anns, _ := s.AnnotationsOf(pieces[0].ID)
	claims, _ := s.Claims()
	notes, _ := s.Notes()
	links, _ := s.AllLinks()
	return dir, demoIDs{pieces[0].ID, anns[0].ID, claims[0].ID, notes[0].ID, links[0].ID}
}

// missingID is a well-formed id of nothing.
const missingID = "0193a7c4-5b2e-7d41-9f3a-2c8e1b0d4f6a"

// badInputFixture is what the rows refer to: a notebook holding the demo,
// ids of each kind in it, and files of every bad sort.
type badInputFixture struct {
	nb string // the demo notebook
	demoIDs
	missingID                   string // well formed, in no notebook
	backup                      string // a backup of the demo notebook
	noNotebook, otherFiles, out string // folders
	good, empty, folder         string // files to read
	missing, missingDir         string // paths that do not exist
	junk                        []byte // binary junk: random bytes, no NUL (no command line could hold one)
	junkFiles                   map[string]string
	big30, big70, big130        string // files of 30, 70 and 130 MB (sparse: zeros)
	words129                    string // 129 MB of words, for standard input
}

func newBadInputFixture(t *testing.T) *badInputFixture {
	t.Helper()
	fx := &badInputFixture{
		missingID:  missingID,
		noNotebook: filepath.Join(t.TempDir(), "no-notebook"),
		otherFiles: t.TempDir(),
		out:        t.TempDir(),
		good:       writeFile(t, "good.txt", "A perfectly good text.\n\nWith a second paragraph."),
		empty:      writeFile(t, "empty.txt", ""),
		folder:     t.TempDir(),
		missing:    filepath.Join(t.TempDir(), "missing.txt"),
		missingDir: filepath.Join(t.TempDir(), "missing", "folder"),
		junkFiles:  map[string]string{},
	}
	fx.nb, fx.demoIDs = demoNotebook(t)
	fx.backup = filepath.Join(t.TempDir(), "demo.cpbackup")
	mustRun(t, fx.nb, "backup", "--out", fx.backup)
	os.WriteFile(filepath.Join(fx.otherFiles, "thesis.docx"), []byte("PK\x03\x04"), 0o600)

	// Random-looking bytes from a fixed seed: the same junk every run.
	x := uint32(2463534242)
	for len(fx.junk) < 4096 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if b := byte(x >> 24); b != 0 {
			fx.junk = append(fx.junk, b)
		}
	}
	for _, name := range []string{"junk.bin", "junk.txt", "junk.md", "junk.html", "junk.zip", "junk.jsonld"} {
		fx.junkFiles[name] = writeBytes(t, name, fx.junk)
	}
	if !testing.Short() {
		para := "Notes from the bridge at Termez, where the trucks wait. "
		fx.big30 = writeFile(t, "big30.txt", repeatTo(para, 30<<20))
		fx.big70 = writeFile(t, "big70.txt", repeatTo(para, 70<<20))
		// Refused for its size before it is read (or, a note, once
		// 128 MB of it is): zeros that take no room on disk do.
		fx.big130 = writeFile(t, "big130.txt", "")
		if err := os.Truncate(fx.big130, 130<<20); err != nil {
			t.Fatal(err)
		}
		fx.words129 = repeatTo("Words. ", 129<<20)
	}
	return fx
}

// badInputs are the rows: every command, fed wrong ids (malformed and
// well formed but missing), missing files, empty strings, huge inputs and
// binary junk.
func badInputs(fx *badInputFixture) []badInput {
	junk := string(fx.junk[:200])
	outZip := filepath.Join(fx.out, "x.zip")
	return []badInput{
		// Malformed ids: a usage error, before the notebook is opened.
		{name: "show/malformed id", args: []string{"show", "xyz"}, code: ExitUsage, want: `item "xyz" is not an id`},
		{name: "show/id one character short", args: []string{"show", fx.ann[:len(fx.ann)-1]}, code: ExitUsage, want: "is not an id"},
		{name: "show/path for an id", args: []string{"show", "../../etc/passwd"}, code: ExitUsage, want: "is not an id"},
		{name: "links/malformed id", args: []string{"links", "42"}, code: ExitUsage, want: "is not an id"},
		{name: "suggest/malformed id", args: []string{"suggest", "xyz"}, code: ExitUsage, want: "is not an id"},
		{name: "delete/malformed id", args: []string{"delete", "xyz"}, code: ExitUsage, want: "is not an id"},
		{name: "annotate/malformed piece id", args: []string{"annotate", "--piece", "xyz", "--quote", "Wakhan"}, code: ExitUsage, want: `--piece "xyz" is not an id`},
		{name: "edit-text/malformed piece id", args: []string{"edit-text", "--piece", "xyz", "--file", fx.good}, code: ExitUsage, want: "is not an id"},
		{name: "note/malformed attach id", args: []string{"note", "--attach", "xyz", "words"}, code: ExitUsage, want: `--attach "xyz" is not an id`},
		{name: "claim/malformed evidence id", args: []string{"claim", "--evidence", "xyz", "a statement"}, code: ExitUsage, want: `--evidence "xyz" is not an id`},
		{name: "link/malformed from id", args: []string{"link", "--rel", "supports", "xyz", fx.claim}, code: ExitUsage, want: "is not an id"},
		{name: "link/malformed to id", args: []string{"link", "--rel", "supports", fx.ann, "xyz"}, code: ExitUsage, want: "is not an id"},
		{name: "export/malformed piece id", args: []string{"export", "--piece", "xyz", "--out", outZip}, code: ExitUsage, want: "is not an id"},
		{name: "export/malformed claim id", args: []string{"export", "--claim", "xyz", "--out", outZip}, code: ExitUsage, want: "is not an id"},
		{name: "map/malformed focus id", args: []string{"map", "--out", filepath.Join(fx.out, "m.svg"), "--focus", "xyz"}, code: ExitUsage, want: "is not an id"},

		// Well-formed ids of nothing: a refusal naming the id.
		{name: "show/missing id", args: []string{"show", fx.missingID}, code: ExitError, want: "no item with id"},
		{name: "links/missing id", args: []string{"links", fx.missingID}, code: ExitError, want: "no item with id"},
		{name: "suggest/missing id", args: []string{"suggest", fx.missingID}, code: ExitError, want: "no item with id"},
		{name: "delete/missing id", args: []string{"delete", fx.missingID}, code: ExitError, want: "no item with id"},
		{name: "annotate/missing piece", args: []string{"annotate", "--piece", fx.missingID, "--quote", "Wakhan"}, code: ExitError, want: "no piece with id"},
		{name: "edit-text/missing piece", args: []string{"edit-text", "--piece", fx.missingID, "--file", fx.good}, code: ExitError, want: "no piece with id"},
		{name: "note/attached to a missing item", args: []string{"note", "--attach", fx.missingID, "words"}, code: ExitError, want: "cannot attach the note: no item with id"},
		{name: "claim/missing evidence", args: []string{"claim", "--evidence", fx.missingID, "a statement"}, code: ExitError, want: "is not an annotation in this notebook"},
		{name: "link/from a missing item", args: []string{"link", "--rel", "supports", fx.missingID, fx.claim}, code: ExitError, want: fx.missingID},
		{name: "link/to a missing item", args: []string{"link", "--rel", "supports", fx.ann, fx.missingID}, code: ExitError, want: fx.missingID},
		{name: "export/missing piece", args: []string{"export", "--piece", fx.missingID, "--out", outZip}, code: ExitError, want: "no piece with id"},
		{name: "export/missing claim", args: []string{"export", "--claim", fx.missingID, "--out", outZip}, code: ExitError, want: "no claim with id"},
		{name: "map/missing focus", args: []string{"map", "--out", filepath.Join(fx.out, "m.svg"), "--focus", fx.missingID}, code: ExitError, want: "no item with id"},

		// Ids of the wrong kind.
		{name: "annotate/an annotation for the piece", args: []string{"annotate", "--piece", fx.ann, "--quote", "Wakhan"}, code: ExitError, want: "no piece with id"},
		{name: "edit-text/a claim for the piece", args: []string{"edit-text", "--piece", fx.claim, "--file", fx.good}, code: ExitError, want: "no piece with id"},
		{name: "claim/a piece for evidence", args: []string{"claim", "--evidence", fx.piece, "a statement"}, code: ExitError, want: "is not an annotation"},
		{name: "suggest/a piece", args: []string{"suggest", fx.piece}, code: ExitError, want: "suggestions are for passages and claims"},
		{name: "note/attached to a link", args: []string{"note", "--attach", fx.link, "words"}, code: ExitError, want: "cannot be attached to a link"},
		{name: "link/an item to itself", args: []string{"link", "--rel", "supports", fx.ann, fx.ann}, code: ExitError, want: "cannot be linked to itself"},
		{name: "export/a piece for the claim", args: []string{"export", "--claim", fx.piece, "--out", outZip}, code: ExitError, want: "no claim with id"},

		// Files that are not there, or not files.
		{name: "import/missing file", args: []string{"import", fx.missing}, code: ExitError, want: "missing.txt: the file does not exist; nothing was imported"},
		{name: "import/missing bundle", args: []string{"import", strings.TrimSuffix(fx.missing, ".txt") + ".zip"}, code: ExitError, want: "does not exist"},
		{name: "import/missing and good file", args: []string{"import", fx.good, fx.missing}, code: ExitError, want: "nothing was imported"},
		{name: "import --dry-run/missing file", args: []string{"import", "--dry-run", fx.missing}, code: ExitError, want: "the file does not exist"},
		{name: "edit-text/missing file", args: []string{"edit-text", "--piece", fx.piece, "--file", fx.missing}, code: ExitError, want: "missing.txt: the file does not exist"},
		{name: "edit-text/folder for the file", args: []string{"edit-text", "--piece", fx.piece, "--file", fx.folder}, code: ExitError, want: "this is a folder, not a file"},
		{name: "note/missing file", args: []string{"note", "--file", fx.missing}, code: ExitError, want: "cannot read the note: " + fx.missing + " does not exist"},
		{name: "note/folder for the file", args: []string{"note", "--file", fx.folder}, code: ExitError, want: "is a folder, not a file"},
		{name: "export/into a missing folder", args: []string{"export", "--out", filepath.Join(fx.missingDir, "x.zip")}, code: ExitError, want: "cannot write the bundle to " + filepath.Join(fx.missingDir, "x.zip") + ": the folder " + filepath.Dir(fx.missingDir) + " does not exist"},
		{name: "export/Markdown into a missing folder", args: []string{"export", "--markdown", filepath.Join(fx.missingDir, "md")}, code: ExitError, want: "the folder " + filepath.Dir(fx.missingDir) + " does not exist"},
		{name: "export/Markdown over a file", args: []string{"export", "--markdown", fx.good}, code: ExitError, want: "is a file; choose a new or empty folder"},
		{name: "map/into a missing folder", args: []string{"map", "--out", filepath.Join(fx.missingDir, "m.svg")}, code: ExitError, want: "cannot write the map to " + filepath.Join(fx.missingDir, "m.svg") + ": the folder " + filepath.Dir(fx.missingDir) + " does not exist"},

		// Empty strings and empty files.
		{name: "import/empty argument", args: []string{"import", ""}, code: ExitUsage, want: "an empty argument names no file"},
		{name: "import/empty file", args: []string{"import", fx.empty}, code: ExitError, want: "empty.txt: the file is empty"},
		{name: "show/empty id", args: []string{"show", ""}, code: ExitUsage, want: `item "" is not an id`},
		{name: "links/empty id", args: []string{"links", ""}, code: ExitUsage, want: "is not an id"},
		{name: "suggest/empty id", args: []string{"suggest", ""}, code: ExitUsage, want: "is not an id"},
		{name: "delete/empty id", args: []string{"delete", ""}, code: ExitUsage, want: "is not an id"},
		{name: "annotate/empty piece", args: []string{"annotate", "--piece", "", "--quote", "Wakhan"}, code: ExitUsage, want: "--piece and --quote are required"},
		{name: "annotate/empty quote", args: []string{"annotate", "--piece", fx.piece, "--quote", ""}, code: ExitUsage, want: "--piece and --quote are required"},
		{name: "annotate/blank quote", args: []string{"annotate", "--piece", fx.piece, "--quote", "   "}, code: ExitError, want: "the quote is empty"},
		{name: "edit-text/empty file name", args: []string{"edit-text", "--piece", fx.piece, "--file", ""}, code: ExitUsage, want: "--piece and --file are required"},
		{name: "edit-text/empty file", args: []string{"edit-text", "--piece", fx.piece, "--file", fx.empty}, code: ExitError, want: "the file is empty"},
		{name: "edit-text/empty standard input", args: []string{"edit-text", "--piece", fx.piece, "--file", "-"}, code: ExitError, want: "the file is empty"},
		{name: "note/empty text", args: []string{"note", ""}, code: ExitUsage, want: "expected the note's text"},
		{name: "note/blank text", args: []string{"note", " \n\t "}, code: ExitUsage, want: "expected the note's text"},
		{name: "note/empty file", args: []string{"note", "--file", fx.empty}, code: ExitError, want: "empty.txt holds no text: the note would be empty"},
		{name: "note/empty standard input", args: []string{"note", "-"}, code: ExitError, want: "standard input holds no text"},
		{name: "claim/empty statement", args: []string{"claim", ""}, code: ExitUsage, want: "expected the claim's statement"},
		{name: "claim/empty evidence", args: []string{"claim", "--evidence", "", "a statement"}, code: ExitUsage, want: `--evidence "" is not an id`},
		{name: "link/empty relation", args: []string{"link", "--rel", "", fx.ann, fx.claim}, code: ExitUsage, want: "--rel is required"},
		{name: "link/empty ids", args: []string{"link", "--rel", "supports", "", ""}, code: ExitUsage, want: "is not an id"},
		{name: "search/empty query", args: []string{"search", ""}, code: ExitUsage, want: "expected a QUERY"},
		{name: "relation/empty name", args: []string{"relation", ""}, code: ExitError, want: "a relation's name is one or more words"},
		{name: "relation/delete an empty name", args: []string{"relation", "--delete", ""}, code: ExitError, want: `unknown relation ""`},
		{name: "export/empty out", args: []string{"export", "--out", ""}, code: ExitUsage, want: "give --out FILE.zip or --markdown DIR"},
		{name: "map/empty out", args: []string{"map", "--out", ""}, code: ExitUsage, want: "--out FILE.svg or --out FILE.png is required"},

		// Arguments where none belong, and a second demo.
		{name: "pieces/an argument", args: []string{"pieces", "x"}, code: ExitUsage, want: "expected no arguments"},
		{name: "claims/an argument", args: []string{"claims", "x"}, code: ExitUsage, want: "expected no arguments"},
		{name: "relations/an argument", args: []string{"relations", "x"}, code: ExitUsage, want: "expected no arguments"},
		{name: "check/an argument", args: []string{"check", "x"}, code: ExitUsage, want: "expected no arguments"},
		{name: "demo/an argument", args: []string{"demo", "x"}, code: ExitUsage, want: "expected no arguments"},
		{name: "demo/again", args: []string{"demo"}, code: ExitError, want: "already in this notebook"},

		// Binary junk: as a file to import or read, as text on the command line.
		{name: "import/junk .bin", args: []string{"import", fx.junkFiles["junk.bin"]}, code: ExitError, want: "junk.bin: this does not look like a text document"},
		{name: "import/junk .txt", args: []string{"import", fx.junkFiles["junk.txt"]}, code: ExitError, want: "junk.txt: this does not look like a text document"},
		{name: "import/junk .md", args: []string{"import", fx.junkFiles["junk.md"]}, code: ExitError, want: "does not look like a text document"},
		{name: "import/junk .html", args: []string{"import", fx.junkFiles["junk.html"]}, code: ExitError, want: "does not look like a text document"},
		{name: "import/junk .zip", args: []string{"import", fx.junkFiles["junk.zip"]}, code: ExitError, want: "the file is not a zip archive, or it is damaged; nothing was imported"},
		{name: "import --dry-run/junk .zip", args: []string{"import", "--dry-run", fx.junkFiles["junk.zip"]}, code: ExitError, want: "not a zip archive"},
		{name: "import/junk .jsonld", args: []string{"import", fx.junkFiles["junk.jsonld"], fx.good}, code: ExitError, want: "nothing was imported"},
		{name: "edit-text/junk file", args: []string{"edit-text", "--piece", fx.piece, "--file", fx.junkFiles["junk.bin"]}, code: ExitError, want: "does not look like a text document"},
		{name: "edit-text/junk on standard input", args: []string{"edit-text", "--piece", fx.piece, "--file", "-"}, stdin: string(fx.junk), code: ExitError, want: "does not look like a text document"},
		{name: "note/junk file", args: []string{"note", "--file", fx.junkFiles["junk.bin"]}, code: ExitError, want: "the note's body is not valid UTF-8 text"},
		{name: "note/junk text", args: []string{"note", junk}, code: ExitError, want: "the note's body is not valid UTF-8 text"},
		{name: "note/junk on standard input", args: []string{"note", "-"}, stdin: string(fx.junk), code: ExitError, want: "not valid UTF-8 text"},
		{name: "note/junk title", args: []string{"note", "--title", junk, "words"}, code: ExitError, want: "the note's title is not valid UTF-8 text"},
		{name: "claim/junk statement", args: []string{"claim", junk}, code: ExitError, want: "the claim's statement is not valid UTF-8 text"},
		{name: "claim/junk note", args: []string{"claim", "--note", junk, "a statement"}, code: ExitError, want: "the claim's note is not valid UTF-8 text"},
		{name: "annotate/junk quote", args: []string{"annotate", "--piece", fx.piece, "--quote", junk}, code: ExitError, want: "the quote does not occur in the piece"},
		{name: "annotate/junk note", args: []string{"annotate", "--piece", fx.piece, "--quote", "Wakhan", "--note", junk}, code: ExitError, want: "the annotation's note is not valid UTF-8 text"},
		{name: "annotate/junk colour", args: []string{"annotate", "--piece", fx.piece, "--quote", "Wakhan", "--color", junk}, code: ExitError, want: "unknown colour"},
		{name: "link/junk note", args: []string{"link", "--rel", "supports", "--note", junk, fx.ann, fx.claim}, code: ExitError, want: "the link's note is not valid UTF-8 text"},
		{name: "link/junk relation", args: []string{"link", "--rel", junk, fx.ann, fx.claim}, code: ExitUsage, want: "unknown relation"},
		{name: "relation/junk name", args: []string{"relation", junk}, code: ExitError, want: "a relation's name is one or more words"},
		{name: "relation/junk label", args: []string{"relation", "undermines", "--label", string(fx.junk[:30])}, code: ExitError, want: "not valid UTF-8 text"},
		{name: "search/junk query", args: []string{"search", junk}, code: ExitOK},
		{name: "junk command", args: []string{junk}, code: ExitUsage, want: "unknown command"},
		{name: "show/junk flag", args: []string{"show", "--" + junk, fx.piece}, code: ExitUsage, want: "flag provided but not defined"},
		{name: "annotate/junk --nth", args: []string{"annotate", "--piece", fx.piece, "--quote", "Wakhan", "--nth", junk}, code: ExitUsage, want: "for flag -nth"},
		{name: "show/junk id", args: []string{"show", junk}, code: ExitUsage, want: "is not an id"},
		{name: "export/junk date", args: []string{"export", "--from", junk, "--out", outZip}, code: ExitError, want: "is not a date"},
		{name: "export/junk tag", args: []string{"export", "--tag", junk, "--out", outZip}, code: ExitError, want: "nothing in the notebook matches"},

		// Huge inputs: files past each limit, texts past what a line may hold.
		{name: "import/130 MB file", args: []string{"import", fx.big130}, code: ExitError, want: "big130.txt: the file is too large to import (130.0 MiB; the limit is 128.0 MiB)", huge: true},
		{name: "import/70 MB text", args: []string{"import", fx.big70}, code: ExitError, want: "big70.txt: the text is 70.0 MB; a piece's text may be at most 64 MB", huge: true},
		{name: "import --dry-run/70 MB text", args: []string{"import", "--dry-run", fx.big70}, code: ExitError, want: "a piece's text may be at most 64 MB", huge: true},
		{name: "edit-text/130 MB file", args: []string{"edit-text", "--piece", fx.piece, "--file", fx.big130}, code: ExitError, want: "the file is too large", huge: true},
		{name: "edit-text/129 MB on standard input", args: []string{"edit-text", "--piece", fx.piece, "--file", "-"}, stdin: fx.words129, code: ExitError, want: "larger than the limit of 128 MB", huge: true},
		{name: "note/130 MB file", args: []string{"note", "--file", fx.big130}, code: ExitError, want: "the note is larger than 128 MB", huge: true},
		{name: "note/30 MB file", args: []string{"note", "--file", fx.big30}, code: ExitError, want: "this item is too large to store (30.1 MB; at most 24 MB)", huge: true},
		{name: "annotate/100 KB quote", args: []string{"annotate", "--piece", fx.piece, "--quote", repeatTo("Wakhan ", 100<<10)}, code: ExitError, want: "the quote does not occur"},
		{name: "relation/10,000 character name", args: []string{"relation", strings.Repeat("x", 10_000)}, code: ExitError, want: "at most 40 characters"},
		{name: "link/10,000 character relation", args: []string{"link", "--rel", strings.Repeat("x", 10_000), fx.ann, fx.claim}, code: ExitUsage, want: "unknown relation"},

		// Encryption, backups and restores.
		{name: "init/a notebook already", args: []string{"init"}, code: ExitError, want: "there is a notebook in this folder already: " + fx.nb},
		{name: "encrypt/no passphrase", args: []string{"encrypt"}, code: ExitError, want: "no new passphrase given"},
		{name: "encrypt/short passphrase", args: []string{"encrypt", "--passphrase-stdin"}, stdin: "short\n", code: ExitError, want: "at least 8 characters"},
		{name: "encrypt/empty passphrase", args: []string{"encrypt", "--passphrase-stdin"}, stdin: "\n", code: ExitError, want: "at least 8 characters"},
		{name: "passphrase/a plain notebook", args: []string{"passphrase"}, code: ExitError, want: "this notebook is not encrypted"},
		{name: "export --encrypt/no passphrase", args: []string{"export", "--encrypt", "--out", outZip + ".age"}, code: ExitError, want: "no new passphrase given"},
		{name: "export --encrypt/short passphrase", args: []string{"export", "--encrypt", "--passphrase-stdin", "--out", outZip + ".age"}, stdin: "short\n", code: ExitError, want: "at least 8 characters"},
		{name: "backup/no destination", args: []string{"backup"}, code: ExitUsage, want: "give --out FILE or --to FOLDER"},
		{name: "backup/both destinations", args: []string{"backup", "--out", filepath.Join(fx.out, "b"), "--to", fx.out}, code: ExitUsage, want: "one of them"},
		{name: "backup/keep none", args: []string{"backup", "--to", fx.missingDir, "--keep", "0"}, code: ExitUsage, want: "--keep must be at least 1"},
		{name: "backup/into a missing folder", args: []string{"backup", "--out", filepath.Join(fx.missingDir, "b.cpbackup")}, code: ExitError, want: "cannot write the backup to " + filepath.Join(fx.missingDir, "b.cpbackup") + ": the folder " + filepath.Dir(fx.missingDir) + " does not exist"},
		{name: "backup/over a file", args: []string{"backup", "--out", fx.good}, code: ExitError, want: "exists already; choose a new name"},
		{name: "backup/--to a file", args: []string{"backup", "--to", fx.good}, code: ExitError, want: "is a file, not a folder"},
		{name: "restore/no --from", args: []string{"restore"}, code: ExitUsage, want: "give --from FILE"},
		{name: "restore/missing file", args: []string{"restore", "--from", fx.missing}, on: fx.noNotebook, code: ExitError, want: "cannot restore: " + fx.missing + " does not exist"},
		{name: "restore/junk", args: []string{"restore", "--from", fx.junkFiles["junk.bin"]}, on: fx.noNotebook, code: ExitError, want: "this file is not a Commonplace backup, or it is damaged"},
		{name: "restore/a text file", args: []string{"restore", "--from", fx.good}, on: fx.noNotebook, code: ExitError, want: "not a Commonplace backup"},
		{name: "restore/over a notebook", args: []string{"restore", "--from", fx.backup}, code: ExitError, want: "there is a notebook in this folder already: restore into a new or empty folder, not " + fx.nb},
		{name: "restore/into someone else's folder", args: []string{"restore", "--from", fx.backup}, on: fx.otherFiles, code: ExitError, want: "not a Commonplace notebook"},
		{name: "encrypt/no notebook", args: []string{"encrypt"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "backup/no notebook", args: []string{"backup", "--out", filepath.Join(fx.out, "b")}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},

		// No notebook, or someone else's folder: nothing is created.
		{name: "pieces/no notebook", args: []string{"pieces"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook in this folder"},
		{name: "show/no notebook", args: []string{"show", fx.missingID}, on: fx.noNotebook, code: ExitError, want: "there is no notebook in this folder"},
		{name: "links/no notebook", args: []string{"links", fx.missingID}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "search/no notebook", args: []string{"search", "wakhan"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "suggest/no notebook", args: []string{"suggest", fx.missingID}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "map/no notebook", args: []string{"map", "--out", filepath.Join(fx.out, "m.svg")}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "claims/no notebook", args: []string{"claims"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "relations/no notebook", args: []string{"relations"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "check/no notebook", args: []string{"check"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "export/no notebook", args: []string{"export", "--out", outZip}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "annotate/no notebook", args: []string{"annotate", "--piece", fx.missingID, "--quote", "x"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "edit-text/no notebook", args: []string{"edit-text", "--piece", fx.missingID, "--file", fx.good}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "link/no notebook", args: []string{"link", "--rel", "supports", fx.missingID, fx.ann}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "relation/no notebook", args: []string{"relation", "undermines"}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "delete/no notebook", args: []string{"delete", fx.missingID}, on: fx.noNotebook, code: ExitError, want: "there is no notebook"},
		{name: "import/junk into no notebook", args: []string{"import", fx.junkFiles["junk.txt"]}, on: fx.noNotebook, code: ExitError, want: "does not look like a text document"},
		{name: "note/refused, into no notebook", args: []string{"note", "--attach", fx.missingID, "words"}, on: fx.noNotebook, code: ExitError, want: "cannot attach the note"},
		{name: "note/junk, into no notebook", args: []string{"note", junk}, on: fx.noNotebook, code: ExitError, want: "not valid UTF-8 text"},
		{name: "claim/refused, into no notebook", args: []string{"claim", "--evidence", fx.missingID, "a statement"}, on: fx.noNotebook, code: ExitError, want: "is not an annotation"},
		{name: "note/into someone else's folder", args: []string{"note", "words"}, on: fx.otherFiles, code: ExitError, want: "not a Commonplace notebook"},
		{name: "demo/into someone else's folder", args: []string{"demo"}, on: fx.otherFiles, code: ExitError, want: "not a Commonplace notebook"},
		{name: "import/into someone else's folder", args: []string{"import", fx.good}, on: fx.otherFiles, code: ExitError, want: "not a Commonplace notebook"},
	}
}

// TestBadInput runs every row on its notebook and holds the result to the
// rules of a refusal: the exit code, one line on standard error saying
// what is wrong in words, nothing printed as if done, the notebook (every
// item, text and sync base) and the folders around it as they were — a
// notebook that was not there is still not there — and `check` content.
func TestBadInput(t *testing.T) {
	fx := newBadInputFixture(t)
	outBefore := contents(t, fx.out)
	dumps := map[string]string{} // by folder: each row leaves it as it found it
	for _, row := range badInputs(fx) {
		t.Run(row.name, func(t *testing.T) {
			if row.huge && testing.Short() {
				t.Skip("reads tens of megabytes")
			}
			dir := row.on
			if dir == "" {
				dir = fx.nb
			}
			_, statErr := os.Stat(dir)
			otherBefore := storagetest.FolderState(t, fx.otherFiles)
			before, ok := dumps[dir]
			if !ok {
				before = notebookDump(t, dir)
			}
			var out, errOut bytes.Buffer
			env := Env{Stdin: strings.NewReader(row.stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
			code := Run(row.args, dir, env)
			if code != row.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, row.code, errOut.String())
			}
			if row.code != ExitOK {
				checkRefusal(t, code, errOut.String())
				if !strings.Contains(errOut.String(), row.want) {
					t.Fatalf("stderr %q does not say %q", errOut.String(), row.want)
				}
				if out.Len() > 0 {
					t.Fatalf("a refused command printed %q", out.String())
				}
			}
			after := notebookDump(t, dir)
			dumps[dir] = after
			if after != before {
				t.Fatalf("the notebook changed:\nbefore %.500s\nafter  %.500s", before, after)
			}
			if after := contents(t, fx.out); after != outBefore {
				t.Fatalf("the output folder changed:\nbefore\n%s\nafter\n%s", outBefore, after)
			}
			if after := storagetest.FolderState(t, fx.otherFiles); after != otherBefore {
				t.Fatalf("someone else's folder changed:\nbefore\n%s\nafter\n%s", otherBefore, after)
			}
			switch {
			case storage.Exists(dir):
				checkPasses(t, dir)
			case os.IsNotExist(statErr):
				mustNotExist(t, dir)
			}
		})
	}
}

// TestHugeNoteIsStoredWhole writes a 20 MB note from a file: within what
// one item may hold, so it is stored, whole, and the notebook stays sound.
func TestHugeNoteIsStoredWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20 MB")
	}
	dir := filepath.Join(t.TempDir(), "nb")
	body := repeatTo("Notes from the bridge at Termez, where the trucks wait. ", 20<<20)
	id := strings.TrimSpace(mustRun(t, dir, "note", "--file", writeFile(t, "big20.txt", body)))
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Note(id)
	s.Close()
	if err != nil || n.Body != strings.TrimSpace(body) {
		t.Fatalf("the note holds %d bytes of %d (%v)", len(n.Body), len(body), err)
	}
	checkPasses(t, dir)
}
