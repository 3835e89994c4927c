package storage

import (
	"strconv"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestDeletesAndNewReferencesNeverCross deletes passages while other
// goroutines link to them, cite them in claims and attach notes to them.
// Writes run one at a time under the write lock, so each addition either
// finds its target and is taken away with it by the later delete, or
// finds it gone and is refused: the notebook never holds a reference to
// a deleted item.
func TestDeletesAndNewReferencesNeverCross(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	anchor, err := s.AnnotateQuote(p.ID, "Beijing worries", 1, AnnotationInput{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	var targets []string
	for range n {
		a, err := s.Annotate(p.ID, 0, 7, AnnotationInput{})
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, a.ID)
	}
	var wg sync.WaitGroup
	wg.Add(4)
	go func() {
		defer wg.Done()
		for _, id := range targets {
			if _, err := s.Delete(id); err != nil {
				t.Error(err)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for _, id := range targets {
			s.AddLink(Link{From: anchor.ID, To: id, Rel: "supports"}) // refused once id is gone
		}
	}()
	go func() {
		defer wg.Done()
		for i, id := range targets {
			s.AddClaim(Claim{Statement: "claim " + strconv.Itoa(i), Evidence: []string{id}})
		}
	}()
	go func() {
		defer wg.Done()
		for _, id := range targets {
			s.AddNote(Note{Body: "on it", Attached: id})
		}
	}()
	wg.Wait()
	mustCheck(t, s)
	if out, in, err := s.Links(anchor.ID); err != nil || len(out)+len(in) != 0 {
		t.Fatalf("links to deleted passages remain: %v %v %v", out, in, err)
	}
}

// TestReferenceMarkersOfOlderNotebooksAreDropped opens a notebook of
// schema 1, which kept a marker key per referenced item: the upgrade
// removes them all and leaves everything else as it was.
func TestReferenceMarkersOfOlderNotebooksAreDropped(t *testing.T) {
	s, dir := openTemp(t)
	p := addSample(t, s)
	err := s.update(func(t *tx) error {
		for i := range 500 {
			if err := t.set([]byte("x/rc/"+strconv.Itoa(i)), []byte("marker")); err != nil {
				return err
			}
		}
		return t.set([]byte(keySchema), []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != schemaVersion {
		t.Fatalf("schema %d after the upgrade", v)
	}
	markers := 0
	s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte("x/rc/")
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			markers++
		}
		return nil
	})
	if markers != 0 {
		t.Fatalf("%d reference markers left", markers)
	}
	if got, err := s.Piece(p.ID); err != nil || got.Title != p.Title {
		t.Fatalf("the piece did not survive the upgrade: %+v %v", got, err)
	}
	mustCheck(t, s)
}

// TestTheLastMigrationIsTheSchema keeps schemaVersion and the migrations
// in step: a new step must raise it.
func TestTheLastMigrationIsTheSchema(t *testing.T) {
	if last := migrations[len(migrations)-1].to; last != schemaVersion {
		t.Fatalf("the last migration reaches %d, the schema is %d", last, schemaVersion)
	}
}
