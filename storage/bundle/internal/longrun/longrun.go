// Package longrun holds what the long runs of the bundle packages share —
// exports and imports that stream a whole notebook: collecting garbage
// sooner while they run, and noticing a cancel.
package longrun

import (
	"runtime/debug"
	"sync"
)

// Bundles stream hundreds of megabytes through short-lived buffers (zip
// entries, JSON records, Badger's table builders). With Go's default the
// heap grows to twice the live data before it is collected; while a bundle
// is read or written it is collected at 60% growth instead. Measured on the
// paper-size notebook: import peak 534 → 440–453 MB and export 500 →
// 437–448 MB, in about the same time (the collector mostly runs on the
// core the work leaves idle).
const bundleGCPercent = 60

var gcTune struct {
	sync.Mutex
	users int
	old   int
}

// CollectSooner lowers the collector's target until the returned restore
// is called; overlapping exports and imports share one lowering.
func CollectSooner() (restore func()) {
	gcTune.Lock()
	defer gcTune.Unlock()
	if gcTune.users == 0 {
		gcTune.old = debug.SetGCPercent(bundleGCPercent)
		if gcTune.old >= 0 && gcTune.old < bundleGCPercent {
			debug.SetGCPercent(gcTune.old) // already stricter (GOGC): keep it
		}
	}
	gcTune.users++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcTune.Lock()
			defer gcTune.Unlock()
			if gcTune.users--; gcTune.users == 0 {
				debug.SetGCPercent(gcTune.old)
			}
		})
	}
}

// Cancelled reports whether the caller closed c to stop the run.
func Cancelled(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
