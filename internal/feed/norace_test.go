//go:build !race

package feed

// raceDetector reports that the tests run under the race detector, which
// slows parsing several times over.
const raceDetector = false
