package bundle

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/merge"
)

// verify reads every file once: checksums, records, ids and the
// references inside the bundle. References to items the bundle does not
// hold are the merge's to judge (the notebook may have them).
func (b *Bundle) verify() error {
	for name := range b.listed {
		if id, ok := mdID(name, PiecesDir); ok {
			b.pieceIDs = append(b.pieceIDs, id)
		}
		if id, ok := mdID(name, NotesDir); ok {
			b.noteIDs = append(b.noteIDs, id)
		}
	}
	slices.Sort(b.pieceIDs)
	slices.Sort(b.noteIDs)
	for _, id := range b.pieceIDs {
		if err := b.register(id, storage.KindPiece); err != nil {
			return err
		}
		b.pieces[id] = &pieceInfo{revs: map[int]string{}}
	}
	for _, id := range b.noteIDs {
		if err := b.register(id, storage.KindNote); err != nil {
			return err
		}
	}
	// The pieces are verified as the passages on them are: one read of
	// each piece's file checks both (see verifyAnnotations).
	steps := []func() error{b.verifyRevisions, b.readRelations, b.verifyAnnotations,
		b.verifyClaims, b.verifyNotes, b.verifyLinks, b.verifyReferences, b.verifyIndex}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	got, want := b.counts, b.Manifest.Counts
	for _, c := range []struct {
		what       string
		want, have int
	}{
		{"pieces", want.Pieces, got.Pieces}, {"revisions", want.Revisions, got.Revisions},
		{"annotations", want.Annotations, got.Annotations}, {"claims", want.Claims, got.Claims},
		{"links", want.Links, got.Links}, {"notes", want.Notes, got.Notes},
	} {
		if c.want != c.have {
			return refuse("the manifest counts %d %s but the bundle holds %d", c.want, c.what, c.have)
		}
	}
	return nil
}

// register notes an item id, refusing one used twice.
func (b *Bundle) register(id string, k storage.Kind) error {
	if old, dup := b.kinds[id]; dup {
		return refuse("the id %s is used twice in the bundle (a %s and a %s)", id, old, k)
	}
	if b.items >= b.lim.items {
		return refuse("the bundle holds more than the %d items a bundle may hold", b.lim.items)
	}
	b.kinds[id] = k
	b.items++
	return nil
}

// pieceVerifier verifies the bundle's pieces in id order, as the
// passages (grouped by piece, in the same order) reach them.
type pieceVerifier struct {
	b    *Bundle
	next int // into b.pieceIDs: the first not verified yet
}

// upTo verifies every piece not verified yet up to id, and returns id's
// text: that id comes after every piece verified so far (passages come
// in order, which verifyAnnotations checks first).
func (v *pieceVerifier) upTo(id string) (string, error) {
	b := v.b
	for v.next < len(b.pieceIDs) && b.pieceIDs[v.next] <= id {
		pid := b.pieceIDs[v.next]
		v.next++
		text, err := b.verifyPiece(pid)
		if err != nil {
			return "", err
		}
		if pid == id {
			return text, nil
		}
	}
	return "", refuse("%s is not in order: passages must come by piece, then by id, before the links", AnnotationsFile)
}

// rest verifies the pieces no passage reached.
func (v *pieceVerifier) rest() error {
	b := v.b
	for ; v.next < len(b.pieceIDs); v.next++ {
		if _, err := b.verifyPiece(b.pieceIDs[v.next]); err != nil {
			return err
		}
	}
	return nil
}

// verifyPiece checks a piece's file (a step) and its revisions' numbers
// against it, keeping its record, and returns its text.
func (b *Bundle) verifyPiece(id string) (string, error) {
	if err := b.step(); err != nil {
		return "", err
	}
	p, text, err := b.piece(id)
	if err != nil {
		return "", err
	}
	info := b.pieces[id]
	if n := maxKey(info.revs); n >= p.Revision {
		return "", refuse("%s is not earlier than the piece's current revision %d", revisionFile(id, n), p.Revision)
	}
	info.record = p
	b.counts.Pieces++
	return text, nil
}

func maxKey(m map[int]string) int {
	top := 0
	for n := range m {
		top = max(top, n)
	}
	return top
}

