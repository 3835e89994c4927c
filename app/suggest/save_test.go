package suggest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func saved(t testing.TB, x *Index) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := x.Save(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// churnedIndex builds an index of g that has been through replacements
// and removals short of a compaction, so that it holds removed slots,
// dead sentences and band tails, and a compaction's free terms.
func churnedIndex(g []genPiece, s *store) *Index {
	x := NewIndex()
	if s != nil {
		x.SetPieceTexts(s.text)
	}
	docs := docsOf(g)
	x.Add(docs...)
	// Enough churn for one compaction (free terms), then a little more.
	var replaced []Doc
	for i := 0; i < len(docs); i += 2 {
		replaced = append(replaced, Doc{PieceID: docs[i].PieceID, Text: "Replaced " + docs[i].PieceID + ". Zanzibarian oddity."})
	}
	if s != nil {
		s.put(replaced...)
	}
	x.Add(replaced...)
	x.Add(docs[:len(docs)/2]...)
	if s != nil {
		s.put(docs...)
	}
	x.Remove(docs[1].PieceID, docs[3].PieceID)
	x.Add(Doc{PieceID: "fixture", Text: fixture[0].Text})
	if s != nil {
		s.put(Doc{PieceID: "fixture", Text: fixture[0].Text})
	}
	return x
}

func TestSaveLoad(t *testing.T) {
	for _, keeper := range []bool{false, true} {
		t.Run(fmt.Sprintf("keeper=%v", keeper), func(t *testing.T) {
			g := genNotebook(120, 400, 0.3, 31)
			var s *store
			if keeper {
				s = newStore(docsOf(g))
			}
			x := churnedIndex(g, s)
			if len(x.units) == x.live || len(x.terms.free) == 0 || len(x.bands[0].tail) == 0 {
				t.Fatalf("the index does not exercise the format: %d sentences, %d live, %d free terms, tail %d",
					len(x.units), x.live, len(x.terms.free), len(x.bands[0].tail))
			}
			file := saved(t, x)
			y, err := Load(bytes.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			if keeper {
				y.SetPieceTexts(s.text)
				if bytes.Contains(file, []byte("Zanzibarian")) {
					t.Error("texts saved although the keeper has them")
				}
			}
			if again := saved(t, y); !bytes.Equal(again, file) {
				t.Fatal("saving the loaded index gives another file")
			}
			if n := sameResults(t, x, y, g, 100); n < 50 {
				t.Fatalf("only %d matches: the comparison says little", n)
			}

			// Later changes, including a compaction, act alike.
			var changed []Doc
			for i := 0; i < len(g); i += 3 {
				changed = append(changed, Doc{PieceID: g[i].PieceID, Text: g[(i+5)%len(g)].Text + " " + point})
			}
			if s != nil {
				s.put(changed...)
			}
			for _, z := range []*Index{x, y} {
				z.Add(changed...)
				z.Remove(g[5].PieceID, "fixture")
			}
			if !bytes.Equal(saved(t, x), saved(t, y)) {
				t.Fatal("states differ after the same changes")
			}
			sameResults(t, x, y, g, 100)

			var ids []string
			y.EachPiece(func(id string) bool { ids = append(ids, id); return true })
			if len(ids) != y.Len() || slices.Contains(ids, g[5].PieceID) || !slices.Contains(ids, g[6].PieceID) {
				t.Errorf("EachPiece: %d ids of %d", len(ids), y.Len())
			}
			calls := 0
			y.EachPiece(func(string) bool { calls++; return false })
			if calls != 1 {
				t.Errorf("EachPiece went on after false: %d calls", calls)
			}
		})
	}
}

// smallSave is the file of a small index with every kind of record.
func smallSave(t testing.TB, keepTexts bool) []byte {
	g := genNotebook(3, 40, 0.5, 41)
	var s *store
	if !keepTexts {
		s = newStore(docsOf(g))
	}
	x := NewIndex()
	if s != nil {
		x.SetPieceTexts(s.text)
	}
	x.Add(docsOf(g)...)
	x.Add(Doc{PieceID: g[0].PieceID, Text: point}, Doc{PieceID: "cjk", Text: fixture[9].Text})
	x.Remove(g[1].PieceID)
	return saved(t, x)
}

// useLoaded runs what the app does with a loaded index; it must not panic.
func useLoaded(x *Index) {
	x.SetPieceTexts(func(string) (string, error) { return "", errNoPiece })
	x.Similar(point, Exclude{Piece: "cjk"}, 5)
	x.EachPiece(func(id string) bool { x.Remove(id); return false })
	x.Add(Doc{PieceID: "new", Text: point}, Doc{PieceID: "cjk", Text: "Other."})
	x.Similar(point, Exclude{}, 5)
	var b bytes.Buffer
	_ = x.Save(&b)
}

func TestLoadDamaged(t *testing.T) {
	for _, keep := range []bool{true, false} {
		file := smallSave(t, keep)
		if x, err := Load(bytes.NewReader(file)); err != nil {
			t.Fatal(err)
		} else {
			useLoaded(x)
		}
		for n := range len(file) {
			if _, err := Load(bytes.NewReader(file[:n])); err == nil {
				t.Fatalf("truncated to %d of %d bytes: no error", n, len(file))
			}
		}
		if _, err := Load(bytes.NewReader(append(slices.Clone(file), 0))); err == nil || !strings.Contains(err.Error(), "after the end") {
			t.Errorf("trailing byte: %v", err)
		}
		// Without a checksum some flips go unnoticed (a hash, a key, a
		// letter of a text): those must leave a usable index.
		rejected := 0
		for i := range file {
			for _, bit := range []byte{1 << (i % 8)} {
				bad := slices.Clone(file)
				bad[i] ^= bit
				x, err := Load(bytes.NewReader(bad))
				if err != nil {
					rejected++
					continue
				}
				useLoaded(x)
			}
		}
		t.Logf("texts kept %v: %d bytes, %d of %d flips rejected", keep, len(file), rejected, len(file))
	}
	for _, c := range []struct{ file, want string }{
		{"", "truncated"},
		{"CPSUGIDY\x01\x00\x00\x00", "not a suggestion index"},
		{"CPSUGIDX\x03\x00\x00\x00\x00\x00\x00\x00", "version 3"}, // a version other than saveVersion
	} {
		if _, err := Load(strings.NewReader(c.file)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.file, err, c.want)
		}
	}
	if _, err := Load(errReader{}); !errors.Is(err, errNoPiece) {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errNoPiece }

// tinySave is the file of an index of a few sentences, with a removed
// piece: the fuzzer's minimiser, which tries the target once per byte
// removed, spends its time budget on a larger seed.
func tinySave(t testing.TB, keepTexts bool) []byte {
	docs := []Doc{
		{PieceID: "a", Text: "Background. " + point},
		{PieceID: "b", Text: "Freight on the Middle Corridor doubled.\n\nPorts struggle."},
		{PieceID: "c", Text: "Gone."},
	}
	x := NewIndex()
	if !keepTexts {
		x.SetPieceTexts(newStore(docs).text)
	}
	x.Add(docs...)
	x.Remove("c")
	return saved(t, x)
}

// FuzzLoad loads damaged files: Load must never panic, and an index it
// accepts must be usable and save to a file that loads back the same.
func FuzzLoad(f *testing.F) {
	f.Add(tinySave(f, true))
	f.Add(tinySave(f, false))
	f.Add(saved(f, NewIndex()))
	f.Fuzz(func(t *testing.T, file []byte) {
		x, err := Load(bytes.NewReader(file))
		if err != nil {
			return
		}
		again := saved(t, x)
		if _, err := Load(bytes.NewReader(again)); err != nil {
			t.Fatalf("a loaded index saves to a file Load rejects: %v", err)
		}
		useLoaded(x)
	})
}

// TestSplitBands checks that bands kept split hold what bands kept whole
// do: the same answers, and the same file.
func TestSplitBands(t *testing.T) {
	g := genNotebook(300, 400, 0.3, 51)
	whole := churnedIndex(g, nil)
	defer func(n int) { splitMin = n }(splitMin)
	splitMin = 64
	split := churnedIndex(g, nil)
	if split.bands[0].dir == nil || whole.bands[0].dir != nil {
		t.Fatal("not the representations meant")
	}
	sameResults(t, whole, split, g, 100)
	file := saved(t, split)
	y, err := Load(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved(t, y), file) {
		t.Fatal("saving the loaded index gives another file")
	}
	sameResults(t, whole, y, g, 100)
	// A compaction renumbers split heads.
	var all []string
	for _, p := range g[:90] {
		all = append(all, p.PieceID)
	}
	for _, x := range []*Index{whole, split, y} {
		x.Remove(all...)
	}
	if len(y.units) != y.live {
		t.Fatal("no compaction")
	}
	if !bytes.Equal(saved(t, split), saved(t, y)) {
		t.Fatal("states differ after a compaction")
	}
	sameResults(t, whole, y, g, 100)
}

// TestSaveConcurrent saves while pieces are added and queried; run it
// with -race. Every file saved must load.
func TestSaveConcurrent(t *testing.T) {
	g := genNotebook(80, 300, 0.3, 61)
	s := newStore(docsOf(g))
	x := NewIndex()
	x.SetPieceTexts(s.text)
	x.Add(docsOf(g[:40])...)
	done := make(chan struct{})
	files := make(chan []byte, 100)
	go func() {
		defer close(files)
		for {
			select {
			case <-done:
				return
			default:
			}
			var b bytes.Buffer
			if err := x.Save(&b); err != nil {
				t.Error(err)
				return
			}
			files <- b.Bytes()
			x.Similar(point, Exclude{}, 3)
		}
	}()
	for _, d := range g[40:] {
		x.Add(d.Doc)
	}
	x.Remove(g[0].PieceID, g[50].PieceID)
	close(done)
	n := 0
	for f := range files {
		if _, err := Load(bytes.NewReader(f)); err != nil {
			t.Fatalf("file %d: %v", n, err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("nothing saved")
	}
}
