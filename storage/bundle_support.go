package storage

import (
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// What the bundle merge needs beyond the Import methods: planning a merge
// against the notebook without writing, reading what a merge must compare,
// and recording the sync bases of a large export.

// Peek runs fn with a Batch that reads the notebook as it is and whose
// writes fail: a merge is planned (and a dry run reported) with the same
// code that then applies it, without holding off other writers.
func (s *Store) Peek(fn func(b *Batch) error) error {
	return s.view(func(txn *badger.Txn) error { return fn(&Batch{t: readTx(s, txn)}) })
}

// KindOf tells what kind of item id is, as the batch sees it.
func (b *Batch) KindOf(id string) (Kind, error) { return b.t.kindOf(id) }

// KindOfExcept is KindOf for an id the caller has just looked up as a
// known and not found: one lookup fewer.
func (b *Batch) KindOfExcept(id string, known Kind) (Kind, error) { return b.t.kindOfExcept(id, known) }

// HasRelation reports whether the notebook knows a relation (built in or
// its own), as the batch sees it.
func (b *Batch) HasRelation(name string) bool {
	_, err := b.t.relation(name)
	return err == nil
}

// Revisions lists a piece's earlier texts as the batch sees them, oldest
// first.
func (b *Batch) Revisions(pieceID string) ([]Revision, error) {
	var out []Revision
	err := eachJSON(b.t.txn, prefixRevision+pieceID+"/", func(r *Revision) { out = append(out, *r) })
	return out, err
}

// syncBasesPerStep bounds one step of RecordSyncBases: a few hundred KB,
// far inside a transaction's limit.
const syncBasesPerStep = 5000

// RecordSyncBases records the hashes items had when exported. A sync base is
// a hint for later merges, not part of any item, so it is written in steps
// of a few thousand rather than all or nothing: staging a copy of the
// whole notebook for them would cost more than the export. If a step
// fails, the items it missed merge later as items without a base — the
// newer version wins and the other is kept as a conflict — so nothing is
// lost.
//
// A notebook open read-only (an archive) records none, and says so by
// returning nil: its export is still whole, and merges later as one made
// without a base.
func (s *Store) RecordSyncBases(hashes map[string]string) error {
	if s.readOnly {
		return nil
	}
	ids := make([]string, 0, len(hashes))
	for id := range hashes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for len(ids) > 0 {
		step := ids[:min(syncBasesPerStep, len(ids))]
		ids = ids[len(step):]
		err := s.Batch(func(b *Batch) error {
			for _, id := range step {
				if err := b.SetSyncBase(id, hashes[id]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