func (b *Bundle) verifyRevisions() error {
	var names []string
	for name := range b.listed {
		if strings.HasPrefix(name, RevisionsDir) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		piece, n, _ := revisionName(name)
		info := b.pieces[piece]
		if info == nil {
			return refuse("%s is a revision of a piece the bundle does not hold", name)
		}
		// Its number is checked against the piece's when the piece is
		// verified, after the revisions (verifyPiece).
		data, err := b.readAll(name)
		if err != nil {
			return err
		}
		r, err := parseRevision(name, piece, n, data)
		if err != nil {
			return err
		}
		info.revs[n] = r.Hash
		if info.revRunes == nil {
			info.revRunes = map[int]int{}
		}
		info.revRunes[n] = utf8.RuneCountInString(r.Text)
		b.counts.Revisions++
	}
	return nil
}

// verifyAnnotations checks annotations.jsonld, and the pieces with it.
// Passages come grouped by piece, in the pieces' order, so each piece's
// file is read once both to verify it and to check that a passage called
// anchored still reads its quote; a file in any other order is refused
// rather than read at a cost a hostile file could multiply.
func (b *Bundle) verifyAnnotations() error {
	var piece, last string
	var doc pieceRunes
	var links bool
	var lastLink string
	pieces := &pieceVerifier{b: b}
	b.passages = &passageCache{}
	err := b.eachLD(func(a *storage.Annotation, l *storage.Link) error {
		if err := b.step(); err != nil {
			return err
		}
		if l != nil {
			if l.ID <= lastLink {
				return refuse("%s is not in order: links must follow the passages, by id", AnnotationsFile)
			}
			if !links {
				if err := pieces.rest(); err != nil {
					return err
				}
			}
			links, lastLink = true, l.ID
			if err := b.register(l.ID, storage.KindLink); err != nil {
				return err
			}
			b.linkLD[l.ID] = merge.LinkHash(*l)
			return nil
		}
		if links || a.PieceID < piece || a.PieceID == piece && a.ID <= last {
			return refuse("%s is not in order: passages must come by piece, then by id, before the links", AnnotationsFile)
		}
		info := b.pieces[a.PieceID]
		if info == nil {
			return refuse("annotation %s is on piece %s, which the bundle does not hold", a.ID, a.PieceID)
		}
		if a.PieceID != piece {
			text, err := pieces.upTo(a.PieceID)
			if err != nil {
				return err
			}
			doc.reset(text)
			piece = a.PieceID
		}
		last = a.ID
		if err := b.register(a.ID, storage.KindAnnotation); err != nil {
			return err
		}
		switch {
		case (a.Status == anchor.Anchored || a.Status == anchor.Moved) &&
			(a.Selector.End > doc.Len() || doc.Slice(a.Selector.Start, a.Selector.End) != a.Selector.Exact):
			return refuse("annotation %s is marked %s but its quote is not at its place in the piece's text", a.ID, a.Status)
		case a.Guess != nil && a.Guess.End > doc.Len():
			return refuse("annotation %s guesses a place beyond the end of its piece", a.ID)
		case a.Selector.Start > a.Selector.End:
			return refuse("annotation %s ends before it starts", a.ID)
		case a.Rev == info.record.Revision && a.Selector.End > doc.Len():
			// Whatever its status, a passage lies within the text it was
			// marked on, when the bundle holds that text.
			return refuse("annotation %s is marked at runes %d–%d of a text of %d", a.ID, a.Selector.Start, a.Selector.End, doc.Len())
		case a.Rev != info.record.Revision && info.revs[a.Rev] != "" && a.Selector.End > info.revRunes[a.Rev]:
			return refuse("annotation %s is marked at runes %d–%d of a revision of %d", a.ID, a.Selector.Start, a.Selector.End, info.revRunes[a.Rev])
		case a.Rev != 0 && a.Rev != info.record.Revision && info.revs[a.Rev] == "":
			return refuse("annotation %s is anchored to revision %d of its piece, which the bundle does not hold", a.ID, a.Rev)
		}
		b.counts.Annotations++
		b.passages.add(a)
		return nil
	})
	if err != nil {
		return err
	}
	return pieces.rest()
}

func (b *Bundle) verifyClaims() error {
	return b.EachClaim(func(c storage.Claim) error {
		if err := b.step(); err != nil {
			return err
		}
		if err := b.register(c.ID, storage.KindClaim); err != nil {
			return err
		}
		for _, ev := range c.Evidence {
			if k := b.kinds[ev]; k != "" && k != storage.KindAnnotation {
				return refuse("claim %s cites %s, which is a %s, not an annotation", c.ID, ev, k)
			}
		}
		b.counts.Claims++
		return nil
	})
}

