package bundle

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
)

// TestPassagesComeBackAsPacked holds the packing to every field, however
// the fields are filled.
func TestPassagesComeBackAsPacked(t *testing.T) {
	piece := "0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	in := []storage.Annotation{
		{ID: "0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60", PieceID: piece, Selector: anchor.Selector{Exact: "words", Prefix: "the ", Suffix: " here", Start: 4, End: 9},
			Rev: 2, Status: anchor.Anchored, Note: "a note\n\nin two paragraphs", Tags: []string{"china", "rail"}, Color: "yellow",
			Created: t0, Updated: t1},
		{ID: "0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61", PieceID: piece, Selector: anchor.Selector{Exact: "é“”\x00", Start: 0, End: 4},
			Status: anchor.Review, Guess: &storage.Span{Start: 10, End: 14}, Tags: []string{}, Created: time.Time{}.UTC()},
		{ID: "not a uuid", PieceID: "NOT-A-PIECE", Status: anchor.Orphaned, V: 3, Rev: -1,
			Created: time.Unix(1, 999).UTC(), Updated: time.Date(1600, 1, 1, 0, 0, 0, 1, time.UTC)},
		{ID: "0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a62", PieceID: piece, Selector: anchor.Selector{Exact: "back to the first piece"}},
	}
	var c passageCache
	for i := range in {
		c.add(&in[i])
	}
	var out []storage.Annotation
	if err := c.each(func(a storage.Annotation) error { out = append(out, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("packed and read back:\n%+v\nwant\n%+v", out, in)
	}

	// Many, over several chunks.
	c = passageCache{}
	var many []storage.Annotation
	for i := range 20000 {
		a := in[i%2]
		a.Note = strings.Repeat(string(rune('a'+i%26)), i%300)
		a.Selector.Start = i
		many = append(many, a)
		c.add(&many[i])
	}
	if len(c.sealed) < 2 {
		t.Fatalf("%d chunks sealed; the test wants several", len(c.sealed))
	}
	for _, sealed := range c.sealed {
		if cap(sealed) >= passageChunkBytes {
			t.Fatalf("a chunk compressed holds %d bytes, %d with its spare room", len(sealed), cap(sealed))
		}
	}
	out = nil
	if err := c.each(func(a storage.Annotation) error { out = append(out, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, many) {
		t.Fatalf("%d passages packed over %d chunks came back differently", len(many), len(c.sealed)+1)
	}

	// A time in another zone keeps its instant and its offset.
	zoned := storage.Annotation{ID: "x", Created: time.Date(2026, 3, 4, 5, 6, 7, 8, time.FixedZone("", 3600))}
	c = passageCache{}
	c.add(&zoned)
	c.each(func(a storage.Annotation) error {
		if !a.Created.Equal(zoned.Created) || a.Created.Format(time.RFC3339Nano) != zoned.Created.Format(time.RFC3339Nano) {
			t.Errorf("zoned time came back as %v, want %v", a.Created, zoned.Created)
		}
		return nil
	})

	// Past its cap the cache gives up, and the file is read again.
	c = passageCache{size: passageCacheCap - 10}
	c.add(&in[0])
	if c.usable() || c.open != nil {
		t.Fatal("a cache over its cap is still used")
	}
}

// TestImportReadsPassagesAsChecked holds the merge's passages to the
// file's: from the cache, and read again when the cache gave up.
func TestImportReadsPassagesAsChecked(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, _ := exportBytes(t, nb.S, scope.Scope{}, t0)
	b, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !b.passages.usable() {
		t.Fatal("checking the bundle kept no passages")
	}
	read := func() []storage.Annotation {
		var out []storage.Annotation
		if err := b.EachAnnotation(func(a storage.Annotation) error { out = append(out, a); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	cached := read()
	b.passages = &passageCache{dropped: true}
	if again := read(); len(cached) == 0 || !reflect.DeepEqual(cached, again) {
		t.Fatalf("from the cache:\n%+v\nfrom the file:\n%+v", cached, again)
	}
}
