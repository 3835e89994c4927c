//go:build unix

package cli

import (
	"strconv"
	"syscall"
)

// limitFileSize sets the process's file-size limit (ulimit -f) to lim
// bytes. Go ignores SIGXFSZ, so a write past it fails with EFBIG rather
// than killing the process.
func limitFileSize(lim string) {
	n, err := strconv.ParseUint(lim, 10, 64)
	if err != nil {
		panic("bad " + childFSizeEnv + ": " + lim)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		panic(err)
	}
}
