package webanno

import (
	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// The plan goes into the notebook through the merge, as a bundle does:
// dry runs, previews, merging by id, kept conflicts and the report then
// behave exactly as for a colleague's bundle.

// run merges the plan into s and adds to the report the annotations left
// out and, in Reattached, how the passages added were found in their
// texts.
func (pl *importPlan) run(s *storage.Store, opt merge.Options) (merge.Report, error) {
	rep := merge.Report{Reattached: map[anchor.Status]int{}}
	countsOnly := opt.CountsOnly
	if len(pl.pieces) > 0 {
		var err error
		opt.CountsOnly = false // the passages added are counted from the details
		if rep, err = merge.Run(s, pl, opt); err != nil {
			return merge.Report{}, merge.RefusedAs(err, ErrBadAnnotations)
		}
		for _, d := range rep.Details {
			if d.Kind == string(storage.KindAnnotation) && d.Action == "add" {
				rep.Reattached[pl.status[d.ID]]++
			}
		}
	}
	rep.Details = append(rep.Details, pl.skips...)
	if countsOnly {
		rep.Details = nil
	}
	rep.Skipped += len(pl.skips)
	return rep, nil
}

// A plan is a merge source (merge.Source) held in memory: its pieces
// come with the texts their passages were found in.

// Noun names the file in the merge's refusals.
func (pl *importPlan) Noun() string { return "the annotation file" }

func (pl *importPlan) Items() int                    { return len(pl.pieces) + len(pl.anns) + len(pl.links) }
func (pl *importPlan) Relations() []storage.Relation { return pl.rels }

func (pl *importPlan) EachPiece(fn func(p merge.Piece) error) error { return merge.Each(pl.pieces, fn) }

func (pl *importPlan) PieceText(id string) (string, error)          { return pl.texts[id], nil }
func (pl *importPlan) Revisions(string) ([]storage.Revision, error) { return nil, nil }
func (pl *importPlan) EachAnnotation(fn func(storage.Annotation) error) error {
	return merge.Each(pl.anns, fn)
}
func (pl *importPlan) EachClaim(func(storage.Claim) error) error  { return nil }
func (pl *importPlan) EachNote(func(storage.Note) error) error    { return nil }
func (pl *importPlan) EachLink(fn func(storage.Link) error) error { return merge.Each(pl.links, fn) }
func (pl *importPlan) Kind(id string) storage.Kind                { return pl.kinds[id] }

// Outside is empty: a plan links only passages of its own file.
func (pl *importPlan) Outside() []scope.OutsideRef { return nil }

// LeftOut refuses every reference to something missing: the plan made
// every item it refers to.
func (pl *importPlan) LeftOut(string) (scope.OutsideRef, bool) { return scope.OutsideRef{}, false }
