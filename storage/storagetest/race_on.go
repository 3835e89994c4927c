//go:build race

package storagetest

// RaceEnabled tells tests the race detector is on, to size their data:
// it makes a test of 50 MB texts take minutes and gigabytes.
const RaceEnabled = true
