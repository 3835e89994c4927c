package search

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

// saveLoad saves e and loads the result.
func saveLoad(t testing.TB, e *Engine) (*Engine, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Save(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	got, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return got, data
}

// probeQueries are the questions a round trip must answer alike: typed
// queries with every keystroke prefix, filters, phrases and exclusions.
func probeQueries() []string {
	var qs []string
	for _, q := range typedQueries {
		qs = append(qs, prefixes(q)...)
	}
	return append(qs, pickerQueries...) // typed ones
}

var filterQueries = []string{
	"", `"security forces" checkpoint`, `china -security`, `kind:passage kind:note wakhan`,
	`tag:europe tag:china prison`, `author:sat china`, `-kind:piece afghan`, `before:2015 after:2010 rail`,
	`xyzzy china`, `rel:supports`, `-rel:cites kind:claim`, `outlet:steppe security`, `piece:p00007`,
	`-"security forces" police`, `a`, `kind:other`, `tag:todo`, `monolith`,
}

// sameAnswers checks that a and b give identical Results, hit order,
// scores, excerpts and highlights included, for the queries, fresh and
// in sessions typed keystroke by keystroke.
func sameAnswers(t *testing.T, what string, a, b *Engine, queries []string) {
	t.Helper()
	for _, qs := range queries {
		q, _ := Parse(qs)
		ra, rb := a.Search(q, 20), b.Search(q, 20)
		ra.Took, rb.Took = 0, 0
		if !reflect.DeepEqual(ra, rb) {
			t.Fatalf("%s: %q differs:\n a %d %v\n b %d %v", what, qs, ra.Total, ids(ra), rb.Total, ids(rb))
		}
	}
	for _, qs := range typedQueries[:6] {
		sa, sb := a.NewSession(), b.NewSession()
		for _, p := range prefixes(qs) {
			ra, _ := sa.Search(p, 10)
			rb, _ := sb.Search(p, 10)
			ra.Took, rb.Took = 0, 0
			if !reflect.DeepEqual(ra, rb) {
				t.Fatalf("%s: session %q differs: %v vs %v", what, p, ids(ra), ids(rb))
			}
		}
	}
}

// sameState checks that two engines hold the same index, as far as
// anything reads it: nil and empty slices are alike, and the caches and
// workers that are rebuilt on demand are left out.
func sameState(t *testing.T, what string, a, b *Engine) {
	t.Helper()
	norm := func(e *Engine) map[string]any {
		post := make([]postingList, len(e.post))
		for i, pl := range e.post {
			if len(pl.docs) > 0 {
				post[i] = pl
			}
		}
		recs := slices.Clone(e.recs)
		for i := range recs {
			r := &recs[i]
			if len(r.lists) == 0 {
				r.lists = nil
			}
			if len(r.interned) == 0 {
				r.interned = nil
			}
			if len(r.stream) == 0 {
				r.stream = nil
			}
		}
		return map[string]any{
			"words": e.voc.words, "masks": e.voc.masks, "lens": e.voc.lens, "order": e.voc.wordOrder(),
			"post": post, "ids": e.ids, "recs": recs, "kinds": e.kinds, "titleLen": e.titleLen,
			"textLen": e.textLen, "titleNorm": e.titleNorm, "textNorm": e.textNorm, "initials": e.initials,
			"date": e.date, "day": e.day, "recencyF": e.recencyF, "recencyOf": e.recencyOf,
			"norms": [2]float32{e.normTitle, e.normText}, "tagIDs": e.tagIDs, "relIDs": e.relIDs,
			"counts": [4]int64{int64(e.live), int64(e.holes), e.titleTotal, e.textTotal},
			"maxDay": e.maxDay, "version": e.version,
		}
	}
	na, nb := norm(a), norm(b)
	for k := range na {
		if !reflect.DeepEqual(na[k], nb[k]) {
			t.Fatalf("%s: %s differs", what, k)
		}
	}
}

// relevanceEngine is the small generated notebook with the relevance
// set's planted items, and an item of a kind the engine does not know.
func relevanceEngine(t testing.TB) (*Engine, relevanceFile) {
	f, planted := loadRelevance(t)
	e := New()
	e.Add(generated(smallConfig)...)
	e.Add(planted...)
	e.Add(Doc{ID: "", Kind: "other", Title: "An item of no known kind", Text: "with an empty id", Tags: []string{""}})
	return e, f
}

func TestSaveLoadAnswersAlike(t *testing.T) {
	e, f := relevanceEngine(t)
	got, data := saveLoad(t, e)
	queries := append(probeQueries(), filterQueries...)
	for _, c := range f.Queries {
		queries = append(queries, c.Q)
	}
	sameAnswers(t, "loaded", e, got, queries)
	sameState(t, "loaded", e, got)
	if got.Len() != e.Len() {
		t.Errorf("Len %d, want %d", got.Len(), e.Len())
	}
	// A reader that does not know its length is read in chunks.
	chunked, err := Load(struct{ io.Reader }{iotest.HalfReader(bytes.NewReader(data))})
	if err != nil {
		t.Fatal(err)
	}
	sameState(t, "loaded in chunks", e, chunked)
	if _, err := Load(iotest.ErrReader(io.ErrClosedPipe)); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("a failing reader gave %v", err)
	}
	// A loaded engine saves to the same bytes.
	var again bytes.Buffer
	if err := got.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Errorf("saving the loaded engine gave %d different bytes, want the %d saved", again.Len(), len(data))
	}
}

