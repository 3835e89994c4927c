package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"commonplace/storage/storagetest"
	"commonplace/storage/textnorm"

	"github.com/dgraph-io/badger/v4"
)

// keysUnder counts the keys under prefix.
func keysUnder(t *testing.T, s *Store, prefix string) int {
	t.Helper()
	n := 0
	err := s.view(func(txn *badger.Txn) error {
		n = len(readTx(s, txn).tails([]byte(prefix)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func hashOf(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// sameText compares texts without printing megabytes on failure.
func sameText(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: %d bytes, hash %.12s; want %d bytes, hash %.12s", what, len(got), hashOf(got), len(want), hashOf(want))
	}
}

func TestLongTextIsNormalised(t *testing.T) {
	for _, n := range []int{1, 7, 1999, 200 << 10, 200<<10 + 3} {
		text := storagetest.LongText(n, uint64(n))
		if len(text) != n || textnorm.Normalize(text) != text {
			t.Fatalf("LongText(%d) is %d bytes, normalised %v: the store would change it", n, len(text), textnorm.Normalize(text) == text)
		}
	}
}

// TestHugePiece takes a 50 MB text through a piece's life: added, read
// back (after a reopen too), edited up to the bound (the revision kept
// and readable), backed up and restored, deleted with no chunk left and
// restored from the delete's report, the integrity check clean at each
// step. All of it one transaction per write: none is too big for Badger.
// Under the race detector, which has no goroutines to watch here and
// makes the full sizes take 80 s and 3.6 GB, the texts are 6 and 8 MB.
func TestHugePiece(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB texts")
	}
	size, bound := 50<<20, MaxTextBytes
	if storagetest.RaceEnabled {
		size, bound = 6<<20, 8<<20
	}
	s, dir := openTemp(t)
	text := storagetest.LongText(size, 1)
	p, err := s.AddPiece(Piece{Title: "Court record"}, text)
	if err != nil {
		t.Fatal(err)
	}
	if p.Hash != hashOf(text) {
		t.Fatal("the stored hash is not the text's")
	}
	got, err := s.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "read back", got, text)
	if got, err = s.PieceTextNoWait(p.ID); err != nil {
		t.Fatal(err)
	}
	sameText(t, "read back without waiting", got, text)
	if n, want := keysUnder(t, s, prefixChunk), (len(text)+chunkBytes-1)/chunkBytes; n != want {
		t.Fatalf("%d chunk keys, want %d", n, want)
	}
	if n := keysUnder(t, s, prefixText); n != 1 {
		t.Fatalf("%d keys under %s, want the one header", n, prefixText)
	}

	s = reopen(t, s, dir)
	got, err = s.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "read back after reopening", got, text)
	mustCheck(t, s)

	// The largest text there may be, replacing a 50 MB one: the
	// transaction holds both, the revision holding the old.
	edited := text + "\n\n" + storagetest.LongText(bound-len(text)-2, 2)
	if len(edited) != bound {
		t.Fatalf("the edited text is %d bytes, not the bound", len(edited))
	}
	rep, err := s.EditPieceText(p.ID, edited)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revision != 2 {
		t.Fatalf("revision %d after the edit, want 2", rep.Revision)
	}
	s = reopen(t, s, dir)
	got, err = s.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "edited text", got, edited)
	revs, err := s.Revisions(p.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("%d revisions, %v", len(revs), err)
	}
	sameText(t, "revision 1", revs[0].Text, text)
	if revs[0].Hash != p.Hash {
		t.Fatal("the revision's hash is not its text's")
	}
	text, revs, got = "", nil, "" // let the collector have them
	mustCheck(t, s)

	var backup bytes.Buffer
	if err := s.WriteBackup(&backup); err != nil {
		t.Fatal(err)
	}
	r, err := RestoreBackup(filepath.Join(t.TempDir(), "restored"), bytes.NewReader(backup.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	backup = bytes.Buffer{}
	got, err = r.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "restored from the backup", got, edited)
	mustCheck(t, r)
	r.Close()

	del, err := s.Delete(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	for _, prefix := range []string{prefixChunk, prefixText, prefixRevision} {
		if n := keysUnder(t, s, prefix); n != 0 {
			t.Errorf("%d keys left under %s after the delete", n, prefix)
		}
	}
	mustCheck(t, s)

	if err := s.Restore(del.Removed); err != nil {
		t.Fatal(err)
	}
	got, err = s.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "restored after the delete", got, edited)
	if revs, err := s.Revisions(p.ID); err != nil || len(revs) != 1 || revs[0].Hash != p.Hash {
		t.Fatalf("the revision did not come back: %d, %v", len(revs), err)
	}
	mustCheck(t, s)
}

// TestLongTextEditsAndShrinks edits a chunked text with passages on it to
// a longer one, then to a short one kept whole: the passages re-attach,
// the chunks of a replaced text go (those of the revisions stay), and a
// kept conflict holding a long text reads back and goes without a trace.
func TestLongTextEditsAndShrinks(t *testing.T) {
	s, dir := openTemp(t)
	text := storagetest.LongText(3<<20, 3) + "\n\nThe last words of the record."
	p, err := s.AddPiece(Piece{Title: "Long"}, text)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AnnotateQuote(p.ID, "The last words", 1, AnnotationInput{Note: "end"})
	if err != nil {
		t.Fatal(err)
	}
	longer := "A new opening.\n\n" + text
	if _, err := s.EditPieceText(p.ID, longer); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Annotation(a.ID); got.Status != "moved" && got.Status != "anchored" {
		t.Fatalf("the passage is %s after the edit", got.Status)
	}
	mustCheck(t, s)
	if _, err := s.EditPieceText(p.ID, "The last words of the record, all that is left."); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	// Revisions 1 and 2 in chunks; the short current text whole, the
	// chunks of the long one it replaced gone.
	if n := keysUnder(t, s, prefixChunk+prefixText); n != 0 {
		t.Errorf("%d chunk keys of current texts, want none", n)
	}
	revChunks := keysUnder(t, s, prefixChunk+prefixRevision)
	if revChunks < 2*3 {
		t.Errorf("%d chunk keys of revisions, want two 3 MB texts' worth", revChunks)
	}
	revs, err := s.Revisions(p.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("%d revisions, %v", len(revs), err)
	}
	sameText(t, "revision 1", revs[0].Text, text)
	sameText(t, "revision 2", revs[1].Text, longer)

	theirs := Conflict{ItemID: p.ID, Kind: KindPiece, Theirs: mustJSON(p), Text: longer, Source: "a bundle"}
	if err := s.Batch(func(b *Batch) error { return b.AddConflict(theirs) }); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Conflicts()
	if err != nil || len(cs) != 1 {
		t.Fatalf("%d conflicts, %v", len(cs), err)
	}
	sameText(t, "the conflict's text", cs[0].Text, longer)
	mustCheck(t, s)
	if err := s.DropConflict(p.ID, cs[0].Seq); err != nil {
		t.Fatal(err)
	}
	if n := keysUnder(t, s, prefixChunk); n != revChunks {
		t.Errorf("%d chunk keys after dropping the conflict, want the revisions' %d", n, revChunks)
	}
	mustCheck(t, s)
}

// TestLongTextWriteIsAllOrNothing: a batch that wrote a long text and then
// failed leaves nothing of it, chunks included.
func TestLongTextWriteIsAllOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	p := addSample(t, s)
	refused := errors.New("refused after writing")
	err := s.Batch(func(b *Batch) error {
		if _, err := b.AddPiece(Piece{Title: "Long"}, storagetest.LongText(5<<20, 4)); err != nil {
			return err
		}
		if _, err := b.EditPieceText(p.ID, storagetest.LongText(2<<20, 5)); err != nil {
			return err
		}
		return refused
	})
	if !errors.Is(err, refused) {
		t.Fatal(err)
	}
	if n := keysUnder(t, s, prefixChunk); n != 0 {
		t.Fatalf("%d chunk keys after a failed batch", n)
	}
	if text, _ := s.PieceText(p.ID); text != sampleText {
		t.Fatal("the failed batch changed the text")
	}
	mustCheck(t, s)
}

// TestOldWholeTextsRead opens a notebook of schema 2, whose texts are
// whole values however long: read-only as it is, then read-write, which
// raises the schema and edits and deletes the old text like any other.
func TestOldWholeTextsRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	old, err := openAt(dir, true, &config{kdf: defaultKDF, steps: migrations[:2]})
	if err != nil {
		t.Fatal(err)
	}
	p := addSample(t, old)
	text := storagetest.LongText(3<<20, 6)
	err = old.update(func(t *tx) error { return t.txn.Set(textKey(p.ID), []byte(text)) }) // as schema 2 wrote it
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a schema 2 notebook, read-only: %v", err)
	}
	got, err := ro.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "an old whole text, read-only", got, text)
	if v, _ := ro.SchemaVersion(); v != 2 {
		t.Errorf("a read-only open changed the schema to %d", v)
	}
	ro.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != schemaVersion {
		t.Errorf("schema %d after a read-write open, want %d", v, schemaVersion)
	}
	mustCheck(t, s)
	if _, err := s.EditPieceText(p.ID, text+"\n\nAdded."); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(p.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("%d revisions, %v", len(revs), err)
	}
	sameText(t, "the old text as a revision", revs[0].Text, text)
	if _, err := s.Delete(p.ID); err != nil {
		t.Fatal(err)
	}
	if n := keysUnder(t, s, prefixChunk); n != 0 {
		t.Fatalf("%d chunk keys after the delete", n)
	}
	mustCheck(t, s)
}

