//go:build !unix

package storage

// fileSizeLimit: only Unix limits the size of the files a process writes.
func fileSizeLimit() (int64, bool) { return 0, false }
