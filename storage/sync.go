package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Merging a bundle needs to know, for an item both sides have, which side
// changed it: the store remembers the hash of each item as it last left or
// entered the notebook through a bundle (its sync base). Local == base:
// only the bundle changed it. Bundle == base: only we did. Neither: both,
// a conflict.

const (
	prefixSyncBase = "x/sb/" // x/sb/<id>: hash of the item as last exchanged
	prefixConflict = "k/"    // k/<id>/<seq>: the other side's version, kept
)

// ContentHash is the hash of an item's exchangeable content: what a bundle
// carries of it, without volatile fields. Both sides compute it the same
// way, so equal hashes mean equal items.
func ContentHash(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain records are hashed
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// SyncBases returns the sync base of each id that has one.
func (s *Store) SyncBases(ids []string) (map[string]string, error) {
	out := map[string]string{}
	err := s.view(func(txn *badger.Txn) error {
		for _, id := range ids {
			item, err := txn.Get([]byte(prefixSyncBase + id))
			if isNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			out[id] = string(v)
		}
		return nil
	})
	return out, err
}

// BigBatch runs fn as one batch when its change fits one transaction, and
// staged (see Staged) when it does not; either way all or nothing. fn may
// run twice, so it must only write.
func (s *Store) BigBatch(fn func(b *Batch) error) error {
	err := s.Batch(fn)
	if err == ErrTooBig {
		return s.Staged(fn)
	}
	return err
}

// SetSyncBase records id's hash as exchanged, inside a batch.
func (b *Batch) SetSyncBase(id, hash string) error {
	return b.written(b.t.set([]byte(prefixSyncBase+id), []byte(hash)))
}

// SyncBase reads id's sync base inside a batch ("" when it has none).
func (b *Batch) SyncBase(id string) (string, error) {
	item, err := b.t.txn.Get([]byte(prefixSyncBase + id))
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	v, err := item.ValueCopy(nil)
	return string(v), err
}

// Conflict is the other side's version of an item that both sides
// changed: the notebook kept its own and holds this one until the
// researcher chooses.
type Conflict struct {
	ItemID string          `json:"item"`
	Seq    int             `json:"seq"`
	Kind   Kind            `json:"kind"`
	Theirs json.RawMessage `json:"theirs"`         // the record as the bundle had it
	Text   string          `json:"text,omitempty"` // a piece's text as the bundle had it
	Source string          `json:"source"`         // the bundle it came from
	At     time.Time       `json:"at"`
}

func conflictKey(id string, seq int) []byte {
	return []byte(prefixConflict + id + "/" + fmt.Sprintf("%04d", seq))
}

// AddConflict keeps the other side's version of an item, inside a batch.
func (b *Batch) AddConflict(c Conflict) error {
	// After the highest number kept, not the count: a conflict dropped
	// earlier must not make the next one overwrite a later one.
	seq := 1
	if kept := b.t.tails([]byte(prefixConflict + c.ItemID + "/")); len(kept) > 0 {
		last, err := strconv.Atoi(kept[len(kept)-1])
		if err != nil {
			return fmt.Errorf("damaged conflict key for %s: %w", c.ItemID, err)
		}
		seq = last + 1
	}
	c.Seq, c.At = seq, b.t.now
	if err := b.t.putJSON(conflictKey(c.ItemID, seq), c); err != nil {
		return err
	}
	b.t.changed(OpUpdate, c.Kind, c.ItemID)
	return b.written(nil)
}

// Conflicts lists every kept conflicting version, oldest item first.
func (s *Store) Conflicts() ([]Conflict, error) {
	var out []Conflict
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixConflict, func(c *Conflict) { out = append(out, *c) })
	})
	return out, err
}

// ResolveConflict settles a kept conflicting version: takeTheirs puts the
// other side's version in place of the notebook's (which is kept in turn as
// the conflict, so nothing is lost until the researcher drops it); else the
// other version is dropped.
func (s *Store) ResolveConflict(itemID string, seq int, takeTheirs bool) error {
	return s.Batch(func(b *Batch) error {
		t := b.t
		var c Conflict
		ok, err := t.getJSON(conflictKey(itemID, seq), &c)
		if err != nil {
			return err
		}
		if !ok {
			return invalid("there is no conflict %d for %s", seq, itemID)
		}
		if err := t.del(conflictKey(itemID, seq)); err != nil {
			return err
		}
		t.changed(OpUpdate, c.Kind, itemID)
		if !takeTheirs {
			return nil
		}
		return b.swapWithConflict(c)
	})
}

// swapWithConflict writes the conflict's version and keeps the notebook's
// current one as a conflict.
func (b *Batch) swapWithConflict(c Conflict) error {
	t := b.t
	mine := Conflict{ItemID: c.ItemID, Kind: c.Kind, Source: "this notebook, before taking the other version"}
	switch c.Kind {
	case KindPiece:
		var p Piece
		if err := json.Unmarshal(c.Theirs, &p); err != nil {
			return err
		}
		cur, text, err := b.PieceOf(c.ItemID)
		if err != nil {
			return err
		}
		mine.Theirs, mine.Text = mustJSON(cur), text
		if err := b.AddConflict(mine); err != nil {
			return err
		}
		// Metadata as an edit of the details (tags re-indexed), the text
		// as an edit of the text (annotations re-attach).
		p.ID = c.ItemID
		if _, err := t.updatePiece(p); err != nil {
			return err
		}
		_, err = t.editText(c.ItemID, c.Text)
		return err
	case KindAnnotation:
		return swapRecord(b, c, mine, t.annotation, b.ImportAnnotation)
	case KindClaim:
		return swapRecord(b, c, mine, t.claim, b.ImportClaim)
	case KindNote:
		return swapRecord(b, c, mine, t.note, b.ImportNote)
	case KindLink:
		return swapRecord(b, c, mine, t.link, b.ImportLink)
	}
	return invalid("cannot resolve a conflict on a %s", c.Kind)
}

// swapRecord keeps the current record as a conflict and imports theirs.
func swapRecord[T any](b *Batch, c, mine Conflict, read func(string) (T, error), write func(T) error) error {
	var theirs T
	if err := json.Unmarshal(c.Theirs, &theirs); err != nil {
		return err
	}
	cur, err := read(c.ItemID)
	if err != nil {
		return err
	}
	mine.Theirs = mustJSON(cur)
	if err := b.AddConflict(mine); err != nil {
		return err
	}
	return write(theirs)
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// DropConflict forgets a kept conflicting version: the notebook's own
// version stays.
func (s *Store) DropConflict(itemID string, seq int) error {
	return s.ResolveConflict(itemID, seq, false)
}
