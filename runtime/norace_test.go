//go:build !race

package runtime

// raceEnabled reports whether the race detector is on, which makes
// testing.AllocsPerRun unreliable.
const raceEnabled = false
