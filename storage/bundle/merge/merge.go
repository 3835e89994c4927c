// Package merge is the one engine behind every import: it brings the
// items of a Source — a bundle, a Markdown folder, a W3C Web Annotation
// file, a folder of articles — into a notebook, merging by id. It decides
// each item by the merge table (see decide), keeps the other side of a
// conflict beside ours (under k/), lands passages on the text their piece
// has once merged (found again when that is not the text they were placed
// on), leaves out references to what neither side holds when the source
// says it left them out, and writes all of it or nothing: every item is
// planned read-only first (Store.Peek; a dry run stops there), then the
// plan is applied in one batch, or staged (copy and swap) when it is large.
//
// The content hashes that tell who changed what (hash.go) are here too:
// exports record them as sync bases, and the merge compares against them.
package merge

import (
	"errors"
	"fmt"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/longrun"
	"commonplace/storage/bundle/scope"
)

// A Source is what an import brings in, as the merge reads it. The merge
// may read it more than once: a plan made again inside the writing batch
// reads it again, and applying reads what planning skipped (texts).
type Source interface {
	// Noun names the source in refusals: "the bundle", "the folder".
	Noun() string
	// Items is how many pieces, passages, claims, notes and links it
	// holds: the steps of one pass over it.
	Items() int
	// Relations are the relations of its own notebook that its links use.
	Relations() []storage.Relation
	// EachPiece calls fn with every piece.
	EachPiece(fn func(p Piece) error) error
	// PieceText reads a piece's current text.
	PieceText(id string) (string, error)
	// Revisions reads the earlier texts of a piece it holds, oldest first.
	Revisions(pieceID string) ([]storage.Revision, error)
	// EachAnnotation calls fn with every passage, grouped by piece;
	// EachClaim, EachNote and EachLink with every item of their kind.
	EachAnnotation(fn func(a storage.Annotation) error) error
	EachClaim(fn func(c storage.Claim) error) error
	EachNote(fn func(n storage.Note) error) error
	EachLink(fn func(l storage.Link) error) error
	// Kind tells what the source holds under id, or "" when nothing.
	Kind(id string) storage.Kind
	// Outside lists what the source says it refers to but left out.
	Outside() []scope.OutsideRef
	// LeftOut tells whether a reference to id, which neither the source
	// nor the notebook holds, is left out (named as the source names it)
	// rather than refused.
	LeftOut(id string) (scope.OutsideRef, bool)
}

// A Checker is a source that reads itself whole before anything is
// planned (a bundle verifies every file), calling step once per item:
// the merge counts that pass in its progress and stops it on a cancel.
type Checker interface {
	Check(step func() error) error
}

// Piece is a piece as a source brings it.
type Piece struct {
	storage.Piece // Hash is the SHA-256 of its text; Revision the source's number for it
	// PlacedOn is the SHA-256 of the text the source's passages on the
	// piece were placed on: Hash, unless the text was edited after they
	// were (a Markdown folder), or "" when their places cannot be trusted
	// on any text. Passages landing on another text are found again in it.
	PlacedOn string
	// Size is about how many bytes the piece is: it sizes the import.
	Size int64
}

// Options tunes an import.
type Options struct {
	Source   string                // what is imported, named beside the conflicts it leaves ("colleague.zip")
	DryRun   bool                  // work out the report without changing the notebook
	Progress func(done, total int) // called now and then; may be nil
	Cancel   <-chan struct{}       // closing it aborts with ErrCancelled, changing nothing
	// Passphrase opens a source that is encrypted (a sealed bundle);
	// the merge itself never reads it.
	Passphrase []byte
	// CountsOnly leaves Report.Details empty, for a caller that shows
	// only the counts (a real import, once its preview was seen): the
	// list names every item, 140 MB held through the writes at 550,000.
	CountsOnly bool
}

// Report says what an import did, or would do (DryRun).
type Report struct {
	Added, Updated, Skipped, Conflicts int // items
	// Reattached counts, by the status they ended with, the annotations
	// re-anchored because the text of their piece differed: ours when the
	// source's text replaced it, the source's when they landed on a text
	// other than the one they were placed on.
	Reattached map[anchor.Status]int
	// Outside lists the references not imported: those the source says
	// it left out, and any the merge left out.
	Outside []scope.OutsideRef
	Details []Item // one per item, in the order merged; none with Options.CountsOnly
}

// Item is what the import does with one item, for the preview.
type Item struct {
	ID, Kind, Title string
	Action          string // "add", "update", "skip" or "conflict"
	Why             string
}

// ErrCancelled is returned when the caller closed Cancel: nothing was
// written to the notebook (and an export left no file behind).
var ErrCancelled = errors.New("cancelled")

