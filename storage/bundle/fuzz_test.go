package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// FuzzOpen feeds the bundle reader arbitrary bytes: it must never panic,
// stay within its limits, and either refuse with ErrBadBundle or return a
// bundle whose every item reads back. The seeds are a small valid bundle
// and broken variants of it, generated here.
//
//	go test -run '^$' -fuzz FuzzOpen -fuzztime 60s ./storage/bundle/
func FuzzOpen(f *testing.F) {
	s, pieces, _ := smallNotebook(f, 9)
	valid, _ := exportBytes(f, s, scope.Scope{}, t0)
	if _, err := Open(bytes.NewReader(valid), int64(len(valid))); err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	addSeeds(f)
	// The other seeds leave out the optional files (the report, the
	// references): smaller inputs mutate and minimise faster.
	files := zipFiles(f, valid)
	delete(files, IndexFile)
	delete(files, ReferencesFile)
	files = reseal(f, files, nil)
	small := buildZip(f, files)
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Add(small[len(small)/3:])
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	// Valid checksums over broken content, so mutations reach the parsers.
	for name, mutate := range map[string]func([]byte) []byte{
		AnnotationsFile: func(b []byte) []byte { return bytes.Replace(b, []byte(`"anchored"`), []byte(`"review"`), 1) },
		ClaimsFile:      func(b []byte) []byte { return []byte(`[{"id":"x"}]`) },
		pieceFile(pieces[0].ID): func(b []byte) []byte {
			return bytes.Replace(b, []byte("title:"), []byte("title: &a [*a, *a]\nx:"), 1)
		},
	} {
		changed := map[string][]byte{}
		for k, v := range files {
			changed[k] = v
		}
		changed[name] = mutate(files[name])
		f.Add(buildZip(f, reseal(f, changed, nil)))
	}

	// Smaller limits keep each run quick; the checks are the same.
	lim := formatLimits
	lim.total, lim.file, lim.listFile, lim.record, lim.files = 8<<20, 2<<20, 4<<20, 1<<20, 2000

	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := openWithin(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			if !errors.Is(err, ErrBadBundle) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		// A bundle that opened reads back whole.
		count := 0
		check := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		check(b.EachPiece(func(p merge.Piece) error {
			count++
			if _, err := b.PieceText(p.ID); err != nil {
				return fmt.Errorf("piece %s: %w", p.ID, err)
			}
			if _, err := b.Revisions(p.ID); err != nil {
				return fmt.Errorf("revisions of %s: %w", p.ID, err)
			}
			return nil
		}))
		check(b.EachNote(func(storage.Note) error { count++; return nil }))
		check(b.EachAnnotation(func(storage.Annotation) error { count++; return nil }))
		check(b.EachClaim(func(storage.Claim) error { count++; return nil }))
		check(b.EachLink(func(storage.Link) error { count++; return nil }))
		if count != b.Items() {
			t.Fatalf("%d items read, %d counted", count, b.Items())
		}
	})
}

// FuzzParse feeds the parsers behind Open the bytes of one file directly,
// past the zip's CRCs and the manifest's checksums that stop most of
// FuzzOpen's mutations early: front matter, the annotation collection and
// the JSON lists. They must refuse or accept, never panic or run away.
func FuzzParse(f *testing.F) {
	s := bundletest.OpenStore(f)
	if err := gen.Notebook(s, gen.Config{Pieces: 1, WordsPerPiece: 80, AnnotsPerPiece: 2, Seed: 4}); err != nil {
		f.Fatal(err)
	}
	pieces, _ := s.Pieces()
	anns, _ := s.AnnotationsOf(pieces[0].ID)
	c, _ := s.AddClaim(storage.Claim{Statement: "A claim", Evidence: []string{anns[0].ID}})
	n, _ := s.AddNote(storage.Note{Title: "A note", Body: "Body", Attached: c.ID, Place: "Kabul"})
	s.AddLink(storage.Link{From: n.ID, To: anns[1].ID, Rel: "supports", Strength: 2, Note: "see"})
	s.EditPieceText(pieces[0].ID, "A short new text.")
	data, _ := exportBytes(f, s, scope.Scope{}, t0)
	files := zipFiles(f, data)
	for name, body := range files {
		if name != IndexFile && name != ManifestFile {
			f.Add(name, body)
		}
	}
	const record = 64 << 10

	f.Fuzz(func(t *testing.T, name string, data []byte) {
		const id = "0195a000-0000-7000-8000-000000000001"
		var err error
		switch {
		case strings.HasPrefix(name, PiecesDir):
			_, _, err = parsePiece(name, id, data)
		case strings.HasPrefix(name, NotesDir):
			_, err = parseNote(name, id, data)
		case strings.HasPrefix(name, RevisionsDir):
			_, err = parseRevision(name, id, 1, data)
		case name == AnnotationsFile:
			rr := newRecordReader(name, bytes.NewReader(data), record)
			err = readCollection(rr, func(ld *ldAnnotation) error {
				if _, _, err := fromLD(*ld); err != nil {
					return refuse("%v", err)
				}
				return nil
			})
		case name == ClaimsFile:
			err = eachInArray(newRecordReader(name, bytes.NewReader(data), record), func(c *storage.Claim) error { return checkClaim(c) })
		case name == LinksFile:
			err = eachInArray(newRecordReader(name, bytes.NewReader(data), record), func(l *storage.Link) error { return checkLink(l) })
		default:
			return
		}
		if err != nil && !errors.Is(err, ErrBadBundle) {
			t.Fatalf("%s: not a refusal: %v", name, err)
		}
	})
}
