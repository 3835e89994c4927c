package storage

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
)

// Relation is a kind of link, with the words to show it both ways round.
type Relation struct {
	Name    string `json:"name"`
	Label   string `json:"label"`   // "supports"
	Inverse string `json:"inverse"` // how the target sees it: "supported by"
	Custom  bool   `json:"custom,omitempty"`
}

// Symmetric reports whether the relation reads the same both ways round
// ("same as"): which end a link of it starts from says nothing.
func (r Relation) Symmetric() bool { return r.Label == r.Inverse }

// Backwards is the relation read from a link's target, as the verb of a
// sentence: "is supported by". Inverses are stored as the target's heading
// ("supported by"), which a sentence needs the "is" before.
func (r Relation) Backwards() string {
	if strings.HasSuffix(r.Inverse, " by") && !strings.HasPrefix(r.Inverse, "is ") {
		return "is " + r.Inverse
	}
	return r.Inverse
}

// Builtins are the relations every notebook has.
var Builtins = []Relation{
	{Name: "supports", Label: "supports", Inverse: "supported by"},
	{Name: "contradicts", Label: "contradicts", Inverse: "contradicted by"},
	{Name: "qualifies", Label: "qualifies", Inverse: "qualified by"},
	{Name: "elaborates", Label: "elaborates", Inverse: "elaborated by"},
	{Name: "cites", Label: "cites", Inverse: "cited by"},
	{Name: "same-as", Label: "same as", Inverse: "same as"},
}

const prefixRelation = "s/rel/" // user-defined relations

// RelationNames lists the names of the built-in relations.
func RelationNames() []string {
	names := make([]string, len(Builtins))
	for i, r := range Builtins {
		names[i] = r.Name
	}
	return names
}

// LookupRelation finds a built-in relation by name, case-insensitively.
func LookupRelation(name string) (Relation, bool) {
	name = relationName(name)
	for _, r := range Builtins {
		if r.Name == name {
			return r, true
		}
	}
	return Relation{}, false
}

// relationName is the canonical form of a relation's name.
func relationName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), "-")
}

var relationPattern = regexp.MustCompile(`^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$`)

// ValidRelationName reports whether s is a relation's name as stored:
// lower-case words of letters and digits joined by hyphens.
func ValidRelationName(s string) bool { return relationPattern.MatchString(s) }

// Relations lists the built-in relations, then the notebook's own.
func (s *Store) Relations() ([]Relation, error) {
	out := slices.Clone(Builtins)
	err := s.view(func(txn *badger.Txn) error {
		return eachJSON(txn, prefixRelation, func(r *Relation) { out = append(out, *r) })
	})
	return out, err
}

// Relation finds a relation, built-in or the notebook's own, by name.
func (s *Store) Relation(name string) (Relation, error) {
	var r Relation
	err := s.view(func(txn *badger.Txn) error {
		var err error
		r, err = readTx(s, txn).relation(name)
		return err
	})
	return r, err
}

func (t *tx) relation(name string) (Relation, error) {
	if r, ok := LookupRelation(name); ok {
		return r, nil
	}
	var r Relation
	ok, err := t.getJSON([]byte(prefixRelation+relationName(name)), &r)
	if err != nil {
		return r, err
	}
	if !ok {
		names := append(RelationNames(), t.tails([]byte(prefixRelation))...)
		return r, invalid("unknown relation %s (use one of %s, or define it first)", Quote(name), strings.Join(names, ", "))
	}
	return r, nil
}

// AddRelation defines a relation of the notebook's own ("undermines",
// "predicts"). Its name is lower case words joined by hyphens; the label
// defaults to the name and the inverse to "← label".
func (s *Store) AddRelation(r Relation) (Relation, error) {
	if err := cleanRelation(&r); err != nil {
		return r, err
	}
	err := s.update(func(t *tx) error {
		if _, err := t.relation(r.Name); err == nil {
			return invalid("the relation %q already exists", r.Name)
		} else if !errors.Is(err, ErrInvalid) {
			return err
		}
		return t.putJSON([]byte(prefixRelation+r.Name), r)
	})
	return r, err
}

// cleanRelation checks a relation of the notebook's own and fills in
// the words it reads as, forwards and backwards, when they are missing.
// Relation names and labels are read in lists and menus, on one line.
const (
	maxRelationRunes      = 40
	maxRelationLabelRunes = 80
)

func cleanRelation(r *Relation) error {
	r.Name = relationName(r.Name)
	if !relationPattern.MatchString(r.Name) {
		return invalid("a relation's name is one or more words of letters and digits (got %s)", Quote(r.Name))
	}
	if n := utf8.RuneCountInString(r.Name); n > maxRelationRunes {
		return invalid("a relation's name is at most %d characters (this one has %d)", maxRelationRunes, n)
	}
	r.Label, r.Inverse = oneLine(r.Label), oneLine(r.Inverse)
	for _, l := range []string{r.Label, r.Inverse} {
		if n := utf8.RuneCountInString(l); n > maxRelationLabelRunes {
			return invalid("a relation's label is at most %d characters (this one has %d)", maxRelationLabelRunes, n)
		}
	}
	if r.Label == "" {
		r.Label = strings.ReplaceAll(r.Name, "-", " ")
	}
	if r.Inverse == "" {
		r.Inverse = "← " + r.Label
	}
	r.Custom = true
	return nil
}

// DeleteRelation removes a relation of the notebook's own, refusing while
// links use it: deleting it must not strand them.
func (s *Store) DeleteRelation(name string) error {
	name = relationName(name)
	if _, ok := LookupRelation(name); ok {
		return invalid("%q is built in and cannot be deleted", name)
	}
	return s.update(func(t *tx) error {
		if _, err := t.relation(name); err != nil {
			return err
		}
		used := 0
		err := eachJSON(t.txn, prefixLink, func(l *Link) {
			if l.Rel == name {
				used++
			}
		})
		if err != nil {
			return err
		}
		if used > 0 {
			return invalid("the relation %q is used by %s; change or delete them first", name, countOf(used, "link"))
		}
		return t.del([]byte(prefixRelation + name))
	})
}
