package bundle

import (
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// A Markdown folder is a notebook, or part of it, as plain Markdown files
// that read naturally in Obsidian or any editor and import back losslessly:
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

// Names in a Markdown folder.
const (
	MarkdownFormat   = "commonplace-markdown"
	MarkdownVersion  = 1
	mdHiddenDir      = ".commonplace"
	mdManifestFile   = ".commonplace/folder.yaml"
	mdRevisionsDir   = ".commonplace/revisions"
	mdClaimsDir      = "Claims"
	mdNotesDir       = "Notes"
	mdKindPiece      = "piece"
	mdKindClaim      = "claim"
	mdKindNote       = "note"
	mdTextStart      = "%% cp:text — the piece’s text; edit it freely, passages are found again on import %%"
	mdTextStartMark  = "%% cp:text"
	mdBodyStart      = "%% cp:body — the note; edit it freely %%"
	mdBodyStartMark  = "%% cp:body"
	mdEnd            = "%% cp:end %%"
	mdMaxTitleRunes  = 80
	mdShortID        = 8
	mdBlockPrefix    = "a-"
	mdNotInFolder    = "(not in this folder)"
	mdFrontMatterSep = "---"
)

// mdManifest is .commonplace/folder.yaml.
type mdManifest struct {
	Format    string             `yaml:"format"`
	Version   int                `yaml:"version"`
	App       string             `yaml:"app,omitempty"`
	Created   time.Time          `yaml:"created"`
	Scope     string             `yaml:"scope"`
	Counts    scope.Counts       `yaml:"counts"`
	Relations []storage.Relation `yaml:"relations,omitempty"` // the notebook's own relations the links use
	Outside   []scope.OutsideRef `yaml:"outside,omitempty"`
}

// mdPieceFront is the front matter of a piece file. The human fields come
// first, so Obsidian's properties panel shows them at the top.
type mdPieceFront struct {
	Title       string         `yaml:"title"`
	Authors     []string       `yaml:"authors,omitempty"`
	Outlet      string         `yaml:"outlet,omitempty"`
	Published   string         `yaml:"published,omitempty"`
	URL         string         `yaml:"url,omitempty"`
	Tags        []string       `yaml:"tags,omitempty"`
	Kind        string         `yaml:"commonplace"` // mdKindPiece
	ID          string         `yaml:"id"`
	Format      string         `yaml:"format,omitempty"`
	Revision    int            `yaml:"revision"`
	Hash        string         `yaml:"hash"` // SHA-256 of the text as exported
	Created     time.Time      `yaml:"created"`
	Updated     time.Time      `yaml:"updated"`
	Annotations []mdAnnotation `yaml:"annotations,omitempty"`
	Links       []mdLink       `yaml:"links,omitempty"` // from the piece or its passages
}

// mdAnnotation is a passage in its piece's front matter.
type mdAnnotation struct {
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

// mdLink is a link in the front matter of the file of its source.
type mdLink struct {
	ID       string    `yaml:"id"`
	From     string    `yaml:"from"`
	To       string    `yaml:"to"`
	Rel      string    `yaml:"rel"`
	Strength int       `yaml:"strength,omitempty"`
	Note     string    `yaml:"note,omitempty"`
	Created  time.Time `yaml:"created"`
	Updated  time.Time `yaml:"updated"`
}

type mdClaimFront struct {
	Statement string    `yaml:"statement"`
	Tags      []string  `yaml:"tags,omitempty"`
	Kind      string    `yaml:"commonplace"` // mdKindClaim
	ID        string    `yaml:"id"`
	Note      string    `yaml:"note,omitempty"`
	Evidence  []string  `yaml:"evidence,omitempty"`
	Created   time.Time `yaml:"created"`
	Updated   time.Time `yaml:"updated"`
	Links     []mdLink  `yaml:"links,omitempty"`
}

// mdNoteFront is the front matter of a note file; the note's body is the
// text between the file's %% cp:body %% and %% cp:end %% lines.
type mdNoteFront struct {
	Title    string    `yaml:"title,omitempty"`
	Place    string    `yaml:"place,omitempty"`
	Tags     []string  `yaml:"tags,omitempty"`
	Kind     string    `yaml:"commonplace"` // mdKindNote
	ID       string    `yaml:"id"`
	Attached string    `yaml:"attached,omitempty"`
	Created  time.Time `yaml:"created"`
	Updated  time.Time `yaml:"updated"`
	Links    []mdLink  `yaml:"links,omitempty"`
}

func toMDAnnotation(a storage.Annotation) mdAnnotation {
	return mdAnnotation{ID: a.ID, Exact: a.Selector.Exact, Prefix: a.Selector.Prefix, Suffix: a.Selector.Suffix,
		Start: a.Selector.Start, End: a.Selector.End, Rev: a.Rev, Status: a.Status, Guess: a.Guess,
		Color: a.Color, Note: a.Note, Tags: a.Tags, Created: a.Created.UTC(), Updated: a.Updated.UTC()}
}

func (m mdAnnotation) annotation(pieceID string) storage.Annotation {
	return storage.Annotation{ID: m.ID, PieceID: pieceID,
		Selector: anchor.Selector{Exact: m.Exact, Prefix: m.Prefix, Suffix: m.Suffix, Start: m.Start, End: m.End},
		Rev:      m.Rev, Status: m.Status, Guess: m.Guess, Note: m.Note, Tags: m.Tags, Color: m.Color,
		Created: m.Created.UTC(), Updated: m.Updated.UTC()}
}

func toMDLink(l storage.Link) mdLink {
	return mdLink{ID: l.ID, From: l.From, To: l.To, Rel: l.Rel, Strength: l.Strength, Note: l.Note,
		Created: l.Created.UTC(), Updated: l.Updated.UTC()}
}

func (m mdLink) link() storage.Link {
	return storage.Link{ID: m.ID, From: m.From, To: m.To, Rel: m.Rel, Strength: m.Strength, Note: m.Note,
		Created: m.Created.UTC(), Updated: m.Updated.UTC()}
}
