// Package markdown writes and reads a Markdown folder: a notebook, or
// part of it, as plain Markdown files that read naturally in Obsidian or
// any editor and import back losslessly (Export, Import):
//
//	<Title> (<short id>).md            a piece: metadata, text, passages
//	Claims/<Statement> (<short id>).md a claim with its evidence
//	Notes/<Title> (<short id>).md      a note
//	.commonplace/folder.yaml           what the folder is (hidden in Obsidian)
//	.commonplace/revisions/<piece id>/<number>.md   earlier texts
//
// What the reader sees is Markdown: each passage a block quote with an
// Obsidian block id (^a-<short id>) followed by the researcher's note,
// #tags and links as wikilinks with the relation written out. What import
// needs is in the YAML front matter, which is authoritative: the piece's
// metadata and every passage's selector, note and tags, every link leaving
// the file's items. The text of a piece and the body of a note sit between
// %% cp: %% comment lines (hidden in Obsidian's reading view); editing that
// text is allowed, and import re-finds every passage in the edited text.
//
// Import hands the folder to the one merge (package merge) as a source; its
// files are bounded as a bundle's are, and its earlier texts are a bundle's
// revision files.
package markdown

import (
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// Names in a Markdown folder.
const (
	FormatName     = "commonplace-markdown"
	FormatVersion  = 2 // 2: bodies escape HTML (html.go)
	hiddenDir      = ".commonplace"
	manifestFile   = ".commonplace/folder.yaml"
	revisionsDir   = ".commonplace/revisions"
	claimsDir      = "Claims"
	notesDir       = "Notes"
	kindPiece      = "piece"
	kindClaim      = "claim"
	kindNote       = "note"
	textStart      = "%% cp:text — the piece’s text; edit it freely, passages are found again on import %%"
	textStartMark  = "%% cp:text"
	bodyStart      = "%% cp:body — the note; edit it freely %%"
	bodyStartMark  = "%% cp:body"
	endMark        = "%% cp:end %%"
	maxTitleRunes  = 80
	shortIDLen     = 8
	blockPrefix    = "a-"
	notInFolder    = "(not in this folder)"
	frontMatterSep = "---"
)

// manifest is .commonplace/folder.yaml.
type manifest struct {
	Format    string             `yaml:"format"`
	Version   int                `yaml:"version"`
	App       string             `yaml:"app,omitempty"`
	Created   time.Time          `yaml:"created"`
	Scope     string             `yaml:"scope"`
	Counts    scope.Counts       `yaml:"counts"`
	Relations []storage.Relation `yaml:"relations,omitempty"` // the notebook's own relations the links use
	Outside   []scope.OutsideRef `yaml:"outside,omitempty"`
}

// pieceFront is the front matter of a piece file. The human fields come
// first, so Obsidian's properties panel shows them at the top.
type pieceFront struct {
	Title       string         `yaml:"title"`
	Authors     []string       `yaml:"authors,omitempty"`
	Outlet      string         `yaml:"outlet,omitempty"`
	Published   string         `yaml:"published,omitempty"`
	URL         string         `yaml:"url,omitempty"`
	Tags        []string       `yaml:"tags,omitempty"`
	Kind        string         `yaml:"commonplace"` // kindPiece
	ID          string         `yaml:"id"`
	Format      string         `yaml:"format,omitempty"`
	Revision    int            `yaml:"revision"`
	Hash        string         `yaml:"hash"` // SHA-256 of the text as exported
	Created     time.Time      `yaml:"created"`
	Updated     time.Time      `yaml:"updated"`
	Annotations []passageFront `yaml:"annotations,omitempty"`
	Links       []linkFront    `yaml:"links,omitempty"` // from the piece or its passages
}

// passageFront is a passage in its piece's front matter.
type passageFront struct {
	ID      string        `yaml:"id"`
	Exact   string        `yaml:"exact"`
	Prefix  string        `yaml:"prefix,omitempty"`
	Suffix  string        `yaml:"suffix,omitempty"`
	Start   int           `yaml:"start"`
	End     int           `yaml:"end"`
	Rev     int           `yaml:"rev"`
	Status  anchor.Status `yaml:"status"`
	Guess   *storage.Span `yaml:"guess,omitempty"`
	Color   string        `yaml:"color"`
	Note    string        `yaml:"note,omitempty"`
	Tags    []string      `yaml:"tags,omitempty"`
	Created time.Time     `yaml:"created"`
	Updated time.Time     `yaml:"updated"`
}

// linkFront is a link in the front matter of the file of its source.
type linkFront struct {
	ID       string    `yaml:"id"`
	From     string    `yaml:"from"`
	To       string    `yaml:"to"`
	Rel      string    `yaml:"rel"`
	Strength int       `yaml:"strength,omitempty"`
	Note     string    `yaml:"note,omitempty"`
	Created  time.Time `yaml:"created"`
	Updated  time.Time `yaml:"updated"`
}

type claimFront struct {
	Statement string      `yaml:"statement"`
	Tags      []string    `yaml:"tags,omitempty"`
	Kind      string      `yaml:"commonplace"` // kindClaim
	ID        string      `yaml:"id"`
	Note      string      `yaml:"note,omitempty"`
	Evidence  []string    `yaml:"evidence,omitempty"`
	Created   time.Time   `yaml:"created"`
	Updated   time.Time   `yaml:"updated"`
	Links     []linkFront `yaml:"links,omitempty"`
}

// noteFront is the front matter of a note file; the note's body is the
// text between the file's %% cp:body %% and %% cp:end %% lines.
type noteFront struct {
	Title    string      `yaml:"title,omitempty"`
	Place    string      `yaml:"place,omitempty"`
	Tags     []string    `yaml:"tags,omitempty"`
	Kind     string      `yaml:"commonplace"` // kindNote
	ID       string      `yaml:"id"`
	Attached string      `yaml:"attached,omitempty"`
	Created  time.Time   `yaml:"created"`
	Updated  time.Time   `yaml:"updated"`
	Links    []linkFront `yaml:"links,omitempty"`
}

func toPassageFront(a storage.Annotation) passageFront {
	return passageFront{ID: a.ID, Exact: a.Selector.Exact, Prefix: a.Selector.Prefix, Suffix: a.Selector.Suffix,
		Start: a.Selector.Start, End: a.Selector.End, Rev: a.Rev, Status: a.Status, Guess: a.Guess,
		Color: a.Color, Note: a.Note, Tags: a.Tags, Created: a.Created.UTC(), Updated: a.Updated.UTC()}
}

func (m passageFront) annotation(pieceID string) storage.Annotation {
	return storage.Annotation{ID: m.ID, PieceID: pieceID,
		Selector: anchor.Selector{Exact: m.Exact, Prefix: m.Prefix, Suffix: m.Suffix, Start: m.Start, End: m.End},
		Rev:      m.Rev, Status: m.Status, Guess: m.Guess, Note: m.Note, Tags: m.Tags, Color: m.Color,
		Created: m.Created.UTC(), Updated: m.Updated.UTC()}
}

func toLinkFront(l storage.Link) linkFront {
	return linkFront{ID: l.ID, From: l.From, To: l.To, Rel: l.Rel, Strength: l.Strength, Note: l.Note,
		Created: l.Created.UTC(), Updated: l.Updated.UTC()}
}

func (m linkFront) link() storage.Link {
	return storage.Link{ID: m.ID, From: m.From, To: m.To, Rel: m.Rel, Strength: m.Strength, Note: m.Note,
		Created: m.Created.UTC(), Updated: m.Updated.UTC()}
}