// TestEditsAfterLoad applies the same edits to an engine and to its saved
// and loaded copy: replacing items, adding new ones (new words among
// them), and removing enough to compact; the two must stay alike.
func TestEditsAfterLoad(t *testing.T) {
	docs := generated(smallConfig)
	orig := New()
	orig.Add(docs...)
	loaded, _ := saveLoad(t, orig)
	queries := append(probeQueries()[:80], filterQueries...)
	queries = append(queries, "zqxjv", "blorptastic wakhan")

	// Each engine has its own generator, from the same seed, so both see
	// the same docs.
	gens := map[*Engine]*generator{orig: newGenerator(11), loaded: newGenerator(11)}
	edit := func(e *Engine, step int) {
		g := gens[e]
		switch step {
		case 0: // replace a piece and a passage, add new words
			p, a := docs[11*30], docs[11*30+1]
			p.Text = g.text(300) + " zqxjv blorptastic"
			a.Title = "blorptastic corridor"
			e.Add(p, a)
		case 1: // a bulk add of new items, tags and relations
			var more []Doc
			for i := range 300 {
				more = append(more, Doc{ID: fmt.Sprintf("new%03d", i), Kind: KindNote, Title: g.phrase(4),
					Text: g.text(40), Tags: []string{"brand new tag"}, Rels: []string{"refutes"}, Updated: day("2027-01-02")})
			}
			e.Add(more...)
		case 2: // remove a third, which compacts
			var gone []string
			for i, d := range docs {
				if i%3 == 0 {
					gone = append(gone, d.ID)
				}
			}
			e.Remove(gone...)
		}
	}
	for step := range 3 {
		edit(orig, step)
		edit(loaded, step)
		sameAnswers(t, fmt.Sprintf("after edit %d", step), orig, loaded, queries)
		if step == 0 {
			// Later, a bulk Add tokenises on several cores, which give
			// new words their ids in whatever order they finish: two
			// engines then differ in ids but not in answers.
			sameState(t, "after edit 0", orig, loaded)
		}
	}
	if orig.holes != 0 {
		t.Fatalf("the removals did not compact: %d holes", orig.holes)
	}
}

// TestSaveLoadTexts: pieces and passages added with a keeper of texts
// have no texts, quotes or notes in the saved engine; the loaded one reads
// them from the keeper set after Load and answers the same, phrases and
// excerpts included.
func TestSaveLoadTexts(t *testing.T) {
	docs := generated(smallConfig)
	keeper := textsOf(docs)
	e := New()
	e.SetTexts(keeper)
	e.Add(docs...)
	var buf bytes.Buffer
	if err := e.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(docs[0].Text[:200])) {
		t.Fatal("the save holds a piece's text")
	}
	for _, d := range docs {
		if d.Kind == KindPassage && len(d.Title) > 40 && bytes.Contains(buf.Bytes(), []byte(d.Title)) {
			t.Fatalf("the save holds a passage's quote %q", d.Title)
		}
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got.SetTexts(keeper)
	sameAnswers(t, "piece texts", e, got, append(probeQueries()[:60], filterQueries...))
}

