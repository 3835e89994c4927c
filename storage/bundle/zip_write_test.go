package bundle

import (
	"bytes"
	"testing"
)

// TestChunksKeepEveryByte writes across chunk boundaries.
func TestChunksKeepEveryByte(t *testing.T) {
	var c chunks
	var want []byte
	for i, n := range []int{0, 1, chunkBytes - 1, 2, chunkBytes, 3*chunkBytes + 5, 7} {
		p := bytes.Repeat([]byte{byte(i)}, n)
		c.Write(p)
		want = append(want, p...)
	}
	if got := bytes.Join(c.list, nil); c.size != len(want) || !bytes.Equal(got, want) {
		t.Fatalf("kept %d bytes (size %d), want %d", len(got), c.size, len(want))
	}
	for _, l := range c.list[:len(c.list)-1] {
		if len(l) != chunkBytes {
			t.Fatalf("a chunk of %d bytes before the last", len(l))
		}
	}
}
