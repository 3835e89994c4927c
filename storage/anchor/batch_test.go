package anchor

import (
	"sync"
	"testing"
)

// A Text is shared by the GUI and storage goroutines; its lazy indexes must
// be safe to build from several at once (run with -race where cgo allows).
func TestConcurrentUse(t *testing.T) {
	c := makeCorpus(3, 6000)
	sels := c.annotations(4, 100)
	nt := NewText(insertedParagraph + "\n\n" + c.text)
	want := nt.ResolveAll(sels)
	nt = NewText(insertedParagraph + "\n\n" + c.text)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		nt.useSuffixArray() // as a large batch would, while others search
	}()
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := nt.ResolveAll(sels)
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("selector %d: %+v, want %+v", i, got[i], want[i])
					return
				}
			}
			for i, sel := range sels[:10] {
				if res := nt.Resolve(sel); res.Start != want[i].Start || res.End != want[i].End {
					t.Errorf("Resolve %d: %+v, want %+v", i, res, want[i])
				}
			}
		}()
	}
	wg.Wait()
}
