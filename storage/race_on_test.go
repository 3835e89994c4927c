//go:build race

package storage

// raceEnabled tells tests the race detector is on, to size their data.
const raceEnabled = true
