package storage

import (
	"errors"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestDeleteConflictsWithNewReference runs a delete and an AddLink to the
// deleted item at the same time, in both commit orders: one of the two must
// fail with a conflict (and be retried by update), never both commit.
func TestDeleteConflictsWithNewReference(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	a1, _ := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	a2, _ := s.AnnotateQuote(p.ID, "Wakhan corridor", 1, AnnotationInput{})

	// Delete first in time, link commits in between.
	del := &tx{s: s, txn: s.db.NewTransaction(true), now: s.now()}
	plan, err := del.planDelete(KindAnnotation, a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLink(Link{From: a2.ID, To: a1.ID, Rel: "supports"}); err != nil {
		t.Fatal(err)
	}
	if err := del.applyDelete(plan); err != nil {
		t.Fatal(err)
	}
	if err := del.txn.Commit(); !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("delete committed over a new link: %v", err)
	}
	del.txn.Discard()

	// Link first in time, delete commits in between.
	add := &tx{s: s, txn: s.db.NewTransaction(true), now: s.now()}
	if _, err := add.addClaim(Claim{Statement: "c", Evidence: []string{a2.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(a2.ID); err != nil {
		t.Fatal(err)
	}
	if err := add.txn.Commit(); !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("claim committed citing a deleted annotation: %v", err)
	}
	add.txn.Discard()
	mustCheck(t, s)
}