// Refusal is a source refused, in one sentence saying what is wrong: its
// reader refuses what it cannot take safely, the merge what it cannot
// merge. errors.Is matches it to its Kind (the reader's ErrBadBundle,
// ErrBadFolder, …, or ErrRefused).
type Refusal struct {
	Kind error
	Msg  string
}

func (r *Refusal) Error() string        { return r.Msg }
func (r *Refusal) Is(target error) bool { return target == r.Kind }

// Refuse makes a Refusal of kind.
func Refuse(kind error, format string, args ...any) error {
	return &Refusal{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// ErrRefused is the kind of the merge's own refusals: a reference to
// nothing, an id the notebook uses for another kind of item. An import
// gives them its source's kind (see RefusedAs).
var ErrRefused = errors.New("the import was refused")

func refuse(format string, args ...any) error { return Refuse(ErrRefused, format, args...) }

// RefusedAs gives the merge's own refusals in err the kind of the
// source's, so that an import's caller checks one kind.
func RefusedAs(err error, kind error) error {
	var r *Refusal
	if errors.As(err, &r) && r.Kind == ErrRefused {
		return &Refusal{Kind: kind, Msg: r.Msg}
	}
	return err
}

// stageAbove is the estimated size of the writes beyond which an import
// goes straight to a staged change: Badger's transactions here hold about
// 4 MB.
const stageAbove = 2 << 20

// Run merges src into s by id, all or nothing: it plans every item
// against the notebook first, then applies the plan in one batch, or
// staged (copy and swap) when the change is too large for one. A refusal
// or a cancel leaves the notebook untouched.
func Run(s *storage.Store, src Source, opt Options) (Report, error) {
	defer longrun.CollectSooner()()
	if opt.Source == "" {
		opt.Source = src.Noun()
	}
	checker, checks := src.(Checker)
	passes := 2 // plan, apply
	if opt.DryRun {
		passes = 1
	}
	if checks {
		passes++
	}
	prog := &progress{report: opt.Progress, cancel: opt.Cancel, total: max(1, src.Items()*passes)}
	if checks {
		if err := checker.Check(prog.step); err != nil {
			return Report{}, err
		}
	}
	m := &merger{s: s, src: src, opt: opt, prog: prog, dry: opt.DryRun, rels: map[string]bool{}}
	for _, r := range src.Relations() {
		m.rels[r.Name] = true
	}
	planned := s.Commits()
	if err := s.Peek(m.plan); err != nil {
		return Report{}, err
	}
	if opt.DryRun || m.writes == 0 {
		prog.finish()
		return m.report(), nil
	}
	m.dry = false
	run := s.BigBatch
	if m.weight > stageAbove {
		run = s.Staged // certain not to fit one transaction: skip the attempt
	}
	applyFrom := prog.done
	applied := false
	err := run(func(b *storage.Batch) error {
		prog.done = applyFrom
		// The plan stands if nothing was written since it was made (the
		// write lock is held now) and no earlier attempt applied it; else
		// plan again against the notebook as it is.
		if applied || s.Commits() != planned {
			prog.quiet = true
			err := m.plan(b)
			prog.quiet = false
			if err != nil {
				return err
			}
		}
		applied = true
		return m.apply(b)
	})
	if err != nil {
		return Report{}, err
	}
	prog.finish()
	return m.report(), nil
}

// merger plans a source's merge and applies it. plan runs read-only; it
// runs again inside the writing batch when the notebook changed since,
// so the plan applied is made against exactly the notebook it changes.
type merger struct {
	s    *storage.Store
	src  Source
	opt  Options
	prog *progress
	dry  bool            // plan also works out what applying would re-anchor
	rels map[string]bool // the relations the source brings

	rep     Report
	plans   map[string]decision
	land    map[string]*landing // by piece
	leftOut map[string]bool     // refs left out, by id+via
	reasons map[string]string   // why → the reason with the source named

	writes int   // writes applying would make
	weight int64 // about how many bytes they are
	cur    struct {
		piece string
		doc   *anchor.Text
	}
}

func (m *merger) reset() {
	m.rep = Report{Reattached: map[anchor.Status]int{}}
	m.plans = map[string]decision{}
	m.land = map[string]*landing{}
	m.leftOut = map[string]bool{}
	if m.reasons == nil {
		m.reasons = map[string]string{}
	}
	m.writes, m.weight = 0, 0
	m.cur.piece, m.cur.doc = "", nil
}

// report is the report of the last plan (and apply).
func (m *merger) report() Report {
	rep := m.rep
	rep.Outside = scope.SortedOutside(append(m.src.Outside(), rep.Outside...))
	return rep
}

// Each calls fn with every item of a list held in memory: the EachX of a
// source that holds its items.
func Each[T any](items []T, fn func(T) error) error {
	for _, it := range items {
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}
