package merge

import (
	"strings"
	"time"
)

// Merging by id, item by item, with the sync base (the item's hash as it
// last left or entered this notebook through an import or export) telling
// which side changed what. The full table is in docs/BUNDLE.md; in short:
//
//	not here                       add
//	ours == theirs                 skip
//	ours == base                   take theirs (changed there only) —
//	                                 unless theirs is older than ours: conflict
//	theirs == base                 keep ours (changed here only)
//	no base, theirs newer          take theirs, keep ours as a conflict
//	no base, ours newer or same    keep ours, keep theirs as a conflict
//	otherwise (both changed)       keep ours, keep theirs as a conflict
//
// "Older" guards a per-item base that several colleagues share: a bundle
// from someone who never saw our latest version must not undo it. Theirs
// is the source's version, ours the notebook's.

type action uint8

const (
	actAdd          action = iota + 1
	actSame                // equal already
	actKeep                // changed here only: ours stays
	actTake                // changed there only: theirs replaces ours
	actConflict            // ours stays, theirs is kept beside it
	actConflictTake        // theirs replaces ours, ours is kept beside it
	actLeaveOut            // not imported: a link whose end neither side holds, or what a source cannot hold
)

func (a action) String() string {
	switch a {
	case actAdd:
		return "add"
	case actTake:
		return "update"
	case actConflict, actConflictTake:
		return "conflict"
	}
	return "skip"
}

// writesTheirs reports whether the source's version goes in place.
func (a action) writesTheirs() bool { return a == actAdd || a == actTake || a == actConflictTake }

// The reasons shown in the preview; %s is where the source is named
// ("the bundle", "the folder"), see reason.
const (
	whyNew          = "new"
	whySame         = "the same here already"
	whyOurs         = "changed here since the last exchange; this notebook's kept"
	whyTheirs       = "changed in %s since the last exchange"
	whyBoth         = "changed on both sides; this notebook's kept, %s's kept beside it"
	whyOlder        = "%s's is older than this notebook's; this notebook's kept, %s's kept beside it"
	whyNoBaseOurs   = "no common history; this notebook's is newer or as new and is kept, %s's kept beside it"
	whyNoBaseTheirs = "no common history; %s's is newer and is taken, this notebook's kept beside it"
	whyLeftOut      = "one of its ends is neither in %s nor in this notebook"
)

// reason names the source in a reason.
func reason(why, noun string) string { return strings.ReplaceAll(why, "%s", noun) }

// decide is the merge table for one item.
func decide(ours, theirs, base string, ourTime, theirTime time.Time) (action, string) {
	switch {
	case ours == theirs:
		return actSame, whySame
	case base == "":
		if theirTime.After(ourTime) {
			return actConflictTake, whyNoBaseTheirs
		}
		return actConflict, whyNoBaseOurs
	case base == ours:
		if theirTime.Before(ourTime) {
			return actConflict, whyOlder
		}
		return actTake, whyTheirs
	case base == theirs:
		return actKeep, whyOurs
	}
	return actConflict, whyBoth
}

// decision is the plan for one item.
type decision struct {
	act  action
	hash string // the source's version's hash: the sync base to record
	base string // the sync base the notebook had
}
