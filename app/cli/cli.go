// Package cli is Commonplace's command line: headless subcommands that
// import, list, show, annotate, link and check a notebook. It imports no
// Fyne, so it builds and tests without cgo or a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"commonplace/storage"
	"commonplace/storage/importer"
)

// Env is what a command may touch of the outside world, so tests can give
// their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// ReadPassword prompts for a passphrase without echo; ok is false
	// when there is no terminal to ask on. Nil never asks.
	ReadPassword func(prompt string) (p []byte, ok bool, err error)
}

// OSEnv is the real process environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, ReadPassword: terminalPassword}
}

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the command failed: bad input, missing item, locked notebook
	ExitUsage = 2 // the command line itself was wrong
)

// command is one subcommand.
type command struct {
	name    string
	args    string // argument synopsis for help
	summary string
	run     func(c *context, args []string) error
}

// commands is the command table, in the order help lists them.
var commands []command

func init() {
	commands = []command{
		{"import", "[--dry-run] [--json] [--tag T]... FILE|FOLDER|URL... | [--dry-run] [--json] BUNDLE.zip|FOLDER|LIBRARY.bib|.ris|.json|ANNOTATIONS.jsonld [TEXT]...", "import .txt, .md, .html or .pdf files (or web pages by their address) as pieces (prints their ids; an encrypted PDF's password is asked, or $" + envPDFPassword + ", or the next line of --passphrase-stdin), folders of them (prints how many), a bundle, a Markdown folder, or W3C annotations with their texts (prints added/updated/conflicts/skipped), or a reference library from Zotero (BibTeX, RIS, CSL-JSON: matched by DOI, URL or title, else bibliographic pieces; prints each entry's fate); all or nothing, and --dry-run changes nothing", runImport},
		{"export", "[--tag T]... [--piece ID]... [--claim ID]... [--from D] [--to D] --out FILE.zip | --markdown DIR", "export the notebook, or part of it, as a bundle or a Markdown folder", runExport},
		{"pieces", "[--json]", "list the pieces with their metadata and annotation counts", runPieces},
		{"show", "[--json] ID", "show an item; for a piece its metadata, text and annotations", runShow},
		{"annotate", "--piece ID --quote TEXT [--nth N] [--note TEXT] [--tag T]... [--color C]", "mark the Nth occurrence of TEXT; prints the annotation id", runAnnotate},
		{"edit-text", "[--json] --piece ID --file F", "replace a piece's text (F may be -), keeping the old as a revision; prints how annotations re-attached", runEditText},
		{"split", "[--json] --piece ID --at N[,N]... | --articles [--dry-run]", "split a piece holding several articles at character offsets, or before each headline with a byline under it (--dry-run lists them); passages go with their words, the whole text is kept as the first piece's revision; prints each piece's id and title", runSplit},
		{"note", "[--title T] [--tag T]... [--place P] [--attach ID] TEXT | --file F", "write a fieldwork note (TEXT, or F, - being standard input); prints its id", runNote},
		{"claim", "[--tag T]... [--evidence ANNOTATION_ID]... [--note TEXT] STATEMENT", "state a claim backed by passages; prints its id", runClaim},
		{"link", "--rel REL [--strength S] [--note TEXT] FROM_ID TO_ID", "relate two items (" + strings.Join(storage.RelationNames(), ", ") + ", or your own); prints the link id", runLink},
		{"links", "[--json] ID", "an item's outgoing links and backlinks", runLinks},
		{"search", "[--json] [--limit N] QUERY", "find pieces, passages, claims and notes by half-remembered words; QUERY may use kind: tag: piece: author: outlet: rel: before: after: \"phrase\" -word", runSearch},
		{"suggest", "[--json] [--limit N] ID", "passages in other pieces that say nearly the same as a passage or claim", runSuggest},
		{"map", "--out FILE.svg|FILE.png [--focus ID --depth N] [--tag T]... [--dark]", "draw the argument map: claims and passages, links coloured by relation", runMap},
		{"claims", "[--json]", "list the claims with their evidence and how many items support or contradict them", runClaims},
		{"relations", "[--json]", "list the link relations, built in and your own", runRelations},
		{"relation", "NAME [--label L] [--inverse I]", "define a relation of your own (e.g. undermines); --delete NAME removes an unused one", runRelation},
		{"delete", "ID", "delete an item and the links to and from it", runDelete},
		{"demo", "", "add the demo pieces, passages, claims, links and notes", runDemo},
		{"backup", "--out FILE | --to FOLDER [--keep N]", "back up the whole notebook to FILE, or as a new backup in FOLDER keeping the newest N (default 10); an encrypted notebook's backup stays encrypted", runBackup},
		{"restore", "--from FILE", "make a new notebook (--notebook, a new or empty folder) from a backup; an encrypted one asks for its passphrase", runRestore},
		{"init", "[--encrypt]", "create a new, empty notebook; --encrypt protects it with a passphrase (asked twice, or $" + envPassphrase + ", or --passphrase-stdin)", runInit},
		{"encrypt", "", "encrypt the notebook with a new passphrase; its data is rewritten encrypted", runEncrypt},
		{"passphrase", "", "change an encrypted notebook's passphrase (the current one, then the new one: asked, or $" + envPassphrase + " and $" + envNewPassphrase + ", or two lines with --passphrase-stdin)", runPassphrase},
		{"check", "[--json]", "check the notebook's integrity and anchor health; exit 1 if broken", runCheck},
		{"help", "", "this help", runHelp},
	}
}

