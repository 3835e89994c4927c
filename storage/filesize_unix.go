//go:build unix

package storage

import "golang.org/x/sys/unix"

// fileSizeLimit is the largest file this process may write (ulimit -f),
// if it is limited.
func fileSizeLimit() (int64, bool) {
	var r unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_FSIZE, &r); err != nil || r.Cur == unix.RLIM_INFINITY {
		return 0, false
	}
	return int64(r.Cur), true
}
