package storage

import (
	"errors"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// AddNote stores a new note. Created may be set (a note written in the field
// and typed up later); otherwise it is now.
func (s *Store) AddNote(n Note) (Note, error) {
	err := s.update(func(t *tx) error {
		var err error
		n, err = t.addNote(n)
		return err
	})
	return n, err
}

func (t *tx) addNote(n Note) (Note, error) {
	if err := t.cleanNote(&n); err != nil {
		return n, err
	}
	if err := t.checkNewID(n.ID); err != nil {
		return n, err
	}
	if n.ID == "" {
		n.ID = newID()
	}
	n.V = recordVersion
	if n.Created.IsZero() {
		n.Created = t.now
	}
	n.Created = n.Created.UTC()
	n.Updated = t.now
	return n, t.putNote(n, nil)
}

func (t *tx) cleanNote(n *Note) error {
	n.Title = oneLine(n.Title)
	n.Body = strings.TrimSpace(strings.ReplaceAll(n.Body, "\r\n", "\n"))
	n.Place = oneLine(n.Place)
	n.Tags = NormalizeTags(n.Tags)
	n.Attached = strings.TrimSpace(n.Attached)
	if n.Title == "" && n.Body == "" {
		return invalid("the note is empty")
	}
	if n.Attached != "" {
		k, err := t.kindOf(n.Attached)
		if errors.Is(err, ErrNotFound) {
			return invalid("cannot attach the note: no item with id %q", n.Attached)
		}
		if err != nil {
			return err
		}
		if k == KindLink {
			return invalid("a note cannot be attached to a link; attach it to one of its ends")
		}
		if n.Attached == n.ID {
			return invalid("a note cannot be attached to itself")
		}
	}
	return nil
}

func (t *tx) putNote(n Note, old *Note) error {
	if err := t.putJSON(recordKey(KindNote, n.ID), n); err != nil {
		return err
	}
	var oldTags []string
	op := OpCreate
	if old != nil {
		oldTags, op = old.Tags, OpUpdate
		if old.Attached != "" && old.Attached != n.Attached {
			if err := t.del(pairKey(ixAttached, old.Attached, n.ID)); err != nil {
				return err
			}
		}
	}
	if n.Attached != "" {
		if err := t.setIndex(pairKey(ixAttached, n.Attached, n.ID)); err != nil {
			return err
		}
	}
	t.changed(op, KindNote, n.ID)
	return t.retag(KindNote, n.ID, oldTags, n.Tags)
}

// Note returns one note.
func (s *Store) Note(id string) (Note, error) { return viewGet[Note](s, KindNote, id) }

func (t *tx) note(id string) (Note, error) { return get[Note](t, KindNote, id) }

// Notes lists every note, most recently updated first.
func (s *Store) Notes() ([]Note, error) {
	var out []Note
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixNote, func(n *Note) { out = append(out, *n) })
	})
	slices.SortStableFunc(out, func(a, b Note) int { return b.Updated.Compare(a.Updated) })
	return out, err
}

// NotesAttachedTo lists the notes attached to an item.
func (s *Store) NotesAttachedTo(id string) ([]Note, error) {
	var out []Note
	err := s.view(func(txn *badger.Txn) error {
		t := readTx(s, txn)
		for _, nid := range t.tails([]byte(ixAttached + id + "/")) {
			n, err := t.note(nid)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	return out, err
}

// UpdateNote saves a note's title, body, tags, place and attachment.
func (s *Store) UpdateNote(n Note) (Note, error) {
	var saved Note
	err := s.update(func(t *tx) error {
		old, err := t.note(n.ID)
		if err != nil {
			return err
		}
		if err := t.cleanNote(&n); err != nil {
			return err
		}
		saved = old
		saved.Title, saved.Body, saved.Tags, saved.Place, saved.Attached = n.Title, n.Body, n.Tags, n.Place, n.Attached
		saved.Updated = t.now
		return t.putNote(saved, &old)
	})
	return saved, err
}

// UpdateNoteText saves a note's words — title, body, tags, place — and
// keeps its attachment as stored, so an autosave never re-attaches a note
// its item was deleted from meanwhile. A note emptied of title and body
// keeps its last words (a note cannot be empty); its tags and place are
// still saved.
func (s *Store) UpdateNoteText(id, title, body string, tags []string, place string) (Note, error) {
	var saved Note
	err := s.update(func(t *tx) error {
		old, err := t.note(id)
		if err != nil {
			return err
		}
		n := old
		if strings.TrimSpace(title+body) != "" {
			n.Title, n.Body = title, body
		}
		n.Tags, n.Place = tags, place
		if err := t.cleanNote(&n); err != nil {
			return err
		}
		n.Updated = t.now
		saved = n
		return t.putNote(n, &old)
	})
	return saved, err
}
