package storage

import (
	"log"
	"os"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// badgerOptions sizes Badger for a laptop rather than a server. The defaults
// reserve a 256 MB block cache, five 64 MB memtables and 1 GB value-log
// files; a notebook of 10,000 pieces is about 100 MB on disk, and a command
// line call should start in well under 100 MB of memory.
func badgerOptions(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithSyncWrites(true). // what the user wrote must survive a power cut, not just a kill
		WithMemTableSize(32 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		// A staged import swaps in a copy with many level-0 tables (see
		// stagingOptions): writes must not stall on them while compaction
		// catches up in the background.
		WithNumLevelZeroTablesStall(32).
		WithBaseTableSize(2 << 20).
		WithBaseLevelSize(8 << 20).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		// Badger makes each value-log file twice this size up front (a
		// sparse file, trimmed on close): after a crash it stands at that
		// size until the next open, and sync and backup tools copy it
		// whole. Small, then, but large enough for the largest value.
		WithValueLogFileSize(valueLogFileSize).
		// Piece texts above this go to the value log, keeping the LSM tree
		// (and so listing and index scans) small.
		WithValueThreshold(16 << 10).
		// Compression needs a non-zero block cache (Open panics otherwise).
		WithCompression(options.Snappy).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(8 << 20).
		WithMetricsEnabled(false).
		// Each close flushes the memtable into a new level-0 table, and a
		// command-line call closes after one write, long before Badger's
		// background compaction would merge them: a thousand calls left
		// a thousand tables, and opening slowed with each. Compacting
		// level 0 on close merges it into the tables around its keys, for
		// about 15 ms per call on a 10,000-piece notebook; Store.tidy
		// handles the sessions whose keys fall among no table.
		WithCompactL0OnClose(true).
		WithLogger(quietLogger{})
}

// valueLogFileSize is Badger's ValueLogFileSize (see badgerOptions).
const valueLogFileSize = 32 << 20

// stagingOptions are badgerOptions for the copy a staged import writes,
// trimmed for a bulk load that keeps flushing and compacting: Badger
// builds each table whole in memory, so tables are smaller, and not
// compressed (compressing holds a second copy of every block while the
// table is built). The manifest records each table's compression, so the
// notebook opens the copy with its usual options and compresses the
// tables as compaction rewrites them. Bulk commits (bulkBytes) stay well
// inside the smaller transaction limit (a share of the memtable). Commits
// are not synced one by one: a crash part-way discards the copy anyway,
// and Staged syncs it once before swapping it in. Level 0 may grow to 16
// tables before it is compacted: a bulk load otherwise spends a third of
// its time rewriting the same data from level to level (measured: a
// 110,000-item import 31 s → 22–25 s, peak memory 800 → 520 MB).
func stagingOptions(dir string) badger.Options {
	return badgerOptions(dir).WithMemTableSize(16 << 20).WithCompression(options.None).WithSyncWrites(false).
		WithNumLevelZeroTables(16).WithNumLevelZeroTablesStall(32)
}

// quietLogger drops Badger's messages: its errors come back from the call
// that failed as well, where they are put in words (writeProblem), and
// its logs would print raw multi-line reports on the command line — and
// may quote stored bytes. COMMONPLACE_DEBUG=1 passes warnings and errors
// on to the standard log, for a bug report.
type quietLogger struct{}

var badgerDebug = os.Getenv("COMMONPLACE_DEBUG") != ""

func (quietLogger) Errorf(f string, a ...any) {
	if badgerDebug {
		log.Printf("badger: "+f, a...)
	}
}

func (quietLogger) Warningf(f string, a ...any) {
	if badgerDebug {
		log.Printf("badger: "+f, a...)
	}
}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
