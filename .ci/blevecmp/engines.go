package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"commonplace/app/search"
	"commonplace/storage"

	"github.com/blevesearch/bleve/v2"
)

// measurement is what one child process reports for one engine.
type measurement struct {
	Engine  string
	Items   int
	ReadMS  float64 // reading the items from the store; not part of build
	BuildMS float64 // indexing them (bleve: until the last batch returned)
	// bleve only: Close (flushing what is still in memory), then Open of
	// the closed index, as an app starting again would.
	PersistMS, OpenMS float64
	AfterBuild        memory // the engine's own, over the store-open baseline, items dropped
	AfterOpen         memory // bleve only: the reopened index, before any query
	DiskMB            float64
	Segments          int // bleve: .zap segment files left on disk
	Latencies         []float64
	// Found counts the typed queries whose whole text finds something: a
	// check that both engines answer the same questions, not a score.
	Found int
	// Ignored lists the typed queries in which Commonplace left out words
	// that match nothing in the notebook; bleve's conjunction finds
	// nothing for them instead.
	Ignored []string
	// Saved is set when the engine was serialized (Commonplace, once
	// search.Engine has Save): PersistMS and DiskMB are then the Save's.
	Saved bool
}

// measureCommonplace builds app/search's engine as the app does (pieces'
// texts left in the store, SetPieceTexts) and types the queries into it.
func measureCommonplace(s *storage.Store, base memory) (measurement, error) {
	m := measurement{Engine: "commonplace"}
	start := time.Now()
	docs, err := notebookDocs(s)
	if err != nil {
		return m, err
	}
	m.ReadMS, m.Items = ms(time.Since(start)), len(docs)
	start = time.Now()
	e := search.New()
	e.SetPieceTexts(s.PieceTextNoWait)
	e.Add(docs...)
	m.BuildMS = ms(time.Since(start))
	docs = nil
	m.AfterBuild = measureMemory().minus(base)
	m.Latencies = typeAll(func() func(string) {
		session := e.NewSession()
		return func(prefix string) { session.Search(prefix, 20) }
	})
	for _, q := range typedQueries {
		r, _ := e.NewSession().Search(q, 20)
		if len(r.Hits) > 0 {
			m.Found++
		}
		if len(r.Ignored) > 0 {
			m.Ignored = append(m.Ignored, fmt.Sprintf("%q leaves out %s", q, strings.Join(r.Ignored, ", ")))
		}
	}
	return m, saveCommonplace(e, &m)
}

// engineSaver is (*search.Engine).Save where it exists. It is asserted at
// run time, not called directly, so this benchmark builds on a tree where
// the engine has no serialized form yet (then it is rebuilt from the store
// at every start and has nothing on disk, which is what is reported).
type engineSaver interface{ Save(w io.Writer) error }

func saveCommonplace(e *search.Engine, m *measurement) error {
	saver, ok := any(e).(engineSaver)
	if !ok {
		return nil
	}
	f, err := os.CreateTemp("", "blevecmp-engine-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	start := time.Now()
	w := bufio.NewWriter(f)
	if err := saver.Save(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	m.PersistMS = ms(time.Since(start))
	info, err := f.Stat()
	if err != nil {
		return err
	}
	m.DiskMB, m.Saved = mb(uint64(info.Size())), true
	return nil
}

// bleveBatchSize is the batch a bleve user is told to use for bulk loads.
const bleveBatchSize = 1000

// buildBleve indexes docs into a new scorch index in dir.
func buildBleve(dir string, docs []search.Doc) (bleve.Index, error) {
	im, err := bleveMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.New(dir, im)
	if err != nil {
		return nil, err
	}
	for lo := 0; lo < len(docs); lo += bleveBatchSize {
		b := idx.NewBatch()
		for i := lo; i < min(lo+bleveBatchSize, len(docs)); i++ {
			if err := b.Index(docs[i].ID, bleveDoc(&docs[i])); err != nil {
				idx.Close()
				return nil, err
			}
		}
		if err := idx.Batch(b); err != nil {
			idx.Close()
			return nil, err
		}
	}
	return idx, nil
}

// measureBleve builds the bleve index in a temp dir, closes and reopens
// it, and types the queries into the reopened index.
func measureBleve(s *storage.Store, base memory) (measurement, error) {
	m := measurement{Engine: "bleve"}
	start := time.Now()
	docs, err := notebookDocs(s)
	if err != nil {
		return m, err
	}
	m.ReadMS, m.Items = ms(time.Since(start)), len(docs)
	tmp, err := os.MkdirTemp("", "blevecmp-index-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "index")
	start = time.Now()
	idx, err := buildBleve(dir, docs)
	if err != nil {
		return m, err
	}
	m.BuildMS = ms(time.Since(start))
	docs = nil
	m.AfterBuild = measureMemory().minus(base)
	start = time.Now()
	if err := idx.Close(); err != nil {
		return m, err
	}
	m.PersistMS = ms(time.Since(start))
	bytes, segments := dirSize(dir, ".zap")
	m.DiskMB, m.Segments = mb(uint64(bytes)), segments
	start = time.Now()
	idx, err = bleve.Open(dir)
	if err != nil {
		return m, err
	}
	defer idx.Close()
	m.OpenMS = ms(time.Since(start))
	// scorch's Batch returns only once its segment is persisted (the
	// default, unsafe_batch off), so the reopened index must hold all.
	if n, err := idx.DocCount(); err != nil || int(n) != m.Items {
		return m, fmt.Errorf("reopened index holds %d items of %d (%v)", n, m.Items, err)
	}
	m.AfterOpen = measureMemory().minus(base)
	var searchErr error
	m.Latencies = typeAll(func() func(string) {
		return func(prefix string) {
			q, _ := search.Parse(prefix) // a *SyntaxError is only a hint
			if _, err := idx.Search(bleveRequest(q, 20)); err != nil && searchErr == nil {
				searchErr = fmt.Errorf("%q: %w", prefix, err)
			}
		}
	})
	for _, q := range typedQueries {
		pq, _ := search.Parse(q)
		if r, err := idx.Search(bleveRequest(pq, 20)); err == nil && len(r.Hits) > 0 {
			m.Found++
		}
	}
	return m, searchErr
}

// runChild measures one engine on the notebook in dir, in a process of
// its own so that heap, RSS and peak RSS are that engine's alone.
func runChild(engine, dir string) (measurement, error) {
	s, err := storage.Open(dir)
	if err != nil {
		return measurement{}, err
	}
	defer s.Close()
	base := measureMemory()
	switch engine {
	case "commonplace":
		return measureCommonplace(s, base)
	case "bleve":
		return measureBleve(s, base)
	}
	return measurement{}, fmt.Errorf("unknown engine %q", engine)
}
