//go:build !unix

package cli

// limitFileSize is for unix only, where the tests that use it run.
func limitFileSize(string) {}