// IsCommand reports whether name is a subcommand (or asks for help), so
// that anything else on the command line can be a file to open.
func IsCommand(name string) bool {
	return strings.HasPrefix(name, "-") || slices.ContainsFunc(commands, func(cmd command) bool { return cmd.name == name })
}

// Run runs one subcommand. args starts with the subcommand name; notebook is
// the folder given by --notebook before it ("" for the default).
func Run(args []string, notebook string, env Env) int {
	c := &context{env: env, notebook: notebook}
	defer c.close()
	defer importer.ClosePDF() // the PDF reader, if an import started it
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		runHelp(c, nil)
		return ExitOK
	}
	i := slices.IndexFunc(commands, func(cmd command) bool { return cmd.name == args[0] })
	if i < 0 {
		c.errorf("unknown command %s%s; run \"commonplace help\" for the list", storage.Quote(args[0]), didYouMean(args[0], commandNames()))
		return ExitUsage
	}
	c.cmd = commands[i]
	err := c.cmd.run(c, args[1:])
	if err != nil && c.store != nil {
		// A refused command changes nothing, not even by leaving behind
		// the empty notebook it created to write into.
		c.store.Discard()
		c.store = nil
	}
	var u usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &u):
		c.errorf("%s\nusage: commonplace %s %s", u.msg, c.cmd.name, c.cmd.args)
		return ExitUsage
	case errors.Is(err, errBroken):
		return ExitError
	default:
		c.errorf("%s", message(err))
		return ExitError
	}
}

// message turns an error into the one line a user sees. A file the
// system refused is put in words wherever the error came from: Go's own
// text names the system call ("open /x: no such file or directory").
func message(err error) string {
	s := err.Error()
	if errors.Is(err, storage.ErrNotFound) {
		s = strings.TrimPrefix(s, storage.ErrNotFound.Error()+": ")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		s = strings.Replace(s, pe.Error(), pe.Path+": "+storage.FileProblem(pe), 1)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		s = strings.Replace(s, le.Error(), "cannot move "+le.Old+" to "+le.New+": "+storage.FileProblem(le), 1)
	}
	return s
}

func runHelp(c *context, _ []string) error {
	w := c.env.Stdout
	fmt.Fprintln(w, "Commonplace — a research notebook. With no command, opens the window.")
	fmt.Fprintln(w, "\nusage: commonplace [--notebook DIR] [COMMAND [ARGS]]")
	fmt.Fprintln(w, "\ncommands:")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
		if cmd.args != "" {
			fmt.Fprintf(w, "  %-10s   commonplace %s %s\n", "", cmd.name, cmd.args)
		}
	}
	fmt.Fprintln(w, "\nEvery command takes --notebook DIR (default: $COMMONPLACE_NOTEBOOK, else "+DefaultNotebook()+").")
	fmt.Fprintln(w, "An encrypted notebook's passphrase is asked on the terminal without echo, or taken from $"+envPassphrase+
		", or from the first line of standard input with --passphrase-stdin; never from an argument.")
	return nil
}
