package storage

import (
	"strings"

	"github.com/google/uuid"
)

// newID returns a UUIDv7: time-ordered, so keys of one kind sort by
// creation, and globally unique, so bundles from two notebooks merge
// without collisions.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether s has the shape of an item id, so commands can
// reject a mistyped one before searching for it.
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36 && s == strings.ToLower(s)
}