// TestCheckFindsDamagedChunks: a chunk missing, one nothing owns and one
// of the wrong length are each found, by the check or by the read.
func TestCheckFindsDamagedChunks(t *testing.T) {
	s, _ := openTemp(t)
	p, err := s.AddPiece(Piece{Title: "Long"}, storagetest.LongText(3<<20, 7))
	if err != nil {
		t.Fatal(err)
	}
	key := textKey(p.ID)
	err = s.update(func(t *tx) error {
		if err := t.txn.Delete(chunkKey(key, 1)); err != nil {
			return err
		}
		return t.txn.Set(chunkKey(textKey("0193a000-0000-7000-8000-000000000000"), 0), []byte("stray"))
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if problems := strings.Join(rep.Problems, "\n"); !strings.Contains(problems, "1 of its 3 chunks are missing") || !strings.Contains(problems, "left behind") {
		t.Errorf("check found:\n%s", problems)
	}
	if _, err := s.PieceText(p.ID); err == nil || !strings.Contains(err.Error(), "chunk 2 of 3 is missing") {
		t.Errorf("reading a text missing a chunk: %v", err)
	}
	err = s.update(func(t *tx) error { return t.txn.Set(chunkKey(key, 1), []byte("short")) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PieceText(p.ID); err == nil || !strings.Contains(err.Error(), "holds 5 bytes") {
		t.Errorf("reading a text with a short chunk: %v", err)
	}
}

// TestLongRecordsAreBounded: a value in chunks is bounded too, in words.
func TestLongRecordsAreBounded(t *testing.T) {
	s, _ := openTemp(t)
	err := s.update(func(t *tx) error {
		return t.set(revisionKey("0193a000-0000-7000-8000-000000000000", 1), make([]byte, maxLongValueBytes+1))
	})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), fmt.Sprintf("at most %d MB", maxLongValueBytes>>20)) {
		t.Errorf("an over-long record: %v", err)
	}
}

func TestCountWordsIsFields(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two words ", "a\tb\nc\u00a0d\u2003e", "bad\xffbyte here", "ünï cödé\u3000漢字", storagetest.LongText(50<<10, 9)} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%.40q) = %d, strings.Fields finds %d", s, got, want)
		}
	}
}