func (b *Bundle) verifyNotes() error {
	for _, id := range b.noteIDs {
		if err := b.step(); err != nil {
			return err
		}
		n, err := b.note(id)
		if err != nil {
			return err
		}
		if b.kinds[n.Attached] == storage.KindLink {
			return refuse("note %s is attached to a link; notes attach to pieces, annotations, claims and notes", id)
		}
		b.counts.Notes++
	}
	return nil
}

// verifyLinks checks links.json, and that it agrees with the linking
// annotations of annotations.jsonld (two views of the same links).
func (b *Bundle) verifyLinks() error {
	seen := 0
	err := b.EachLink(func(l storage.Link) error {
		if err := b.step(); err != nil {
			return err
		}
		h, ok := b.linkLD[l.ID]
		if !ok || h != merge.LinkHash(l) {
			return refuse("%s and %s disagree about link %s", LinksFile, AnnotationsFile, l.ID)
		}
		for _, end := range []struct {
			id   string
			kind storage.Kind
		}{{l.From, l.FromKind}, {l.To, l.ToKind}} {
			if k := b.kinds[end.id]; k != "" && k != end.kind {
				return refuse("link %s says %s is a %s, but the bundle holds it as a %s", l.ID, end.id, end.kind, k)
			}
		}
		seen++
		b.counts.Links++
		return nil
	})
	if err != nil {
		return err
	}
	if seen != len(b.linkLD) {
		return refuse("%s and %s disagree about the links", LinksFile, AnnotationsFile)
	}
	return nil
}

// verifyReferences checks references.json is CSL-JSON about the bundle's
// pieces. It is derived data, read by other tools, not by the import.
func (b *Bundle) verifyReferences() error {
	if _, ok := b.listed[ReferencesFile]; !ok {
		return nil
	}
	return b.stream(ReferencesFile, func(rr *recordReader) error {
		return eachInArray(rr, func(raw *json.RawMessage) error {
			var it struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			}
			if err := json.Unmarshal(*raw, &it); err != nil || it.Type == "" {
				return refuse("%s holds an entry that is not a CSL item", ReferencesFile)
			}
			if b.kinds[it.ID] != storage.KindPiece {
				return refuse("%s describes %q, which is not a piece of the bundle", ReferencesFile, clip(it.ID))
			}
			return nil
		})
	})
}

func (b *Bundle) verifyIndex() error {
	if _, ok := b.listed[IndexFile]; !ok {
		return nil
	}
	er, err := b.open(IndexFile)
	if err != nil {
		return err
	}
	return er.finish()
}

// pieceRunes answers what checking a piece's passages asks of its text,
// exactly as anchor.Text does: its length in code points and the words
// at a span of them. It keeps the code points' byte offsets in one
// buffer reused from piece to piece; anchor.Text, made for re-anchoring,
// allocates three times as much for every piece, a fifth of a large
// import's garbage.
type pieceRunes struct {
	text   string
	ascii  bool
	byteOf []int32      // each code point's byte offset, then the text's length
	other  *anchor.Text // a text that is not valid UTF-8 (a checked piece never is)
}

func (d *pieceRunes) reset(text string) {
	d.text, d.ascii, d.other, d.byteOf = text, true, nil, d.byteOf[:0]
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			d.ascii = false
			break
		}
	}
	switch {
	case d.ascii:
	case !utf8.ValidString(text) || len(text) > math.MaxInt32:
		d.other = anchor.NewText(text)
	default:
		for i := range text {
			d.byteOf = append(d.byteOf, int32(i))
		}
		d.byteOf = append(d.byteOf, int32(len(text)))
	}
}

// Len is the text's length in code points.
func (d *pieceRunes) Len() int {
	switch {
	case d.other != nil:
		return d.other.Len()
	case d.ascii:
		return len(d.text)
	}
	return len(d.byteOf) - 1
}

// Slice is the text of code points [start, end), clamped into the text.
func (d *pieceRunes) Slice(start, end int) string {
	if d.other != nil {
		return d.other.Slice(start, end)
	}
	n := d.Len()
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	if d.ascii {
		return d.text[start:end]
	}
	return d.text[d.byteOf[start]:d.byteOf[end]]
}
