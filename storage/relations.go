package storage

import "strings"

// Relation is a kind of link, with the words to show it both ways round.
type Relation struct {
	Name    string `json:"name"`
	Label   string `json:"label"`   // "supports"
	Inverse string `json:"inverse"` // how the target sees it: "supported by"
}

// Relations are the built-in link types.
var Relations = []Relation{
	{"supports", "supports", "supported by"},
	{"contradicts", "contradicts", "contradicted by"},
	{"qualifies", "qualifies", "qualified by"},
	{"elaborates", "elaborates", "elaborated by"},
	{"cites", "cites", "cited by"},
	{"same-as", "same as", "same as"},
}

// RelationNames lists the names of the built-in relations.
func RelationNames() []string {
	names := make([]string, len(Relations))
	for i, r := range Relations {
		names[i] = r.Name
	}
	return names
}

// LookupRelation finds a relation by name, case-insensitively.
func LookupRelation(name string) (Relation, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, r := range Relations {
		if r.Name == name {
			return r, true
		}
	}
	return Relation{}, false
}
