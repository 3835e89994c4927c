package ui

import "testing"

func TestHeapGrowthPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{20 << 20, 100},  // a small notebook keeps the default
		{128 << 20, 50},  // 64 MiB of headroom
		{256 << 20, 25},  // a quarter
		{1200 << 20, 25}, // a quarter, however large
		{64 << 20, 100},  // headroom = live
		{100 << 20, 64},  // 64 MiB over 100
	} {
		if got := heapGrowthPercent(c.live); got != c.want {
			t.Errorf("live %d MiB: GOGC %d, want %d", c.live>>20, got, c.want)
		}
	}
}
