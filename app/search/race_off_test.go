//go:build !race

package search

// raceEnabled tells tests the race detector is on, to size their data.
const raceEnabled = false
