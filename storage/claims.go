package storage

import (
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// AddClaim stores a new claim; every evidence id must be an annotation.
func (s *Store) AddClaim(c Claim) (Claim, error) {
	err := s.update(func(t *tx) error {
		var err error
		c, err = t.addClaim(c)
		return err
	})
	return c, err
}

func (t *tx) addClaim(c Claim) (Claim, error) {
	if err := t.cleanClaim(&c); err != nil {
		return c, err
	}
	if err := t.checkNewID(c.ID); err != nil {
		return c, err
	}
	if c.ID == "" {
		c.ID = newID()
	}
	c.V, c.Created, c.Updated = recordVersion, t.now, t.now
	return c, t.putClaim(c, nil)
}

func (t *tx) cleanClaim(c *Claim) error {
	c.Statement = strings.TrimSpace(c.Statement)
	c.Note = strings.TrimSpace(c.Note)
	c.Tags = NormalizeTags(c.Tags)
	c.Evidence = cleanList(c.Evidence)
	if c.Statement == "" {
		return invalid("a claim needs a statement")
	}
	for _, id := range c.Evidence {
		ok, err := t.has(recordKey(KindAnnotation, id))
		if err != nil {
			return err
		}
		if !ok {
			return invalid("evidence %q is not an annotation in this notebook", id)
		}
	}
	return nil
}

// putClaim writes c and moves its evidence and tag index entries from old.
func (t *tx) putClaim(c Claim, old *Claim) error {
	if err := t.putJSON(recordKey(KindClaim, c.ID), c); err != nil {
		return err
	}
	var oldEv, oldTags []string
	op := OpCreate
	if old != nil {
		oldEv, oldTags, op = old.Evidence, old.Tags, OpUpdate
	}
	for _, id := range oldEv {
		if err := t.del(pairKey(ixEvidence, id, c.ID)); err != nil {
			return err
		}
	}
	for _, id := range c.Evidence {
		if err := t.setIndex(pairKey(ixEvidence, id, c.ID)); err != nil {
			return err
		}
	}
	t.changed(op, KindClaim, c.ID)
	return t.retag(KindClaim, c.ID, oldTags, c.Tags)
}

// Claim returns one claim.
func (s *Store) Claim(id string) (Claim, error) { return viewGet[Claim](s, KindClaim, id) }

func (t *tx) claim(id string) (Claim, error) { return get[Claim](t, KindClaim, id) }

// Claims lists every claim, oldest first.
func (s *Store) Claims() ([]Claim, error) {
	var out []Claim
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixClaim, func(c *Claim) { out = append(out, *c) })
	})
	return out, err
}

// UpdateClaim saves a claim's statement, note, tags and evidence.
func (s *Store) UpdateClaim(c Claim) (Claim, error) {
	var saved Claim
	err := s.update(func(t *tx) error {
		old, err := t.claim(c.ID)
		if err != nil {
			return err
		}
		if err := t.cleanClaim(&c); err != nil {
			return err
		}
		saved = old
		saved.Statement, saved.Note, saved.Tags, saved.Evidence = c.Statement, c.Note, c.Tags, c.Evidence
		saved.Updated = t.now
		return t.putClaim(saved, &old)
	})
	return saved, err
}

// ClaimsCiting lists the claims that use an annotation as evidence.
func (s *Store) ClaimsCiting(annotationID string) ([]Claim, error) {
	var out []Claim
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		for _, id := range t.tails([]byte(ixEvidence + annotationID + "/")) {
			c, err := t.claim(id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// ClaimSummary is a claim with how much bears on it: its evidence and the
// links that count for or against it (Bearing), and the links pointing at
// it, counted by relation.
type ClaimSummary struct {
	Claim
	Supporting    int            `json:"supporting"`    // evidence plus "supports" links to it
	Contradicting int            `json:"contradicting"` // "contradicts" links to or from it
	Incoming      map[string]int `json:"incoming"`      // links to it by relation
}

// Bearing is how link l counts in the tally of claim claimID, at one of
// its ends: +1 for, -1 against, 0 neither. Contradiction is mutual, so a
// "contradicts" link counts against the claim whichever end it is (the
// link's direction only records which side the researcher started from).
// Support runs one way: what supports the claim is for it, what the claim
// supports is not.
func (l Link) Bearing(claimID string) int {
	switch {
	case l.Rel == "contradicts" && (l.From == claimID || l.To == claimID):
		return -1
	case l.Rel == "supports" && l.To == claimID:
		return 1
	}
	return 0
}

// ClaimSummaries lists every claim with its counts, oldest first.
func (s *Store) ClaimSummaries() ([]ClaimSummary, error) {
	var out []ClaimSummary
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		var claims []Claim
		if err := eachJSON(txn, prefixClaim, func(c *Claim) { claims = append(claims, *c) }); err != nil {
			return err
		}
		for _, c := range claims {
			sum := ClaimSummary{Claim: c, Supporting: len(c.Evidence), Incoming: map[string]int{}}
			count := func(ix string) error {
				for _, lid := range t.tails([]byte(ix + c.ID + "/")) {
					l, err := t.link(lid)
					if err != nil {
						return err
					}
					if l.To == c.ID {
						sum.Incoming[l.Rel]++
					}
					switch l.Bearing(c.ID) {
					case 1:
						sum.Supporting++
					case -1:
						sum.Contradicting++
					}
				}
				return nil
			}
			if err := count(ixLinkTo); err != nil {
				return err
			}
			if err := count(ixLinkFrom); err != nil {
				return err
			}
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}

// UpdateClaimText saves a claim's words — statement, note, tags — and
// nothing else, so an autosave never writes back evidence that changed
// meanwhile. An empty statement keeps the stored one (a claim needs one)
// while the note and tags are still saved.
func (s *Store) UpdateClaimText(id, statement, note string, tags []string) (Claim, error) {
	var saved Claim
	err := s.update(func(t *tx) error {
		old, err := t.claim(id)
		if err != nil {
			return err
		}
		c := old
		if strings.TrimSpace(statement) != "" {
			c.Statement = statement
		}
		c.Note, c.Tags = note, tags
		if err := t.cleanClaim(&c); err != nil {
			return err
		}
		c.Updated = t.now
		saved = c
		return t.putClaim(c, &old)
	})
	return saved, err
}

// SetEvidence puts one passage into a claim's evidence (present) or takes
// it out, as the claim stands now: the rest of the evidence, and any edit
// of the claim's words since, stay as they are (an undo must not bring
// back an old version of the claim).
func (s *Store) SetEvidence(claimID, annotationID string, present bool) (Claim, error) {
	var saved Claim
	err := s.Batch(func(b *Batch) error {
		c, err := b.Claim(claimID)
		if err != nil {
			return err
		}
		c.Evidence = slices.DeleteFunc(c.Evidence, func(id string) bool { return id == annotationID })
		if present {
			c.Evidence = append(c.Evidence, annotationID)
		}
		saved, err = b.UpdateClaim(c)
		return err
	})
	return saved, err
}