// TestStagedCopyKeepsLongTexts: a staged change copies the notebook
// (Badger's backup stream into a new database) and swaps it in; a long
// text already there comes through whole, and one the change writes too.
func TestStagedCopyKeepsLongTexts(t *testing.T) {
	s, dir := openTemp(t)
	text := storagetest.LongText(3<<20, 10)
	p, err := s.AddPiece(Piece{Title: "Long"}, text)
	if err != nil {
		t.Fatal(err)
	}
	other := storagetest.LongText(2<<20, 11)
	q := Piece{ID: newID(), Title: "Staged", Created: s.now(), Updated: s.now()}
	if err := s.Staged(func(b *Batch) error { return b.ImportPiece(q, other, nil) }); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	for id, want := range map[string]string{p.ID: text, q.ID: other} {
		got, err := s.PieceText(id)
		if err != nil {
			t.Fatal(err)
		}
		sameText(t, "after the staged change", got, want)
	}
	mustCheck(t, s)
}

// TestLongTextEncrypted: in an encrypted notebook, where Badger seals
// every value-log entry, a chunked text reads back after a reopen.
func TestLongTextEncrypted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nb")
	s, err := Open(dir, EncryptNew(), WithPassphrase(testPassphrase), withKDF(cheapKDF))
	if err != nil {
		t.Fatal(err)
	}
	text := storagetest.LongText(3<<20, 12)
	p, err := s.AddPiece(Piece{Title: "Sealed"}, text)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(dir, WithPassphrase(testPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.PieceText(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "an encrypted long text", got, text)
	mustCheck(t, s)
}