func TestEachID(t *testing.T) {
	e := small()
	e.Remove("n2")
	got, _ := saveLoad(t, e)
	for _, eng := range []*Engine{e, got} {
		seen := map[string]Kind{}
		eng.EachID(func(id string, k Kind) bool { seen[id] = k; return true })
		want := map[string]Kind{"p1": KindPiece, "a1": KindPassage, "p2": KindPiece, "a2": KindPassage, "c1": KindClaim, "n1": KindNote, "n3": KindNote}
		if !reflect.DeepEqual(seen, want) {
			t.Errorf("EachID gave %v, want %v", seen, want)
		}
		calls := 0
		eng.EachID(func(string, Kind) bool { calls++; return calls < 3 })
		if calls != 3 {
			t.Errorf("EachID went on after false: %d calls", calls)
		}
	}
}

// smallSave is the saved form of the hand-made notebook, with an item of
// an unknown kind, a removed item and a replaced one, so that every
// section of the format has something in it.
func smallSave(t testing.TB) []byte {
	e := small()
	e.Add(Doc{ID: "o1", Kind: "other", Title: "odd one", Text: "other kinds count too", LinkNotes: []string{"a link note"}})
	e.Remove("n2")
	e.Add(Doc{ID: "n3", Kind: KindNote, Title: "Quote", Text: "Not a monolith, says Beijing.", Tags: []string{"quotes"}})
	var buf bytes.Buffer
	if err := e.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoadRejectsTruncated(t *testing.T) {
	data := smallSave(t)
	for n := range len(data) {
		if _, err := Load(bytes.NewReader(data[:n])); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("cut to %d of %d bytes: err %v, want ErrCorrupt", n, len(data), err)
		}
	}
	if _, err := Load(bytes.NewReader(append(slices.Clone(data), 0))); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "after the end") {
		t.Errorf("trailing byte: err %v", err)
	}
	other := slices.Clone(data)
	other[len(saveMagic)]++
	if _, err := Load(bytes.NewReader(other)); !errors.Is(err, ErrFormat) {
		t.Errorf("another format version: err %v, want ErrFormat", err)
	}
}

// TestLoadSurvivesFlippedBytes flips every byte of a small save in a few
// ways. Without a checksum many flips still load (a letter of a title, a
// float, a date); the engines they give must work and save again, and a
// flip of the magic or format is always refused.
func TestLoadSurvivesFlippedBytes(t *testing.T) {
	data := smallSave(t)
	caught, tried := 0, 0
	for i := range data {
		for _, x := range []byte{0x01, 0xff} {
			bad := slices.Clone(data)
			bad[i] ^= x
			tried++
			e, err := Load(bytes.NewReader(bad))
			if err != nil {
				caught++
				continue
			}
			if i < len(saveMagic)+4 {
				t.Fatalf("byte %d ^ %#x: a broken header loaded", i, x)
			}
			useLoaded(e)
			var buf bytes.Buffer
			if err := e.Save(&buf); err != nil {
				t.Fatal(err)
			}
			if _, err := Load(&buf); err != nil {
				t.Fatalf("byte %d ^ %#x loaded, but its engine's save does not: %v", i, x, err)
			}
		}
	}
	t.Logf("%d of %d flips refused", caught, tried)
}

// useLoaded exercises everything that reads a loaded engine's state, so
// that a save Load accepted but that breaks an invariant panics here.
func useLoaded(e *Engine) {
	for _, qs := range []string{"china", "chin", "c", "afgh secrity", `"security role"`, "-china kind:note", "tag:china", "piece:p1", "author:sat", "rel:supports monolith", ""} {
		q, _ := Parse(qs)
		e.Search(q, 5)
	}
	s := e.NewSession()
	for _, p := range prefixes("taliban monolith") {
		s.Search(p, 5)
	}
	var some []string
	e.EachID(func(id string, _ Kind) bool { some = append(some, id); return len(some) < 3 })
	e.Remove(some...)
	e.Add(Doc{ID: "fresh", Kind: KindNote, Title: "china security", Text: "a new note on the monolith", Tags: []string{"china"}})
	q, _ := Parse("china")
	e.Search(q, 5)
	var buf bytes.Buffer
	e.Save(&buf)
}

func FuzzLoad(f *testing.F) {
	f.Add(smallSave(f))
	var buf bytes.Buffer
	New().Save(&buf)
	f.Add(bytes.Clone(buf.Bytes()))
	buf.Reset()
	e := New()
	e.Add(Doc{ID: "a", Kind: KindPiece, Title: "北京 Sátbayeva", Text: "Ça va? a a b", Tags: []string{"x"}, Rels: []string{"cites"}})
	e.Save(&buf)
	f.Add(bytes.Clone(buf.Bytes()))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v wraps neither ErrCorrupt nor ErrFormat", err)
			}
			return
		}
		// What loads saves to a form that loads to the same bytes again.
		var once, twice bytes.Buffer
		if err := e.Save(&once); err != nil {
			t.Fatal(err)
		}
		again, err := Load(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("a loaded engine's save does not load: %v", err)
		}
		again.Save(&twice)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatal("save, load, save changed the bytes")
		}
		useLoaded(e)
	})
}

func TestValidStream(t *testing.T) {
	ids := []uint32{1, 127, 128, 300, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1 << 20}
	good := encodeStream(ids)
	for _, c := range []struct {
		name   string
		stream []byte
		words  int
		want   bool
	}{
		{"every id known", good, 1<<20 + 1, true},
		{"the ids above, counted", good, 1<<30 + 1, true},
		{"an id too large", good, 1 << 20, false},
		{"empty", nil, 1, true},
		{"a zero among eight plain bytes", []byte{1, 2, 3, 0, 5, 6, 7, 8, 9}, 200, false},
		{"a zero in a word of one-byte ids", []byte{1, 2, 3, 4, 5, 6, 7, 0}, 200, false},
		{"cut in a varint", good[:len(good)-1], 1<<20 + 1, false},
		{"six bytes", []byte{0x81, 0x81, 0x81, 0x81, 0x81, 0x01}, 1 << 30, false},
		{"one-byte ids past a small vocabulary", []byte{1, 2, 3, 4, 5, 6, 7, 9}, 9, false},
	} {
		n, got := validStream(c.stream, c.words)
		if got != c.want {
			t.Errorf("%s: validStream = %v", c.name, got)
		}
		if got && n != len(decodeStream(c.stream, nil, 0, -1)) {
			t.Errorf("%s: validStream counted %d ids", c.name, n)
		}
	}
}

// TestSaveWhileAdding saves an engine again and again while another
// goroutine builds, edits and compacts it: whatever state a save catches
// between two Adds must load. Run with -race.
func TestSaveWhileAdding(t *testing.T) {
	docs := generated(smallConfig)
	e := New()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < len(docs); i += 500 {
			e.Add(docs[i:min(i+500, len(docs))]...)
		}
		var gone []string
		for i := 0; i < len(docs); i += 3 {
			gone = append(gone, docs[i].ID)
		}
		e.Remove(gone...)
		e.Add(Doc{ID: "late", Kind: KindNote, Title: "a word never seen: quixotry"})
	}()
	check := func() *Engine {
		var buf bytes.Buffer
		if err := e.Save(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := Load(&buf)
		if err != nil {
			t.Fatalf("a save taken during a build does not load: %v", err)
		}
		return got
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			check()
		}
	}
	sameAnswers(t, "after the build", e, check(), append(filterQueries, "quixotry", "chin", "afgh secrity"))
}

// stallingWriter blocks its first Write until release is closed.
type stallingWriter struct {
	writing, release chan struct{}
	once             sync.Once
}

func (w *stallingWriter) Write(p []byte) (int, error) {
	w.once.Do(func() {
		close(w.writing)
		<-w.release
	})
	return len(p), nil
}

// TestSearchDuringSaveWithWriterWaiting: while a save is being written
// and an Add waits for it, searches still run. Were the Add queued on the
// engine's lock, this search would wait for the save, which waits for the
// search: the test would hang.
func TestSearchDuringSaveWithWriterWaiting(t *testing.T) {
	e := small()
	w := &stallingWriter{writing: make(chan struct{}), release: make(chan struct{})}
	saved := make(chan error)
	go func() { saved <- e.Save(w) }()
	<-w.writing
	added := make(chan struct{})
	go func() {
		e.Add(Doc{ID: "new", Kind: KindNote, Text: "written during a save"})
		close(added)
	}()
	for range 100 {
		runtime.Gosched() // let the Add reach its lock
	}
	if got := ids(search(e, "monolith")); !slices.Equal(got, []string{"n2", "n3"}) && !slices.Equal(got, []string{"n3", "n2"}) {
		t.Errorf("search during a save found %v", got)
	}
	close(w.release)
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
	<-added
	if got := ids(search(e, "written")); !slices.Equal(got, []string{"new"}) {
		t.Errorf("the Add that waited for the save: %v", got)
	}
}
